import { Card, Descriptions, Empty, Flex, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { components } from '../../../api/schema';
import { useEducationForms, useServiceTypes } from '../../../shared/api/reference';
import { formatDate } from '../dates';
import { NONE, useOrgName } from '../labels';
import type { Placement } from '../types';
import { LifeStage } from '../../placements/LifeStage';
import { useMe } from '../../../shared/api/me';

type Goal = components['schemas']['PlanGoal'];
type PlanService = components['schemas']['PlanService'];

/**
 * Where the child studies (active first, then proposals, then history), each with its support plan and
 * a link to the placement's own page (its actions, the plan's editor, reviews and history); the life
 * stage and what is due next; proposing a placement for who may (GET /me).
 */
export function PlacementsTab({ childId, placements }: { childId: string; placements: Placement[] }) {
  const { t } = useTranslation(['cases', 'placements']);
  const me = useMe();
  return (
    <Flex vertical gap="middle">
      <LifeStage childId={childId} />
      {me.data?.permissions.includes('create:Placement') && !placements.some((placement) => placement.status === 'active' || placement.status === 'proposed') && (
        <Link to={`/cases/${childId}/placements/new`} className="link-button case-action-link">
          {t('placements:propose.open')}
        </Link>
      )}
      {placements.length === 0 && <Empty description={t('placement.none')} />}
      {placements.map((placement) => (
        <PlacementCard key={placement.id} placement={placement} />
      ))}
    </Flex>
  );
}

function PlacementCard({ placement }: { placement: Placement }) {
  const { t } = useTranslation(['cases', 'placements']);
  const orgName = useOrgName();
  const forms = useEducationForms();
  const serviceTypes = useServiceTypes();
  const plan = placement.supportPlan;
  return (
    <Card
      title={
        <Typography.Title level={2} className="card-title">
          {orgName(placement.organization)}
        </Typography.Title>
      }
      extra={
        <Flex gap="small" align="center">
          <Tag color={placement.status === 'active' ? '#0b6e4f' : undefined}>{t(`placement.statuses.${placement.status}`)}</Tag>
          <Link to={`/placements/${placement.id}`}>{t('placements:placement.open')}</Link>
        </Flex>
      }
    >
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'form', label: t('placement.form'), children: forms.data?.get(placement.form) ?? placement.form },
          { key: 'class', label: t('placement.class'), children: placement.classLabel ?? NONE },
          { key: 'supportRoom', label: t('placement.supportRoom'), children: placement.usesSupportRoom ? t('placement.yes') : t('placement.no') },
          { key: 'proposedAt', label: t('placement.proposedAt'), children: formatDate(placement.proposedAt) },
          { key: 'startedOn', label: t('placement.startedOn'), children: placement.startedOn ? formatDate(placement.startedOn) : NONE },
          ...(placement.status === 'ended'
            ? [
                { key: 'endedOn', label: t('placement.endedOn'), children: placement.endedOn ? formatDate(placement.endedOn) : NONE },
                { key: 'endReason', label: t('placement.endReason'), children: placement.endReason ?? NONE },
              ]
            : []),
        ]}
      />
      <Typography.Title level={3} className="case-subtitle">
        {t('placement.plan')}
      </Typography.Title>
      {!plan ? (
        <Typography.Paragraph>{t('placement.noPlan')}</Typography.Paragraph>
      ) : (
        <>
          <Typography.Paragraph>
            {t('placement.reviewDate')}: {formatDate(plan.reviewDate)}
          </Typography.Paragraph>
          <Table<Goal>
            size="small"
            rowKey={(_, index) => `goal-${index}`}
            pagination={false}
            dataSource={plan.goals}
            title={() => <Typography.Text strong>{t('placement.goals')}</Typography.Text>}
            locale={{ emptyText: <Empty description={t('placement.noGoals')} /> }}
            columns={[
              { key: 'description', title: t('placement.goal'), dataIndex: 'description' },
              { key: 'area', title: t('placement.area'), render: (_, goal) => goal.area ?? NONE },
              { key: 'targetDate', title: t('placement.targetDate'), render: (_, goal) => (goal.targetDate ? formatDate(goal.targetDate) : NONE) },
            ]}
          />
          <Table<PlanService>
            className="case-subsection"
            size="small"
            rowKey={(_, index) => `service-${index}`}
            pagination={false}
            dataSource={plan.services}
            title={() => <Typography.Text strong>{t('placement.services')}</Typography.Text>}
            locale={{ emptyText: <Empty description={t('placement.noServices')} /> }}
            columns={[
              { key: 'service', title: t('placement.service'), render: (_, service) => serviceTypes.data?.get(service.service) ?? service.service },
              { key: 'hoursPerWeek', title: t('placement.hoursPerWeek'), render: (_, service) => service.hoursPerWeek ?? NONE },
              { key: 'provider', title: t('placement.provider'), render: (_, service) => service.provider ?? NONE },
            ]}
          />
        </>
      )}
    </Card>
  );
}
