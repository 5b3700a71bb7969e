import { Form, type FormInstance, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api/client';
import { useErrorMessage } from '../../shared/api/errors';
import { clearServerErrors, useApplyServerErrors } from '../../shared/api/form-errors';
import { type Role, type User, useSaveUser } from './api';
import { OrganizationSelect } from './OrganizationSelect';
import { fieldOfProblem } from './problem-fields';
import { ROLES } from './roles';
import { FormFooter } from './FormFooter';

interface Values {
  username: string;
  fullName: string;
  orgId: string;
  roles: Role[];
  locale: 'kk' | 'ru' | 'en';
  password: string;
}

/**
 * Creating or changing an account, in a dialog. Whether the roles fit the organisation's type is the
 * server's rule: a misfit comes back as a field error on `roles` and is shown there.
 */
export function UserForm({ user, open, onClose }: { user: User | null; open: boolean; onClose: (saved?: User) => void }) {
  const { t } = useTranslation('admin');
  const message = useErrorMessage();
  const applyServerErrors = useApplyServerErrors();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const save = useSaveUser();
  const editing = user !== null;

  async function submit(values: Values) {
    setError(null);
    try {
      const saved = user
        ? await save.mutateAsync({ id: user.id, version: user.version, body: { fullName: values.fullName, roles: values.roles, locale: values.locale, ...(values.orgId !== user.orgId ? { orgId: values.orgId } : {}) } })
        : await save.mutateAsync({ body: values });
      onClose(saved);
    } catch (failed) {
      if (!(failed instanceof ApiError)) return setError(failed);
      const field = fieldOfProblem(failed.problem);
      if (field) form.setFields([{ name: field as keyof Values, errors: [message(failed)] }]);
      const elsewhere = applyServerErrors(form as FormInstance, failed.problem);
      if (!field && (elsewhere.length || !failed.problem.errors?.length)) setError(failed);
    }
  }

  return (
    <Modal open={open} title={editing ? t('users.edit') : t('users.add')} onCancel={() => onClose()} footer={null} destroyOnHidden width={640}>
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={user ? { username: user.username, fullName: user.fullName, orgId: user.orgId ?? undefined, roles: user.roles, locale: user.locale } : { locale: 'kk', roles: [] }}
        onFinish={(values) => void submit(values)}
        onValuesChange={(changed) => clearServerErrors(form, changed)}
      >
        <Form.Item name="username" label={t('users.username')} rules={[{ required: true, message: t('required') }]} extra={editing ? undefined : t('users.usernameHint')}>
          <Input disabled={editing} autoComplete="off" maxLength={64} />
        </Form.Item>
        <Form.Item name="fullName" label={t('users.fullName')} rules={[{ required: true, whitespace: true, message: t('required') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="orgId" label={t('users.orgField')} rules={[{ required: true, message: t('required') }]}>
          <OrganizationSelect />
        </Form.Item>
        <Form.Item name="roles" label={t('users.roles')} rules={[{ required: true, message: t('required') }]} extra={t('users.rolesHint')}>
          <Select mode="multiple" maxCount={4} showSearch={{ optionFilterProp: 'label' }} options={ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))} />
        </Form.Item>
        <Form.Item name="locale" label={t('users.locale')}>
          <Select options={(['kk', 'ru', 'en'] as const).map((value) => ({ value, label: t(`locales.${value}`) }))} />
        </Form.Item>
        {!editing && (
          <Form.Item name="password" label={t('users.password')} rules={[{ required: true, message: t('required') }]} extra={t('passwordHint')}>
            <Input.Password autoComplete="new-password" maxLength={200} />
          </Form.Item>
        )}
        <FormFooter error={error} saving={save.isPending} onCancel={onClose} />
      </Form>
    </Modal>
  );
}
