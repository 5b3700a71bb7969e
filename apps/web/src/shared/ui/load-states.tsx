import { Alert, Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { useErrorMessage } from '../api/errors';
import './load-states.css';

/** A load that failed, in the error catalogue's words, with "try again" (a page, a list, a card). */
export function LoadFailed({ error, retry }: { error: unknown; retry: () => void }) {
  const { t } = useTranslation('common');
  const message = useErrorMessage();
  return <Alert type="error" showIcon title={message(error)} action={<Button onClick={retry}>{t('retry')}</Button>} />;
}

/**
 * A record that could not be opened. A 4xx is "not found or not yours" — the server answers 404 for a
 * record that does not exist and for one this user may not see, and the page must not tell them apart
 * either — titled by the screen, in the catalogue's words, with the ways on (`actions`). Anything else
 * (the network, a 5xx) may pass: LoadFailed, with "try again".
 */
export function Unavailable({ error, retry, title, actions }: { error: unknown; retry: () => void; title: string; actions: ReactNode[] }) {
  const message = useErrorMessage();
  if (error instanceof ApiError && error.problem.status < 500 && error.problem.status !== 401) {
    return <Result status="404" title={<h1 className="unavailable-title">{title}</h1>} subTitle={<span role="alert">{message(error)}</span>} extra={actions} />;
  }
  return <LoadFailed error={error} retry={retry} />;
}
