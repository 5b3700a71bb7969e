import { Alert, Button, Card, Descriptions, Form, type FormInstance, Input, Skeleton, Tag, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, unwrap } from '../../shared/api/client';
import { useErrorMessage } from '../../shared/api/errors';
import { clearServerErrors, useApplyServerErrors } from '../../shared/api/form-errors';
import { useMe } from '../../shared/api/me';
import { useRegions } from '../../shared/api/reference';
import { LoadFailed } from '../../shared/ui/load-states';
import { useOrgName } from '../cases/labels';
import './profile.css';

/** /profile — who the signed-in user is (GET /me) and changing their own password. */
export function ProfilePage() {
  const { t } = useTranslation(['profile', 'admin']);
  const me = useMe();
  const orgName = useOrgName();
  const regions = useRegions();
  if (me.isError) return <LoadFailed error={me.error} retry={() => void me.refetch()} />;
  if (!me.data) return <Skeleton active />;
  const { user, organization } = me.data;
  return (
    <section aria-labelledby="profile-title" className="profile-page">
      <Typography.Title level={1} id="profile-title">
        {t('title')}
      </Typography.Title>
      <Card>
        <Descriptions column={1} bordered size="small">
          <Descriptions.Item label={t('fullName')}>{user.fullName}</Descriptions.Item>
          <Descriptions.Item label={t('username')}>{user.username}</Descriptions.Item>
          <Descriptions.Item label={t('organization')}>{organization ? orgName(organization) : t('national')}</Descriptions.Item>
          {organization?.kato && <Descriptions.Item label={t('region')}>{regions.data?.get(organization.kato) ?? organization.kato}</Descriptions.Item>}
          <Descriptions.Item label={t('roles')}>
            {user.roles.map((role) => (
              <Tag key={role}>{t(`admin:roles.${role}`)}</Tag>
            ))}
          </Descriptions.Item>
          <Descriptions.Item label={t('language')}>
            {t(`admin:locales.${user.locale}`)}
            <span className="secondary-line">{t('languageHint')}</span>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <ChangePassword />
    </section>
  );
}

interface Values {
  currentPassword: string;
  newPassword: string;
  repeat: string;
}

function ChangePassword() {
  const { t } = useTranslation('profile');
  const message = useErrorMessage();
  const applyServerErrors = useApplyServerErrors();
  const [form] = Form.useForm<Values>();
  const [done, setDone] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const change = useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) => unwrap(api.POST('/api/v1/me/password', { body })),
  });

  async function submit(values: Values) {
    setError(null);
    setDone(false);
    try {
      await change.mutateAsync({ currentPassword: values.currentPassword, newPassword: values.newPassword });
      form.resetFields();
      setDone(true);
    } catch (failed) {
      const elsewhere = failed instanceof ApiError ? applyServerErrors(form as FormInstance, failed.problem) : [];
      if (!(failed instanceof ApiError) || elsewhere.length || !failed.problem.errors?.length) setError(failed);
    }
  }

  return (
    <Card className="profile-card" title={<h2 className="card-title">{t('password.title')}</h2>}>
      <Form<Values>
        form={form}
        layout="vertical"
        className="password-form"
        onFinish={(values) => void submit(values)}
        onValuesChange={(changed) => {
          clearServerErrors(form, changed);
          setDone(false);
        }}
      >
        <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true, message: t('required') }]}>
          <Input.Password autoComplete="current-password" maxLength={200} />
        </Form.Item>
        <Form.Item name="newPassword" label={t('password.new')} rules={[{ required: true, message: t('required') }]} extra={t('password.hint')}>
          <Input.Password autoComplete="new-password" maxLength={200} />
        </Form.Item>
        <Form.Item
          name="repeat"
          label={t('password.repeat')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('required') },
            ({ getFieldValue }) => ({
              validator: (_, value) => (!value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch')))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" maxLength={200} />
        </Form.Item>
        {done && <Alert type="success" showIcon role="status" className="profile-result" title={t('password.changed')} />}
        {error !== null && <Alert type="error" showIcon role="alert" className="profile-result" title={message(error)} />}
        <Button type="primary" htmlType="submit" loading={change.isPending}>
          {t('password.submit')}
        </Button>
      </Form>
    </Card>
  );
}
