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

export function useRegions() {
  const language = useLanguage();
  return useQuery({
    queryKey: ['reference', 'regions', language],
    queryFn: async () => new Map((await unwrap(api.GET('/api/v1/reference/regions', { params: { header: { 'accept-language': language } } }))).map((r) => [r.kato, r.label])),
    staleTime: Infinity,
  });
}

export function useSenCategories() {
  const language = useLanguage();
  return useQuery({
    queryKey: ['reference', 'sen-categories', language],
    queryFn: async () => byCode(await unwrap(api.GET('/api/v1/reference/sen-categories', { params: { header: { 'accept-language': language } } }))),
    staleTime: Infinity,
  });
}

export function useEducationForms() {
  const language = useLanguage();
  return useQuery({
    queryKey: ['reference', 'education-forms', language],
    queryFn: async () => byCode(await unwrap(api.GET('/api/v1/reference/education-forms', { params: { header: { 'accept-language': language } } }))),
    staleTime: Infinity,
  });
}

export function useSpecialConditions() {
  const language = useLanguage();
  return useQuery({
    queryKey: ['reference', 'special-conditions', language],
    queryFn: async () => byCode(await unwrap(api.GET('/api/v1/reference/special-conditions', { params: { header: { 'accept-language': language } } }))),
    staleTime: Infinity,
  });
}

export function useServiceTypes() {
  const language = useLanguage();
  return useQuery({
    queryKey: ['reference', 'service-types', language],
    queryFn: async () => byCode(await unwrap(api.GET('/api/v1/referrals/service-types', { params: { header: { 'accept-language': language } } }))),
    staleTime: Infinity,
  });
}
