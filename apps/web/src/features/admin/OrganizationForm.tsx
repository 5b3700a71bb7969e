import { DatePicker, Form, type FormInstance, Input, InputNumber, Modal, Select, Space, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api/client';
import { useErrorMessage } from '../../shared/api/errors';
import { clearServerErrors, useApplyServerErrors } from '../../shared/api/form-errors';
import { useRegions } from '../../shared/api/reference';
import { type Organization, type OrganizationInput, useOrganizationTypes, useSaveOrganization } from './api';
import { OrganizationSelect } from './OrganizationSelect';
import { fieldOfProblem } from './problem-fields';
import { FormFooter } from './FormFooter';

interface Values {
  type: string;
  nameKk: string;
  nameRu: string;
  kato?: string;
  parentId?: string | null;
  capacity?: number | null;
  stateOrderPlaces?: number | null;
  supportRooms?: number;
  senConditions?: boolean;
  senConditionsSince?: Dayjs | null;
  externalId?: string;
  active?: boolean;
}

const valuesOf = (org: Organization): Values => ({
  type: org.type,
  nameKk: org.nameKk,
  nameRu: org.nameRu,
  kato: org.kato ?? undefined,
  parentId: org.parentId,
  capacity: org.capacity,
  stateOrderPlaces: org.stateOrderPlaces,
  supportRooms: org.supportRooms,
  senConditions: org.senConditions,
  senConditionsSince: org.senConditionsSince ? dayjs(org.senConditionsSince) : null,
  externalId: org.externalId ?? undefined,
  active: org.active,
});

/** What the form sends: empty numbers are "no limit" (null) when changing, left out when creating. */
function bodyOf(values: Values, editing: boolean): OrganizationInput {
  const body: Record<string, unknown> = {
    nameKk: values.nameKk,
    nameRu: values.nameRu,
    kato: values.kato || undefined,
    parentId: values.parentId ?? (editing ? null : undefined),
    capacity: values.capacity ?? (editing ? null : undefined),
    stateOrderPlaces: values.stateOrderPlaces ?? (editing ? null : undefined),
    supportRooms: values.supportRooms ?? undefined,
    senConditions: values.senConditions ?? undefined,
    senConditionsSince: values.senConditionsSince ? values.senConditionsSince.format('YYYY-MM-DD') : editing ? null : undefined,
    externalId: values.externalId?.trim() || undefined,
  };
  if (editing) body.active = values.active;
  else body.type = values.type;
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined)) as unknown as OrganizationInput;
}

/** Adding or changing an organisation, in a dialog; the server's field errors appear under their fields. */
export function OrganizationForm({ organization, open, onClose }: { organization: Organization | null; open: boolean; onClose: (saved?: Organization) => void }) {
  const { t } = useTranslation('admin');
  const message = useErrorMessage();
  const applyServerErrors = useApplyServerErrors();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const save = useSaveOrganization();
  const types = useOrganizationTypes();
  const regions = useRegions();
  const editing = organization !== null;
  const type = Form.useWatch('type', form);
  const mainstream = type === 'school' || type === 'kindergarten';

  async function submit(values: Values) {
    setError(null);
    try {
      const body = bodyOf(values, editing);
      const saved = organization ? await save.mutateAsync({ id: organization.id, version: organization.version, body }) : await save.mutateAsync({ body });
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
    <Modal
      open={open}
      title={editing ? t('organizations.edit') : t('organizations.add')}
      onCancel={() => onClose()}
      footer={null}
      destroyOnHidden
      width={720}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={organization ? valuesOf(organization) : { supportRooms: 0, senConditions: false }}
        onFinish={(values) => void submit(values)}
        onValuesChange={(changed) => clearServerErrors(form, changed)}
      >
        <Form.Item name="type" label={t('organizations.type')} rules={[{ required: true, message: t('required') }]}>
          <Select
            disabled={editing}
            showSearch={{ optionFilterProp: 'label' }}
            options={(types.data ?? []).map((item) => ({ value: item.code, label: item.label }))}
          />
        </Form.Item>
        <Form.Item name="nameKk" label={t('organizations.nameKk')} rules={[{ required: true, whitespace: true, message: t('required') }]}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="nameRu" label={t('organizations.nameRu')} rules={[{ required: true, whitespace: true, message: t('required') }]}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="kato" label={t('organizations.region')} extra={t('organizations.regionHint')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={[...(regions.data ?? [])].map(([kato, label]) => ({ value: kato, label }))}
          />
        </Form.Item>
        <Form.Item name="parentId" label={t('organizations.parent')}>
          <OrganizationSelect allowClear exclude={organization?.id} />
        </Form.Item>
        <Space size="large" wrap>
          <Form.Item name="capacity" label={t('organizations.capacity')} extra={t('organizations.emptyNoLimit')}>
            <InputNumber min={0} precision={0} />
          </Form.Item>
          <Form.Item name="stateOrderPlaces" label={t('organizations.stateOrderPlaces')}>
            <InputNumber min={0} precision={0} />
          </Form.Item>
          <Form.Item name="supportRooms" label={t('organizations.supportRooms')} extra={mainstream ? undefined : t('organizations.mainstreamOnly')}>
            <InputNumber min={0} precision={0} />
          </Form.Item>
        </Space>
        <Space size="large" wrap>
          <Form.Item name="senConditions" label={t('organizations.senConditions')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="senConditionsSince" label={t('organizations.senConditionsSince')}>
            <DatePicker format="DD.MM.YYYY" />
          </Form.Item>
        </Space>
        <Form.Item name="externalId" label={t('organizations.externalId')}>
          <Input maxLength={100} />
        </Form.Item>
        {editing && (
          <Form.Item name="active" label={t('organizations.active')} valuePropName="checked" extra={t('organizations.activeHint')}>
            <Switch />
          </Form.Item>
        )}
        <FormFooter error={error} saving={save.isPending} onCancel={onClose} />
      </Form>
    </Modal>
  );
}
