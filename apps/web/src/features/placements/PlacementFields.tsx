import { Checkbox, DatePicker, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useEducationForms, useSpecialConditions } from '../../shared/api/reference';

/** The fields a proposal and an enrolment share: the form of education, the class, the first day and what the school provides. */
export function PlacementFields() {
  const { t } = useTranslation('placements');
  const forms = useEducationForms();
  const conditions = useSpecialConditions();
  const options = (map?: Map<string, string>) => [...(map ?? new Map<string, string>())].map(([value, label]) => ({ value, label }));
  return (
    <>
      <Form.Item name="form" label={t('fields.form')} rules={[{ required: true, message: t('fields.formRequired') }]}>
        <Select options={options(forms.data)} loading={forms.isPending} showSearch={{ optionFilterProp: 'label' }} placeholder={t('choose')} />
      </Form.Item>
      <Form.Item name="classLabel" label={t('fields.classLabel')} extra={t('fields.classLabelHelp')}>
        <Input maxLength={40} />
      </Form.Item>
      <Form.Item name="startedOn" label={t('fields.startedOn')} extra={t('fields.startedOnHelp')}>
        <DatePicker format="DD.MM.YYYY" className="full-width" />
      </Form.Item>
      <Form.Item name="providedConditions" label={t('fields.providedConditions')} extra={t('fields.providedConditionsHelp')}>
        <Select mode="multiple" options={options(conditions.data)} loading={conditions.isPending} showSearch={{ optionFilterProp: 'label' }} placeholder={t('choose')} />
      </Form.Item>
      <Form.Item name="usesSupportRoom" valuePropName="checked">
        <Checkbox>{t('fields.usesSupportRoom')}</Checkbox>
      </Form.Item>
    </>
  );
}

export interface PlacementFieldValues {
  form: string;
  classLabel?: string;
  startedOn?: { format(pattern: string): string } | null;
  providedConditions?: string[];
  usesSupportRoom?: boolean;
}

/** The shared fields as the API takes them. */
export function placementBody(values: PlacementFieldValues) {
  return {
    form: values.form,
    classLabel: values.classLabel?.trim() || null,
    startedOn: values.startedOn ? values.startedOn.format('YYYY-MM-DD') : null,
    providedConditions: values.providedConditions ?? [],
    usesSupportRoom: values.usesSupportRoom ?? false,
  };
}
