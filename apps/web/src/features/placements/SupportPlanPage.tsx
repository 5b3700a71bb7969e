import { Alert, Button, Card, DatePicker, Descriptions, Empty, Flex, Form, Input, Select, Skeleton, Table, Tag, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { components } from '../../api/schema';
import { ApiError } from '../../shared/api/client';
import { useErrorMessage } from '../../shared/api/errors';
import { clearServerErrors, useApplyServerErrors } from '../../shared/api/form-errors';
import { useMe } from '../../shared/api/me';
import { useServiceTypes } from '../../shared/api/reference';
import { formatDateTime } from '../../shared/i18n/i18n';
import { almatyToday } from '../../shared/iin';
import { Unavailable } from '../../shared/ui/load-states';
import { caseQueryOptions } from '../cases/api/case';
import { formatDate } from '../cases/dates';
import { fullName, NONE } from '../cases/labels';
import { GOAL_PROGRESS, type SupportPlanHistory, usePlacement, useReviewPlan, useSupportPlan } from './api';
import { PlanView } from './PlanView';
import { BAD, GOOD, NEUTRAL } from './ProvisionTags';
import './placements.css';

type Version = components['schemas']['SupportPlanVersionView'];
type Review = components['schemas']['SupportPlanReviewView'];
type Goal = components['schemas']['PlanGoalView'];
const PROGRESS_COLOR: Record<string, string> = { achieved: GOOD, progressing: '#ad4e00', not_yet: BAD };

/** /support-plans/:id — the plan as it stands, its reviews with each goal's progress, recording a review, and every version. */
export function SupportPlanPage() {
  const { id = '' } = useParams();
  useSupportPlan(id);
  useServiceTypes();
  return (
    <Suspense fallback={<Skeleton active />}>
      <SupportPlanScreen id={id} />
    </Suspense>
  );
}

function SupportPlanScreen({ id }: { id: string }) {
  const { t } = useTranslation(['placements', 'common']);
  const navigate = useNavigate();
  const found = useSupportPlan(id);
  const placement = usePlacement(found.data?.placementId ?? '');
  const child = useQuery({ ...caseQueryOptions(found.data?.childId ?? ''), enabled: Boolean(found.data?.childId) });
  const me = useMe();
  if (found.isPending) return <Skeleton active />;
  if (found.isError) {
    return <Unavailable error={found.error} retry={() => void found.refetch()} title={t('plan.notFound')} actions={[<Button key="roster" onClick={() => navigate('/placements')}>{t('roster.title')}</Button>]} />;
  }
  const plan = found.data;
  const identity = child.data?.identity;
  const mayReview =
    placement.data !== undefined &&
    placement.data.status !== 'ended' &&
    placement.data.organization.id === me.data?.organization?.id &&
    (me.data?.permissions.includes('update:Placement') ?? false);
  return (
    <article aria-labelledby="support-plan-title" className="placements-page support-plan-page">
      <Link to={`/placements/${plan.placementId}`}>{t('backToPlacement')}</Link>
      <Typography.Title level={1} id="support-plan-title">
        {identity ? t('plan.titleOf', { name: fullName(identity) }) : t('plan.title')}
      </Typography.Title>
      <Flex gap="small" wrap className="placement-summary">
        <Tag color={GOOD}>{t('plan.versionTag', { version: plan.version })}</Tag>
        <Typography.Text type="secondary">{t('plan.updatedAt', { time: formatDateTime(plan.updatedAt) })}</Typography.Text>
        {plan.carriedFromId && (
          <Typography.Text type="secondary">
            {t('plan.carried')} · <Link to={`/support-plans/${plan.carriedFromId}`}>{t('plan.previous')}</Link>
          </Typography.Text>
        )}
      </Flex>
      <Card title={<h2 className="card-title">{t('plan.current')}</h2>}>
        <PlanView plan={plan} />
      </Card>
      {mayReview && <ReviewForm plan={plan} />}
      <Card title={<h2 className="card-title">{t('review.listTitle')}</h2>}>
        <Reviews plan={plan} />
      </Card>
      <Card title={<h2 className="card-title">{t('history.title')}</h2>}>
        <Versions versions={plan.versions} />
      </Card>
    </article>
  );
}

interface ReviewValues {
  reviewedOn: Dayjs;
  goals: { goalId: string; progress?: string; note?: string }[];
  nextReviewDate: Dayjs;
}

/** Recording a review: each goal's progress (a goal left without one is not reviewed) and the date of the next review. */
function ReviewForm({ plan }: { plan: SupportPlanHistory }) {
  const { t } = useTranslation('placements');
  const review = useReviewPlan(plan);
  const message = useErrorMessage();
  const applyServerErrors = useApplyServerErrors();
  const [form] = Form.useForm<ReviewValues>();
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const today = dayjs(almatyToday());

  async function submit(values: ReviewValues) {
    setError(null);
    setSaved(false);
    const goals = values.goals.flatMap((goal) => (goal.progress ? [{ goalId: goal.goalId, progress: goal.progress as (typeof GOAL_PROGRESS)[number], note: goal.note?.trim() || null }] : []));
    if (goals.length === 0) {
      form.setFields([{ name: ['goals', 0, 'progress'], errors: [t('review.progressRequired')] }]);
      return;
    }
    try {
      await review.mutateAsync({ reviewedOn: values.reviewedOn.format('YYYY-MM-DD'), goals, nextReviewDate: values.nextReviewDate.format('YYYY-MM-DD') });
      setSaved(true);
      form.resetFields();
    } catch (failed) {
      const elsewhere = failed instanceof ApiError ? applyServerErrors(form as FormInstance, failed.problem) : [];
      if (!(failed instanceof ApiError) || elsewhere.length || !failed.problem.errors?.length) setError(failed);
    }
  }

  return (
    <Card title={<h2 className="card-title">{t('review.title')}</h2>}>
      <Form<ReviewValues>
        form={form}
        layout="vertical"
        initialValues={{ reviewedOn: today, goals: plan.goals.map((goal) => ({ goalId: goal.id })) }}
        onFinish={(values) => void submit(values)}
        onValuesChange={(changed) => {
          setSaved(false);
          clearServerErrors(form, changed);
        }}
      >
        <Form.Item name="reviewedOn" label={t('review.reviewedOn')} rules={[{ required: true, message: t('dateRequired') }]}>
          <DatePicker format="DD.MM.YYYY" disabledDate={(date) => date.isAfter(today, 'day')} />
        </Form.Item>
        <Form.List name="goals">
          {(fields) =>
            fields.map((field, index) => {
              const goal = plan.goals[index];
              return (
                <fieldset key={field.key} className="plan-item">
                  <legend>{t('review.goalLegend', { number: index + 1, area: goal.area })}</legend>
                  <Typography.Paragraph className="preserve-lines">{goal.description}</Typography.Paragraph>
                  <Typography.Paragraph type="secondary" className="preserve-lines">
                    {t('review.measuredBy', { criterion: goal.criterion, date: formatDate(goal.targetDate) })}
                  </Typography.Paragraph>
                  <Form.Item name={[field.name, 'goalId']} hidden>
                    <Input />
                  </Form.Item>
                  <Form.Item name={[field.name, 'progress']} label={t('review.progressOf', { number: index + 1 })}>
                    <Select allowClear placeholder={t('review.notReviewed')} options={GOAL_PROGRESS.map((value) => ({ value, label: t(`progress.${value}`) }))} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'note']} label={t('review.noteOf', { number: index + 1 })}>
                    <Input.TextArea rows={2} maxLength={2000} />
                  </Form.Item>
                </fieldset>
              );
            })
          }
        </Form.List>
        <Form.Item name="nextReviewDate" label={t('review.nextReviewDate')} extra={t('plan.reviewDateHelp')} rules={[{ required: true, message: t('dateRequired') }]}>
          <DatePicker format="DD.MM.YYYY" disabledDate={(date) => !date.isAfter(today, 'day') || date.isAfter(today.add(12, 'month'), 'day')} />
        </Form.Item>
        {error !== null && <Alert type="error" showIcon role="alert" className="form-error" title={message(error)} />}
        {saved && <Alert type="success" showIcon role="status" className="form-error" title={t('review.saved')} />}
        <Button type="primary" htmlType="submit" loading={review.isPending}>
          {t('review.submit')}
        </Button>
      </Form>
    </Card>
  );
}

