import { App, Alert, Button, Card, Col, DatePicker, Flex, Form, Input, Row, Select, Switch, Typography } from 'antd';
import type { FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api/client';
import { useErrorMessage } from '../../shared/api/errors';
import { clearServerErrors, type FieldError, useApplyServerErrors } from '../../shared/api/form-errors';
import { useMe } from '../../shared/api/me';
import { useEducationForms, useSenCategories, useSpecialConditions } from '../../shared/api/reference';
import { useDayjsLocale } from '../../shared/dayjs-locale';
import { almatyToday } from '../../shared/iin';
import { type Assessment, type AssessmentDraft, PROGRAMMES, SECTORS, type Specialty, SPECIALTIES, useColleagues, useSaveDraft } from './api';
import { FieldProblems } from './FieldProblems';

export interface DraftValues {
  noSen: boolean;
  senCategories: string[];
  programme?: AssessmentDraft['programme'];
  formOfEducation?: string | null;
  specialConditions: string[];
  recommendations: Partial<Record<(typeof SECTORS)[number], string>>;
  protocolNotes?: string;
  reviewDate?: Dayjs | null;
  specialists: { userId?: string; specialty?: Specialty }[];
}

/** The server's view of the draft as form values. */
function valuesOf(assessment: Assessment): DraftValues {
  return {
    noSen: assessment.noSen,
    senCategories: assessment.senCategories,
    programme: assessment.programme ?? undefined,
    formOfEducation: assessment.formOfEducation ?? undefined,
    specialConditions: assessment.specialConditions,
    recommendations: Object.fromEntries(SECTORS.map((sector) => [sector, assessment.recommendations[sector] ?? ''])),
    protocolNotes: assessment.protocolNotes?.text ?? '',
    reviewDate: assessment.reviewDate ? dayjs(assessment.reviewDate) : null,
    specialists: assessment.commission.map((member) => ({ userId: member.userId, specialty: member.specialty })),
  };
}

const text = (value?: string | null) => (value?.trim() ? value.trim() : null);

/** Form values as the PATCH body: every field is sent, so the draft becomes what the form shows (empty text clears). */
function bodyOf(values: DraftValues): AssessmentDraft {
  return {
    noSen: values.noSen,
    senCategories: values.noSen ? [] : (values.senCategories ?? []),
    programme: values.programme ?? null,
    formOfEducation: values.formOfEducation ?? null,
    specialConditions: values.specialConditions ?? [],
    recommendations: Object.fromEntries(SECTORS.map((sector) => [sector, text(values.recommendations?.[sector])])),
    protocolNotes: text(values.protocolNotes),
    reviewDate: values.reviewDate ? values.reviewDate.format('YYYY-MM-DD') : null,
    specialists: (values.specialists ?? []).map((row) => ({ userId: row.userId!, specialty: row.specialty! })),
  };
}

/** The server's rule for a review date (libs/assessments): after today and within three years, in Kazakhstan's calendar. */
function outsideReviewWindow(date: Dayjs): boolean {
  const today = dayjs(almatyToday());
  return !date.isAfter(today, 'day') || date.isAfter(today.add(3, 'year'), 'day');
}

interface Props {
  form: FormInstance<DraftValues>;
  assessment: Assessment;
  editable: boolean;
  reload(): void;
  onDirtyChange(dirty: boolean): void;
}

/**
 * The draft conclusion. Save sends the whole form with the version it was loaded from (If-Match): the
 * server's field errors land under their fields; a change made meanwhile by someone else (412, or 409)
 * is said in the catalogue's words and the draft is loaded again as it now is.
 */
export function DraftForm({ form, assessment, editable, reload, onDirtyChange }: Props) {
  const { t, i18n } = useTranslation(['assessments', 'cases', 'common']);
  const { message: toast } = App.useApp();
  const errorMessage = useErrorMessage();
  const applyServerErrors = useApplyServerErrors();
  const me = useMe();
  const senCategories = useSenCategories();
  const forms = useEducationForms();
  const conditions = useSpecialConditions();
  const colleagues = useColleagues(me.data?.organization?.id);
  const save = useSaveDraft(assessment.id);
  const [failure, setFailure] = useState<{ error: unknown; elsewhere: FieldError[] } | null>(null);
  const noSen = Form.useWatch('noSen', form) === true;
  useDayjsLocale();

  // A new version (saved, confirmed, or reloaded after a conflict) is the truth: the form shows it afresh.
  useEffect(() => {
    form.resetFields();
    onDirtyChange(false);
  }, [form, assessment.version, onDirtyChange]);

  const options = (lookup?: Map<string, string>) =>
    lookup ? [...lookup].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label, i18n.language)) : undefined;
  // Listed members who are no longer among the PMPC's active staff still show by name.
  const people = new Map((colleagues.data ?? []).map((person) => [person.id, person.fullName]));
  for (const member of assessment.commission) if (!people.has(member.userId)) people.set(member.userId, member.fullName);
  const peopleOptions = [...people].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label, i18n.language));

  async function submit(values: DraftValues) {
    setFailure(null);
    try {
      await save.mutateAsync({ version: assessment.version, body: bodyOf(values) });
      toast.success(t('form.saved'));
    } catch (error) {
      const status = error instanceof ApiError ? error.problem.status : 0;
      if (status === 409 || status === 412) {
        toast.error(errorMessage(error));
        reload();
        return;
      }
      const elsewhere = error instanceof ApiError ? applyServerErrors(form as FormInstance, error.problem) : [];
      setFailure({ error, elsewhere });
    }
  }

  return (
    <Form<DraftValues>
      form={form}
      layout="vertical"
      initialValues={valuesOf(assessment)}
      // While a save is on its way nothing can be typed: the saved version replaces what the form shows.
      disabled={!editable || save.isPending}
      onFinish={(values) => void submit(values)}
      onValuesChange={(changed: Partial<DraftValues>) => {
        clearServerErrors(form, changed);
        onDirtyChange(true);
      }}
      scrollToFirstError={{ block: 'center', focus: true }}
      className="assessment-form"
    >
      <Card title={<h2 className="card-title">{t('form.outcome')}</h2>}>
        <Form.Item name="noSen" valuePropName="checked" label={t('form.noSen')} extra={t('form.noSenHint')}>
          <Switch onChange={(checked) => checked && form.setFieldsValue({ senCategories: [] })} />
        </Form.Item>
        <Form.Item name="senCategories" label={t('form.senCategories')}>
          <Select
            mode="multiple"
            disabled={noSen || !editable}
            placeholder={t('form.senCategoriesPlaceholder')}
            loading={senCategories.isPending}
            options={options(senCategories.data)}
            showSearch={{ optionFilterProp: 'label' }}
          />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="programme" label={t('form.programme')}>
              <Select allowClear placeholder={t('form.choose')} options={PROGRAMMES.map((programme) => ({ value: programme, label: t(`cases:programme.${programme}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="formOfEducation" label={t('form.formOfEducation')}>
              <Select allowClear placeholder={t('form.choose')} loading={forms.isPending} options={options(forms.data)} showSearch={{ optionFilterProp: 'label' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="specialConditions" label={t('form.specialConditions')}>
          <Select mode="multiple" placeholder={t('form.choose')} loading={conditions.isPending} options={options(conditions.data)} showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
        <Form.Item name="reviewDate" label={t('form.reviewDate')} extra={t('form.reviewDateHint')}>
          <DatePicker format="DD.MM.YYYY" placeholder={t('form.reviewDatePlaceholder')} disabledDate={outsideReviewWindow} className="review-date" />
        </Form.Item>
      </Card>

      <Card title={<h2 className="card-title">{t('form.recommendations')}</h2>}>
        {SECTORS.map((sector) => (
          <Form.Item key={sector} name={['recommendations', sector]} label={t(`form.recommendationFor.${sector}`)}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={4000} />
          </Form.Item>
        ))}
        <Form.Item name="protocolNotes" label={t('form.protocolNotes')} extra={t('form.protocolNotesHint')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={8000} />
        </Form.Item>
      </Card>

      <Card title={<h2 className="card-title">{t('form.commission')}</h2>}>
        <Form.List name="specialists">
          {(fields, { add, remove }) => (
            <>
              {fields.length === 0 && <Typography.Paragraph type="secondary">{t('form.noMembers')}</Typography.Paragraph>}
              {fields.map((field, index) => (
                <Row key={field.key} gutter={16} align="bottom" className="commission-row">
                  <Col xs={24} md={12}>
                    <Form.Item name={[field.name, 'userId']} label={t('form.member', { number: index + 1 })} rules={[{ required: true, message: t('form.memberRequired') }]}>
                      <Select placeholder={t('form.choose')} loading={colleagues.isPending} options={peopleOptions} showSearch={{ optionFilterProp: 'label' }} />
                    </Form.Item>
                  </Col>
                  <Col xs={18} md={8}>
                    <Form.Item
                      name={[field.name, 'specialty']}
                      label={t('form.memberSpecialty', { number: index + 1 })}
                      rules={[{ required: true, message: t('form.specialtyRequired') }]}
                    >
                      <Select placeholder={t('form.choose')} options={SPECIALTIES.map((specialty) => ({ value: specialty, label: t(`cases:specialty.${specialty}`) }))} />
                    </Form.Item>
                  </Col>
                  <Col xs={6} md={4}>
                    <Form.Item>
                      <Button onClick={() => remove(field.name)} aria-label={t('form.removeMember', { number: index + 1 })} danger type="text">
                        {t('form.remove')}
                      </Button>
                    </Form.Item>
                  </Col>
                </Row>
              ))}
              {editable && <Button onClick={() => add({})}>{t('form.addMember')}</Button>}
            </>
          )}
        </Form.List>
      </Card>

      {failure && (
        <Alert type="error" showIcon title={errorMessage(failure.error)} description={failure.elsewhere.length ? <FieldProblems errors={failure.elsewhere} /> : undefined} />
      )}

      {editable && (
        <Flex gap="middle" align="center" className="form-actions">
          {/* Keyed by the pending state: antd's loading icon can stay behind, unseen but named "loading", when its leave motion stalls. */}
          <Button key={save.isPending ? 'busy' : 'idle'} type="primary" htmlType="submit" size="large" loading={save.isPending}>
            {t('form.save')}
          </Button>
        </Flex>
      )}
    </Form>
  );
}
