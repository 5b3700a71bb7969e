import { Alert, Button, DatePicker, Flex, Form, Input, Select } from 'antd';
import type { FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api/client';
import { useErrorMessage } from '../../shared/api/errors';
import { clearServerErrors, useApplyServerErrors } from '../../shared/api/form-errors';
import { almatyToday } from '../../shared/iin';
import { useRecordDisability } from './api';
import './health.css';

const STATUSES = ['under_review', 'established', 'not_established', 'ended'] as const;

interface Values {
  status: (typeof STATUSES)[number];
  establishedOn?: Dayjs;
  reviewOn?: Dayjs;
  certificateNo?: string;
}

const day = (value?: Dayjs) => (value ? value.format('YYYY-MM-DD') : null);

/** Recording the disability status as it stands now (PUT /children/:id/disability); the earlier records stay as history. */
export function DisabilityForm({ childId }: { childId: string }) {
  const { t } = useTranslation(['health', 'cases']);
  const message = useErrorMessage();
  const applyServerErrors = useApplyServerErrors();
  const record = useRecordDisability(childId);
  const [form] = Form.useForm<Values>();
  const status = Form.useWatch('status', form);
  const [error, setError] = useState<unknown>(null);

  async function submit(values: Values) {
    setError(null);
    try {
      await record.mutateAsync({
        status: values.status,
        establishedOn: day(values.establishedOn),
        reviewOn: day(values.reviewOn),
        certificateNo: values.certificateNo?.trim() || null,
      });
      form.resetFields();
    } catch (failed) {
      const elsewhere = failed instanceof ApiError ? applyServerErrors(form as FormInstance, failed.problem) : [];
      if (!(failed instanceof ApiError) || elsewhere.length || !failed.problem.errors?.length) setError(failed);
    }
  }

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      className="health-form"
      aria-label={t('health:disability.record')}
      onFinish={(values) => void submit(values)}
      onValuesChange={(changed) => clearServerErrors(form, changed)}
    >
      <Flex gap="middle" align="end" wrap>
        <Form.Item name="status" label={t('cases:disability.status')} htmlFor="disability-status" rules={[{ required: true, message: t('health:disability.statusRequired') }]}>
          <Select id="disability-status" options={STATUSES.map((code) => ({ value: code, label: t(`cases:disability.statuses.${code}`) }))} />
        </Form.Item>
        <Form.Item
          name="establishedOn"
          label={t('cases:disability.establishedOn')}
          rules={[{ required: status === 'established', message: t('health:disability.establishedOnRequired') }]}
        >
          <DatePicker format="DD.MM.YYYY" disabledDate={(date) => date.isAfter(dayjs(almatyToday()), 'day')} />
        </Form.Item>
        <Form.Item name="reviewOn" label={t('cases:disability.reviewOn')}>
          <DatePicker format="DD.MM.YYYY" />
        </Form.Item>
        <Form.Item name="certificateNo" label={t('cases:disability.certificateNo')}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={record.isPending}>
            {t('health:disability.record')}
          </Button>
        </Form.Item>
      </Flex>
      {error !== null && <Alert type="error" showIcon role="alert" title={message(error)} />}
    </Form>
  );
}
