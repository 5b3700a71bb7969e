import { Empty, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../dates';
import { NONE } from '../labels';
import type { Consent, Guardian } from '../types';

/** Every consent ever given, with its state now (active, withdrawn or expired). */
export function ConsentsTab({ consents, guardians }: { consents: Consent[]; guardians?: Guardian[] }) {
  const { t } = useTranslation('cases');
  const guardianName = (id: string) => guardians?.find((guardian) => guardian.id === id)?.fullName ?? NONE;
  const state = (consent: Consent) => (consent.active ? 'active' : consent.withdrawnAt ? 'withdrawn' : 'expired');
  return (
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
      ]}
    />
  );
}
