import { Descriptions, Empty, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRegions } from '../../../shared/api/reference';
import { regionKato } from '../CaseHeader';
import { formatDate } from '../dates';
import { NONE } from '../labels';
import type { CaseView, Guardian } from '../types';

/** Who the child is and who represents them (the identity and guardians sections). */
export function IdentityTab({ view }: { view: CaseView }) {
  const { t } = useTranslation('cases');
  const regions = useRegions();
  const identity = view.identity;
  return (
    <>
      {identity && (
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'lastName', label: t('identity.lastName'), children: identity.lastName },
            { key: 'firstName', label: t('identity.firstName'), children: identity.firstName },
            { key: 'patronymic', label: t('identity.patronymic'), children: identity.patronymic ?? NONE },
            { key: 'iin', label: t('identity.iin'), children: identity.iin ?? <Tag>{t('header.iinPending')}</Tag> },
            { key: 'birthDate', label: t('identity.birthDate'), children: formatDate(identity.birthDate) },
            { key: 'sex', label: t('identity.sex'), children: t(`sex.${identity.sex}`) },
            { key: 'region', label: t('identity.region'), children: regions.data?.get(regionKato(identity.kato)) ?? NONE },
            { key: 'address', label: t('identity.address'), children: identity.address ?? NONE },
            { key: 'registeredAt', label: t('identity.registeredAt'), children: formatDate(identity.registeredAt) },
          ]}
        />
      )}
      {view.guardians !== undefined && (
        <section aria-labelledby="guardians-title" className="case-subsection">
          <Typography.Title level={2} id="guardians-title">
            {t('identity.guardians')}
          </Typography.Title>
          <Table<Guardian>
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={view.guardians}
            locale={{ emptyText: <Empty description={t('identity.noGuardians')} /> }}
            columns={[
              { key: 'fullName', title: t('identity.fullName'), dataIndex: 'fullName' },
              { key: 'relation', title: t('identity.relation'), render: (_, guardian) => t(`relation.${guardian.relation}`) },
              { key: 'iin', title: t('identity.iin'), render: (_, guardian) => guardian.iin ?? NONE },
              { key: 'phone', title: t('identity.phone'), render: (_, guardian) => guardian.phone ?? NONE },
            ]}
          />
        </section>
      )}
    </>
  );
}
