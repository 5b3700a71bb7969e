import { Alert, Button, DatePicker, Flex, Form, Input, Select, Skeleton, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useErrorMessage } from '../../shared/api/errors';
import { formatDateTime } from '../../shared/i18n/i18n';
import { LoadFailed } from '../../shared/ui/load-states';
import { type AuditEvent, type AuditFilters, useAuditEvents, useExportAudit } from './api';
import { ChainStatus } from './ChainStatus';
import { ShortId } from './ShortId';
import './audit.css';

const TEXT_FILTERS = ['actorUserId', 'actorOrgId', 'action', 'resourceType', 'resourceId', 'childId'] as const;
type TextFilter = (typeof TEXT_FILTERS)[number];

interface Values extends Partial<Record<TextFilter, string>> {
  outcome?: 'allowed' | 'denied';
  from?: Dayjs;
  to?: Dayjs;
}

/** Days are Almaty days: from the start of `from` to the end of `to`. */
const ALMATY = '+05:00';

/** The filters as the URL says them (?action=child.read&childId=…&from=2026-11-01), so a search can be linked to. */
function filtersOf(params: URLSearchParams): AuditFilters {
  const filters: AuditFilters = {};
  for (const name of TEXT_FILTERS) {
    const value = params.get(name);
    if (value) filters[name] = value;
  }
  const outcome = params.get('outcome');
  if (outcome === 'allowed' || outcome === 'denied') filters.outcome = outcome;
  const from = params.get('from');
  const to = params.get('to');
  if (from && /^\d{4}-\d{2}-\d{2}$/.test(from)) filters.from = `${from}T00:00:00${ALMATY}`;
  if (to && /^\d{4}-\d{2}-\d{2}$/.test(to)) filters.to = `${dayjs(to).add(1, 'day').format('YYYY-MM-DD')}T00:00:00${ALMATY}`;
  return filters;
}

/** /audit — searching the audit trail (actor, action, record, child, outcome, days), the CSV export, and the chain's seal. */
export function AuditPage() {
  const [params] = useSearchParams();
  useAuditEvents(filtersOf(params));
  return (
    <Suspense fallback={<Skeleton active />}>
      <AuditScreen />
    </Suspense>
  );
}

