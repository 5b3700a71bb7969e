import { Alert, Button, Form, Input, Modal, Radio, Segmented, Skeleton, Table, Tag, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ApiError } from '../../shared/api/client';
import { useErrorMessage } from '../../shared/api/errors';
import { clearServerErrors, useApplyServerErrors } from '../../shared/api/form-errors';
import { formatDateTime } from '../../shared/i18n/i18n';
import { LoadFailed } from '../../shared/ui/load-states';
import { type BreakGlassUse, type Review, useBreakGlassUses, useReview } from './api';
import { ShortId } from './ShortId';
import './audit.css';

/** /audit/break-glass — emergency accesses waiting for a verdict (the queue), or those already judged. */
export function BreakGlassReviewPage() {
  const [params] = useSearchParams();
  useBreakGlassUses(params.get('reviewed') === 'true');
  return (
    <Suspense fallback={<Skeleton active />}>
      <ReviewScreen />
    </Suspense>
  );
}

function ReviewScreen() {
  const { t } = useTranslation(['audit', 'common']);
  const [params, setParams] = useSearchParams();
  const reviewed = params.get('reviewed') === 'true';
  const uses = useBreakGlassUses(reviewed);
  const [reviewing, setReviewing] = useState<BreakGlassUse | null>(null);
  const rows = uses.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section aria-labelledby="review-title" className="audit-page break-glass-review">
      <Typography.Title level={1} id="review-title">
        {t('review.title')}
      </Typography.Title>
      <Typography.Paragraph>{t('review.intro')}</Typography.Paragraph>
      <Segmented<'queue' | 'done'>
        aria-label={t('review.show')}
        value={reviewed ? 'done' : 'queue'}
        onChange={(value) => setParams(value === 'done' ? { reviewed: 'true' } : {}, { replace: true })}
        options={[
          { value: 'queue', label: t('review.queue') },
          { value: 'done', label: t('review.done') },
        ]}
        className="review-switch"
      />
      {uses.isError ? (
        <LoadFailed error={uses.error} retry={() => void uses.refetch()} />
      ) : (
        <Table<BreakGlassUse>
          size="small"
          rowKey="id"
          dataSource={rows}
          loading={uses.isPending}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: uses.isPending ? ' ' : reviewed ? t('review.noneDone') : t('review.noneQueue') }}
          columns={[
            { key: 'openedAt', title: t('review.openedAt'), className: 'nowrap', render: (_, use) => formatDateTime(use.openedAt) },
            { key: 'expiresAt', title: t('review.expiresAt'), className: 'nowrap', render: (_, use) => formatDateTime(use.expiresAt) },
            {
              key: 'by',
              title: t('review.by'),
              render: (_, use) => (
                <span className="by">
                  <ShortId id={use.userId} filter="actorUserId" label={t('columns.user')} /> · <ShortId id={use.orgId} filter="actorOrgId" label={t('columns.organization')} />
                </span>
              ),
            },
            // The child's trail: everything read or changed on the case, by anyone (the auditor's access log of the child).
            { key: 'child', title: t('review.child'), render: (_, use) => <ShortId id={use.childId} filter="childId" label={t('columns.child')} /> },
            { key: 'reason', title: t('review.reason'), className: 'reason', width: 360, render: (_, use) => <span className="preserve-lines">{use.reason}</span> },
            { key: 'notified', title: t('review.notified'), render: (_, use) => use.notifiedOrgIds.length },
            reviewed
              ? {
                  key: 'verdict',
                  title: t('review.verdict'),
                  render: (_, use) => (
                    <span>
                      <Tag color={use.verdict === 'unjustified' ? '#a8071a' : '#0b6e4f'}>{t(`review.verdicts.${use.verdict ?? 'justified'}`)}</Tag>
                      <span className="preserve-lines">{use.reviewComment}</span>
                      {use.reviewedAt && <Typography.Text type="secondary"> · {formatDateTime(use.reviewedAt)}</Typography.Text>}
                    </span>
                  ),
                }
              : {
                  key: 'act',
                  title: t('review.action'),
                  fixed: 'right' as const,
                  render: (_, use) => (
                    <Button onClick={() => setReviewing(use)} aria-label={t('review.reviewOne', { date: formatDateTime(use.openedAt) })}>
                      {t('review.review')}
                    </Button>
                  ),
                },
          ]}
          footer={
            uses.hasNextPage
              ? () => (
                  <Button onClick={() => void uses.fetchNextPage()} loading={uses.isFetchingNextPage}>
                    {t('common:loadMore')}
                  </Button>
                )
              : undefined
          }
        />
      )}
      <ReviewDialog use={reviewing} onClose={() => setReviewing(null)} />
    </section>
  );
}

function ReviewDialog({ use, onClose }: { use: BreakGlassUse | null; onClose: () => void }) {
  const { t } = useTranslation('audit');
  const message = useErrorMessage();
  const applyServerErrors = useApplyServerErrors();
  const review = useReview();
  const [form] = Form.useForm<Review>();
  const [error, setError] = useState<unknown>(null);

  async function submit(values: Review) {
    if (!use) return;
    setError(null);
    try {
      await review.mutateAsync({ id: use.id, review: { verdict: values.verdict, comment: values.comment.trim() } });
      form.resetFields();
      onClose();
    } catch (failed) {
      const elsewhere = failed instanceof ApiError ? applyServerErrors(form as FormInstance, failed.problem) : [];
      if (!(failed instanceof ApiError) || elsewhere.length || !failed.problem.errors?.length) setError(failed);
    }
  }

  return (
    <Modal
      open={use !== null}
      title={t('review.dialogTitle')}
      okText={t('review.save')}
      cancelText={t('review.cancel')}
      okButtonProps={{ loading: review.isPending, htmlType: 'submit', form: 'review-form' }}
      onCancel={() => {
        setError(null);
        onClose();
      }}
      destroyOnHidden
    >
      {use && (
        <>
          <Typography.Paragraph>
            <Typography.Text strong>{t('review.reason')}: </Typography.Text>
            <span className="preserve-lines">{use.reason}</span>
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary">
            {t('review.window', { from: formatDateTime(use.openedAt), to: formatDateTime(use.expiresAt) })}
          </Typography.Paragraph>
        </>
      )}
      <Form<Review> form={form} id="review-form" layout="vertical" onFinish={(values) => void submit(values)} onValuesChange={(changed) => clearServerErrors(form, changed)}>
        <Form.Item name="verdict" label={t('review.verdict')} rules={[{ required: true, message: t('review.verdictRequired') }]}>
          <Radio.Group
            options={(['justified', 'unjustified'] as const).map((value) => ({ value, label: t(`review.verdicts.${value}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="comment"
          label={t('review.comment')}
          rules={[
            { required: true, whitespace: true, message: t('review.commentRequired') },
            { min: 3, message: t('review.commentRequired') },
          ]}
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
      {error !== null && <Alert type="error" showIcon role="alert" title={message(error)} />}
    </Modal>
  );
}
