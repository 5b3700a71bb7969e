import { Empty, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../dates';
import type { Diagnosis } from '../types';

/** Diagnoses by ICD-10 code, as health workers recorded them. */
export function DiagnosesTab({ diagnoses }: { diagnoses: Diagnosis[] }) {
  const { t } = useTranslation('cases');
  return (
    <Table<Diagnosis>
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={diagnoses}
      locale={{ emptyText: <Empty description={t('diagnosis.none')} /> }}
      columns={[
        { key: 'icd10', title: t('diagnosis.icd10'), dataIndex: 'icd10', render: (code: string) => <strong>{code}</strong> },
        { key: 'date', title: t('diagnosis.date'), render: (_, diagnosis) => formatDate(diagnosis.date) },
        { key: 'establishedBy', title: t('diagnosis.establishedBy'), dataIndex: 'establishedByOrgName' },
        { key: 'recordedAt', title: t('diagnosis.recordedAt'), render: (_, diagnosis) => formatDate(diagnosis.recordedAt) },
      ]}
    />
  );
}
