import { List, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../shared/i18n/i18n';
import type { Assessment } from './api';

/** Who sits on the commission, with their specialty, and who has confirmed their findings (when) and who has not. */
export function CommissionList({ commission }: { commission: Assessment['commission'] }) {
  const { t } = useTranslation(['assessments', 'cases']);
  return (
    <List
      size="small"
      className="commission-list"
      dataSource={commission}
      locale={{ emptyText: t('commission.none') }}
      renderItem={(member) => (
        <List.Item>
          <List.Item.Meta title={member.fullName} description={t(`cases:specialty.${member.specialty}`)} />
          {member.confirmedAt ? (
            <Tag color="#0b6e4f">{t('commission.confirmedAt', { at: formatDateTime(member.confirmedAt) })}</Tag>
          ) : (
            <Tag>{t('commission.notConfirmed')}</Tag>
          )}
        </List.Item>
      )}
    />
  );
}
