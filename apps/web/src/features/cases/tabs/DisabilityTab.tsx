import { Descriptions, Empty, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDisabilityHistory } from '../api/case';
import { formatDate } from '../dates';
import { NONE } from '../labels';
import type { Disability } from '../types';

/** The current disability record (from the case view) and, when there is one, its history. */
export function DisabilityTab({ childId, current }: { childId: string; current: Disability | null }) {
  const { t } = useTranslation('cases');
  const record = useDisabilityHistory(childId);
  if (!current) return <Empty description={t('disability.none')} />;
  const history = record.data?.history ?? [];
  return (
    <>
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'status', label: t('disability.status'), children: t(`disability.statuses.${current.status}`) },
          { key: 'establishedOn', label: t('disability.establishedOn'), children: current.establishedOn ? formatDate(current.establishedOn) : NONE },
          { key: 'reviewOn', label: t('disability.reviewOn'), children: current.reviewOn ? formatDate(current.reviewOn) : NONE },
          { key: 'certificateNo', label: t('disability.certificateNo'), children: current.certificateNo ?? NONE },
          { key: 'recordedAt', label: t('disability.recordedAt'), children: formatDate(current.recordedAt) },
        ]}
      />
      {history.length > 1 && (
        <section aria-labelledby="disability-history" className="case-subsection">
          <Typography.Title level={2} id="disability-history">
            {t('disability.history')}
          </Typography.Title>
          <Table<Disability>
            size="small"
            rowKey={(row) => `${row.recordedAt}-${row.status}`}
            pagination={false}
            dataSource={history}
            columns={[
              { key: 'recordedAt', title: t('disability.recordedAt'), render: (_, row) => formatDate(row.recordedAt) },
              { key: 'status', title: t('disability.status'), render: (_, row) => t(`disability.statuses.${row.status}`) },
              { key: 'establishedOn', title: t('disability.establishedOn'), render: (_, row) => (row.establishedOn ? formatDate(row.establishedOn) : NONE) },
              { key: 'reviewOn', title: t('disability.reviewOn'), render: (_, row) => (row.reviewOn ? formatDate(row.reviewOn) : NONE) },
            ]}
          />
        </section>
      )}
    </>
  );
}
