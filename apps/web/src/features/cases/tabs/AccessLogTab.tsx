import { Button, Empty, Flex, Skeleton, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../shared/i18n/i18n';
import { LoadFailed } from '../../../shared/ui/load-states';
import { useAccessLog } from '../api/case';
import { NONE, useCodeLabel, useOrgName } from '../labels';
import type { AccessLogEntry } from '../types';

const KIND_COLOUR: Record<AccessLogEntry['kind'], string | undefined> = { read: undefined, change: '#0b6e4f', break_glass: '#a8071a' };

/**
 * The family's right to know: which organisations opened or changed the case, when, and why when the
 * glass was broken. Printable for the family (the shell and the tabs stay off the paper).
 */
export function AccessLogTab({ childId }: { childId: string }) {
  const { t } = useTranslation(['cases', 'common']);
  const orgName = useOrgName();
  const label = useCodeLabel();
  const log = useAccessLog(childId);
  if (log.isPending) return <Skeleton active />;
  if (log.isError) {
    return <LoadFailed error={log.error} retry={() => void log.refetch()} />;
  }
  // Entries have no id of their own; their place in the log (newest first, pages only appended) is stable.
  const entries = log.data.pages.flatMap((page) => page.items).map((entry, index) => ({ ...entry, key: index }));
  const kindLabel = (entry: AccessLogEntry) => t(`cases:accessLog.kinds.${entry.kind}`);
  return (
    <section aria-labelledby="access-log-title" className="access-log">
      <Flex justify="space-between" align="center" wrap gap="small">
        <Typography.Title level={2} id="access-log-title" className="card-title">
          {t('cases:accessLog.title')}
        </Typography.Title>
        <Button className="no-print" onClick={() => window.print()}>
          {t('cases:accessLog.print')}
        </Button>
      </Flex>
      <Typography.Paragraph>{t('cases:accessLog.intro')}</Typography.Paragraph>
      <Table<AccessLogEntry & { key: number }>
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={entries}
        locale={{ emptyText: <Empty description={t('cases:accessLog.none')} /> }}
        columns={[
          { key: 'at', title: t('cases:accessLog.at'), width: 150, render: (_, entry) => formatDateTime(entry.at) },
          {
            key: 'organization',
            title: t('cases:accessLog.organization'),
            render: (_, entry) => orgName({ nameKk: entry.organizationNameKk, nameRu: entry.organizationNameRu }) ?? t('cases:accessLog.noOrganization'),
          },
          { key: 'kind', title: t('cases:accessLog.kind'), render: (_, entry) => <Tag color={KIND_COLOUR[entry.kind]}>{kindLabel(entry)}</Tag> },
          { key: 'action', title: t('cases:accessLog.action'), render: (_, entry) => label(`accessLog.actions.${entry.action}`, kindLabel(entry)) },
          { key: 'reason', title: t('cases:accessLog.reason'), render: (_, entry) => entry.reason ?? NONE },
        ]}
      />
      {log.hasNextPage && (
        <Button className="no-print case-load-more" onClick={() => void log.fetchNextPage()} loading={log.isFetchingNextPage}>
          {t('cases:timeline.loadMore')}
        </Button>
      )}
    </section>
  );
}
