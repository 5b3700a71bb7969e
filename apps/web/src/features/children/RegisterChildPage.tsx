import { Alert, Button, Card, Checkbox, Col, DatePicker, Flex, Form, Input, Radio, Row, Select, Typography } from 'antd';
import type { FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError, type Problem } from '../../shared/api/client';
import { useErrorMessage } from '../../shared/api/errors';
import { clearServerErrors, type FieldError, useApplyServerErrors } from '../../shared/api/form-errors';
import { useDayjsLocale } from '../../shared/dayjs-locale';
import { almatyToday, checkIin } from '../../shared/iin';
import { digitsOnly, IIN_VALIDATE_TRIGGER, iinRules } from './iin-field';
import { type DuplicatesQuery, type NewChild, type NewConsent, type Relation, RELATIONS, searchTerm, useMayDo, useRegisterChild } from './api';
import { useRegions } from '../../shared/api/reference';
import { LoadFailed } from '../../shared/ui/load-states';
import { PossibleDuplicates } from './PossibleDuplicates';
import { normalisePhone, tidyName } from './format';
import './children.css';

/** What a representative may consent to on the first visit's paper; more is recorded on the case later. */
const CONSENT_CHOICES = ['assessment', 'services', 'data_sharing:education', 'data_sharing:social'] as const;
type ConsentChoice = (typeof CONSENT_CHOICES)[number];

interface GuardianValues {
  iin?: string;
  fullName?: string;
  relation?: Relation;
  phone?: string;
  consents?: ConsentChoice[];
}

interface Values {
  iin?: string;
  iinPending?: boolean;
  lastName: string;
  firstName: string;
  patronymic?: string;
  birthDate?: Dayjs;
  sex?: 'male' | 'female';
  kato: string;
  address?: string;
  guardians: GuardianValues[];
}

/** What the last submission ran into: a look-alike to confirm, or an error to show (with field errors the form has no field for). */
type Outcome = { kind: 'possibleDuplicate'; problem: Problem; query: DuplicatesQuery; values: Values } | { kind: 'failed'; error: unknown; elsewhere: FieldError[] };

/**
 * Register a child (issue 14), reached from a search (search before create). A valid IIN fills in the
 * date of birth and sex; a look-alike (409 POSSIBLE_DUPLICATE) is shown before anything is created, with
 * "register anyway" (confirmNew); the server's field errors land under their fields.
 */
