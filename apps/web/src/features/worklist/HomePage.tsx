import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Empty, Flex, Row, Skeleton, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../shared/api/client';
import { useErrorMessage } from '../../shared/api/errors';
import { useMe } from '../../shared/api/me';
import { formatDateTime } from '../../shared/i18n/i18n';

/** The buckets in the order a day's work goes: answer, catch up, then plan. */
const BUCKETS = [
  'incomingAwaitingResponse', 'overdue', 'acceptedNotStarted', 'reviewsDue', 'placementsWithoutPlan', 'consentsExpiring', 'breakGlassToReview',
] as const;

export const worklistQueryOptions = {
  queryKey: ['worklist'],
  queryFn: () => unwrap(api.GET('/api/v1/worklist', { params: { query: { limit: 5 } } })),
};

/** Home = my work: what the organisation has to do now, as counters (only the buckets of the user's role). */
export function HomePage() {
  const { t } = useTranslation(['common', 'worklist']);
  const message = useErrorMessage();
  const worklist = useQuery(worklistQueryOptions);
  const me = useMe();

  if (worklist.isPending) return <Skeleton active />;
  if (worklist.isError) {
    return (
      <Alert
        type="error"
        showIcon
        title={message(worklist.error)}
        action={<Button onClick={() => void worklist.refetch()}>{t('retry')}</Button>}
      />
    );
  }
  const buckets = worklist.data.buckets as Partial<Record<(typeof BUCKETS)[number], { count: number }>>;
  const present = BUCKETS.filter((bucket) => buckets[bucket] !== undefined);
  return (
    <section aria-labelledby="worklist-title">
      <Flex justify="space-between" align="center" wrap gap="middle">
        <Typography.Title level={1} id="worklist-title">
          {t('worklist:title')}
        </Typography.Title>
        {me.data?.permissions.includes('read:Child') && (
          <Link to="/children" className="link-button">
            {t('findChild')}
          </Link>
        )}
      </Flex>
      <Typography.Paragraph type="secondary">{t('worklist:generatedAt', { time: formatDateTime(worklist.data.generatedAt) })}</Typography.Paragraph>
      {present.length === 0 ? (
        <Empty description={t('nothingHere')} />
      ) : (
        <Row gutter={[16, 16]}>
          {present.map((bucket) => (
            <Col key={bucket} xs={24} sm={12} lg={8}>
              <Card>
                <Statistic title={t(`worklist:${bucket}`)} value={buckets[bucket]!.count} />
              </Card>
            </Col>
          ))}
        </Row>
      )}
    </section>
  );
}
