import { Button, Empty, Flex, Form, Segmented, Select, Skeleton, Switch, Table, Typography } from 'antd';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useServiceTypes } from '../../shared/api/reference';
import { useWorkCalendar } from '../cases/api/calendar';
import { formatDate } from '../cases/dates';
import { fullName, NONE, useOrgName } from '../cases/labels';
import { REFERRAL_STATUSES, type Referral, type ReferralFilters, type ReferralStatus, useReferrals } from './api';
import { deadlineYears, Priority, SlaCell } from './SlaCell';
import { LoadFailed } from '../../shared/ui/load-states';
import './referrals.css';

type Box = 'incoming' | 'outgoing';

/** The list's filters as the URL says them (?box=incoming&status=sent&overdue=true), so the home page can link to a filtered list. */
function filtersOf(params: URLSearchParams): ReferralFilters & { box: Box } {
  const status = params.get('status');
  return {
    box: params.get('box') === 'outgoing' ? 'outgoing' : 'incoming',
    ...(status && (REFERRAL_STATUSES as readonly string[]).includes(status) ? { status: status as ReferralStatus } : {}),
    ...(params.get('overdue') === 'true' ? { overdue: true } : {}),
  };
}

/** /referrals — incoming and outgoing referrals of the organisation, filtered by status and overdue, with their deadlines. */
export function ReferralsPage() {
  const [params] = useSearchParams();
  // The list starts loading with the page, before its translations (no waterfall).
  useReferrals(filtersOf(params));
  useServiceTypes();
  return (
    <Suspense fallback={<Skeleton active />}>
      <ReferralsScreen />
    </Suspense>
  );
}

function ReferralsScreen() {
  const { t } = useTranslation(['referrals', 'cases', 'common']);
  const [params, setParams] = useSearchParams();
  const filters = filtersOf(params);
  const referrals = useReferrals(filters);
  const serviceTypes = useServiceTypes();
  const orgName = useOrgName();
  const rows = referrals.data?.pages.flatMap((page) => page.items) ?? [];
  const calendar = useWorkCalendar(deadlineYears(rows.map((referral) => referral.slaDueAt)));

  /** A changed filter starts the list again from its first page (the cursor belongs to the old filters). */
  function setFilter(name: 'box' | 'status' | 'overdue', value: string | undefined) {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );
  }

  const incoming = filters.box === 'incoming';
  return (
    <section aria-labelledby="referrals-title" className="referrals-page">
      <Typography.Title level={1} id="referrals-title">
        {t('referrals:list.title')}
      </Typography.Title>
      <Flex gap="large" align="end" wrap className="filters">
        <Form.Item label={t('referrals:list.box')} layout="vertical">
          <Segmented<Box>
            aria-label={t('referrals:list.box')}
            value={filters.box}
            onChange={(box) => setFilter('box', box)}
            options={[
              { value: 'incoming', label: t('referrals:list.incoming') },
              { value: 'outgoing', label: t('referrals:list.outgoing') },
            ]}
          />
        </Form.Item>
        <Form.Item label={t('referrals:list.status')} htmlFor="referrals-status" layout="vertical">
          <Select
            id="referrals-status"
            className="status-filter"
            value={filters.status ?? ''}
            onChange={(status) => setFilter('status', status || undefined)}
            options={[
              { value: '', label: t('referrals:list.allStatuses') },
              ...REFERRAL_STATUSES.filter((status) => !(incoming && status === 'draft')).map((status) => ({ value: status, label: t(`cases:referral.statuses.${status}`) })),
            ]}
          />
        </Form.Item>
        <Form.Item label={t('referrals:list.overdueOnly')} htmlFor="referrals-overdue" layout="vertical">
          <Switch id="referrals-overdue" checked={filters.overdue === true} onChange={(on) => setFilter('overdue', on ? 'true' : undefined)} />
        </Form.Item>
      </Flex>
      {referrals.isError ? (
        <LoadFailed error={referrals.error} retry={() => void referrals.refetch()} />
      ) : (
        <Table<Referral>
          rowKey="id"
          dataSource={rows}
          loading={referrals.isPending || referrals.isPlaceholderData}
          pagination={false}
          locale={{ emptyText: referrals.isPending ? ' ' : <Empty description={t('referrals:list.none')} /> }}
          columns={[
            {
              key: 'child',
              title: t('referrals:list.columns.child'),
              render: (_, referral) => (
                <>
                  <Link to={`/referrals/${referral.id}`}>{referral.child ? fullName(referral.child) : t('referrals:hiddenChild')}</Link>
                  {referral.child && <span className="secondary-line">{formatDate(referral.child.birthDate)}</span>}
                </>
              ),
            },
            {
              key: 'organization',
              title: incoming ? t('referrals:list.columns.from') : t('referrals:list.columns.to'),
              render: (_, referral) => orgName(incoming ? referral.fromOrg : referral.toOrg) ?? NONE,
            },
            { key: 'service', title: t('referrals:list.columns.service'), render: (_, referral) => serviceTypes.data?.get(referral.serviceType) ?? referral.serviceType },
            {
              key: 'priority',
              title: t('referrals:list.columns.priority'),
              render: (_, referral) => <Priority value={referral.priority} />,
            },
            { key: 'status', title: t('referrals:list.columns.status'), render: (_, referral) => t(`cases:referral.statuses.${referral.status}`) },
            { key: 'sla', title: t('referrals:list.columns.deadline'), render: (_, referral) => <SlaCell sla={referral.sla} calendar={calendar} /> },
            { key: 'sentAt', title: t('referrals:list.columns.sentAt'), render: (_, referral) => (referral.sentAt ? formatDate(referral.sentAt) : NONE) },
          ]}
          footer={
            referrals.hasNextPage
              ? () => (
                  <Button onClick={() => void referrals.fetchNextPage()} loading={referrals.isFetchingNextPage}>
                    {t('referrals:loadMore')}
                  </Button>
                )
              : undefined
          }
        />
      )}
    </section>
  );
}
