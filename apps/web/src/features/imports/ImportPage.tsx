import { Alert, Button, Card, Pagination, Progress, Skeleton, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useErrorMessage } from '../../shared/api/errors';
import { formatDateTime } from '../../shared/i18n/i18n';
import { Unavailable } from '../../shared/ui/load-states';
import { ROWS_PAGE, useDownloadErrors, useImport } from './api';
import { Counts } from './ImportsPage';
import { RowProblems } from './RowProblems';
import { StatusTag } from './StatusTag';
import './imports.css';

/** /imports/:id — one import: its progress while the job applies it (polled), then each failed row and the error file. */
export function ImportPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('imports');
  const message = useErrorMessage();
  const [offset, setOffset] = useState(0);
  const view = useImport(id, offset);
  const download = useDownloadErrors(id);

  if (view.isError && !view.data) {
    return <Unavailable error={view.error} retry={() => void view.refetch()} title={t('unavailable')} actions={[<Link key="back" to="/imports">{t('backToImports')}</Link>]} />;
  }
  if (!view.data) return <Skeleton active />;
  const item = view.data;
  const percent = item.rowsTotal ? Math.floor((item.rowsDone / item.rowsTotal) * 100) : 100;
  const failedRows = item.rows.filter((row) => row.errors.length > 0);

  return (
    <section aria-labelledby="import-title" className="imports-page">
      <Link to="/imports">{t('backToImports')}</Link>
      <Typography.Title level={1} id="import-title">
        {item.fileName ?? t('history.noName')}
      </Typography.Title>
      <Space wrap className="import-meta">
        <span>{t(`kinds.${item.kind}.label`)}</span>
        <span>{formatDateTime(item.createdAt)}</span>
        <StatusTag status={item.status} />
      </Space>
      <Card className="imports-card" title={<h2 className="card-title">{t('progress.title')}</h2>}>
        <Progress
          percent={percent}
          status={item.status === 'done' ? (item.failed ? 'normal' : 'success') : 'active'}
          aria-label={t('progress.title')}
        />
        <p className="import-progress-text" aria-live="polite">
          {item.status === 'done'
            ? t('progress.done', { count: item.rowsTotal, finished: item.finishedAt ? formatDateTime(item.finishedAt) : '' })
            : t('progress.running', { done: item.rowsDone, count: item.rowsTotal })}
        </p>
        <Counts view={item} />
      </Card>
      {item.status === 'done' && item.failed > 0 && (
        <Card className="imports-card" title={<h2 className="card-title">{t('errors.title', { count: item.failed })}</h2>}>
          <Typography.Paragraph>{t('errors.fixAndReupload')}</Typography.Paragraph>
          <Button onClick={() => download.mutate()} loading={download.isPending}>
            {t('errors.download')}
          </Button>
          {download.isError && <Alert type="error" showIcon role="alert" className="import-error" title={message(download.error)} />}
          <RowProblems rows={failedRows} caption={t('errors.caption')} pagination={false} />
          {ROWS_PAGE < item.rowsTotal && (
            <Pagination
              className="import-rows-pages"
              current={offset / ROWS_PAGE + 1}
              pageSize={ROWS_PAGE}
              total={item.rowsTotal}
              showSizeChanger={false}
              onChange={(page) => setOffset((page - 1) * ROWS_PAGE)}
            />
          )}
        </Card>
      )}
    </section>
  );
}
