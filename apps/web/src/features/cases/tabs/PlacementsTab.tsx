import { Card, Descriptions, Empty, Flex, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { components } from '../../../api/schema';
import { useEducationForms } from '../../../shared/api/reference';
import { formatDate } from '../dates';
import { NONE, useOrgName } from '../labels';
import type { Placement } from '../types';

type Goal = components['schemas']['PlanGoal'];
type PlanService = components['schemas']['PlanService'];

/** Where the child studies (active first, then proposals, then history), each with its support plan. */
export function PlacementsTab({ placements }: { placements: Placement[] }) {
  const { t } = useTranslation('cases');
  if (placements.length === 0) return <Empty description={t('placement.none')} />;
  return (
    <Flex vertical gap="middle">
      {placements.map((placement) => (
        <PlacementCard key={placement.id} placement={placement} />
      ))}
    </Flex>
  );
}

function PlacementCard({ placement }: { placement: Placement }) {
  const { t } = useTranslation('cases');
  const orgName = useOrgName();
  const forms = useEducationForms();
  const plan = placement.supportPlan;
  return (
    <Card
      title={
        <Typography.Title level={2} className="card-title">
          {orgName(placement.organization)}
        </Typography.Title>
      }
      extra={<Tag color={placement.status === 'active' ? '#0b6e4f' : undefined}>{t(`placement.statuses.${placement.status}`)}</Tag>}
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
              { key: 'service', title: t('placement.service'), dataIndex: 'service' },
              { key: 'hoursPerWeek', title: t('placement.hoursPerWeek'), render: (_, service) => service.hoursPerWeek ?? NONE },
              { key: 'provider', title: t('placement.provider'), render: (_, service) => service.provider ?? NONE },
            ]}
          />
        </>
      )}
    </Card>
  );
}
