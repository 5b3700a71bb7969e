import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Language } from '../i18n/i18n';
import { ApiError } from './client';

interface CatalogueEntry {
  code: string;
  title: Record<Language, string>;
}

/** The error-code catalogue (GET /reference/error-codes), fetched once a session. */
export function useErrorCatalogue() {
  return useQuery({
    queryKey: ['reference', 'error-codes'],
    queryFn: async (): Promise<Map<string, CatalogueEntry>> => {
      const res = await fetch('/api/v1/reference/error-codes');
      if (!res.ok) return new Map();
      const entries = (await res.json()) as CatalogueEntry[];
      return new Map(entries.map((entry) => [entry.code, entry]));
    },
    staleTime: Infinity,
  });
}

/** A failed call's message in the user's language: the catalogue's title for its code. */
export function useErrorMessage(): (error: unknown) => string {
  const { data } = useErrorCatalogue();
  const { t, i18n } = useTranslation();
  return (error) => {
    // No problem at all (the network is down, the server unreachable): nothing was logged anywhere,
    // so not the catalogue's "unexpected error, logged" — just that it could not be loaded.
    if (!(error instanceof ApiError)) return t('loadFailed');
    const { code, title } = error.problem;
    return data?.get(code)?.title[i18n.language as Language] ?? title ?? code;
  };
}
