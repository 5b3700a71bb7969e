import { Alert } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { invalidateCase } from '../cases/api/case';
import { breakGlassUntil } from './api';
import { TimeLeft } from './TimeLeft';
import './health.css';

/**
 * On a case this user opened through break-glass (on this device): how long it stays open and what the
 * window does not allow. When it ends, the case is read afresh — the server then answers "not found".
 */
export function BreakGlassBanner({ childId }: { childId: string }) {
  const { t } = useTranslation('health');
  const queryClient = useQueryClient();
  const until = breakGlassUntil(childId);
  const ended = useCallback(() => void invalidateCase(queryClient, childId), [queryClient, childId]);
  if (!until) return null;
  return (
    <Alert
      type="warning"
      showIcon
      className="break-glass-banner"
      title={
        <span>
          {t('banner.title')} · <TimeLeft until={until} onEnd={ended} />
        </span>
      }
      description={t('banner.limits')}
    />
  );
}