function AuditScreen() {
  const { t } = useTranslation(['audit', 'common']);
  const message = useErrorMessage();
  const [params, setParams] = useSearchParams();
  const filters = filtersOf(params);
  const events = useAuditEvents(filters);
  const exporting = useExportAudit(filters);
  const [form] = Form.useForm<Values>();
  const rows = events.data?.pages.flatMap((page) => page.items) ?? [];

  // The form shows what the URL says (a link from the review queue fills it).
  useEffect(() => {
    form.setFieldsValue({
      ...Object.fromEntries(TEXT_FILTERS.map((name) => [name, params.get(name) ?? undefined])),
      outcome: (params.get('outcome') as Values['outcome']) ?? undefined,
      from: params.get('from') ? dayjs(params.get('from')) : undefined,
      to: params.get('to') ? dayjs(params.get('to')) : undefined,
    });
  }, [params, form]);

  function search(values: Values) {
    const next = new URLSearchParams();
    for (const name of TEXT_FILTERS) {
      const value = values[name]?.trim();
      if (value) next.set(name, value);
    }
    if (values.outcome) next.set('outcome', values.outcome);
    if (values.from) next.set('from', values.from.format('YYYY-MM-DD'));
    if (values.to) next.set('to', values.to.format('YYYY-MM-DD'));
    setParams(next, { replace: true });
  }

  const field = (name: TextFilter) => (
    <Form.Item key={name} name={name} label={t(`filters.${name}`)} htmlFor={`audit-${name}`}>
      <Input id={`audit-${name}`} allowClear placeholder={t(`filters.${name}Placeholder`)} />
    </Form.Item>
  );

  return (
    <section aria-labelledby="audit-title" className="audit-page">
      <Typography.Title level={1} id="audit-title">
        {t('title')}
      </Typography.Title>
      <ChainStatus />
      <Form<Values> form={form} layout="vertical" className="audit-filters" aria-label={t('filters.label')} onFinish={search}>
        <Flex gap="middle" wrap align="end">
          {TEXT_FILTERS.map(field)}
          <Form.Item name="outcome" label={t('filters.outcome')} htmlFor="audit-outcome">
            <Select
              id="audit-outcome"
              allowClear
              placeholder={t('filters.any')}
              options={(['allowed', 'denied'] as const).map((value) => ({ value, label: t(`outcome.${value}`) }))}
            />
          </Form.Item>
          <Form.Item name="from" label={t('filters.from')} htmlFor="audit-from">
            <DatePicker id="audit-from" format="DD.MM.YYYY" />
          </Form.Item>
          <Form.Item name="to" label={t('filters.to')} htmlFor="audit-to">
            <DatePicker id="audit-to" format="DD.MM.YYYY" />
          </Form.Item>
          <Form.Item>
            <Flex gap="small">
              <Button type="primary" htmlType="submit">
                {t('filters.search')}
              </Button>
              <Button
                onClick={() => {
                  form.resetFields();
                  setParams(new URLSearchParams(), { replace: true });
                }}
              >
                {t('filters.clear')}
              </Button>
              <Button onClick={() => exporting.mutate()} loading={exporting.isPending}>
                {t('export')}
              </Button>
            </Flex>
          </Form.Item>
        </Flex>
      </Form>
      {exporting.isError && <Alert type="error" showIcon role="alert" title={message(exporting.error)} />}
      {events.isError ? (
        <LoadFailed error={events.error} retry={() => void events.refetch()} />
      ) : (
        <Table<AuditEvent>
          size="small"
          rowKey="id"
          className="audit-table"
          dataSource={rows}
          loading={events.isPending || (events.isPlaceholderData && events.isFetching)}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: events.isPending ? ' ' : t('none') }}
          columns={[
            { key: 'id', title: t('columns.id'), dataIndex: 'id' },
            { key: 'at', title: t('columns.at'), className: 'nowrap', render: (_, event) => formatDateTime(event.at) },
            { key: 'action', title: t('columns.action'), render: (_, event) => <code>{event.action}</code> },
            {
              key: 'actor',
              title: t('columns.actor'),
              render: (_, event) => (
                <Flex vertical>
                  {event.actorUserId ? <ShortId id={event.actorUserId} filter="actorUserId" label={t('columns.user')} /> : t('system')}
                  {event.actorOrgId && <ShortId id={event.actorOrgId} filter="actorOrgId" label={t('columns.organization')} />}
                </Flex>
              ),
            },
            {
              key: 'resource',
              title: t('columns.resource'),
              render: (_, event) =>
                event.resourceType ? (
                  <span>
                    <code>{event.resourceType}</code> {event.resourceId && <ShortId id={event.resourceId} filter="resourceId" label={t('columns.resource')} />}
                  </span>
                ) : null,
            },
            { key: 'child', title: t('columns.child'), render: (_, event) => event.childId && <ShortId id={event.childId} filter="childId" label={t('columns.child')} /> },
            {
              key: 'outcome',
              title: t('columns.outcome'),
              render: (_, event) => <Tag color={event.outcome === 'denied' ? '#a8071a' : '#0b6e4f'}>{t(`outcome.${event.outcome}`)}</Tag>,
            },
            { key: 'reason', title: t('columns.reason'), width: 280, render: (_, event) => <span className="preserve-lines">{event.reason ?? ''}</span> },
            { key: 'sealed', title: t('columns.sealed'), render: (_, event) => (event.sealed ? t('sealed.yes') : t('sealed.no')) },
          ]}
          footer={
            events.hasNextPage
              ? () => (
                  <Button onClick={() => void events.fetchNextPage()} loading={events.isFetchingNextPage}>
                    {t('common:loadMore')}
                  </Button>
                )
              : undefined
          }
        />
      )}
      <Typography.Paragraph type="secondary" className="audit-note">
        {t('exportNote')} <Link to="/audit/break-glass">{t('toReview')}</Link>
      </Typography.Paragraph>
    </section>
  );
}
