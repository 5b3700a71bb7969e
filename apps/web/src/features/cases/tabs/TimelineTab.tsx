import { Button, Empty, Flex, Skeleton, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../shared/i18n/i18n';
import { useTimeline } from '../api/case';
import { useEducationForms, useSenCategories, useServiceTypes } from '../../../shared/api/reference';
import { LoadFailed } from '../../../shared/ui/load-states';
import { NONE, useCodeLabel, useOrgName } from '../labels';
import type { TimelineEntry } from '../types';

/** What happened to the child across agencies, oldest first, a page at a time. */
export function TimelineTab({ childId }: { childId: string }) {
  const { t } = useTranslation(['cases', 'common']);
  const orgName = useOrgName();
  const label = useCodeLabel();
  const details = useDetails();
  const timeline = useTimeline(childId);
  if (timeline.isPending) return <Skeleton active />;
  if (timeline.isError) {
    return <LoadFailed error={timeline.error} retry={() => void timeline.refetch()} />;
  }
  const entries = timeline.data.pages.flatMap((page) => page.items);
  return (
    <Flex vertical gap="middle">
      <Table<TimelineEntry>
        className="case-timeline"
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={entries}
        locale={{ emptyText: <Empty description={t('cases:timeline.none')} /> }}
        columns={[
          { key: 'at', title: t('cases:timeline.at'), width: 150, render: (_, entry) => formatDateTime(entry.at) },
          { key: 'event', title: t('cases:timeline.event'), render: (_, entry) => label(`timeline.kinds.${entry.kind}`, t('cases:timeline.otherEvent')) },
          { key: 'details', title: t('cases:timeline.details'), render: (_, entry) => details(entry) || NONE },
          { key: 'organization', title: t('cases:timeline.organization'), render: (_, entry) => orgName(entry.organization) ?? t('cases:timeline.system') },
        ]}
      />
      {timeline.hasNextPage && (
        <Button className="no-print" onClick={() => void timeline.fetchNextPage()} loading={timeline.isFetchingNextPage}>
          {t('cases:timeline.loadMore')}
        </Button>
      )}
    </Flex>
  );
}

/** A few words on what an entry changed, from the codes in its details (never personal data). */
function useDetails(): (entry: TimelineEntry) => string {
  const { t } = useTranslation('cases');
  const senCategories = useSenCategories();
  const forms = useEducationForms();
  const serviceTypes = useServiceTypes();
  const label = useCodeLabel();
  return ({ kind, details }) => {
    const text = (key: string) => (typeof details[key] === 'string' ? (details[key] as string) : null);
    const parts: (string | null)[] = [];
    if (kind.startsWith('consent.')) {
      parts.push(text('kind') && label(`consentKind.${text('kind')}`, text('kind')!));
      parts.push(text('sector') && label(`sector.${text('sector')}`, text('sector')!));
    } else if (kind === 'diagnosis.recorded') {
      parts.push(text('icd10'));
    } else if (kind === 'disability.recorded') {
      parts.push(text('status') && label(`disability.statuses.${text('status')}`, text('status')!));
    } else if (kind === 'assessment.signed') {
      if (details.noSen === true) parts.push(t('header.noSen'));
      if (Array.isArray(details.senCategories)) parts.push(...details.senCategories.map((code) => senCategories.data?.get(String(code)) ?? String(code)));
    } else if (kind.startsWith('placement.')) {
      parts.push(text('form') && (forms.data?.get(text('form')!) ?? text('form')));
    } else if (kind.startsWith('referral.')) {
      parts.push(text('serviceType') && (serviceTypes.data?.get(text('serviceType')!) ?? text('serviceType')));
    } else if (kind.startsWith('guardian.added')) {
      parts.push(text('relation') && label(`relation.${text('relation')}`, text('relation')!));
    }
    return parts.filter(Boolean).join(', ');
  };
}
