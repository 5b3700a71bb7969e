import { Alert, Button, Card, Flex, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../shared/api/errors';
import { LoadFailed } from '../../shared/ui/load-states';
import { useSealNow, useVerify, useVerifyFull } from './api';

/**
 * Whether the sealed audit chain is intact (GET /audit/verify, from the last verified checkpoint; or
 * from the first row on request) and "seal now" for what has settled since the last sealing job.
 */
export function ChainStatus() {
  const { t } = useTranslation('audit');
  const message = useErrorMessage();
  const full = useVerifyFull();
  const seal = useSealNow();
  return (
    <Card title={<h2 className="card-title">{t('chain.title')}</h2>} className="audit-chain">
      <Verdict />
      {seal.data && (
        <Typography.Paragraph className="audit-sealed" role="status">
          {t('chain.sealed', { count: seal.data.sealed, last: seal.data.lastSealedId ?? '—' })}
        </Typography.Paragraph>
      )}
      {(seal.isError || full.isError) && <Alert type="error" showIcon role="alert" title={message(seal.error ?? full.error)} />}
      <Flex gap="small" wrap className="audit-chain-actions">
        <Button onClick={() => full.mutate()} loading={full.isPending}>
          {t('chain.verifyFull')}
        </Button>
        <Button type="primary" onClick={() => seal.mutate()} loading={seal.isPending}>
          {t('chain.sealNow')}
        </Button>
      </Flex>
    </Card>
  );
}

/** The last verification's answer: intact (how much was checked), or where and how the chain breaks. */
function Verdict() {
  const { t } = useTranslation('audit');
  const verify = useVerify();
  if (verify.isPending) return <Skeleton active paragraph={{ rows: 1 }} />;
  if (verify.isError) return <LoadFailed error={verify.error} retry={() => void verify.refetch()} />;
  const result = verify.data;
  if (!result.ok) {
    return <Alert type="error" showIcon role="alert" title={t('chain.broken', { id: result.firstBrokenId ?? '—' })} description={t(`chain.problem.${result.problem ?? 'hash_mismatch'}`)} />;
  }
  return (
    <Alert
      type="success"
      showIcon
      role="status"
      title={t('chain.intact')}
      description={t('chain.checked', { count: result.checked, from: result.fromId, last: result.lastSealedId ?? '—' })}
    />
  );
}
