import { Alert, Button, DatePicker, Flex, Form, Select } from 'antd';
import type { FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api/client';
import { useErrorMessage } from '../../shared/api/errors';
import { clearServerErrors, useApplyServerErrors } from '../../shared/api/form-errors';
import { almatyToday } from '../../shared/iin';
import { useAddDiagnosis, useIcd10Search } from './api';
import './health.css';

interface Values {
  icd10: string;
  date: Dayjs;
}

/**
 * Recording a diagnosis: the ICD-10 code found by typing its start or a word of its name (GET
 * /reference/icd10), and the date it was established. A code the list does not hold can still be typed
 * whole (the server checks the ICD-10 pattern).
 */
export function DiagnosisForm({ childId }: { childId: string }) {
  const { t } = useTranslation('health');
  const message = useErrorMessage();
  const applyServerErrors = useApplyServerErrors();
  const add = useAddDiagnosis(childId);
  const [form] = Form.useForm<Values>();
  const [term, setTerm] = useState('');
  const found = useIcd10Search(term);
  const [error, setError] = useState<unknown>(null);
  const typed = term.trim().toUpperCase();
  const options = (found.data ?? []).map((item) => ({ value: item.code, label: `${item.code} — ${item.label}` }));
  // A whole code typed that the list does not hold is offered as it is.
  if (/^[A-Z][0-9]{2}(\.[0-9A-Z]{1,2})?$/.test(typed) && !options.some((option) => option.value === typed)) options.push({ value: typed, label: typed });

  async function submit(values: Values) {
    setError(null);
    try {
      await add.mutateAsync({ icd10: values.icd10, date: values.date.format('YYYY-MM-DD') });
      form.resetFields();
      setTerm('');
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
      aria-label={t('diagnosis.add')}
      initialValues={{ date: dayjs(almatyToday()) }}
      onFinish={(values) => void submit(values)}
      onValuesChange={(changed) => clearServerErrors(form, changed)}
    >
      <Flex gap="middle" align="end" wrap>
        <Form.Item name="icd10" label={t('diagnosis.code')} htmlFor="diagnosis-icd10" rules={[{ required: true, message: t('diagnosis.codeRequired') }]}>
          <Select
            id="diagnosis-icd10"
            showSearch={{ filterOption: false, onSearch: setTerm }}
            placeholder={t('diagnosis.codePlaceholder')}
            options={options}
            loading={found.isFetching}
            notFoundContent={term.trim() ? t('diagnosis.noCodes') : t('diagnosis.typeToSearch')}
            popupMatchSelectWidth={480}
          />
        </Form.Item>
        <Form.Item name="date" label={t('diagnosis.date')} rules={[{ required: true, message: t('diagnosis.dateRequired') }]}>
          <DatePicker format="DD.MM.YYYY" disabledDate={(date) => date.isAfter(dayjs(almatyToday()), 'day')} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={add.isPending}>
            {t('diagnosis.add')}
          </Button>
        </Form.Item>
      </Flex>
      {error !== null && <Alert type="error" showIcon role="alert" title={message(error)} />}
    </Form>
  );
}
