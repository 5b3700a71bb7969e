import { Button, Card, Descriptions, Flex, Skeleton, Tag, Typography } from 'antd';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { useMe } from '../../shared/api/me';
import { useEducationForms, useSpecialConditions } from '../../shared/api/reference';
import { formatDateTime } from '../../shared/i18n/i18n';
import { Unavailable } from '../../shared/ui/load-states';
import { useCase } from '../cases/api/case';
import { formatDate } from '../cases/dates';
import { fullName, NONE, useOrgName } from '../cases/labels';
import { type Placement, type PlacementWarning, usePlacement } from './api';
import { PlacementActions } from './PlacementActions';
import { PlanView } from './PlanView';
import { GOOD } from './ProvisionTags';
import { PlacementWarnings } from './Warnings';
import './placements.css';

/** /placements/:id — one placement: the child, where and how it studies, what may be done with it now, its support plan. */
export function PlacementPage() {
  const { id = '' } = useParams();
  usePlacement(id);
  useEducationForms();
  useSpecialConditions();
  return (
    <Suspense fallback={<Skeleton active />}>
      <PlacementScreen key={id} id={id} />
    </Suspense>
  );
}

function PlacementScreen({ id }: { id: string }) {
  const { t } = useTranslation(['placements', 'common']);
  const navigate = useNavigate();
  const location = useLocation();
  const found = usePlacement(id);
  // Warnings of the proposal or enrolment that led here, then of the last action taken on this page.
  const [warnings, setWarnings] = useState<PlacementWarning[]>((location.state as { warnings?: PlacementWarning[] } | null)?.warnings ?? []);
  const me = useMe();
  if (found.isPending) return <Skeleton active />;
  if (found.isError) {
    return (
      <Unavailable
        error={found.error}
        retry={() => void found.refetch()}
        title={t('placement.notFound')}
        actions={[
          <Button key="roster" onClick={() => navigate('/placements')}>
            {t('roster.title')}
          </Button>,
        ]}
      />
    );
  }
  const placement = found.data;
  const ours = me.data?.organization?.id === placement.organization.id;
  const mayUpdate = ours && (me.data?.permissions.includes('update:Placement') ?? false);
  return (
    <article aria-labelledby="placement-title" className="placements-page placement-page">
      <PlacementHeading placement={placement} />
      <PlacementWarnings warnings={warnings} />
      {mayUpdate && <PlacementActions placement={placement} onWarnings={setWarnings} />}
      <PlacementDetails placement={placement} />
      <PlanCard placement={placement} mayUpdate={mayUpdate} />
    </article>
  );
}

function PlacementHeading({ placement }: { placement: Placement }) {
  const { t } = useTranslation('placements');
  const child = useCase(placement.childId);
  const identity = child.data?.identity;
  return (
    <>
      <Typography.Title level={1} id="placement-title">
        {identity ? t('placement.titleOf', { name: fullName(identity) }) : t('placement.title')}
      </Typography.Title>
      <Flex gap="small" align="center" wrap className="placement-summary">
        {identity && <Link to={`/cases/${placement.childId}?tab=placements`}>{t('placement.openCase')}</Link>}
        {identity && <Typography.Text type="secondary">{t('born', { date: formatDate(identity.birthDate) })}</Typography.Text>}
        <Tag color={placement.status === 'active' ? GOOD : undefined}>{t(`status.${placement.status}`)}</Tag>
        {placement.endedAs && <Tag>{t(`endedAs.${placement.endedAs}`)}</Tag>}
      </Flex>
    </>
  );
}

function PlacementDetails({ placement }: { placement: Placement }) {
  const { t } = useTranslation('placements');
  const forms = useEducationForms();
  const conditions = useSpecialConditions();
  const orgName = useOrgName();
  const date = (value: string | null) => (value ? formatDate(value) : NONE);
  return (
    <Card title={<h2 className="card-title">{t('placement.details')}</h2>}>
      <Descriptions
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'org', label: t('fields.organization'), children: orgName(placement.organization) },
          { key: 'form', label: t('fields.form'), children: forms.data?.get(placement.form) ?? placement.form },
          { key: 'class', label: t('fields.classLabel'), children: placement.classLabel ?? NONE },
          { key: 'room', label: t('fields.usesSupportRoom'), children: t(placement.usesSupportRoom ? 'yes' : 'no') },
          {
            key: 'conditions',
            label: t('fields.providedConditions'),
            span: 'filled' as const,
            children: placement.providedConditions.length ? placement.providedConditions.map((code) => conditions.data?.get(code) ?? code).join(', ') : NONE,
          },
          { key: 'proposed', label: t('placement.proposedAt'), children: formatDateTime(placement.proposedAt) },
          { key: 'started', label: t('fields.startedOn'), children: date(placement.startedOn) },
          ...(placement.applicationDate
            ? [{ key: 'application', label: t('placement.application'), children: `${formatDate(placement.applicationDate)}${placement.applicationDocument ? ` · ${placement.applicationDocument}` : ''}` }]
            : []),
          ...(placement.referralId ? [{ key: 'referral', label: t('placement.referral'), children: <Link to={`/referrals/${placement.referralId}`}>{t('placement.openReferral')}</Link> }] : []),
          ...(placement.transferredFromId ? [{ key: 'from', label: t('placement.transferredFrom'), children: t('placement.transferredFromText') }] : []),
          ...(placement.status === 'ended'
            ? [
                { key: 'ended', label: t('placement.endedOn'), children: date(placement.endedOn) },
                { key: 'reason', label: t('placement.endReason'), children: placement.endReason ?? NONE },
              ]
            : []),
        ]}
      />
    </Card>
  );
}

function PlanCard({ placement, mayUpdate }: { placement: Placement; mayUpdate: boolean }) {
  const { t } = useTranslation('placements');
  const plan = placement.supportPlan;
  const editable = mayUpdate && placement.status !== 'ended';
  return (
    <Card
      title={<h2 className="card-title">{t('plan.title')}</h2>}
      extra={
        <Flex gap="small" wrap>
          {plan && (
            <Link to={`/support-plans/${plan.id}`} className="card-link">
              {t('plan.reviewsAndHistory')}
            </Link>
          )}
          {editable && (
            <Link to={`/placements/${placement.id}/plan`} className="link-button">
              {plan ? t('plan.edit') : t('plan.write')}
            </Link>
          )}
        </Flex>
      }
    >
      {!plan ? (
        <Typography.Paragraph>{t('plan.none')}</Typography.Paragraph>
      ) : (
        <>
          {plan.carriedFromId && <Typography.Paragraph type="secondary">{t('plan.carried')}</Typography.Paragraph>}
          <PlanView plan={plan} />
        </>
      )}
    </Card>
  );
}
