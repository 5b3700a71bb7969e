import { Alert, Button, DatePicker, Empty, Flex, Form, Input, Modal, Popconfirm, Select, Skeleton, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../shared/api/errors';
import { LoadFailed } from '../../shared/ui/load-states';
import { almatyDate, formatDate } from '../cases/dates';
import { type CalendarDay, type HolidayKind, useCalendar, useChangeCalendar } from './api';
import { FormFooter } from './FormFooter';

const KINDS: HolidayKind[] = ['holiday', 'day_off', 'working_day'];

/**
 * /admin/calendar — the working-day calendar every deadline is counted on: public holidays, days off
 * and weekend days worked by decree. A change moves running deadlines at once; the server says how many.
 */
export function CalendarScreen() {
  const { t, i18n } = useTranslation('admin');
  const message = useErrorMessage();
  const thisYear = Number(almatyDate(new Date()).slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const [editing, setEditing] = useState<CalendarDay | null | undefined>(undefined);
  const [moved, setMoved] = useState<{ date: string; count: number } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const calendar = useCalendar(year);
  const change = useChangeCalendar();
  const nameOf = (day: CalendarDay) => (i18n.language === 'ru' ? day.nameRu : i18n.language === 'en' ? day.nameEn : day.nameKk);

  async function remove(day: CalendarDay) {
    setError(null);
    try {
      const result = await change.mutateAsync({ remove: true, date: day.date });
      setMoved({ date: day.date, count: result.deadlinesMoved });
    } catch (failed) {
      setError(failed);
    }
  }

  return (
    <>
      <Typography.Paragraph>{t('calendar.explained')}</Typography.Paragraph>
      <Flex gap="middle" wrap className="admin-filters" align="end">
        <Select<number>
          aria-label={t('calendar.year')}
          value={year}
          onChange={setYear}
          options={[-1, 0, 1, 2].map((offset) => ({ value: thisYear + offset, label: String(thisYear + offset) }))}
        />
        <Button type="primary" onClick={() => setEditing(null)}>
          {t('calendar.add')}
        </Button>
      </Flex>
      {moved && (
        <Alert
          type="success"
          showIcon
          closable
          role="status"
          className="admin-result calendar-moved"
          title={t('calendar.moved', { count: moved.count, date: formatDate(moved.date) })}
          onClose={() => setMoved(null)}
        />
      )}
      {error !== null && <Alert type="error" showIcon role="alert" className="admin-result" title={message(error)} />}
      {calendar.isError && <LoadFailed error={calendar.error} retry={() => void calendar.refetch()} />}
      {calendar.isPending && !calendar.isError && <Skeleton active />}
      {calendar.isSuccess && (
        <Table<CalendarDay>
          rowKey="date"
          size="small"
          dataSource={calendar.data}
          pagination={false}
          locale={{ emptyText: <Empty description={t('calendar.none')} /> }}
          columns={[
            { key: 'date', title: t('calendar.date'), render: (_, day) => formatDate(day.date) },
            { key: 'kind', title: t('calendar.kind'), render: (_, day) => <Tag className={`calendar-kind calendar-kind-${day.kind}`}>{t(`calendar.kinds.${day.kind}`)}</Tag> },
            { key: 'name', title: t('calendar.name'), render: (_, day) => nameOf(day) },
            {
              key: 'actions',
              title: t('actions'),
              render: (_, day) => (
                <Space>
                  <Button size="small" aria-label={t('calendar.editDay', { date: formatDate(day.date) })} onClick={() => setEditing(day)}>
                    {t('edit')}
                  </Button>
                  <Popconfirm title={t('calendar.removeConfirm', { date: formatDate(day.date) })} okText={t('calendar.remove')} cancelText={t('cancel')} onConfirm={() => remove(day)}>
                    <Button size="small" danger aria-label={t('calendar.removeDay', { date: formatDate(day.date) })}>
                      {t('calendar.remove')}
                    </Button>
                  </Popconfirm>
                </Space>
              ),
            },
          ]}
        />
      )}
      {editing !== undefined && (
        <DayDialog
          day={editing}
          onClose={(result) => {
            setEditing(undefined);
            if (result) {
              setMoved(result);
              setYear(Number(result.date.slice(0, 4)));
            }
          }}
        />
      )}
    </>
  );
}

interface DayValues {
  date: Dayjs;
  kind: HolidayKind;
  nameKk: string;
  nameRu: string;
  nameEn: string;
}

/** Sets one day of the calendar (its kind and its name in the three languages). */
function DayDialog({ day, onClose }: { day: CalendarDay | null; onClose: (result?: { date: string; count: number }) => void }) {
  const { t } = useTranslation('admin');
  const [form] = Form.useForm<DayValues>();
  const [error, setError] = useState<unknown>(null);
  const change = useChangeCalendar();

  async function submit(values: DayValues) {
    setError(null);
    try {
      const date = values.date.format('YYYY-MM-DD');
      const result = await change.mutateAsync({ day: { date, kind: values.kind, nameKk: values.nameKk, nameRu: values.nameRu, nameEn: values.nameEn } });
      onClose({ date, count: result.deadlinesMoved });
    } catch (failed) {
      setError(failed);
    }
  }

  const required = [{ required: true, whitespace: true, message: t('required') }];
  return (
    <Modal open title={day ? t('calendar.editDay', { date: formatDate(day.date) }) : t('calendar.add')} onCancel={() => onClose()} footer={null} destroyOnHidden>
      <Form<DayValues>
        form={form}
        layout="vertical"
        initialValues={day ? { ...day, date: dayjs(day.date) } : { kind: 'holiday' }}
        onFinish={(values) => void submit(values)}
      >
        <Form.Item name="date" label={t('calendar.date')} rules={[{ required: true, message: t('required') }]}>
          <DatePicker format="DD.MM.YYYY" disabled={day !== null} />
        </Form.Item>
        <Form.Item name="kind" label={t('calendar.kind')} rules={[{ required: true, message: t('required') }]}>
          <Select options={KINDS.map((kind) => ({ value: kind, label: t(`calendar.kinds.${kind}`) }))} />
        </Form.Item>
        <Form.Item name="nameKk" label={t('calendar.nameKk')} rules={required}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="nameRu" label={t('calendar.nameRu')} rules={required}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="nameEn" label={t('calendar.nameEn')} rules={required}>
          <Input maxLength={200} />
        </Form.Item>
        <FormFooter error={error} saving={change.isPending} onCancel={onClose} />
      </Form>
    </Modal>
  );
}
