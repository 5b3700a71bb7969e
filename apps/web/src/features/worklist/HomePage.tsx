import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Flex, Row, Skeleton, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { useMe } from '../../shared/api/me';
import { formatDateTime } from '../../shared/i18n/i18n';
import { LoadFailed } from '../../shared/ui/load-states';
import { useUnreadCount } from '../notifications/api';
import { BUCKET_LINKS, BUCKETS, type Bucket, countLabel, worklistQueryOptions } from './buckets';
import './worklist.css';

/**
 * Home = my work: what the organisation has to do now, as counters that open their lists (only the
 * buckets of the user's role), and the user's unread notifications.
 */
export function HomePage() {
  const { t } = useTranslation(['common', 'worklist']);
  const me = useMe();
  const mayWork = me.data?.permissions.includes('read:Worklist') ?? false;
  const worklist = useQuery({ ...worklistQueryOptions(), enabled: mayWork });
  const unread = useUnreadCount();

  if (me.isPending) return <Skeleton active />;
  // Who has no worklist (an analyst, an admin) starts where their work is: the national picture.
  if (!mayWork) return me.data?.permissions.includes('read:Report') ? <Navigate to="/reports" replace /> : <Empty description={t('nothingHere')} />;
  if (worklist.isPending) return <Skeleton active />;
  if (worklist.isError) {
    return <LoadFailed error={worklist.error} retry={() => void worklist.refetch()} />;
  }
  const buckets = worklist.data.buckets as Partial<Record<Bucket, { count: number; countCapped: boolean }>>;
  const present = BUCKETS.filter((bucket) => buckets[bucket] !== undefined);
  return (
    <section aria-labelledby="worklist-title" className="worklist">
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
      {unread.data !== undefined && (
        <Link to="/notifications" className="unread-link">
          {t('worklist:unread', { count: unread.data.unread })}
        </Link>
      )}
      {present.length === 0 ? (
        <Empty description={t('nothingHere')} />
      ) : (
        <Row gutter={[16, 16]}>
          {present.map((bucket) => (
            <Col key={bucket} xs={24} sm={12} lg={8}>
              <Link to={BUCKET_LINKS[bucket]} className="bucket-link">
                <Card hoverable>
                  <Statistic title={t(`worklist:${bucket}`)} value={countLabel(buckets[bucket]!)} />
                </Card>
              </Link>
            </Col>
          ))}
        </Row>
      )}
    </section>
  );
}
