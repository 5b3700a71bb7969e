import { Alert, Button, Empty, Flex, List, Segmented, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { components } from '../../api/schema';
import { useErrorMessage } from '../../shared/api/errors';
import { formatDateTime } from '../../shared/i18n/i18n';
import { LoadFailed } from '../../shared/ui/load-states';
import { useMarkRead, useNotifications } from './api';

type Notification = components['schemas']['NotificationView'];

/** Where a notification leads: the referral it is about, else the child's case. */
const target = (n: Notification) => (n.referralId ? `/referrals/${n.referralId}` : n.childId ? `/cases/${n.childId}` : null);

/** The user's notifications, newest first: read one by opening it, or all at once. */
export function NotificationsPage() {
  const { t, i18n } = useTranslation(['notifications', 'common']);
  const message = useErrorMessage();
  const [unreadOnly, setUnreadOnly] = useState(true);
  const list = useNotifications(unreadOnly);
  const mark = useMarkRead();
  const text = (n: Notification) => (i18n.exists(`notifications:kinds.${n.kind}`) ? t(`kinds.${n.kind}`) : t('kinds.other'));

  let body;
  if (list.isPending) body = <Skeleton active />;
  else if (list.isError) {
    body = <LoadFailed error={list.error} retry={() => void list.refetch()} />;
  } else {
    body = (
      <List
        className="notification-list"
        dataSource={list.data.pages.flatMap((page) => page.items)}
        locale={{ emptyText: <Empty description={unreadOnly ? t('noneUnread') : t('none')} /> }}
        renderItem={(n) => {
          const to = target(n);
          return (
            <List.Item actions={n.readAt ? [] : [<Button key="read" size="small" onClick={() => mark.one.mutate(n.id)}>{t('markRead')}</Button>]}>
              <List.Item.Meta
                title={
                  <Flex gap="small" align="center">
                    {!n.readAt && <Tag color="#0b6e4f">{t('new')}</Tag>}
                    {to ? <Link to={to} onClick={() => !n.readAt && mark.one.mutate(n.id)}>{text(n)}</Link> : text(n)}
                  </Flex>
                }
                description={formatDateTime(n.createdAt)}
              />
            </List.Item>
          );
        }}
      />
    );
  }

  return (
    <section aria-labelledby="notifications-title">
      <Flex justify="space-between" align="center" wrap gap="middle">
        <Typography.Title level={1} id="notifications-title">
          {t('title')}
        </Typography.Title>
        <Button onClick={() => mark.all.mutate()} loading={mark.all.isPending}>
          {t('markAllRead')}
        </Button>
      </Flex>
      <Segmented
        aria-label={t('show')}
        value={unreadOnly ? 'unread' : 'all'}
        onChange={(value) => setUnreadOnly(value === 'unread')}
        options={[{ value: 'unread', label: t('unreadOnly') }, { value: 'all', label: t('all') }]}
      />
      {(mark.all.isError || mark.one.isError) && <Alert type="error" showIcon title={message(mark.all.error ?? mark.one.error)} />}
      {body}
      {list.hasNextPage && (
        <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
          {t('common:loadMore')}
        </Button>
      )}
    </section>
  );
}
