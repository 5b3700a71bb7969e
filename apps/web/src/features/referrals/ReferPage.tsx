import { Alert, Button, Card, Checkbox, Flex, Form, Input, Radio, Select, Skeleton, Table, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../shared/api/client';
import { useErrorMessage } from '../../shared/api/errors';
import { clearServerErrors, type FieldError, useApplyServerErrors } from '../../shared/api/form-errors';
import { useMe } from '../../shared/api/me';
import { useRegions, useServiceTypes } from '../../shared/api/reference';
import { useCase } from '../cases/api/case';
import { regionKato } from '../cases/CaseHeader';
import { formatDate } from '../cases/dates';
import { fullName, NONE, useOrgName } from '../cases/labels';
import { FUNDING_SOURCES, type NewReferral, type Provider, type ServiceType, useCreateAndSend, useProviders } from './api';
import { LoadFailed } from '../../shared/ui/load-states';
import { ReferralUnavailable } from './ReferralUnavailable';
import './referrals.css';

interface Values {
  serviceType?: ServiceType;
  toOrgId?: string;
  reason: string;
  priority: NewReferral['priority'];
  funding: NewReferral['funding'];
  linkConclusion: boolean;
}

const ALL_REGIONS = 'all';

/**
 * /cases/:id/refer — refer the child: the service, then an organisation providing it (its free places
 * and queue in view, the child's region first), why, how urgently, with the current signed conclusion.
 * "Send" drafts the referral and sends it; its page opens.
 */
export function ReferPage() {
  const { id = '' } = useParams();
  // Everything the screen needs starts loading at once, before its translations (no waterfall).
  useCase(id);
  useServiceTypes();
  useRegions();
  return (
    <Suspense fallback={<Skeleton active />}>
      <ReferScreen childId={id} />
    </Suspense>
  );
}

function ReferScreen({ childId }: { childId: string }) {
  const { t } = useTranslation(['referrals', 'cases', 'common']);
  const navigate = useNavigate();
  const message = useErrorMessage();
  const applyServerErrors = useApplyServerErrors();
  const me = useMe();
  const found = useCase(childId);
  const serviceTypes = useServiceTypes();
  const send = useCreateAndSend();
  const [form] = Form.useForm<Values>();
  const serviceType = Form.useWatch('serviceType', form);
  const [failure, setFailure] = useState<{ error: unknown; elsewhere: FieldError[] } | null>(null);

  if (found.isPending || me.isPending) return <Skeleton active />;
  if (found.isError) return <ReferralUnavailable error={found.error} retry={() => void found.refetch()} />;
  if (!me.data?.permissions.includes('create:Referral')) return <Alert type="error" showIcon title={t('referrals:refer.notAllowed')} />;

  const view = found.data;
  const childName = view.identity ? fullName(view.identity) : NONE;
  const conclusion = view.assessments?.find((assessment) => assessment.status === 'signed');

  async function submit(values: Values) {
    setFailure(null);
    const body: NewReferral = {
      childId,
      toOrgId: values.toOrgId!,
      serviceType: values.serviceType!,
      reason: values.reason.trim(),
      priority: values.priority,
      funding: values.funding,
      ...(values.linkConclusion && conclusion ? { assessmentId: conclusion.id } : {}),
    };
    try {
      const result = await send.mutateAsync(body);
      // A draft that could not be sent opens too, saying why, with its own "send" to try again.
      navigate(`/referrals/${result.id}`, { state: result.sendError instanceof ApiError ? { sendProblem: result.sendError.problem } : null });
    } catch (error) {
      const elsewhere = error instanceof ApiError ? applyServerErrors(form as FormInstance, error.problem) : [];
      setFailure({ error, elsewhere });
    }
  }

  return (
    <section aria-labelledby="refer-title" className="referrals-page refer-page">
      <Typography.Title level={1} id="refer-title">
        {t('referrals:refer.title')}
      </Typography.Title>
      <Typography.Paragraph>
        <Link to={`/cases/${childId}?tab=referrals`}>{childName}</Link>
        {view.identity && <span className="secondary-line">{t('referrals:refer.born', { date: formatDate(view.identity.birthDate) })}</span>}
      </Typography.Paragraph>
      {serviceTypes.isError && <LoadFailed error={serviceTypes.error} retry={() => void serviceTypes.refetch()} />}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ priority: 'normal', funding: 'state_order', linkConclusion: true, reason: '' }}
        onFinish={(values) => void submit(values)}
        onValuesChange={(changed: Partial<Values>) => {
          clearServerErrors(form, changed);
          // Another service has other providers: the organisation is chosen again.
          if ('serviceType' in changed) form.setFieldValue('toOrgId', undefined);
        }}
        scrollToFirstError={{ block: 'center', focus: true }}
      >
        <Card title={<h2 className="card-title">{t('referrals:refer.whereTo')}</h2>}>
          <Form.Item name="serviceType" label={t('referrals:refer.serviceType')} rules={[{ required: true, message: t('referrals:refer.serviceTypeRequired') }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('referrals:refer.serviceTypePlaceholder')}
              loading={serviceTypes.isPending}
              options={[...(serviceTypes.data ?? new Map<string, string>())].map(([value, label]) => ({ value, label }))}
            />
          </Form.Item>
          <Form.Item name="toOrgId" rules={[{ required: true, message: t('referrals:refer.providerRequired') }]}>
            <ProviderPicker
              serviceType={serviceType}
              childRegion={view.identity ? regionKato(view.identity.kato) : undefined}
              // The funding offered first is what this service at this organisation usually has (a social
              // office's social support is not the state order); the referrer may still change it.
              onPick={(provider) => form.setFieldValue('funding', provider.defaultFunding)}
            />
          </Form.Item>
        </Card>
        <Card title={<h2 className="card-title">{t('referrals:refer.about')}</h2>}>
          <Form.Item name="reason" label={t('referrals:refer.reason')} rules={[{ required: true, whitespace: true, message: t('referrals:refer.reasonRequired') }]}>
            <Input.TextArea rows={4} maxLength={2000} showCount />
          </Form.Item>
          <Flex gap={48} wrap>
            <Form.Item name="priority" label={t('referrals:refer.priority')}>
              <Radio.Group options={(['normal', 'urgent'] as const).map((value) => ({ value, label: t(`referrals:priority.${value}`) }))} />
            </Form.Item>
            <Form.Item name="funding" label={t('referrals:refer.funding')}>
              <Radio.Group options={FUNDING_SOURCES.map((value) => ({ value, label: t(`referrals:funding.${value}`) }))} />
            </Form.Item>
          </Flex>
          {conclusion ? (
            <Form.Item name="linkConclusion" valuePropName="checked" label={t('referrals:refer.conclusion')}>
              <Checkbox>{t('referrals:refer.linkConclusion', { date: formatDate(conclusion.signedAt ?? conclusion.openedAt) })}</Checkbox>
            </Form.Item>
          ) : (
            <Typography.Paragraph type="secondary">{t('referrals:refer.noConclusion')}</Typography.Paragraph>
          )}
        </Card>
        <div aria-live="polite">
          {failure && (
            <Alert
              type="error"
              showIcon
              className="form-actions"
              title={message(failure.error)}
              description={failure.elsewhere.length ? failure.elsewhere.map((error) => error.message).join('; ') : undefined}
            />
          )}
        </div>
        <Flex gap="small" className="form-actions">
          <Button type="primary" htmlType="submit" loading={send.isPending}>
            {t('referrals:refer.send')}
          </Button>
          <Button onClick={() => navigate(`/cases/${childId}?tab=referrals`)}>{t('referrals:refer.cancel')}</Button>
        </Flex>
      </Form>
    </section>
  );
}

