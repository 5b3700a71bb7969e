import { Empty, Flex, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useMe } from '../../../shared/api/me';
import { useServiceTypes } from '../../../shared/api/reference';
import { useWorkCalendar } from '../api/calendar';
import { almatyDate, formatDate } from '../dates';
import { DeadlineTag } from '../DeadlineTag';
import { NONE, useOrgName } from '../labels';
import type { CaseReferral } from '../types';
import type { WorkCalendar } from '../working-days';

/**
 * The child's referrals and services the server shows this organisation (PMPC: all; others: their
 * own): what service, its status, the organisation on the other side and the running deadline.
 * Each opens its referral's page; "Refer" is offered to those GET /me allows it (the server still decides).
 */
export function ReferralsTab({ referrals }: { referrals: CaseReferral[] }) {
  const { t } = useTranslation('cases');
  // The tab sits on /cases/:id; the referrals it lists carry the child's id too, but there may be none.
  const { id: childId } = useParams();
  const me = useMe();
  const orgName = useOrgName();
  const serviceTypes = useServiceTypes();
  const myOrgId = me.data?.organization?.id;
  const dueYears = referrals.filter((r) => r.slaDueAt).map((r) => Number(almatyDate(new Date(r.slaDueAt!)).slice(0, 4)));
  const calendar = useWorkCalendar(dueYears.length ? [Number(almatyDate(new Date()).slice(0, 4)), ...dueYears] : []);

  const counterpart = (referral: CaseReferral) => {
    const from = orgName(referral.fromOrg) ?? NONE;
    const to = orgName(referral.toOrg) ?? NONE;
    if (referral.fromOrgId === myOrgId) return t('referral.to', { name: to });
    if (referral.toOrgId === myOrgId) return t('referral.from', { name: from });
    return t('referral.between', { from, to });
  };

  return (
    <>
      {me.data?.permissions.includes('create:Referral') && childId && (
        <Flex justify="end" style={{ marginBottom: 12 }}>
          <Link to={`/cases/${childId}/refer`} className="link-button">
            {t('referral.refer')}
          </Link>
        </Flex>
      )}
      <Table<CaseReferral>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={referrals}
        locale={{ emptyText: <Empty description={t('referral.none')} /> }}
        columns={[
          {
            key: 'serviceType',
            title: t('referral.serviceType'),
            render: (_, referral) => (
              <>
                <Link to={`/referrals/${referral.id}`}>{serviceTypes.data?.get(referral.serviceType) ?? referral.serviceType}</Link>
                {referral.priority === 'urgent' && <Tag className="inline-tag">{t('referral.urgent')}</Tag>}
              </>
            ),
          },
          { key: 'status', title: t('referral.status'), render: (_, referral) => t(`referral.statuses.${referral.status}`) },
          { key: 'organization', title: t('referral.organization'), render: (_, referral) => counterpart(referral) },
          { key: 'sentAt', title: t('referral.sentAt'), render: (_, referral) => (referral.sentAt ? formatDate(referral.sentAt) : NONE) },
          { key: 'deadline', title: t('referral.deadline'), render: (_, referral) => <DeadlineCell referral={referral} calendar={calendar} /> },
          {
            key: 'service',
            title: t('referral.service'),
            render: (_, { episode }) => (episode ? t('referral.sessions', { attended: episode.attendedSessions, total: episode.sessions }) : NONE),
          },
        ]}
      />
    </>
  );
}

/** The running deadline, "paused" while the SLA clock stands still, or nothing once it no longer runs. */
function DeadlineCell({ referral, calendar }: { referral: CaseReferral; calendar?: WorkCalendar }) {
  const { t } = useTranslation('cases');
  if (referral.slaDueAt) return <DeadlineTag dueAt={referral.slaDueAt} overdue={referral.sla.overdue} calendar={calendar} />;
  return <>{referral.sla.paused ? t('deadline.paused') : NONE}</>;
}
