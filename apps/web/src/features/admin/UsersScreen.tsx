import { Alert, Button, Empty, Flex, Input, Popconfirm, Select, Skeleton, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../shared/api/errors';
import { useMe } from '../../shared/api/me';
import { formatDateTime } from '../../shared/i18n/i18n';
import { LoadFailed } from '../../shared/ui/load-states';
import { NONE, useOrgName } from '../cases/labels';
import { type Role, type User, type UserFilters, useOrganizationsById, useSetActive, useUsers } from './api';
import { OrganizationSelect } from './OrganizationSelect';
import { ResetPasswordDialog } from './ResetPasswordDialog';
import { ROLES } from './roles';
import { UserForm } from './UserForm';

/** Locked out by failed sign-ins, for now (the lock lifts by itself at lockedUntil). */
const isLocked = (user: User) => user.lockedUntil !== null && Date.parse(user.lockedUntil) > Date.now();

function UserState({ user }: { user: User }) {
  const { t } = useTranslation('admin');
  if (!user.active) return <Tag>{t('users.inactive')}</Tag>;
  if (isLocked(user)) return <Tag className="user-locked">{t('users.lockedUntil', { time: formatDateTime(user.lockedUntil!) })}</Tag>;
  return t('users.active');
}

/** /admin/users — accounts in the admin's region: search, create, change, deactivate, reset a password. */
export function UsersScreen() {
  const { t } = useTranslation('admin');
  const message = useErrorMessage();
  const orgName = useOrgName();
  const me = useMe();
  const [filters, setFilters] = useState<UserFilters>({});
  const [editing, setEditing] = useState<User | null | undefined>(undefined);
  const [resetting, setResetting] = useState<User | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const list = useUsers(filters);
  const setActive = useSetActive();
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const organizations = useOrganizationsById(items.map((user) => user.orgId));

  async function toggle(user: User) {
    setError(null);
    try {
      await setActive.mutateAsync({ id: user.id, active: !user.active });
      setNotice(user.active ? t('users.deactivated', { name: user.fullName }) : t('users.activated', { name: user.fullName }));
    } catch (failed) {
      setError(failed);
    }
  }

  return (
    <>
      <Flex gap="middle" wrap className="admin-filters" align="end">
        <Input.Search
          aria-label={t('users.search')}
          placeholder={t('users.search')}
          allowClear
          onSearch={(q) => setFilters((current) => ({ ...current, q: q.trim().length >= 2 ? q.trim() : undefined }))}
        />
        <div className="admin-org-filter">
          <label htmlFor="users-org-filter" className="visually-hidden">
            {t('users.filterOrganization')}
          </label>
          <OrganizationSelect id="users-org-filter" allowClear value={filters.orgId} onChange={(orgId) => setFilters((current) => ({ ...current, orgId: orgId ?? undefined }))} />
        </div>
        <Select<Role>
          aria-label={t('users.filterRole')}
          placeholder={t('users.anyRole')}
          allowClear
          value={filters.role}
          onChange={(role) => setFilters((current) => ({ ...current, role }))}
          options={ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
        />
        <Button type="primary" onClick={() => setEditing(null)}>
          {t('users.add')}
        </Button>
      </Flex>
      {notice && <Alert type="success" showIcon closable role="status" className="admin-result" title={notice} onClose={() => setNotice(null)} />}
      {error !== null && <Alert type="error" showIcon role="alert" className="admin-result" title={message(error)} />}
      {list.isError && <LoadFailed error={list.error} retry={() => void list.refetch()} />}
      {list.isPending && !list.isError && <Skeleton active />}
      {list.isSuccess && (
        <Table<User>
          rowKey="id"
          size="small"
          dataSource={items}
          pagination={false}
          locale={{ emptyText: <Empty description={t('users.none')} /> }}
          columns={[
            {
              key: 'name',
              title: t('users.fullName'),
              render: (_, user) => (
                <>
                  {user.fullName}
                  <span className="secondary-line">{user.username}</span>
                </>
              ),
            },
            { key: 'org', title: t('users.organization'), render: (_, user) => (user.orgId ? (orgName(organizations.get(user.orgId)) ?? NONE) : t('organizations.national')) },
            { key: 'roles', title: t('users.roles'), render: (_, user) => user.roles.map((role) => <Tag key={role}>{t(`roles.${role}`)}</Tag>) },
            {
              key: 'state',
              title: t('users.state'),
              render: (_, user) => <UserState user={user} />,
            },
            {
              key: 'actions',
              title: t('actions'),
              render: (_, user) => (
                <Space wrap>
                  <Button size="small" aria-label={t('users.editNamed', { name: user.fullName })} onClick={() => setEditing(user)}>
                    {t('edit')}
                  </Button>
                  <Button size="small" aria-label={t('users.resetPasswordOf', { name: user.fullName })} onClick={() => setResetting(user)}>
                    {t('users.resetPassword')}
                  </Button>
                  {user.id !== me.data?.user.id && (
                    <Popconfirm
                      title={user.active ? t('users.deactivateConfirm', { name: user.fullName }) : t('users.activateConfirm', { name: user.fullName })}
                      okText={user.active ? t('users.deactivate') : t('users.activate')}
                      cancelText={t('cancel')}
                      onConfirm={() => toggle(user)}
                    >
                      <Button size="small" danger={user.active} aria-label={`${user.active ? t('users.deactivate') : t('users.activate')}: ${user.fullName}`}>
                        {user.active ? t('users.deactivate') : t('users.activate')}
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
              ),
            },
          ]}
          footer={list.hasNextPage ? () => <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>{t('loadMore')}</Button> : undefined}
        />
      )}
      {editing !== undefined && (
        <UserForm
          user={editing}
          open
          onClose={(saved) => {
            setEditing(undefined);
            if (saved) setNotice(t('users.saved', { name: saved.fullName }));
          }}
        />
      )}
      {resetting && (
        <ResetPasswordDialog
          user={resetting}
          onClose={(done) => {
            if (done) setNotice(t('users.passwordReset', { name: resetting.fullName }));
            setResetting(null);
          }}
        />
      )}
    </>
  );
}
