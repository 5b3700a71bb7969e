import { Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOrgName } from '../cases/labels';
import { useOrganizationsById, useOrganizationSearch } from './api';

/** An organisation picked by typing part of its name (the server searches Kazakh and Russian names). */
export function OrganizationSelect({ id, value, onChange, allowClear, exclude }: { id?: string; value?: string | null; onChange?: (value: string | null) => void; allowClear?: boolean; exclude?: string }) {
  const { t } = useTranslation('admin');
  const orgName = useOrgName();
  const [search, setSearch] = useState('');
  const found = useOrganizationSearch(search);
  const chosen = useOrganizationsById([value]);
  const options = new Map<string, string>();
  if (value && chosen.get(value)) options.set(value, orgName(chosen.get(value)) ?? value);
  for (const org of found.data?.items ?? []) if (org.id !== exclude) options.set(org.id, orgName(org) ?? org.id);
  return (
    <Select<string>
      id={id}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear={allowClear}
      value={value ?? undefined}
      onChange={(next) => onChange?.(next ?? null)}
      placeholder={t('organizationSearch')}
      notFoundContent={search.trim().length < 2 ? t('typeTwoLetters') : t('noMatches')}
      loading={found.isFetching}
      options={[...options].map(([key, label]) => ({ value: key, label }))}
    />
  );
}
