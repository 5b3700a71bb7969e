import { Alert, Button, Card, Col, DatePicker, Flex, Form, Input, InputNumber, Row, Select, Skeleton, Typography } from 'antd';
import type { FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../shared/api/client';
import { useErrorMessage } from '../../shared/api/errors';
import { clearServerErrors, useApplyServerErrors } from '../../shared/api/form-errors';
import { useServiceTypes } from '../../shared/api/reference';
import { almatyToday } from '../../shared/iin';
import { Unavailable } from '../../shared/ui/load-states';
import { type Placement, usePlacement, useSavePlan } from './api';
import { OrganizationSelect } from './OrganizationSelect';
import './placements.css';

interface Values {
  goals: { id?: string; area: string; description: string; criterion: string; targetDate: Dayjs }[];
  services: { service: string; providerOrgId: string; hoursPerWeek: number; provider?: string }[];
  responsibleStaff: { fullName: string; role: string }[];
  reviewDate: Dayjs;
}

/** The review date the server accepts: after today and within 12 months (PLAN_REVIEW_DATE_OUT_OF_RANGE otherwise). */
const outOfRange = (date: Dayjs) => !date.isAfter(dayjs(almatyToday()), 'day') || date.isAfter(dayjs(almatyToday()).add(12, 'month'), 'day');

/** /placements/:id/plan — write or change the support plan: goals with how each is measured and by when, services, the people responsible. */
export function PlanEditorPage() {
  const { id = '' } = useParams();
  usePlacement(id);
  useServiceTypes();
  return (
    <Suspense fallback={<Skeleton active />}>
      <PlanEditorScreen id={id} />
    </Suspense>
  );
}

function PlanEditorScreen({ id }: { id: string }) {
  const { t } = useTranslation(['placements', 'common']);
  const navigate = useNavigate();
  const found = usePlacement(id);
  if (found.isPending) return <Skeleton active />;
  if (found.isError) {
    return <Unavailable error={found.error} retry={() => void found.refetch()} title={t('placement.notFound')} actions={[<Button key="roster" onClick={() => navigate('/placements')}>{t('roster.title')}</Button>]} />;
  }
  // Keyed by the plan's version: a save that lands reloads the form from what the server kept.
  return <PlanForm key={found.data.supportPlan?.version ?? 0} placement={found.data} />;
}

function PlanForm({ placement }: { placement: Placement }) {
  const { t } = useTranslation(['placements', 'common']);
  const navigate = useNavigate();
  const save = useSavePlan(placement);
  const services = useServiceTypes();
  const message = useErrorMessage();
  const applyServerErrors = useApplyServerErrors();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const plan = placement.supportPlan;
  const initialValues: Partial<Values> = plan
    ? {
        goals: plan.goals.map((goal) => ({ ...goal, targetDate: dayjs(goal.targetDate) })),
        services: plan.services.map((service) => ({ ...service, provider: service.provider ?? undefined })),
        responsibleStaff: plan.responsibleStaff,
        reviewDate: dayjs(plan.reviewDate),
      }
    : {
        goals: [{ area: '', description: '', criterion: '', targetDate: undefined as unknown as Dayjs }],
        services: [],
        responsibleStaff: [{ fullName: '', role: '' }],
      };

  async function submit(values: Values) {
    setError(null);
    try {
      await save.mutateAsync({
        version: plan?.version,
        body: {
          goals: values.goals.map((goal) => ({
            ...(goal.id ? { id: goal.id } : {}),
            area: goal.area.trim(),
            description: goal.description.trim(),
            criterion: goal.criterion.trim(),
            targetDate: goal.targetDate.format('YYYY-MM-DD'),
          })),
          services: (values.services ?? []).map((service) => ({
            service: service.service,
            providerOrgId: service.providerOrgId,
            hoursPerWeek: service.hoursPerWeek,
            provider: service.provider?.trim() || null,
          })),
          responsibleStaff: values.responsibleStaff.map((staff) => ({ fullName: staff.fullName.trim(), role: staff.role.trim() })),
          reviewDate: values.reviewDate.format('YYYY-MM-DD'),
        },
      });
      navigate(`/placements/${placement.id}`);
    } catch (failed) {
      const elsewhere = failed instanceof ApiError ? applyServerErrors(form as FormInstance, failed.problem) : [];
      if (!(failed instanceof ApiError) || elsewhere.length || !failed.problem.errors?.length) setError(failed);
    }
  }

  const required = (key: string) => [{ required: true, whitespace: true, message: t(key) }];
  return (
    <section aria-labelledby="plan-title" className="placements-page form-page">
      <Link to={`/placements/${placement.id}`}>{t('backToPlacement')}</Link>
      <Typography.Title level={1} id="plan-title">
        {plan ? t('plan.editTitle') : t('plan.writeTitle')}
      </Typography.Title>
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={(values) => void submit(values)}
        onValuesChange={(changed) => clearServerErrors(form, changed)}
        scrollToFirstError={{ block: 'center', focus: true }}
      >
        <Card title={<h2 className="card-title">{t('plan.goals')}</h2>}>
          <Form.List name="goals" rules={[{ validator: async (_, goals?: unknown[]) => { if (!goals?.length) throw new Error(t('plan.goalsRequired')); } }]}>
            {(fields, { add, remove }, { errors }) => (
              <>
                {fields.map((field, index) => (
                  <fieldset key={field.key} className="plan-item">
                    <legend>{t('plan.goalNumber', { number: index + 1 })}</legend>
                    <Form.Item name={[field.name, 'id']} hidden>
                      <Input />
                    </Form.Item>
                    <Row gutter={16}>
                      <Col xs={24} md={8}>
                        <Form.Item name={[field.name, 'area']} label={t('plan.areaOf', { number: index + 1 })} rules={required('plan.areaRequired')}>
                          <Input maxLength={100} />
                        </Form.Item>
                      </Col>
                      <Col xs={24} md={8}>
                        <Form.Item name={[field.name, 'targetDate']} label={t('plan.targetDateOf', { number: index + 1 })} rules={[{ required: true, message: t('dateRequired') }]}>
                          <DatePicker format="DD.MM.YYYY" className="full-width" />
                        </Form.Item>
                      </Col>
                    </Row>
                    <Form.Item name={[field.name, 'description']} label={t('plan.goalOf', { number: index + 1 })} rules={required('plan.goalRequired')}>
                      <Input.TextArea rows={2} maxLength={2000} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'criterion']} label={t('plan.criterionOf', { number: index + 1 })} extra={t('plan.criterionHelp')} rules={required('plan.criterionRequired')}>
                      <Input.TextArea rows={2} maxLength={1000} />
                    </Form.Item>
                    {fields.length > 1 && (
                      <Button onClick={() => remove(field.name)}>{t('plan.removeGoal', { number: index + 1 })}</Button>
                    )}
                  </fieldset>
                ))}
                <Form.ErrorList errors={errors} />
                <Button onClick={() => add({})}>{t('plan.addGoal')}</Button>
              </>
            )}
          </Form.List>
        </Card>
        <Card title={<h2 className="card-title">{t('plan.services')}</h2>}>
          <Form.List name="services">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, index) => (
                  <fieldset key={field.key} className="plan-item">
                    <legend>{t('plan.serviceNumber', { number: index + 1 })}</legend>
                    <Row gutter={16}>
                      <Col xs={24} md={8}>
                        <Form.Item name={[field.name, 'service']} label={t('plan.serviceOf', { number: index + 1 })} rules={[{ required: true, message: t('plan.serviceRequired') }]}>
                          <Select options={[...(services.data ?? new Map<string, string>())].map(([value, label]) => ({ value, label }))} showSearch={{ optionFilterProp: 'label' }} />
                        </Form.Item>
                      </Col>
                      <Col xs={24} md={10}>
                        <Form.Item name={[field.name, 'providerOrgId']} label={t('plan.providerOf', { number: index + 1 })} rules={[{ required: true, message: t('fields.orgRequired') }]}>
                          <OrganizationSelect />
                        </Form.Item>
                      </Col>
                      <Col xs={24} md={6}>
                        <Form.Item name={[field.name, 'hoursPerWeek']} label={t('plan.hoursOf', { number: index + 1 })} rules={[{ required: true, message: t('plan.hoursRequired') }]}>
                          <InputNumber min={1} max={40} precision={0} className="full-width" />
                        </Form.Item>
                      </Col>
                    </Row>
                    <Form.Item name={[field.name, 'provider']} label={t('plan.whereOf', { number: index + 1 })}>
                      <Input maxLength={200} />
                    </Form.Item>
                    <Button onClick={() => remove(field.name)}>{t('plan.removeService', { number: index + 1 })}</Button>
                  </fieldset>
                ))}
                <Button onClick={() => add({ providerOrgId: placement.organization.id, hoursPerWeek: 1 })}>{t('plan.addService')}</Button>
              </>
            )}
          </Form.List>
        </Card>
        <Card title={<h2 className="card-title">{t('plan.staff')}</h2>}>
          <Form.List name="responsibleStaff" rules={[{ validator: async (_, staff?: unknown[]) => { if (!staff?.length) throw new Error(t('plan.staffRequired')); } }]}>
            {(fields, { add, remove }, { errors }) => (
              <>
                {fields.map((field, index) => (
                  <Row gutter={16} key={field.key} align="bottom">
                    <Col xs={24} md={10}>
                      <Form.Item name={[field.name, 'fullName']} label={t('plan.staffNameOf', { number: index + 1 })} rules={required('plan.staffNameRequired')}>
                        <Input maxLength={200} autoComplete="off" />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={8}>
                      <Form.Item name={[field.name, 'role']} label={t('plan.staffRoleOf', { number: index + 1 })} rules={required('plan.staffRoleRequired')}>
                        <Input maxLength={100} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={6}>
                      {fields.length > 1 && (
                        <Form.Item>
                          <Button onClick={() => remove(field.name)}>{t('plan.removeStaff', { number: index + 1 })}</Button>
                        </Form.Item>
                      )}
                    </Col>
                  </Row>
                ))}
                <Form.ErrorList errors={errors} />
                <Button onClick={() => add({})}>{t('plan.addStaff')}</Button>
              </>
            )}
          </Form.List>
        </Card>
        <Card>
          <Form.Item name="reviewDate" label={t('plan.reviewDate')} extra={t('plan.reviewDateHelp')} rules={[{ required: true, message: t('dateRequired') }]}>
            <DatePicker format="DD.MM.YYYY" disabledDate={outOfRange} className="review-date" />
          </Form.Item>
        </Card>
        {error !== null && <Alert type="error" showIcon role="alert" className="form-error" title={message(error)} />}
        <Flex gap="small" className="form-actions">
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('plan.save')}
          </Button>
          <Button onClick={() => navigate(`/placements/${placement.id}`)}>{t('actions.close')}</Button>
        </Flex>
      </Form>
    </section>
  );
}
