import { Alert, Button, Card, Col, DatePicker, Flex, Form, Input, Row, Select, Skeleton, Typography } from 'antd';
import type { FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../../shared/api/client';
import { useErrorMessage } from '../../shared/api/errors';
import { clearServerErrors, useApplyServerErrors } from '../../shared/api/form-errors';
import { useEducationForms, useSpecialConditions } from '../../shared/api/reference';
import { almatyToday } from '../../shared/iin';
import { type Relation, RELATIONS } from '../children/api';
import { digitsOnly, IIN_VALIDATE_TRIGGER, iinRules } from '../children/iin-field';
import { useEnrol } from './api';
import { placementBody, PlacementFields, type PlacementFieldValues } from './PlacementFields';
import './placements.css';

type Values = PlacementFieldValues & {
  iin: string;
  birthDate: Dayjs;
  guardian: { fullName: string; relation: Relation; iin?: string; phone?: string };
  applicationDate: Dayjs;
  documentNumber?: string;
};

const notFuture = (date: Dayjs) => date.isAfter(dayjs(almatyToday()), 'day');

/**
 * /placements/enrol — a family brings its child to the school with a written application and no
 * referral: the child is found by the exact IIN and birth date (a wrong pair is "not found", as for an
 * unknown IIN), the application is recorded as the legal representative's consent, and the placement
 * is proposed at this school.
 */
export function EnrolPage() {
  useEducationForms();
  useSpecialConditions();
  return (
    <Suspense fallback={<Skeleton active />}>
      <EnrolScreen />
    </Suspense>
  );
}

function EnrolScreen() {
  const { t } = useTranslation(['placements', 'children', 'cases']);
  const { t: tc } = useTranslation('children');
  const navigate = useNavigate();
  const enrol = useEnrol();
  const message = useErrorMessage();
  const applyServerErrors = useApplyServerErrors();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  // One key for this filled-in form: a retry after a lost answer does not enrol twice.
  const [key] = useState(() => crypto.randomUUID());

  async function submit(values: Values) {
    setError(null);
    const guardian = {
      fullName: values.guardian.fullName.trim(),
      relation: values.guardian.relation,
      ...(values.guardian.iin ? { iin: values.guardian.iin } : {}),
      ...(values.guardian.phone?.trim() ? { phone: values.guardian.phone.trim() } : {}),
    };
    try {
      const placement = await enrol.mutateAsync({
        key,
        body: {
          iin: values.iin,
          birthDate: values.birthDate.format('YYYY-MM-DD'),
          guardian,
          applicationDate: values.applicationDate.format('YYYY-MM-DD'),
          documentNumber: values.documentNumber?.trim() || null,
          ...placementBody(values),
        },
      });
      navigate(`/placements/${placement.id}`, { state: { warnings: placement.warnings } });
    } catch (failed) {
      const elsewhere = failed instanceof ApiError ? applyServerErrors(form as FormInstance, failed.problem) : [];
      if (!(failed instanceof ApiError) || elsewhere.length || !failed.problem.errors?.length) setError(failed);
    }
  }

  return (
    <section aria-labelledby="enrol-title" className="placements-page form-page">
      <Link to="/placements">{t('placements:backToRoster')}</Link>
      <Typography.Title level={1} id="enrol-title">
        {t('placements:enrol.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('placements:enrol.intro')}</Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ applicationDate: dayjs(almatyToday()), providedConditions: [] }}
        onFinish={(values) => void submit(values)}
        onValuesChange={(changed) => clearServerErrors(form, changed)}
        scrollToFirstError={{ block: 'center', focus: true }}
      >
        <Card title={<h2 className="card-title">{t('placements:enrol.child')}</h2>}>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="iin" label={t('placements:enrol.iin')} rules={iinRules(tc, true)} validateTrigger={IIN_VALIDATE_TRIGGER} normalize={digitsOnly}>
                <Input inputMode="numeric" maxLength={12} autoComplete="off" className="iin" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="birthDate" label={t('placements:enrol.birthDate')} rules={[{ required: true, message: t('placements:dateRequired') }]} extra={t('placements:enrol.birthDateHelp')}>
                <DatePicker format="DD.MM.YYYY" disabledDate={notFuture} className="full-width" />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card title={<h2 className="card-title">{t('placements:enrol.application')}</h2>}>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name={['guardian', 'fullName']} label={t('placements:enrol.guardianName')} rules={[{ required: true, whitespace: true, message: tc('fullNameRequired') }]}>
                <Input autoComplete="off" />
              </Form.Item>
            </Col>
            <Col xs={24} md={5}>
              <Form.Item name={['guardian', 'relation']} label={t('placements:enrol.relation')} rules={[{ required: true, message: tc('relationRequired') }]}>
                <Select options={RELATIONS.map((relation) => ({ value: relation, label: t(`cases:relation.${relation}`) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={5}>
              <Form.Item name={['guardian', 'iin']} label={t('placements:enrol.guardianIin')} rules={iinRules(tc, false)} validateTrigger={IIN_VALIDATE_TRIGGER} normalize={digitsOnly}>
                <Input inputMode="numeric" maxLength={12} autoComplete="off" className="iin" />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item name={['guardian', 'phone']} label={t('placements:enrol.phone')}>
                <Input inputMode="tel" autoComplete="off" />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="applicationDate" label={t('placements:enrol.applicationDate')} rules={[{ required: true, message: t('placements:dateRequired') }]}>
                <DatePicker format="DD.MM.YYYY" disabledDate={notFuture} className="full-width" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="documentNumber" label={t('placements:enrol.documentNumber')}>
                <Input maxLength={60} autoComplete="off" />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card title={<h2 className="card-title">{t('placements:enrol.placement')}</h2>}>
          <PlacementFields />
        </Card>
        {error !== null && <Alert type="error" showIcon role="alert" className="form-error" title={message(error)} />}
        <Flex gap="small" className="form-actions">
          <Button type="primary" htmlType="submit" loading={enrol.isPending}>
            {t('placements:enrol.submit')}
          </Button>
        </Flex>
      </Form>
    </section>
  );
}
