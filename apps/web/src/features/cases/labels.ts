import { useTranslation } from 'react-i18next';
import type { Identity } from './types';

/** Shown for a value that is not there (no patronymic, no expiry…). */
export const NONE = '—';

/** An organisation's name in the user's language (Russian for ru, Kazakh otherwise, as the shell does). */
export function useOrgName(): (org: { nameKk: string | null; nameRu: string | null } | null | undefined) => string | null {
  const { i18n } = useTranslation();
  return (org) => (org ? (i18n.language === 'ru' ? org.nameRu : org.nameKk) ?? org.nameKk ?? org.nameRu : null);
}

/** Last name, first name and patronymic, as a child is named in documents here. */
export function fullName(identity: Pick<Identity, 'lastName' | 'firstName'> & { patronymic?: string | null }): string {
  return [identity.lastName, identity.firstName, identity.patronymic].filter(Boolean).join(' ');
}

/** A label for a code from a translation tree, or `fallback` when the tree has none for it. */
export function useCodeLabel(): (key: string, fallback: string) => string {
  const { t, i18n } = useTranslation('cases');
  return (key, fallback) => (i18n.exists(key, { ns: 'cases' }) && typeof t(key, { returnObjects: true }) === 'string' ? t(key) : fallback);
}
