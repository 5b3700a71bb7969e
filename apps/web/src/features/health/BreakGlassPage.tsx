import { Alert, Button, Card, Form, Input, InputNumber, Modal, Result, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError } from '../../shared/api/client';
import { useErrorMessage } from '../../shared/api/errors';
import { clearServerErrors, useApplyServerErrors } from '../../shared/api/form-errors';
import { formatDateTime } from '../../shared/i18n/i18n';
import { digitsOnly, IIN_VALIDATE_TRIGGER, iinRules } from '../children/iin-field';
import { type BreakGlassRequest, type BreakGlassUse, useOpenBreakGlass } from './api';
import { TimeLeft } from './TimeLeft';
import './health.css';

const MIN_REASON = 20;

/**
 * /break-glass — opening, in an emergency, the case of a child this organisation is not involved with:
 * by exact IIN, with a written reason and for a limited time. The dialog says what it allows and what
 * it does not before anything is sent; afterwards, the time left and the way to the case.
 */
export function BreakGlassPage() {
  const { t } = useTranslation('health');
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [opened, setOpened] = useState<BreakGlassUse | null>(null);
  return (
    <section aria-labelledby="break-glass-title" className="break-glass-page">
      <Typography.Title level={1} id="break-glass-title">
        {t('breakGlass.title')}
      </Typography.Title>
      <Typography.Paragraph>{t('breakGlass.intro')}</Typography.Paragraph>
      {opened ? (
        <Card>
          <Result
            status="warning"
            title={<h2 className="card-title">{t('breakGlass.openedTitle', { until: formatDateTime(opened.expiresAt) })}</h2>}
            subTitle={
              <span>
                {t('breakGlass.timeLeft')}: <TimeLeft until={opened.expiresAt} />
              </span>
            }
            extra={[
              <Button key="case" type="primary" onClick={() => navigate(`/cases/${opened.childId}`)}>
                {t('breakGlass.openCase')}
              </Button>,
              <Button key="again" onClick={() => setOpened(null)}>
                {t('breakGlass.another')}
              </Button>,
            ]}
          />
        </Card>
      ) : (
        <Button danger type="primary" onClick={() => setOpen(true)}>
          {t('breakGlass.start')}
        </Button>
      )}
      <BreakGlassDialog
        open={open}
        onClose={() => setOpen(false)}
        onOpened={(use) => {
          setOpen(false);
          setOpened(use);
        }}
      />
    </section>
  );
}

function BreakGlassDialog({ open, onClose, onOpened }: { open: boolean; onClose: () => void; onOpened: (use: BreakGlassUse) => void }) {
  const { t } = useTranslation(['health', 'children']);
  const { t: tChildren } = useTranslation('children');
  const message = useErrorMessage();
  const applyServerErrors = useApplyServerErrors();
  const breakGlass = useOpenBreakGlass();
  const [form] = Form.useForm<BreakGlassRequest>();
  const [error, setError] = useState<unknown>(null);

  async function submit(values: BreakGlassRequest) {
    setError(null);
    try {
      const use = await breakGlass.mutateAsync({ iin: values.iin, reason: values.reason.trim(), hours: values.hours });
      form.resetFields();
      onOpened(use);
    } catch (failed) {
      const elsewhere = failed instanceof ApiError ? applyServerErrors(form as FormInstance, failed.problem) : [];
      if (!(failed instanceof ApiError) || elsewhere.length || !failed.problem.errors?.length) setError(failed);
    }
  }

  return (
    <Modal
      open={open}
      title={t('health:dialog.title')}
      okText={t('health:dialog.confirm')}
      cancelText={t('health:dialog.cancel')}
      okButtonProps={{ danger: true, loading: breakGlass.isPending, htmlType: 'submit', form: 'break-glass-form' }}
      onCancel={onClose}
      destroyOnHidden
      width={640}
    >
      <Typography.Paragraph>{t('health:dialog.allows')}</Typography.Paragraph>
      <Typography.Paragraph strong>{t('health:dialog.notAllowedTitle')}</Typography.Paragraph>
      <ul className="break-glass-limits" aria-label={t('health:dialog.notAllowedTitle')}>
        {(['referrals', 'changes', 'colleagues', 'afterWindow'] as const).map((key) => (
          <li key={key}>{t(`health:dialog.notAllowed.${key}`)}</li>
        ))}
      </ul>
      <Typography.Paragraph>{t('health:dialog.watched')}</Typography.Paragraph>
      <Form<BreakGlassRequest>
        form={form}
        id="break-glass-form"
        layout="vertical"
        initialValues={{ hours: 24 }}
        onFinish={(values) => void submit(values)}
        onValuesChange={(changed) => clearServerErrors(form, changed)}
      >
        <Form.Item name="iin" label={t('health:dialog.iin')} rules={iinRules(tChildren, true)} validateTrigger={IIN_VALIDATE_TRIGGER} normalize={digitsOnly}>
          <Input inputMode="numeric" autoComplete="off" maxLength={14} />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('health:dialog.reason')}
          extra={t('health:dialog.reasonHelp', { count: MIN_REASON })}
          rules={[
            { required: true, message: t('health:dialog.reasonRequired', { count: MIN_REASON }) },
            { validator: async (_, value?: string) => { if (value && value.trim().length < MIN_REASON) throw new Error(t('health:dialog.reasonRequired', { count: MIN_REASON })); } },
          ]}
        >
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
        <Form.Item name="hours" label={t('health:dialog.hours')} extra={t('health:dialog.hoursHelp')} rules={[{ required: true, message: t('health:dialog.hoursRequired') }]}>
          <InputNumber min={1} max={72} precision={0} />
        </Form.Item>
      </Form>
      {error !== null && <Alert type="error" showIcon role="alert" title={message(error)} />}
    </Modal>
  );
}
