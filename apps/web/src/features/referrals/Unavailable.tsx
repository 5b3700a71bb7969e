import { Alert, Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError } from '../../shared/api/client';
import { useErrorMessage } from '../../shared/api/errors';

/**
 * A load that failed: a 4xx (missing, or not this organisation's — the server answers 404 for both)
 * is a "not found" page in the catalogue's words; anything else is an error with "try again".
 */
export function Unavailable({ error, retry }: { error: unknown; retry: () => void }) {
  const { t } = useTranslation(['referrals', 'common']);
  const message = useErrorMessage();
  const navigate = useNavigate();
  if (error instanceof ApiError && error.problem.status < 500 && error.problem.status !== 401) {
    return (
      <Result
        status="404"
        title={<h1 className="referrals-unavailable-title">{t('referrals:notFound.title')}</h1>}
        subTitle={<span role="alert">{message(error)}</span>}
        extra={
          <Button type="primary" onClick={() => navigate('/referrals')}>
            {t('referrals:notFound.back')}
          </Button>
        }
      />
    );
  }
  return <LoadFailed error={error} retry={retry} />;
}

/** An error in the catalogue's words with "try again" (a list, a table, a card that could not load). */
export function LoadFailed({ error, retry }: { error: unknown; retry: () => void }) {
  const { t } = useTranslation('common');
  const message = useErrorMessage();
  return <Alert type="error" showIcon title={message(error)} action={<Button onClick={retry}>{t('retry')}</Button>} />;
}
