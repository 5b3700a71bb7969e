import { Descriptions, Empty, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { components } from '../../api/schema';
import { useServiceTypes } from '../../shared/api/reference';
import { formatDate } from '../cases/dates';
import { NONE, useOrgName } from '../cases/labels';
import { useOrganization } from './api';

type Goal = components['schemas']['PlanGoalView'];
type Service = components['schemas']['PlanServiceView'];
type Staff = components['schemas']['ResponsibleStaff'];
export interface PlanContent {
  goals: Goal[];
  services: Service[];
  responsibleStaff: Staff[];
  reviewDate: string;
}

/** A support plan's goals (with how each is measured), services and the people responsible. */
export function PlanView({ plan, headingLevel = 3 }: { plan: PlanContent; headingLevel?: 2 | 3 | 4 }) {
  const { t } = useTranslation('placements');
  const services = useServiceTypes();
  const Heading = `h${headingLevel}` as const;
  return (
    <div className="plan-view">
      <Descriptions size="small" items={[{ key: 'review', label: t('plan.reviewDate'), children: formatDate(plan.reviewDate) }]} />
      <Heading className="plan-heading">{t('plan.goals')}</Heading>
      <Table<Goal>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={plan.goals}
        locale={{ emptyText: <Empty description={t('plan.noGoals')} /> }}
        columns={[
          { key: 'area', title: t('plan.area'), dataIndex: 'area' },
          { key: 'description', title: t('plan.goal'), render: (_, goal) => <span className="preserve-lines">{goal.description}</span> },
          { key: 'criterion', title: t('plan.criterion'), render: (_, goal) => <span className="preserve-lines">{goal.criterion}</span> },
          { key: 'targetDate', title: t('plan.targetDate'), className: 'nowrap', render: (_, goal) => formatDate(goal.targetDate) },
        ]}
      />
      <Heading className="plan-heading">{t('plan.services')}</Heading>
      <Table<Service>
        size="small"
        rowKey={(service, index) => `${service.service}-${index}`}
        pagination={false}
        dataSource={plan.services}
        locale={{ emptyText: <Empty description={t('plan.noServices')} /> }}
        columns={[
          { key: 'service', title: t('plan.service'), render: (_, service) => services.data?.get(service.service) ?? service.service },
          { key: 'provider', title: t('plan.providerOrg'), render: (_, service) => <ProviderName id={service.providerOrgId} /> },
          { key: 'hours', title: t('plan.hoursPerWeek'), dataIndex: 'hoursPerWeek' },
          { key: 'where', title: t('plan.where'), render: (_, service) => service.provider ?? NONE },
        ]}
      />
      <Heading className="plan-heading">{t('plan.staff')}</Heading>
      <Table<Staff>
        size="small"
        rowKey={(staff, index) => `${staff.fullName}-${index}`}
        pagination={false}
        dataSource={plan.responsibleStaff}
        columns={[
          { key: 'name', title: t('plan.staffName'), dataIndex: 'fullName' },
          { key: 'role', title: t('plan.staffRole'), dataIndex: 'role' },
        ]}
      />
    </div>
  );
}

function ProviderName({ id }: { id: string }) {
  const org = useOrganization(id);
  const orgName = useOrgName();
  return <Typography.Text>{orgName(org.data) ?? NONE}</Typography.Text>;
}
