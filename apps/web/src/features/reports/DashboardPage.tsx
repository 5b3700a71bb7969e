import { Button, Card, Col, Collapse, DatePicker, Empty, Flex, Form, Row, Segmented, Select, Skeleton, Space, Statistic, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRegions, useServiceTypes } from '../../shared/api/reference';
import { useDayjsLocale } from '../../shared/dayjs-locale';
import { formatDateTime } from '../../shared/i18n/i18n';
import { almatyToday } from '../../shared/iin';
import { LoadFailed } from '../../shared/ui/load-states';
import { formatDate } from '../cases/dates';
import { type RegionRow, type SummaryFilters, useExport, useSummary } from './api';
import { BarChart } from './BarChart';
import { FIGURES, type Figure, formatCell, HEADLINE } from './figures';
import './reports.css';

const ALL = 'all';

/**
 * /reports — the national picture for analysts and admins: the ministry's table as tiles, every
 * figure by region as a chart or a table, where children wait longest, and where conclusions are not
 * honoured; filtered by region and as-of date, exported as CSV or XLSX. Nothing here names a child: the
 * server sends counts only, with 1–4 already suppressed.
 */
export function DashboardPage() {
  const { t, i18n } = useTranslation(['reports', 'common']);
  useDayjsLocale();
  const regions = useRegions();
  const [filters, setFilters] = useState<SummaryFilters>({});
  const summary = useSummary(filters);
  const exporter = useExport(filters);
  let body;
  if (summary.isPending) body = <Skeleton active />;
  else if (summary.isError) body = <LoadFailed error={summary.error} retry={() => void summary.refetch()} />;
  else {
    const { rows, asOf, refreshedAt, suppression } = summary.data;
    body = <Figures rows={rows} asOf={asOf} refreshedAt={refreshedAt} rule={suppression.text} locale={i18n.language} />;
  }

  return (
    <section aria-labelledby="reports-title" className="reports">
      <Typography.Title level={1} id="reports-title">
        {t('title')}
      </Typography.Title>
      <Form layout="inline" className="report-filters">
        <Form.Item label={t('region')} htmlFor="report-region">
          <Select
            id="report-region"
            className="report-region"
            value={filters.kato ?? ALL}
            onChange={(kato: string) => setFilters((current) => ({ ...current, kato: kato === ALL ? undefined : kato }))}
            options={[{ value: ALL, label: t('allRegions') }, ...[...(regions.data ?? new Map<string, string>())].map(([value, label]) => ({ value, label }))]}
          />
        </Form.Item>
        <Form.Item label={t('asOf')} htmlFor="report-as-of">
          <DatePicker
            id="report-as-of"
            format="DD.MM.YYYY"
            allowClear
            value={filters.asOf ? dayjs(filters.asOf) : null}
            disabledDate={(date: Dayjs) => date.isAfter(dayjs(almatyToday()), 'day')}
            onChange={(date: Dayjs | null) => setFilters((current) => ({ ...current, asOf: date ? date.format('YYYY-MM-DD') : undefined }))}
          />
        </Form.Item>
        <Space>
          <Button onClick={() => exporter.mutate('xlsx')} loading={exporter.isPending && exporter.variables === 'xlsx'}>
            {t('exportXlsx')}
          </Button>
          <Button onClick={() => exporter.mutate('csv')} loading={exporter.isPending && exporter.variables === 'csv'}>
            {t('exportCsv')}
          </Button>
        </Space>
      </Form>
      {exporter.isError && <LoadFailed error={exporter.error} retry={() => exporter.variables && exporter.mutate(exporter.variables)} />}
      {body}
    </section>
  );
}

