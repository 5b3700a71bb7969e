import { Alert, Button, Empty, Flex, Input, Select, Skeleton, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRegions } from '../../shared/api/reference';
import { LoadFailed } from '../../shared/ui/load-states';
import { NONE, useOrgName } from '../cases/labels';
import { type Organization, type OrganizationFilters, useOrganizations, useOrganizationTypes } from './api';
import { OrganizationForm } from './OrganizationForm';

/** /admin/organizations — the directory: search by name, type and region; add and change an organisation. */
export function OrganizationsScreen() {
  const { t } = useTranslation('admin');
  const orgName = useOrgName();
  const [filters, setFilters] = useState<OrganizationFilters>({});
  const [editing, setEditing] = useState<Organization | null | undefined>(undefined);
  const [saved, setSaved] = useState<Organization | null>(null);
  const list = useOrganizations(filters);
  const types = useOrganizationTypes();
  const regions = useRegions();
  const typeLabel = new Map((types.data ?? []).map((item) => [item.code, item.label]));
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <Flex gap="middle" wrap className="admin-filters" align="end">
        <Input.Search
          aria-label={t('organizations.search')}
          placeholder={t('organizations.search')}
          allowClear
          onSearch={(q) => setFilters((current) => ({ ...current, q: q.trim().length >= 2 ? q.trim() : undefined }))}
        />
        <Select
          aria-label={t('organizations.filterType')}
          placeholder={t('organizations.anyType')}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          value={filters.type}
          onChange={(type) => setFilters((current) => ({ ...current, type }))}
          options={(types.data ?? []).map((item) => ({ value: item.code, label: item.label }))}
        />
        <Select
          aria-label={t('organizations.filterRegion')}
          placeholder={t('organizations.anyRegion')}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          value={filters.kato}
          onChange={(kato) => setFilters((current) => ({ ...current, kato }))}
          options={[...(regions.data ?? [])].map(([kato, label]) => ({ value: kato, label }))}
        />
        <Button type="primary" onClick={() => setEditing(null)}>
          {t('organizations.add')}
        </Button>
      </Flex>
      {saved && <Alert type="success" showIcon closable className="admin-result" role="status" title={t('organizations.saved', { name: orgName(saved) })} onClose={() => setSaved(null)} />}
      {list.isError && <LoadFailed error={list.error} retry={() => void list.refetch()} />}
      {list.isPending && !list.isError && <Skeleton active />}
      {list.isSuccess && (
        <Table<Organization>
          rowKey="id"
          size="small"
          dataSource={items}
          pagination={false}
          locale={{ emptyText: <Empty description={t('organizations.none')} /> }}
          columns={[
            {
              key: 'name',
              title: t('organizations.name'),
              render: (_, org) => (
                <>
                  {orgName(org)}
                  {org.externalId && <span className="secondary-line">{org.externalId}</span>}
                </>
              ),
            },
            { key: 'type', title: t('organizations.type'), render: (_, org) => typeLabel.get(org.type) ?? org.type },
            { key: 'region', title: t('organizations.region'), render: (_, org) => (org.kato ? (regions.data?.get(org.kato) ?? org.kato) : t('organizations.national')) },
            { key: 'capacity', title: t('organizations.capacity'), render: (_, org) => org.capacity ?? t('organizations.noLimit') },
            { key: 'stateOrder', title: t('organizations.stateOrderPlaces'), render: (_, org) => org.stateOrderPlaces ?? NONE },
            { key: 'rooms', title: t('organizations.supportRooms'), render: (_, org) => org.supportRooms },
            { key: 'sen', title: t('organizations.senConditions'), render: (_, org) => (org.senConditions ? t('yes') : t('no')) },
            { key: 'active', title: t('organizations.active'), render: (_, org) => (org.active ? t('yes') : <Tag>{t('organizations.inactive')}</Tag>) },
            {
              key: 'edit',
              title: t('actions'),
              render: (_, org) => (
                <Button size="small" aria-label={t('organizations.editNamed', { name: orgName(org) })} onClick={() => setEditing(org)}>
                  {t('edit')}
                </Button>
              ),
            },
          ]}
          footer={list.hasNextPage ? () => <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>{t('loadMore')}</Button> : undefined}
        />
      )}
      {editing !== undefined && (
        <OrganizationForm
          organization={editing}
          open
          onClose={(result) => {
            setEditing(undefined);
            if (result) setSaved(result);
          }}
        />
      )}
    </>
  );
}
