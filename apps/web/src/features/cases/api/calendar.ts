import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../shared/api/client';
import { useLanguage } from '../../../shared/api/reference';
import { type WorkCalendar, workCalendar } from '../working-days';

/** The working calendar of `years` (holidays, days off, weekend days worked), for counting deadlines. */
export function useWorkCalendar(years: readonly number[]): WorkCalendar | undefined {
  const language = useLanguage();
  const sorted = [...new Set(years)].sort();
  const query = useQuery({
    queryKey: ['reference', 'holidays', sorted],
    queryFn: async () => {
      const lists = await Promise.all(
        sorted.map((year) => unwrap(api.GET('/api/v1/reference/holidays', { params: { query: { year }, header: { 'accept-language': language } } }))),
      );
      return workCalendar(lists.flat());
    },
    staleTime: Infinity,
    enabled: sorted.length > 0,
  });
  return query.data;
}