function Figures({ rows, asOf, refreshedAt, rule, locale }: { rows: RegionRow[]; asOf: string; refreshedAt: string; rule: string; locale: string }) {
  const { t } = useTranslation('reports');
  const total = rows.find((row) => row.total) ?? rows[0];
  const regions = rows.filter((row) => !row.total);
  if (!total) return <Empty description={t('nothing')} />;
  return (
    <>
      <Typography.Paragraph type="secondary" className="freshness">
        {t('freshness', { asOf: formatDate(asOf), at: formatDateTime(refreshedAt) })}
      </Typography.Paragraph>
      <Row gutter={[16, 16]}>
        {HEADLINE.map((figure) => (
          <Col key={figure.key} xs={24} sm={12} lg={8} xl={{ flex: '20%' }}>
            <Card className="report-tile">
              <Statistic title={t(`figures.${figure.key}`)} value={formatCell(figure.of(total), figure.unit, locale)} />
            </Card>
          </Col>
        ))}
      </Row>
      <ByRegion rows={regions} locale={locale} />
      <WaitingTimes row={total} locale={locale} />
      <Card title={<h2 className="card-title">{t('provision.title')}</h2>} className="report-card">
        <Typography.Paragraph>{t('definitions.provisionHonouredPercent')}</Typography.Paragraph>
        <ChartOrTable
          rows={regions}
          figure={FIGURES.find((figure) => figure.key === 'provisionHonouredPercent')!}
          locale={locale}
          name="provision"
        />
      </Card>
      <Collapse
        className="report-about"
        items={[
          {
            key: 'about',
            label: t('about'),
            children: (
              <dl className="definitions">
                {FIGURES.map((figure) => (
                  <div key={figure.key}>
                    <dt>{t(`figures.${figure.key}`)}</dt>
                    <dd>{t(`definitions.${figure.key}`)}</dd>
                  </div>
                ))}
                <div>
                  <dt>{t('suppression')}</dt>
                  <dd>{rule}</dd>
                </div>
              </dl>
            ),
          },
        ]}
      />
    </>
  );
}

/** Every figure by region: choose the figure, see it as bars or as the whole table. */
function ByRegion({ rows, locale }: { rows: RegionRow[]; locale: string }) {
  const { t } = useTranslation('reports');
  const [key, setKey] = useState(HEADLINE[3].key);
  const figure = FIGURES.find((f) => f.key === key)!;
  return (
    <Card title={<h2 className="card-title">{t('byRegion')}</h2>} className="report-card">
      <Form.Item label={t('figure')} htmlFor="report-figure" className="report-figure">
        <Select id="report-figure" value={key} onChange={setKey} options={FIGURES.map((f) => ({ value: f.key, label: t(`figures.${f.key}`) }))} />
      </Form.Item>
      <ChartOrTable rows={rows} figure={figure} locale={locale} name="by-region" />
    </Card>
  );
}

/** A figure of every region as bars or as a table (the table is also what a screen reader gets). */
function ChartOrTable({ rows, figure, locale, name }: { rows: RegionRow[]; figure: Figure; locale: string; name: string }) {
  const { t } = useTranslation('reports');
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const title = t(`figures.${figure.key}`);
  return (
    <>
      <Segmented
        aria-label={t('view')}
        value={view}
        onChange={(value) => setView(value as 'chart' | 'table')}
        options={[{ value: 'chart', label: t('chart') }, { value: 'table', label: t('table') }]}
        name={name}
      />
      {view === 'chart' ? (
        <BarChart
          title={title}
          labels={rows.map((row) => row.name)}
          values={rows.map((row) => (figure.of(row).suppressed ? null : figure.of(row).value))}
          unit={figure.unit === 'percent' ? ' %' : ''}
        />
      ) : (
        <Table<RegionRow>
          size="small"
          rowKey={(row) => row.kato ?? 'total'}
          pagination={false}
          dataSource={rows}
          columns={[
            { key: 'region', title: t('region'), render: (_, row) => row.name },
            { key: 'value', title, align: 'right', render: (_, row) => formatCell(figure.of(row), figure.unit, locale) },
          ]}
        />
      )}
    </>
  );
}

/** Working days from sending a referral to the start of the service, by service type (the row shown). */
function WaitingTimes({ row, locale }: { row: RegionRow; locale: string }) {
  const { t } = useTranslation('reports');
  const services = useServiceTypes();
  const label = (code: string) => services.data?.get(code) ?? code;
  return (
    <Card title={<h2 className="card-title">{t('waiting.title')}</h2>} className="report-card">
      <Typography.Paragraph>{t('definitions.waiting')}</Typography.Paragraph>
      <Table
        size="small"
        rowKey="serviceType"
        pagination={false}
        dataSource={row.waitingTimes}
        locale={{ emptyText: <Empty description={t('nothing')} /> }}
        columns={[
          { key: 'service', title: t('waiting.service'), render: (_, w) => label(w.serviceType) },
          { key: 'started', title: t('waiting.started'), align: 'right', render: (_, w) => formatCell(w.started, 'count', locale) },
          { key: 'median', title: t('waiting.median'), align: 'right', render: (_, w) => formatCell(w.medianWorkingDays, 'count', locale) },
          { key: 'p90', title: t('waiting.p90'), align: 'right', render: (_, w) => formatCell(w.p90WorkingDays, 'count', locale) },
        ]}
      />
      <Flex className="waiting-note">
        <Typography.Text type="secondary">{t('waiting.note')}</Typography.Text>
      </Flex>
    </Card>
  );
}
