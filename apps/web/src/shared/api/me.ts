import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from './client';

/** Who is signed in, their organisation and what the UI may offer them (the server still decides). */
export const meQueryOptions = { queryKey: ['me'], queryFn: () => unwrap(api.GET('/api/v1/me')), staleTime: 5 * 60_000 };

export function useMe() {
  return useQuery(meQueryOptions);
}
