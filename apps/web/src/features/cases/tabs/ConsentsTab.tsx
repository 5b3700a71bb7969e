import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, DatePicker, Empty, Flex, Form, Popconfirm, Row, Select, Table, Tag } from 'antd';
import type { FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { components } from '../../../api/schema';
import { api, ApiError, unwrap } from '../../../shared/api/client';
import { useErrorMessage } from '../../../shared/api/errors';
import { useApplyServerErrors } from '../../../shared/api/form-errors';
import { useMe } from '../../../shared/api/me';
import { almatyToday } from '../../../shared/iin';
import { invalidateCase } from '../api/case';
import { formatDate } from '../dates';
import { NONE } from '../labels';
import type { Consent, Guardian } from '../types';

const KINDS = ['assessment', 'services', 'data_sharing'] as const;
const SECTORS = ['education', 'health', 'social'] as const;

/**
 * Every consent ever given, with its state now (active, withdrawn or expired); who may change the case
 * records a new one from a legal representative and withdraws one the family takes back.
 */
export function ConsentsTab({ childId, consents, guardians }: { childId: string; consents: Consent[]; guardians?: Guardian[] }) {
  const { t } = useTranslation('cases');
  const me = useMe();
  const may = me.data?.permissions.includes('update:Child') ?? false;
  const [recording, setRecording] = useState(false);
  const withdraw = useWithdraw(childId);
  const message = useErrorMessage();
  const guardianName = (id: string) => guardians?.find((guardian) => guardian.id === id)?.fullName ?? NONE;
  const state = (consent: Consent) => (consent.active ? 'active' : consent.withdrawnAt ? 'withdrawn' : 'expired');
  return (
    <>
      {may && !recording && (
        <Button className="no-print case-action" onClick={() => setRecording(true)}>
          {t('consent.record')}
        </Button>
      )}
      {recording && <RecordConsent childId={childId} guardians={(guardians ?? []).filter((g) => g.active)} close={() => setRecording(false)} />}
      {withdraw.isError && <Alert type="error" showIcon title={message(withdraw.error)} />}
      <Table<Consent>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={consents}
        locale={{ emptyText: <Empty description={t('consent.none')} /> }}
        columns={[
          { key: 'kind', title: t('consent.kind'), render: (_, consent) => t(`consentKind.${consent.kind}`) },
          { key: 'sector', title: t('consent.sector'), render: (_, consent) => (consent.sector ? t(`sector.${consent.sector}`) : NONE) },
          { key: 'guardian', title: t('consent.guardian'), render: (_, consent) => guardianName(consent.guardianId) },
          { key: 'grantedAt', title: t('consent.grantedAt'), render: (_, consent) => formatDate(consent.grantedAt) },
          { key: 'expiresAt', title: t('consent.expiresAt'), render: (_, consent) => (consent.expiresAt ? formatDate(consent.expiresAt) : t('consent.noExpiry')) },
          {
            key: 'state',
            title: t('consent.state'),
            render: (_, consent) => (
              <Tag color={consent.active ? '#0b6e4f' : undefined}>
                {t(`consent.${state(consent)}`)}
                {consent.withdrawnAt ? ` ${formatDate(consent.withdrawnAt)}` : ''}
              </Tag>
            ),
          },
          ...(may
            ? [{
                key: 'actions',
                title: <span className="visually-hidden">{t('consent.actions')}</span>,
                render: (_: unknown, consent: Consent) =>
                  consent.active && (
                    <Popconfirm title={t('consent.withdrawConfirm')} okText={t('consent.withdraw')} cancelText={t('consent.cancel')} onConfirm={() => withdraw.mutateAsync(consent.id)}>
                      <Button size="small" danger className="no-print">
                        {t('consent.withdraw')}
                      </Button>
                    </Popconfirm>
                  ),
              }]
            : []),
        ]}
      />
    </>
  );
}

interface Values {
  kind: (typeof KINDS)[number];
  sector?: (typeof SECTORS)[number];
  guardianId: string;
  expiresOn?: Dayjs;
}

function RecordConsent({ childId, guardians, close }: { childId: string; guardians: Guardian[]; close: () => void }) {
  const { t } = useTranslation('cases');
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  const record = useRecord(childId);
  const message = useErrorMessage();
  const applyServerErrors = useApplyServerErrors();
  const [error, setError] = useState<unknown>(null);

  async function submit(values: Values) {
    setError(null);
    try {
      await record.mutateAsync({
        kind: values.kind,
        guardianId: values.guardianId,
        ...(values.kind === 'data_sharing' ? { sector: values.sector } : {}),
        // A date: the consent holds through that day in Almaty (the API's reading of a bare date).
        expiresAt: values.expiresOn ? values.expiresOn.format('YYYY-MM-DD') : null,
      });
      close();
    } catch (failed) {
      const elsewhere = failed instanceof ApiError ? applyServerErrors(form as FormInstance, failed.problem) : [];
      if (!(failed instanceof ApiError) || elsewhere.length || !failed.problem.errors?.length) setError(failed);
    }
  }

  return (
    <Card className="record-consent" title={<h2 className="card-title">{t('consent.record')}</h2>}>
      {error !== null && <Alert type="error" showIcon title={message(error)} />}
      <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={{ guardianId: guardians.length === 1 ? guardians[0].id : undefined }}>
        <Row gutter={16}>
          <Col xs={24} md={6}>
            <Form.Item name="kind" label={t('consent.kind')} rules={[{ required: true, message: t('consent.kindRequired') }]}>
              <Select options={KINDS.map((value) => ({ value, label: t(`consentKind.${value}`) }))} />
            </Form.Item>
          </Col>
          {kind === 'data_sharing' && (
            <Col xs={24} md={6}>
              <Form.Item name="sector" label={t('consent.sector')} rules={[{ required: true, message: t('consent.sectorRequired') }]}>
                <Select options={SECTORS.map((value) => ({ value, label: t(`sector.${value}`) }))} />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} md={6}>
            <Form.Item name="guardianId" label={t('consent.guardian')} rules={[{ required: true, message: t('consent.guardianRequired') }]}>
              <Select options={guardians.map((g) => ({ value: g.id, label: g.fullName }))} notFoundContent={t('consent.noGuardian')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="expiresOn" label={t('consent.expiresOn')} extra={t('consent.expiresHint')}>
              <DatePicker format="DD.MM.YYYY" className="full-width" disabledDate={(date) => !date.isAfter(dayjs(almatyToday()), 'day')} />
            </Form.Item>
          </Col>
        </Row>
        <Flex gap="small">
          <Button type="primary" htmlType="submit" loading={record.isPending}>
            {t('consent.save')}
          </Button>
          <Button onClick={close}>{t('consent.cancel')}</Button>
        </Flex>
      </Form>
    </Card>
  );
}

type NewConsent = components['schemas']['CreateConsentDto'];

function useRecord(childId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewConsent) => unwrap(api.POST('/api/v1/children/{id}/consents', { params: { path: { id: childId } }, body })),
    onSuccess: () => invalidateCase(queryClient, childId),
  });
}

function useWithdraw(childId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/v1/consents/{id}/withdraw', { params: { path: { id } } })),
    onSettled: () => invalidateCase(queryClient, childId),
  });
}
