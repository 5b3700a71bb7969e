import { useQuery } from '@tanstack/react-query';
import { Empty, List, Skeleton, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useParams } from 'react-router';
import type { components } from '../../api/schema';
import { formatDateTime } from '../../shared/i18n/i18n';
import { LoadFailed } from '../../shared/ui/load-states';
import { formatDate } from '../cases/dates';
import { fullName } from '../cases/labels';
import { BUCKET_LINKS, BUCKET_PAGE, type Bucket, countLabel, worklistQueryOptions } from './buckets';

type Buckets = components['schemas']['WorklistBuckets'];
type Child = { lastName: string; firstName: string; patronymic: string | null; birthDate: string };
interface Row {
  key: string;
  childId?: string;
  child?: Child;
  what: string;
  when: string;
  late?: boolean;
}

/** The buckets that have no list of their own elsewhere (referral buckets open the referrals list). */
const OWN_LIST = ['reviewsDue', 'transitionsDue', 'placementsWithoutPlan', 'planReviewsDue', 'consentsExpiring', 'breakGlassToReview'] as const;
type OwnList = (typeof OWN_LIST)[number];
const isOwnList = (bucket: string | undefined): bucket is OwnList => (OWN_LIST as readonly string[]).includes(bucket ?? '');

/** One counter of the home page opened: its first items, each leading to the child's case. */
export function BucketPage() {
  const { bucket } = useParams();
  const { t } = useTranslation(['worklist', 'common', 'cases']);
  const worklist = useQuery({ ...worklistQueryOptions(BUCKET_PAGE), enabled: isOwnList(bucket) });
  if (!isOwnList(bucket)) return <Navigate to={BUCKET_LINKS[bucket as Bucket] ?? '/'} replace />;
  if (worklist.isPending) return <Skeleton active />;
  if (worklist.isError) {
    return <LoadFailed error={worklist.error} retry={() => void worklist.refetch()} />;
  }
  const found = (worklist.data.buckets as Buckets)[bucket];
  const rows = found ? rowsOf(bucket, found.items as never[], t) : [];
  return (
    <section aria-labelledby="bucket-title" className="bucket-list">
      <Link to="/">{t('backToWork')}</Link>
      <Typography.Title level={1} id="bucket-title">
        {t(bucket)}
      </Typography.Title>
      {found && (found.countCapped || rows.length < found.count) && <Typography.Paragraph type="secondary">{t('firstOf', { shown: rows.length, count: countLabel(found) })}</Typography.Paragraph>}
      <List
        dataSource={rows}
        locale={{ emptyText: <Empty description={t('common:nothingHere')} /> }}
        renderItem={(row) => (
          <List.Item>
            <List.Item.Meta
              title={row.childId && row.child ? <Link to={`/cases/${row.childId}`}>{fullName(row.child)}</Link> : row.what}
              description={row.child ? `${t('born', { date: formatDate(row.child.birthDate) })} · ${row.what}` : undefined}
            />
            <Tag color={row.late ? '#a8071a' : '#0b6e4f'}>{row.when}</Tag>
          </List.Item>
        )}
      />
    </section>
  );
}

type T = ReturnType<typeof useTranslation>['t'];

function rowsOf(bucket: OwnList, items: never[], t: T): Row[] {
  switch (bucket) {
    case 'reviewsDue':
      return (items as { assessmentId: string; childId: string; child: Child; reviewDate: string; overdue: boolean }[]).map((item) => ({
        key: item.assessmentId, childId: item.childId, child: item.child, what: t('reviewOfConclusion'),
        when: t(item.overdue ? 'reviewWasDue' : 'reviewDue', { date: formatDate(item.reviewDate) }), late: item.overdue,
      }));
    case 'placementsWithoutPlan':
      return (items as { placementId: string; childId: string; child: Child; classLabel: string | null; activatedAt: string }[]).map((item) => ({
        key: item.placementId, childId: item.childId, child: item.child, what: item.classLabel ? t('inClass', { label: item.classLabel }) : t('noPlan'),
        when: t('since', { date: formatDateTime(item.activatedAt) }),
      }));
    case 'transitionsDue':
    case 'planReviewsDue':
      // Items of the daily transitions job (libs/placements TransitionsDue): what is due, and by when.
      return (items as { childId: string; kind: string; dueOn: string; overdue: boolean; child: Child }[]).map((item) => ({
        key: `${item.childId}:${item.kind}:${item.dueOn}`, childId: item.childId, child: item.child, what: t(`transitionKind.${item.kind}`),
        when: t(item.overdue ? 'reviewWasDue' : 'reviewDue', { date: formatDate(item.dueOn) }), late: item.overdue,
      }));
    case 'consentsExpiring':
      return (items as components['schemas']['ExpiringConsent'][]).map((item) => ({
        key: item.consentId, childId: item.childId, child: item.child, what: t(`cases:consentKind.${item.kind}`),
        when: t('expires', { date: formatDateTime(item.expiresAt) }),
      }));
    case 'breakGlassToReview':
      return (items as { id: string; reason: string; openedAt: string }[]).map((item) => ({
        key: item.id, what: item.reason, when: t('openedAt', { date: formatDateTime(item.openedAt) }), late: true,
      }));
  }
}
