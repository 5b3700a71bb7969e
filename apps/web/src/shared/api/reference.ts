import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from './client';

/**
 * Reference lists, fetched once a session per language (their labels come in the Accept-Language
 * language) and kept: `staleTime: Infinity`. Each hook gives a code → label lookup.
 */
type Labelled = { code: string; label: string };
const byCode = (items: Labelled[]) => new Map(items.map((item) => [item.code, item.label]));

export function useLanguage(): string {
  return useTranslation().i18n.language;
}

/** One reference list, cached for the session per language, turned into a lookup by `toMap`. */
function useReferenceList<T, K>(name: string, load: (language: string) => Promise<T[]>, toMap: (items: T[]) => Map<K, string>) {
  const language = useLanguage();
  return useQuery({ queryKey: ['reference', name, language], queryFn: async () => toMap(await load(language)), staleTime: Infinity });
}

const inLanguage = (language: string) => ({ params: { header: { 'accept-language': language } } });

export const useRegions = () =>
  useReferenceList('regions', (l) => unwrap(api.GET('/api/v1/reference/regions', inLanguage(l))), (items) => new Map(items.map((r) => [r.kato, r.label])));
export const useSenCategories = () => useReferenceList('sen-categories', (l) => unwrap(api.GET('/api/v1/reference/sen-categories', inLanguage(l))), byCode);
export const useEducationForms = () => useReferenceList('education-forms', (l) => unwrap(api.GET('/api/v1/reference/education-forms', inLanguage(l))), byCode);
export const useSpecialConditions = () =>
  useReferenceList('special-conditions', (l) => unwrap(api.GET('/api/v1/reference/special-conditions', inLanguage(l))), byCode);
export const useServiceTypes = () => useReferenceList('service-types', (l) => unwrap(api.GET('/api/v1/referrals/service-types', inLanguage(l))), byCode);
