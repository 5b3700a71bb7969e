import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { components } from '../../api/schema';
import { api, unwrap } from '../../shared/api/client';
import { useLanguage } from '../../shared/api/reference';
import { attachmentName, saveFile } from '../../shared/download';

export type Summary = components['schemas']['SummaryView'];
export type RegionRow = components['schemas']['RegionFigures'];
export type Cell = components['schemas']['Cell'];
export interface SummaryFilters {
  kato?: string;
  asOf?: string;
}

/** GET /reports/summary in the user's language (region names, the suppression rule). */
export function useSummary(filters: SummaryFilters) {
  const language = useLanguage();
  return useQuery({
    queryKey: ['reports', 'summary', filters, language],
    // The client sends the user's language with every request; it is in the key so a switch refetches.
    queryFn: () => unwrap(api.GET('/api/v1/reports/summary', { params: { query: filters } })),
    placeholderData: keepPreviousData,
  });
}

/** The same table as a file (CSV or XLSX, headers in the user's language), saved under the server's name. */
export function useExport(filters: SummaryFilters) {
  return useMutation({
    mutationFn: async (format: 'csv' | 'xlsx') => {
      const call = api.GET('/api/v1/reports/summary', {
        params: { query: { ...filters, format } },
        parseAs: 'blob',
      });
      const blob = (await unwrap(call)) as unknown as Blob;
      saveFile(blob, attachmentName((await call).response, `qoldau-summary.${format}`));
    },
  });
}