/** Every review, newest first, with each goal's progress named by the goal (goals keep their ids across versions). */
function Reviews({ plan }: { plan: SupportPlanHistory }) {
  const { t } = useTranslation('placements');
  const goals = new Map<string, Goal>();
  for (const version of plan.versions) for (const goal of version.goals) goals.set(goal.id, goal);
  for (const goal of plan.goals) goals.set(goal.id, goal);
  const reviews = [...plan.reviews].reverse();
  if (reviews.length === 0) return <Empty description={t('review.none')} />;
  return (
    <Flex vertical gap="middle">
      {reviews.map((review: Review) => (
        <section key={review.id} aria-label={t('review.of', { date: formatDate(review.reviewedOn) })} className="review">
          <Descriptions
            size="small"
            column={{ xs: 1, md: 3 }}
            items={[
              { key: 'on', label: t('review.reviewedOn'), children: formatDate(review.reviewedOn) },
              { key: 'version', label: t('review.planVersion'), children: review.planVersion },
              { key: 'next', label: t('review.nextReviewDate'), children: formatDate(review.nextReviewDate) },
            ]}
          />
          <Table
            size="small"
            rowKey="goalId"
            pagination={false}
            dataSource={review.goals}
            columns={[
              { key: 'goal', title: t('plan.goal'), render: (_, item) => goals.get(item.goalId)?.description ?? NONE },
              { key: 'progress', title: t('review.progress'), render: (_, item) => <Tag color={PROGRESS_COLOR[item.progress] ?? NEUTRAL}>{t(`progress.${item.progress}`)}</Tag> },
              { key: 'note', title: t('review.note'), render: (_, item) => <span className="preserve-lines">{item.note ?? ''}</span> },
            ]}
          />
        </section>
      ))}
    </Flex>
  );
}

/** Every version of the plan, newest first: what changed it and when; a version opens to what it said. */
function Versions({ versions }: { versions: Version[] }) {
  const { t } = useTranslation('placements');
  return (
    <Table<Version>
      size="small"
      rowKey="version"
      pagination={false}
      dataSource={[...versions].reverse()}
      expandable={{ expandedRowRender: (version) => <PlanView plan={version} headingLevel={4} />, expandRowByClick: false }}
      columns={[
        { key: 'version', title: t('history.version'), dataIndex: 'version' },
        { key: 'change', title: t('history.change'), render: (_, version) => t(`history.changes.${version.change}`) },
        { key: 'at', title: t('history.at'), render: (_, version) => formatDateTime(version.changedAt) },
        { key: 'goals', title: t('history.goals'), render: (_, version) => version.goals.length },
        { key: 'review', title: t('plan.reviewDate'), render: (_, version) => formatDate(version.reviewDate) },
      ]}
    />
  );
}
