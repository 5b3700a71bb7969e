import { Alert, Button, Checkbox, DatePicker, Flex, Form, InputNumber, Table } from 'antd';
import type { FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api/client';
import { useErrorMessage } from '../../shared/api/errors';
import { clearServerErrors, useApplyServerErrors } from '../../shared/api/form-errors';
import { almatyToday } from '../../shared/iin';
import { formatDate } from '../cases/dates';
import { type Referral, type Session, useLogSession, useSessions } from './api';
import { LoadFailed } from '../../shared/ui/load-states';
import { useServiceWords } from './service-words';

interface Values {
  date: Dayjs;
  durationMinutes: number;
  attended: boolean;
}

/** The sessions of the service (newest as the server orders them), and, while it runs, a form to log one. */
export function Sessions({ referral, episodeId, mayLog }: { referral: Referral; episodeId: string; mayLog: boolean }) {
  const { t } = useTranslation('referrals');
  const words = useServiceWords(referral.serviceType);
  const sessions = useSessions(episodeId);
  const rows = sessions.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <>
      {mayLog && <LogSession referral={referral} episodeId={episodeId} />}
      {sessions.isError ? (
        <LoadFailed error={sessions.error} retry={() => void sessions.refetch()} />
      ) : (
        <Table<Session>
          size="small"
          rowKey="id"
          dataSource={rows}
          loading={sessions.isPending}
          pagination={false}
          locale={{ emptyText: sessions.isPending ? ' ' : words('none') }}
          columns={[
            { key: 'date', title: t('sessions.date'), render: (_, session) => formatDate(session.date) },
            { key: 'duration', title: t('sessions.duration'), render: (_, session) => t('sessions.minutes', { count: session.durationMinutes }) },
            { key: 'attended', title: words('attended'), render: (_, session) => (session.attended ? t('sessions.yes') : t('sessions.no')) },
          ]}
          footer={
            sessions.hasNextPage
              ? () => (
                  <Button onClick={() => void sessions.fetchNextPage()} loading={sessions.isFetchingNextPage}>
                    {t('loadMore')}
                  </Button>
                )
              : undefined
          }
        />
      )}
    </>
  );
}

function LogSession({ referral, episodeId }: { referral: Referral; episodeId: string }) {
  const { t } = useTranslation('referrals');
  const words = useServiceWords(referral.serviceType);
  const message = useErrorMessage();
  const applyServerErrors = useApplyServerErrors();
  const log = useLogSession(referral, episodeId);
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);

  async function submit(values: Values) {
    setError(null);
    try {
      await log.mutateAsync({ date: values.date.format('YYYY-MM-DD'), durationMinutes: values.durationMinutes, attended: values.attended });
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
      className="log-session"
      aria-label={words('log')}
      initialValues={{ date: dayjs(almatyToday()), durationMinutes: 45, attended: true }}
      onFinish={(values) => void submit(values)}
      onValuesChange={(changed) => clearServerErrors(form, changed)}
    >
      <Flex gap="middle" align="end" wrap>
        <Form.Item name="date" label={t('sessions.date')} rules={[{ required: true, message: t('actions.dateRequired') }]}>
          <DatePicker format="DD.MM.YYYY" disabledDate={(date) => date.isAfter(dayjs(almatyToday()), 'day')} />
        </Form.Item>
        <Form.Item name="durationMinutes" label={t('sessions.durationMinutes')} rules={[{ required: true, message: t('sessions.durationRequired') }]}>
          <InputNumber min={1} max={480} precision={0} />
        </Form.Item>
        <Form.Item name="attended" valuePropName="checked">
          <Checkbox>{words('childAttended')}</Checkbox>
        </Form.Item>
        <Form.Item>
          <Button htmlType="submit" type="primary" loading={log.isPending}>
            {words('log')}
          </Button>
        </Form.Item>
      </Flex>
      {error !== null && <Alert type="error" showIcon role="alert" title={message(error)} className="action-error" />}
    </Form>
  );
}
