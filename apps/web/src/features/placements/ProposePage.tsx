import { Alert, Button, Flex, Form, Skeleton, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../shared/api/client';
import { useErrorMessage } from '../../shared/api/errors';
import { clearServerErrors, useApplyServerErrors } from '../../shared/api/form-errors';
import { useMe } from '../../shared/api/me';
import { useEducationForms, useSpecialConditions } from '../../shared/api/reference';
import { useCase } from '../cases/api/case';
import { fullName } from '../cases/labels';
import { PLACING_TYPES, usePropose } from './api';
import { OrganizationSelect } from './OrganizationSelect';
import { placementBody, PlacementFields, type PlacementFieldValues } from './PlacementFields';
import './placements.css';

type Values = PlacementFieldValues & { orgId: string };

/**
 * /cases/:id/placements/new — propose a placement of the child: by the school itself (its own
 * organisation), by a PMPC (a school it names), or answering an accepted school_placement referral
 * (?referralId=, at the school that accepted it). The conclusion's form and conditions are offered.
 */
export function ProposePage() {
  const { id = '' } = useParams();
  useCase(id);
  useEducationForms();
  useSpecialConditions();
  return (
    <Suspense fallback={<Skeleton active />}>
      <ProposeScreen childId={id} />
    </Suspense>
  );
}

function ProposeScreen({ childId }: { childId: string }) {
  const { t } = useTranslation(['placements', 'common']);
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const referralId = params.get('referralId') ?? undefined;
  const found = useCase(childId);
  const me = useMe();
  const propose = usePropose(childId);
  const message = useErrorMessage();
  const applyServerErrors = useApplyServerErrors();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  if (found.isPending || me.isPending) return <Skeleton active />;
  const own = me.data?.organization;
  const ownPlaces = own ? (PLACING_TYPES as readonly string[]).includes(own.type) : false;
  // The conclusion's recommendation, offered as the starting point (the school may still choose otherwise, with a warning).
  const current = found.data?.assessments?.find((assessment) => assessment.status === 'signed');

  async function submit(values: Values) {
    setError(null);
    try {
      const placement = await propose.mutateAsync({ orgId: values.orgId, ...placementBody(values), ...(referralId ? { referralId } : {}) });
      navigate(`/placements/${placement.id}`, { state: { warnings: placement.warnings } });
    } catch (failed) {
      const elsewhere = failed instanceof ApiError ? applyServerErrors(form as FormInstance, failed.problem) : [];
      if (!(failed instanceof ApiError) || elsewhere.length || !failed.problem.errors?.length) setError(failed);
    }
  }

  return (
    <section aria-labelledby="propose-title" className="placements-page form-page">
      <Link to={`/cases/${childId}?tab=placements`}>{t('backToCase')}</Link>
      <Typography.Title level={1} id="propose-title">
        {found.data?.identity ? t('propose.titleOf', { name: fullName(found.data.identity) }) : t('propose.title')}
      </Typography.Title>
      {referralId && <Alert type="info" showIcon className="form-note" title={t('propose.fromReferral')} />}
      <Form<Values>
        form={form}
        layout="vertical"
        className="narrow-form"
        initialValues={{
          orgId: ownPlaces ? own!.id : undefined,
          form: current?.formOfEducation ?? undefined,
          providedConditions: current?.specialConditions ?? [],
        }}
        onFinish={(values) => void submit(values)}
        onValuesChange={(changed) => clearServerErrors(form, changed)}
      >
        <Form.Item name="orgId" label={t('fields.organization')} rules={[{ required: true, message: t('fields.orgRequired') }]}>
          <OrganizationSelect scope={{ sector: 'education' }} />
        </Form.Item>
        <PlacementFields />
        {error !== null && <Alert type="error" showIcon role="alert" className="form-error" title={message(error)} />}
        <Flex gap="small">
          <Button type="primary" htmlType="submit" loading={propose.isPending}>
            {t('propose.submit')}
          </Button>
          <Button onClick={() => navigate(-1)}>{t('actions.close')}</Button>
        </Flex>
      </Form>
    </section>
  );
}
