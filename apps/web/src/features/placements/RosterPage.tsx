import { Button, Empty, Flex, Form, Input, Select, Skeleton, Table, Tag, Typography } from 'antd';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useMe } from '../../shared/api/me';
import { useEducationForms, useSpecialConditions } from '../../shared/api/reference';
import { LoadFailed } from '../../shared/ui/load-states';
import { formatDate } from '../cases/dates';
import { fullName, NONE } from '../cases/labels';
import { PLACEMENT_STATUSES, type RosterFilters, type RosterItem, useRoster } from './api';
import { GOOD, ProvisionTags } from './ProvisionTags';
import './placements.css';

/** The roster's filters as the URL says them (?status=active&form=inclusive_class&matches=false&q=…): linkable, kept on reload. */
function filtersOf(params: URLSearchParams): RosterFilters {
  const status = params.get('status');
  const matches = params.get('matches');
  const form = params.get('form');
  const q = params.get('q')?.trim();
  return {
    ...(status && (PLACEMENT_STATUSES as readonly string[]).includes(status) ? { status: status as RosterFilters['status'] } : {}),
    ...(form ? { form } : {}),
    ...(matches === 'true' || matches === 'false' ? { matches: matches === 'true' } : {}),
    ...(q ? { q } : {}),
  };
}

/** /placements — the organisation's pupils with SEN and how each placement honours the child's conclusion. */
export function RosterPage() {
  const [params] = useSearchParams();
  // The list starts loading with the page, before its translations (no waterfall).
  useRoster(filtersOf(params));
  useEducationForms();
  useSpecialConditions();
  return (
    <Suspense fallback={<Skeleton active />}>
      <RosterScreen />
    </Suspense>
  );
}

function RosterScreen() {
  const { t } = useTranslation(['placements', 'common']);
  const [params, setParams] = useSearchParams();
  const filters = filtersOf(params);
  const roster = useRoster(filters);
  const forms = useEducationForms();
  const me = useMe();
  const [search, setSearch] = useState(filters.q ?? '');
  const rows = roster.data?.pages.flatMap((page) => page.items) ?? [];

  /** A changed filter starts the list again from its first page (the cursor belongs to the old filters). */
  function setFilter(name: 'status' | 'form' | 'matches' | 'q', value: string | undefined) {
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

  return (
    <section aria-labelledby="roster-title" className="placements-page">
      <Flex justify="space-between" align="center" wrap gap="middle">
        <Typography.Title level={1} id="roster-title">
          {t('roster.title')}
        </Typography.Title>
        {me.data?.permissions.includes('enrol:Child') && (
          <Link to="/placements/enrol" className="link-button">
            {t('enrol.open')}
          </Link>
        )}
      </Flex>
      <Typography.Paragraph type="secondary">{t('roster.intro')}</Typography.Paragraph>
      <Flex gap="large" align="end" wrap className="filters">
        <Form.Item label={t('roster.search')} htmlFor="roster-q" layout="vertical">
          <Input.Search id="roster-q" value={search} onChange={(event) => setSearch(event.target.value)} onSearch={(value) => setFilter('q', value.trim() || undefined)} allowClear enterButton={t('roster.find')} />
        </Form.Item>
        <Form.Item label={t('roster.status')} htmlFor="roster-status" layout="vertical">
          <Select
            id="roster-status"
            className="filter-select"
            value={filters.status ?? ''}
            onChange={(status) => setFilter('status', status || undefined)}
            options={[{ value: '', label: t('roster.current') }, ...PLACEMENT_STATUSES.map((status) => ({ value: status, label: t(`status.${status}`) }))]}
          />
        </Form.Item>
        <Form.Item label={t('roster.form')} htmlFor="roster-form" layout="vertical">
          <Select
            id="roster-form"
            className="filter-select"
            value={filters.form ?? ''}
            onChange={(form) => setFilter('form', form || undefined)}
            options={[{ value: '', label: t('roster.allForms') }, ...[...(forms.data ?? new Map<string, string>())].map(([value, label]) => ({ value, label }))]}
          />
        </Form.Item>
        <Form.Item label={t('roster.provision')} htmlFor="roster-matches" layout="vertical">
          <Select
            id="roster-matches"
            className="filter-select"
            value={filters.matches === undefined ? '' : String(filters.matches)}
            onChange={(matches) => setFilter('matches', matches || undefined)}
            options={[
              { value: '', label: t('roster.allProvision') },
              { value: 'true', label: t('roster.honoured') },
              { value: 'false', label: t('roster.notHonoured') },
            ]}
          />
        </Form.Item>
      </Flex>
      {roster.isError ? (
        <LoadFailed error={roster.error} retry={() => void roster.refetch()} />
      ) : (
        <Table<RosterItem>
          rowKey="id"
          dataSource={rows}
          loading={roster.isPending || roster.isPlaceholderData}
          pagination={false}
          locale={{ emptyText: roster.isPending ? ' ' : <Empty description={t('roster.none')} /> }}
          columns={[
            {
              key: 'child',
              title: t('roster.columns.child'),
              render: (_, item) => (
                <>
                  <Link to={`/placements/${item.id}`}>{item.child ? fullName(item.child) : t('hiddenChild')}</Link>
                  {item.child && <span className="secondary-line">{t('born', { date: formatDate(item.child.birthDate) })}</span>}
                </>
              ),
            },
            { key: 'class', title: t('roster.columns.class'), render: (_, item) => item.classLabel ?? NONE },
            { key: 'form', title: t('roster.columns.form'), render: (_, item) => forms.data?.get(item.form) ?? item.form },
            {
              key: 'status',
              title: t('roster.columns.status'),
              render: (_, item) => <Tag color={item.status === 'active' ? GOOD : undefined}>{t(`status.${item.status}`)}</Tag>,
            },
            { key: 'provision', title: t('roster.columns.provision'), render: (_, item) => <ProvisionTags item={item} /> },
          ]}
          footer={
            roster.hasNextPage
              ? () => (
                  <Button onClick={() => void roster.fetchNextPage()} loading={roster.isFetchingNextPage}>
                    {t('loadMore')}
                  </Button>
                )
              : undefined
          }
        />
      )}
    </section>
  );
}
