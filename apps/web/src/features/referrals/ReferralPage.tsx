import { Alert, Card, Descriptions, Flex, Skeleton, Table, Tag, Typography } from 'antd';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { ApiError, type Problem } from '../../shared/api/client';
import { useErrorMessage } from '../../shared/api/errors';
import { useMe } from '../../shared/api/me';
import { useServiceTypes } from '../../shared/api/reference';
import { formatDateTime } from '../../shared/i18n/i18n';
import { useWorkCalendar } from '../cases/api/calendar';
import { formatDate } from '../cases/dates';
import { fullName, NONE, useOrgName } from '../cases/labels';
import { availableActions, sideOf } from './actions';
import { PAUSE_REASONS, type Referral, type ReferralEvent, useReferral, useReferralEvents } from './api';
import { ReferralActions } from './ReferralActions';
import { Sessions } from './Sessions';
import { useServiceWords } from './service-words';
import { deadlineYears, SlaCell } from './SlaCell';
import { LoadFailed } from '../../shared/ui/load-states';
import { ReferralUnavailable } from './ReferralUnavailable';
import './referrals.css';

/** /referrals/:id — one referral: its details and deadline, what this side may do now, the service and its sessions, the history. */
export function ReferralPage() {
  const { id = '' } = useParams();
  useReferral(id);
  useReferralEvents(id);
  useServiceTypes();
  return (
    <Suspense fallback={<Skeleton active />}>
      <ReferralScreen id={id} />
    </Suspense>
  );
}

function ReferralScreen({ id }: { id: string }) {
  const { t } = useTranslation(['referrals', 'cases', 'common', 'placements']);
  const location = useLocation();
  const message = useErrorMessage();
  const me = useMe();
  const found = useReferral(id);
  const serviceTypes = useServiceTypes();
  const orgName = useOrgName();
  const calendar = useWorkCalendar(deadlineYears([found.data?.slaDueAt ?? null]));
  const words = useServiceWords(found.data?.serviceType ?? '');

  if (found.isPending) return <Skeleton active />;
  if (found.isError) return <ReferralUnavailable error={found.error} retry={() => void found.refetch()} />;
  const referral = found.data;
  const orgId = me.data?.organization?.id;
  const permissions = me.data?.permissions ?? [];
  const side = sideOf(referral, orgId);
  // A school_placement referral is answered by a placement, whose activation starts and completes it
  // (libs/referrals, issue 15): the school places the child instead of starting a service.
  const placing = referral.serviceType === 'school_placement' && side === 'receiver';
  const actions = availableActions(referral, orgId, permissions).filter((action) => !(placing && action === 'start'));
  const service = serviceTypes.data?.get(referral.serviceType) ?? referral.serviceType;
  // Sent here by the refer screen when the draft was saved but sending it failed.
  const sendProblem = (location.state as { sendProblem?: Problem } | null)?.sendProblem;
  const { episode } = referral;

  return (
    <article aria-labelledby="referral-title" className="referrals-page referral-page">
      <Typography.Title level={1} id="referral-title">
        {t('referrals:referral.title', { service })}
      </Typography.Title>
      <Flex gap="small" align="center" wrap className="referral-summary">
        {referral.child ? <Link to={`/cases/${referral.childId}`}>{fullName(referral.child)}</Link> : <span>{t('referrals:hiddenChild')}</span>}
        {referral.child && <Typography.Text type="secondary">{t('referrals:refer.born', { date: formatDate(referral.child.birthDate) })}</Typography.Text>}
        <Tag color="#0b6e4f">{t(`cases:referral.statuses.${referral.status}`)}</Tag>
        {referral.priority === 'urgent' && <Tag color="#a8071a">{t('referrals:priority.urgent')}</Tag>}
        {(referral.sla.dueAt || referral.sla.paused) && <SlaCell sla={referral.sla} calendar={calendar} />}
      </Flex>
      {sendProblem && referral.status === 'draft' && (
        <Alert type="warning" showIcon className="action-error" title={t('referrals:referral.notSent')} description={message(new ApiError(sendProblem))} />
      )}
      <ReferralActions referral={referral} actions={actions} />
      {placing && referral.status === 'accepted' && permissions.includes('create:Placement') && (
        <Link to={`/cases/${referral.childId}/placements/new?referralId=${referral.id}`} className="link-button place-child">
          {t('placements:placeChild')}
        </Link>
      )}
      <Card title={<h2 className="card-title">{t('referrals:referral.details')}</h2>}>
        <Descriptions
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'from', label: t('referrals:referral.from'), children: orgName(referral.fromOrg) ?? NONE },
            { key: 'to', label: t('referrals:referral.to'), children: orgName(referral.toOrg) ?? NONE },
            { key: 'service', label: t('referrals:referral.service'), children: service },
            { key: 'priority', label: t('referrals:referral.priority'), children: t(`referrals:priority.${referral.priority}`) },
            { key: 'funding', label: t('referrals:referral.funding'), children: t(`referrals:funding.${referral.funding}`) },
            { key: 'conclusion', label: t('referrals:referral.conclusion'), children: referral.assessmentId ? t('referrals:referral.conclusionLinked') : NONE },
            { key: 'sentAt', label: t('referrals:referral.sentAt'), children: referral.sentAt ? formatDateTime(referral.sentAt) : NONE },
            { key: 'respondedAt', label: t('referrals:referral.respondedAt'), children: referral.respondedAt ? formatDateTime(referral.respondedAt) : NONE },
            ...(referral.waitlistPosition !== null ? [{ key: 'position', label: t('referrals:referral.waitlistPosition'), children: referral.waitlistPosition }] : []),
            ...(referral.sla.dueAt ? [{ key: 'due', label: t(`referrals:sla.phase.${referral.sla.phase ?? 'respond'}`), children: formatDateTime(referral.sla.dueAt) }] : []),
            { key: 'reason', label: t('referrals:referral.reason'), span: 'filled' as const, children: <span className="preserve-lines">{referral.reason}</span> },
            ...(referral.declineReason ? [{ key: 'decline', label: t('referrals:referral.declineReason'), span: 'filled' as const, children: <span className="preserve-lines">{referral.declineReason}</span> }] : []),
            ...(referral.withdrawReason ? [{ key: 'withdraw', label: t('referrals:referral.withdrawReason'), span: 'filled' as const, children: <span className="preserve-lines">{referral.withdrawReason}</span> }] : []),
          ]}
        />
      </Card>
      {episode && (
        <Card title={<h2 className="card-title">{t('referrals:episode.title')}</h2>}>
          <Descriptions
            column={{ xs: 1, md: 2 }}
            items={[
              { key: 'startedOn', label: t('referrals:episode.startedOn'), children: formatDate(episode.startedOn) },
              { key: 'funding', label: t('referrals:referral.funding'), children: t(`referrals:funding.${episode.funding}`) },
              { key: 'sessions', label: words('episodeCount'), children: words('attendedOf', { attended: episode.attendedSessions, total: episode.sessions }) },
              ...(episode.endedOn ? [{ key: 'endedOn', label: t('referrals:episode.endedOn'), children: formatDate(episode.endedOn) }] : []),
              ...(episode.outcome ? [{ key: 'outcome', label: t('referrals:episode.outcome'), children: t(`referrals:outcome.${episode.outcome}`) }] : []),
              ...(episode.outcomeSummary ? [{ key: 'summary', label: t('referrals:episode.summary'), span: 'filled' as const, children: <span className="preserve-lines">{episode.outcomeSummary}</span> }] : []),
            ]}
          />
          {side === 'receiver' && permissions.includes('read:ServiceEpisode') && (
            <section aria-labelledby="sessions-title" className="sessions">
              <h3 id="sessions-title" className="card-subtitle">
                {words('title')}
              </h3>
              <Sessions referral={referral} episodeId={episode.id} mayLog={referral.status === 'in_progress' && permissions.includes('deliver:ServiceEpisode')} />
            </section>
          )}
        </Card>
      )}
      <Card title={<h2 className="card-title">{t('referrals:history.title')}</h2>}>
        <History referral={referral} />
      </Card>
    </article>
  );
}