/**
 * The organisations providing the chosen service, as a table to pick one from (a radio per row, so
 * the keyboard can choose): name search, region (the child's first; "all regions"), free places and
 * the waiting list. A form control: `value` is the organisation's id.
 */
/**
 * The organisations that provide the service, to pick one. `onPick` hears the whole provider (its usual
 * funding for this service); the form field (`value`/`onChange`) keeps only its id.
 */
function ProviderPicker({ serviceType, childRegion, value, onChange, onPick, id }: {
  serviceType?: ServiceType; childRegion?: string; value?: string; onChange?: (id: string) => void; onPick?: (provider: Provider) => void; id?: string;
}) {
  const { t } = useTranslation(['referrals', 'common']);
  const orgName = useOrgName();
  const regions = useRegions();
  const [region, setRegion] = useState(childRegion ?? ALL_REGIONS);
  const [draft, setDraft] = useState('');
  const [q, setQ] = useState('');
  const query = serviceType ? { serviceType, ...(region !== ALL_REGIONS ? { kato: region } : {}), ...(q ? { q } : {}) } : null;
  const providers = useProviders(query);
  const rows = providers.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <fieldset className="provider-picker" id={id}>
      <legend className="picker-legend">{t('referrals:refer.provider')}</legend>
      {!serviceType ? (
        <Typography.Paragraph type="secondary">{t('referrals:refer.chooseServiceFirst')}</Typography.Paragraph>
      ) : (
        <>
          <Flex gap="middle" wrap className="filters">
            <Form.Item label={t('referrals:refer.search')} htmlFor="provider-search" className="grow">
              <Input.Search
                id="provider-search"
                value={draft}
                onChange={(event) => {
                  setDraft(event.target.value);
                  if (!event.target.value) setQ('');
                }}
                onSearch={(text) => setQ(text.trim())}
                placeholder={t('referrals:refer.searchPlaceholder')}
                enterButton={t('referrals:refer.searchButton')}
                allowClear
                autoComplete="off"
              />
            </Form.Item>
            <Form.Item label={t('referrals:refer.region')} htmlFor="provider-region" className="region-filter">
              <Select
                id="provider-region"
                value={region}
                onChange={setRegion}
                showSearch={{ optionFilterProp: 'label' }}
                options={[{ value: ALL_REGIONS, label: t('referrals:refer.allRegions') }, ...[...(regions.data ?? new Map<string, string>())].map(([kato, label]) => ({ value: kato, label }))]}
              />
            </Form.Item>
          </Flex>
          {providers.isError ? (
            <LoadFailed error={providers.error} retry={() => void providers.refetch()} />
          ) : (
            <Table<Provider>
              size="small"
              rowKey="id"
              dataSource={rows}
              loading={providers.isPending || providers.isPlaceholderData}
              pagination={false}
              locale={{ emptyText: providers.isPending ? ' ' : t('referrals:refer.noProviders') }}
              rowSelection={{
                type: 'radio',
                selectedRowKeys: value ? [value] : [],
                onChange: (keys, chosen) => {
                  onChange?.(String(keys[0]));
                  if (chosen[0]) onPick?.(chosen[0]);
                },
                getCheckboxProps: (provider) => ({ 'aria-label': orgName(provider) ?? provider.id }),
              }}
              onRow={(provider) => ({
                onClick: () => {
                  onChange?.(provider.id);
                  onPick?.(provider);
                },
              })}
              columns={[
                { key: 'name', title: t('referrals:refer.columns.name'), render: (_, provider) => orgName(provider) },
                { key: 'region', title: t('referrals:refer.columns.region'), render: (_, provider) => provider.region ?? NONE },
                {
                  key: 'freePlaces',
                  title: t('referrals:refer.columns.freePlaces'),
                  render: (_, provider) => (provider.freePlaces === null ? t('referrals:refer.noLimit') : provider.freePlaces),
                },
                { key: 'waitlist', title: t('referrals:refer.columns.waitlist'), render: (_, provider) => provider.waitlistLength },
              ]}
              footer={
                providers.hasNextPage
                  ? () => (
                      <Button onClick={() => void providers.fetchNextPage()} loading={providers.isFetchingNextPage}>
                        {t('referrals:loadMore')}
                      </Button>
                    )
                  : undefined
              }
            />
          )}
        </>
      )}
    </fieldset>
  );
}
