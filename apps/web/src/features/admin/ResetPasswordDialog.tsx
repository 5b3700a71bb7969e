import { Alert, Button, Form, type FormInstance, Input, Modal, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api/client';
import { useErrorMessage } from '../../shared/api/errors';
import { clearServerErrors, useApplyServerErrors } from '../../shared/api/form-errors';
import { type User, useResetPassword } from './api';

/** A new password for someone else's account; every session of that account ends. */
export function ResetPasswordDialog({ user, onClose }: { user: User; onClose: (done: boolean) => void }) {
  const { t } = useTranslation('admin');
  const message = useErrorMessage();
  const applyServerErrors = useApplyServerErrors();
  const [form] = Form.useForm<{ password: string }>();
  const [error, setError] = useState<unknown>(null);
  const reset = useResetPassword();

  async function submit({ password }: { password: string }) {
    setError(null);
    try {
      await reset.mutateAsync({ id: user.id, password });
      onClose(true);
    } catch (failed) {
      const elsewhere = failed instanceof ApiError ? applyServerErrors(form as FormInstance, failed.problem) : [];
      if (!(failed instanceof ApiError) || elsewhere.length || !failed.problem.errors?.length) setError(failed);
    }
  }

  return (
    <Modal open title={t('users.resetPasswordOf', { name: user.fullName })} onCancel={() => onClose(false)} footer={null} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(values) => void submit(values)} onValuesChange={(changed) => clearServerErrors(form, changed)}>
        <p>{t('users.resetPasswordExplained')}</p>
        <Form.Item name="password" label={t('users.newPassword')} rules={[{ required: true, message: t('required') }]} extra={t('passwordHint')}>
          <Input.Password autoComplete="new-password" maxLength={200} />
        </Form.Item>
        {error !== null && <Alert type="error" showIcon role="alert" className="admin-result" title={message(error)} />}
        <Space>
          <Button type="primary" danger htmlType="submit" loading={reset.isPending}>
            {t('users.resetPassword')}
          </Button>
          <Button onClick={() => onClose(false)}>{t('cancel')}</Button>
        </Space>
      </Form>
    </Modal>
  );
}
