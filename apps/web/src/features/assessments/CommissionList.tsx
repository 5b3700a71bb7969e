import { Flex, List, Tag, Typography } from 'antd';
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
      // antd's empty-list grey is too faint to read (1.8:1); the secondary text colour is not.
      locale={{ emptyText: <Typography.Text type="secondary">{t('commission.none')}</Typography.Text> }}
      renderItem={(member) => (
        <List.Item>
          <Flex vertical gap={4}>
            <Typography.Text strong>{member.fullName}</Typography.Text>
            <Typography.Text type="secondary">{t(`cases:specialty.${member.specialty}`)}</Typography.Text>
            <span>
              {member.confirmedAt ? (
                <Tag color="#0b6e4f">{t('commission.confirmedAt', { at: formatDateTime(member.confirmedAt) })}</Tag>
              ) : (
                <Tag>{t('commission.notConfirmed')}</Tag>
              )}
            </span>
          </Flex>
        </List.Item>
      )}
    />
  );
}
