import { Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOrgName } from '../cases/labels';
import { type OrganizationSearch, useOrganization, useOrganizations } from './api';

interface Props {
  id?: string;
  value?: string;
  onChange?: (id: string) => void;
  /** Which organisations to offer (a type or a sector); the server still refuses one that cannot place. */
  scope?: Omit<OrganizationSearch, 'q'>;
  /** Left out of the options (the school a child is transferred from). */
  exclude?: string;
  'aria-label'?: string;
}

/** An organisation picked by typing part of its Kazakh or Russian name (GET /organizations?q=). */
export function OrganizationSelect({ id, value, onChange, scope, exclude, ...rest }: Props) {
  const { t } = useTranslation('placements');
  const orgName = useOrgName();
  const [q, setQ] = useState('');
  const found = useOrganizations({ ...scope, ...(q.trim().length >= 2 ? { q: q.trim() } : {}) });
  const chosen = useOrganization(value);
  const options = (found.data?.items ?? []).filter((org) => org.id !== exclude).map((org) => ({ value: org.id, label: orgName(org) ?? org.id }));
  if (chosen.data && !options.some((option) => option.value === chosen.data.id)) options.unshift({ value: chosen.data.id, label: orgName(chosen.data) ?? chosen.data.id });
  return (
    <Select
      id={id}
      aria-label={rest['aria-label']}
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value}
      onChange={onChange}
      loading={found.isFetching}
      placeholder={t('organizationPlaceholder')}
      notFoundContent={found.isFetching ? undefined : t('noOrganizations')}
      options={options}
    />
  );
}