/** What happened to the referral, oldest first: when, what, which organisation, and why. */
function History({ referral }: { referral: Referral }) {
  const { t, i18n } = useTranslation(['referrals']);
  const events = useReferralEvents(referral.id);
  const orgName = useOrgName();
  if (events.isError) return <LoadFailed error={events.error} retry={() => void events.refetch()} />;
  const by = (event: ReferralEvent) =>
    event.actorOrgId === referral.fromOrgId ? orgName(referral.fromOrg) : event.actorOrgId === referral.toOrgId ? orgName(referral.toOrg) : t('history.system');
  const why = (event: ReferralEvent) =>
    event.reason && (PAUSE_REASONS as readonly string[]).includes(event.reason) ? t(`pauseReason.${event.reason}`) : event.reason;
  return (
    <Table<ReferralEvent>
      size="small"
      rowKey="id"
      dataSource={events.data?.items ?? []}
      loading={events.isPending}
      pagination={false}
      locale={{ emptyText: events.isPending ? ' ' : t('history.none') }}
      columns={[
        { key: 'at', title: t('history.at'), className: 'nowrap', render: (_, event) => formatDateTime(event.at) },
        { key: 'event', title: t('history.event'), render: (_, event) => (i18n.exists(`events.${event.event}`, { ns: 'referrals' }) ? t(`events.${event.event}`) : t('events.other')) },
        { key: 'by', title: t('history.by'), render: (_, event) => by(event) ?? NONE },
        { key: 'reason', title: t('history.reason'), render: (_, event) => <span className="preserve-lines">{why(event) ?? ''}</span> },
      ]}
    />
  );
}