export function RegisterChildPage() {
  const { t, i18n } = useTranslation(['children', 'common']);
  const location = useLocation();
  const navigate = useNavigate();
  const message = useErrorMessage();
  const applyServerErrors = useApplyServerErrors();
  const [form] = Form.useForm<Values>();
  const regions = useRegions();
  const mayRegister = useMayDo('create:Child');
  const register = useRegisterChild();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const outcomeRef = useRef<HTMLDivElement>(null);

  const searched = (location.state as { search?: string } | null)?.search;
  const fromSearch = searched === undefined ? null : searchTerm(searched);

  const iin = Form.useWatch('iin', form);
  const iinPending = Form.useWatch('iinPending', form) === true;
  const fromIin = !iinPending && iin ? checkIin(iin, almatyToday()) : null;
  const derived = fromIin?.valid ? fromIin : null;

  useDayjsLocale();

  // The IIN decides the date of birth and sex; without a valid one (and with one pending) they are typed.
  useEffect(() => {
    if (iinPending) return;
    form.setFieldsValue(derived ? { birthDate: dayjs(derived.birthDate), sex: derived.sex } : { birthDate: undefined, sex: undefined });
  }, [form, iinPending, derived?.birthDate, derived?.sex]);

  useEffect(() => {
    if (outcome) outcomeRef.current?.scrollIntoView({ block: 'center' });
  }, [outcome]);

  if (fromSearch === null) return <Navigate to="/children" replace />;
  if (mayRegister === false) return <Alert type="error" showIcon title={t('notAllowed')} />;

  async function submit(values: Values, confirmNew = false) {
    setOutcome(null);
    const pending = values.iinPending === true;
    const birthDate = pending ? values.birthDate?.format('YYYY-MM-DD') : derived?.birthDate;
    const body: NewChild = {
      iinPending: pending,
      ...(pending ? { birthDate, sex: values.sex } : { iin: values.iin }),
      lastName: tidyName(values.lastName),
      firstName: tidyName(values.firstName),
      ...(values.patronymic?.trim() ? { patronymic: tidyName(values.patronymic) } : {}),
      kato: values.kato,
      ...(values.address?.trim() ? { address: values.address.trim() } : {}),
      guardians: values.guardians.map((guardian) => ({
        ...(guardian.iin ? { iin: guardian.iin } : {}),
        fullName: tidyName(guardian.fullName ?? ''),
        relation: guardian.relation as Relation,
        ...(guardian.phone?.trim() ? { phone: normalisePhone(guardian.phone) } : {}),
      })),
      // Each ticked consent, from the guardian who ticked it (by position in guardians).
      consents: values.guardians.flatMap((guardian, index) =>
        (guardian.consents ?? []).map((choice) => {
          const [kind, sector] = choice.split(':') as [NewConsent['kind'], NewConsent['sector']];
          return { kind, ...(sector ? { sector } : {}), guardian: index };
        }),
      ),
      confirmNew,
    };
    try {
      const child = await register.mutateAsync(body);
      navigate(`/cases/${child.id}`);
    } catch (error) {
      if (error instanceof ApiError && error.problem.code === 'POSSIBLE_DUPLICATE' && birthDate) {
        const query = { lastName: body.lastName, firstName: body.firstName, ...(body.patronymic ? { patronymic: body.patronymic } : {}), birthDate };
        setOutcome({ kind: 'possibleDuplicate', problem: error.problem, query, values });
        return;
      }
      const elsewhere = error instanceof ApiError ? applyServerErrors(form as FormInstance, error.problem) : [];
      setOutcome({ kind: 'failed', error, elsewhere });
    }
  }

  const initialIin = fromSearch.kind === 'iin' && fromSearch.iin.length === 12 ? fromSearch.iin : undefined;
  const existingId = outcome?.kind === 'failed' && outcome.error instanceof ApiError && typeof outcome.error.problem.existingId === 'string' ? outcome.error.problem.existingId : null;
  const duplicateIin = outcome?.kind === 'failed' && outcome.error instanceof ApiError && outcome.error.problem.code === 'DUPLICATE_CHILD';

  return (
    <section aria-labelledby="register-child-title" className="register-child">
      <Typography.Title level={1} id="register-child-title">
        {t('registerTitle')}
      </Typography.Title>
      {regions.isError && (
        <LoadFailed error={regions.error} retry={() => void regions.refetch()} />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ iin: initialIin, iinPending: false, guardians: [{}] }}
        onFinish={(values) => void submit(values)}
        onValuesChange={(changed) => {
          clearServerErrors(form, changed);
          if (outcome?.kind === 'possibleDuplicate') setOutcome(null);
        }}
        scrollToFirstError={{ block: 'center', focus: true }}
      >
        <Card title={<h2 className="card-title">{t('childSection')}</h2>}>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                name="iin"
                label={t('iin')}
                rules={iinPending ? [] : iinRules(t, true)}
                validateTrigger={IIN_VALIDATE_TRIGGER}
                normalize={digitsOnly}
                extra={iinPending ? undefined : t('iinHint')}
                hidden={iinPending}
                className="iin-item"
              >
                <Input inputMode="numeric" maxLength={12} autoComplete="off" autoFocus={!initialIin} className="iin" />
              </Form.Item>
              <Form.Item name="iinPending" valuePropName="checked">
                <Checkbox onChange={() => form.setFields((['iin', 'birthDate', 'sex'] as const).map((name) => ({ name, value: undefined, errors: [] })))}>{t('iinPending')}</Checkbox>
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item name="birthDate" label={t('birthDate')} rules={iinPending ? [{ required: true, message: t('birthDateRequired') }] : []}>
                <DatePicker
                  format="DD.MM.YYYY"
                  placeholder={t('birthDatePlaceholder')}
                  disabled={!iinPending}
                  disabledDate={(date) => date.isAfter(dayjs(almatyToday()), 'day')}
                  className="full-width"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item name="sex" label={t('sex')} rules={iinPending ? [{ required: true, message: t('sexRequired') }] : []}>
                <Radio.Group
                  disabled={!iinPending}
                  options={[
                    { value: 'female', label: t('female') },
                    { value: 'male', label: t('male') },
                  ]}
                />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="lastName" label={t('lastName')} rules={[{ required: true, whitespace: true, message: t('lastNameRequired') }]}>
                <Input autoComplete="off" autoFocus={Boolean(initialIin)} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="firstName" label={t('firstName')} rules={[{ required: true, whitespace: true, message: t('firstNameRequired') }]}>
                <Input autoComplete="off" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="patronymic" label={t('patronymic')}>
                <Input autoComplete="off" />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="kato" label={t('region')} rules={[{ required: true, message: t('regionRequired') }]}>
                <Select
                  placeholder={t('regionPlaceholder')}
                  loading={regions.isPending}
                  options={regions.data && [...regions.data].map(([kato, label]) => ({ value: kato, label })).sort((a, b) => a.label.localeCompare(b.label, i18n.language))}
                  showSearch={{ optionFilterProp: 'label' }}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={16}>
              <Form.Item name="address" label={t('address')}>
                <Input maxLength={300} autoComplete="off" />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Card title={<h2 className="card-title">{t('guardiansSection')}</h2>} className="guardians">
          <Form.List
            name="guardians"
            rules={[{ validator: async (_, guardians?: unknown[]) => { if (!guardians?.length) throw new Error(t('guardiansRequired')); } }]}
          >
            {(fields, { add, remove }, { errors }) => (
              <>
                {fields.map((field, index) => (
                  <fieldset key={field.key} className="guardian">
                    <legend>{t('guardian', { number: index + 1 })}</legend>
                    <Row gutter={16}>
                      <Col xs={24} md={8}>
                        <Form.Item name={[field.name, 'fullName']} label={t('guardianFullName')} rules={[{ required: true, whitespace: true, message: t('fullNameRequired') }]}>
                          <Input autoComplete="off" />
                        </Form.Item>
                      </Col>
                      <Col xs={24} md={5}>
                        <Form.Item name={[field.name, 'relation']} label={t('relation')} rules={[{ required: true, message: t('relationRequired') }]}>
                          <Select options={RELATIONS.map((relation) => ({ value: relation, label: t(`relations.${relation}`) }))} />
                        </Form.Item>
                      </Col>
                      <Col xs={24} md={5}>
                        <Form.Item name={[field.name, 'iin']} label={t('guardianIin')} rules={iinRules(t, false)} validateTrigger={IIN_VALIDATE_TRIGGER} normalize={digitsOnly}>
                          <Input inputMode="numeric" maxLength={12} autoComplete="off" className="iin" />
                        </Form.Item>
                      </Col>
                      <Col xs={24} md={6}>
                        <Form.Item name={[field.name, 'phone']} label={t('phone')}>
                          <Input inputMode="tel" autoComplete="off" placeholder={t('phonePlaceholder')} />
                        </Form.Item>
                      </Col>
                    </Row>
                    <Form.Item name={[field.name, 'consents']} label={t('guardianConsents')} extra={t('guardianConsentsHint')}>
                      <Checkbox.Group options={CONSENT_CHOICES.map((choice) => ({ value: choice, label: t(`consentChoice.${choice.replace(':', '_')}`) }))} />
                    </Form.Item>
                    {fields.length > 1 && (
                      <Flex justify="flex-end">
                        <Button type="link" onClick={() => remove(field.name)}>
                          {t('removeGuardian', { number: index + 1 })}
                        </Button>
                      </Flex>
                    )}
                  </fieldset>
                ))}
                <Form.ErrorList errors={errors} />
                {fields.length < 6 && <Button onClick={() => add({})}>{t('addGuardian')}</Button>}
              </>
            )}
          </Form.List>
        </Card>

        <div ref={outcomeRef} className="register-outcome">
          {outcome?.kind === 'possibleDuplicate' && (
            <PossibleDuplicates
              problem={outcome.problem}
              query={outcome.query}
              busy={register.isPending}
              onRegisterAnyway={() => void submit(outcome.values, true)}
            />
          )}
          {outcome?.kind === 'failed' && (
            <Alert
              type="error"
              showIcon
              title={message(outcome.error)}
              description={
                duplicateIin ? (
                  existingId ? <Link to={`/cases/${existingId}`}>{t('openExisting')}</Link> : t('askPmpc')
                ) : outcome.elsewhere.length ? (
                  <ul>
                    {outcome.elsewhere.map((error) => (
                      <li key={`${error.field}-${error.code}`}>{`${error.field}: ${message(new ApiError({ status: 400, code: error.code, title: error.message }))}`}</li>
                    ))}
                  </ul>
                ) : undefined
              }
            />
          )}
        </div>

        <Flex gap="middle" className="form-actions">
          {/* Keyed by the pending state: antd's loading icon can stay behind, unseen but named "loading", when its leave motion stalls. */}
          <Button
            key={register.isPending ? 'busy' : 'idle'}
            type="primary"
            htmlType="submit"
            size="large"
            loading={register.isPending}
            disabled={outcome?.kind === 'possibleDuplicate'}
          >
            {t('submit')}
          </Button>
          <Button size="large" onClick={() => navigate(`/children?q=${encodeURIComponent(searched ?? '')}`)}>
            {t('cancel')}
          </Button>
        </Flex>
      </Form>
    </section>
  );
}
