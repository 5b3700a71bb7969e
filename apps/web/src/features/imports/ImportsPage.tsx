import { Alert, Button, Card, Empty, Flex, Form, Select, Skeleton, Space, Statistic, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useErrorMessage } from '../../shared/api/errors';
import { useMe } from '../../shared/api/me';
import { formatDateTime } from '../../shared/i18n/i18n';
import { LoadFailed } from '../../shared/ui/load-states';
import { type DryRunView, type ImportView, useDryRun, useImportHistory, useStartImport } from './api';
import { type ImportKind, kindsFor } from './kinds';
import { RowProblems } from './RowProblems';
import { StatusTag } from './StatusTag';
import './imports.css';

/** /imports — load a file of organisations or children: check it (dry run), start it, and the history. */
export function ImportsPage() {
  const { t } = useTranslation('imports');
  const me = useMe();
  if (me.isPending) return <Skeleton active />;
  const kinds = kindsFor(me.data?.permissions ?? []);
  return (
    <section aria-labelledby="imports-title" className="imports-page">
      <Typography.Title level={1} id="imports-title">
        {t('title')}
      </Typography.Title>
      {kinds.length ? <NewImport kinds={kinds} /> : <Alert type="info" showIcon title={t('notAllowed')} />}
      <History />
    </section>
  );
}

function NewImport({ kinds }: { kinds: ImportKind[] }) {
  const { t } = useTranslation('imports');
  const message = useErrorMessage();
  const navigate = useNavigate();
  const [kind, setKind] = useState<ImportKind>(kinds[0]);
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<DryRunView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const dryRun = useDryRun();
  const start = useStartImport();

  // A report is about one file of one kind: choosing another forgets it.
  const choose = (next: { kind?: ImportKind; file?: File | null }) => {
    if (next.kind) setKind(next.kind);
    if (next.file !== undefined) setFile(next.file);
    setReport(null);
    setError(null);
  };

  async function check() {
    if (!file) return;
    setError(null);
    try {
      setReport(await dryRun.mutateAsync({ kind, file }));
    } catch (failed) {
      setError(failed);
    }
  }

  async function run() {
    if (!file) return;
    setError(null);
    try {
      const stored = await start.mutateAsync({ kind, file });
      navigate(`/imports/${stored.id}`);
    } catch (failed) {
      setError(failed);
    }
  }

  return (
    <Card className="imports-card" title={<h2 className="card-title">{t('new')}</h2>}>
      <Form layout="vertical">
        <Form.Item label={t('kind')} htmlFor="import-kind" extra={t(`kinds.${kind}.columns`)}>
          <Select<ImportKind>
            id="import-kind"
            value={kind}
            onChange={(value) => choose({ kind: value })}
            options={kinds.map((value) => ({ value, label: t(`kinds.${value}.label`) }))}
            className="import-kind"
          />
        </Form.Item>
        <Form.Item label={t('file')}>
          <Upload.Dragger
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            maxCount={1}
            multiple={false}
            fileList={file ? [{ uid: '1', name: file.name, status: 'done' }] : []}
            beforeUpload={(chosen) => {
              choose({ file: chosen });
              return false; // kept here until the user checks or starts it
            }}
            onRemove={() => choose({ file: null })}
          >
            <p className="ant-upload-text">{t('drop')}</p>
            <p className="ant-upload-hint">{t('dropHint')}</p>
          </Upload.Dragger>
        </Form.Item>
        <Space wrap>
          <Button onClick={() => void check()} disabled={!file} loading={dryRun.isPending}>
            {t('check')}
          </Button>
          <Button type="primary" onClick={() => void run()} disabled={!file} loading={start.isPending}>
            {t('start')}
          </Button>
        </Space>
      </Form>
      {error !== null && <Alert type="error" showIcon role="alert" className="import-error" title={message(error)} />}
      {report && <DryRunReport report={report} />}
    </Card>
  );
}

function DryRunReport({ report }: { report: DryRunView }) {
  const { t } = useTranslation('imports');
  const withProblems = report.rows.filter((row) => row.errors.length > 0);
  return (
    <div className="dry-run" role="region" aria-label={t('dryRun.title')}>
      <Typography.Title level={3}>{t('dryRun.title')}</Typography.Title>
      <Counts view={report} />
      <Alert
        type={report.failed ? 'warning' : 'success'}
        showIcon
        className="dry-run-verdict"
        title={report.failed ? t('dryRun.someFail', { count: report.failed }) : t('dryRun.allGood', { count: report.rowsTotal })}
      />
      {withProblems.length > 0 && <RowProblems rows={withProblems} caption={t('dryRun.problems')} />}
    </div>
  );
}

/** Created / updated / unchanged / failed, as tiles. */
export function Counts({ view }: { view: Pick<ImportView, 'rowsTotal' | 'created' | 'updated' | 'unchanged' | 'failed'> }) {
  const { t } = useTranslation('imports');
  return (
    <Flex gap={40} wrap className="import-counts">
      <Statistic title={t('counts.rowsTotal')} value={view.rowsTotal} />
      <Statistic title={t('counts.created')} value={view.created} />
      <Statistic title={t('counts.updated')} value={view.updated} />
      <Statistic title={t('counts.unchanged')} value={view.unchanged} />
      <Statistic title={t('counts.failed')} value={view.failed} />
    </Flex>
  );
}

function History() {
  const { t } = useTranslation('imports');
  const history = useImportHistory();
  return (
    <Card className="imports-card" title={<h2 className="card-title">{t('history.title')}</h2>}>
      {history.isError && <LoadFailed error={history.error} retry={() => void history.refetch()} />}
      {history.isPending && !history.isError && <Skeleton active />}
      {history.isSuccess && (
        <Table<ImportView>
          rowKey="id"
          size="small"
          dataSource={history.data.items}
          pagination={false}
          locale={{ emptyText: <Empty description={t('history.none')} /> }}
          columns={[
            { key: 'file', title: t('history.file'), render: (_, item) => <Link to={`/imports/${item.id}`}>{item.fileName ?? t('history.noName')}</Link> },
            { key: 'kind', title: t('kind'), render: (_, item) => t(`kinds.${item.kind}.label`) },
            { key: 'when', title: t('history.when'), render: (_, item) => formatDateTime(item.createdAt) },
            { key: 'status', title: t('status.label'), render: (_, item) => <StatusTag status={item.status} /> },
            { key: 'rows', title: t('counts.rowsTotal'), render: (_, item) => item.rowsTotal },
            { key: 'applied', title: t('history.applied'), render: (_, item) => item.created + item.updated + item.unchanged },
            { key: 'failed', title: t('counts.failed'), render: (_, item) => (item.failed ? <Tag className="import-failed">{item.failed}</Tag> : 0) },
          ]}
        />
      )}
    </Card>
  );
}
