import { infiniteQueryOptions, type QueryClient, queryOptions, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../shared/api/client';

/** Query keys by level: everything about one case sits under ['cases', id], so one invalidation refreshes it all. */
export const caseKeys = {
  all: ['cases'] as const,
  case: (id: string) => ['cases', id] as const,
  view: (id: string) => ['cases', id, 'view'] as const,
  referrals: (id: string) => ['cases', id, 'referrals'] as const,
  timeline: (id: string) => ['cases', id, 'timeline'] as const,
  accessLog: (id: string) => ['cases', id, 'access-log'] as const,
  disability: (id: string) => ['cases', id, 'disability'] as const,
};

/** After a change to the case (accept, decline, sign…): the case, its lists and the worklist. */
export function invalidateCase(queryClient: QueryClient, id: string): Promise<void> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: caseKeys.case(id) }),
    queryClient.invalidateQueries({ queryKey: ['worklist'] }),
  ]).then(() => undefined);
}

const PAGE = 20;

/** GET /children/:id — the sections the server lets this user see, and only those. */
export const caseQueryOptions = (id: string) =>
  queryOptions({
    queryKey: caseKeys.view(id),
    queryFn: () => unwrap(api.GET('/api/v1/children/{id}', { params: { path: { id } } })),
    staleTime: 30_000,
  });

/** `refetchOnMount: 'always'` for the page's own read (this observer only); the case's parts share the cached view. */
export const useCase = (id: string, options: { refetchOnMount?: 'always'; refetchOnWindowFocus?: boolean } = {}) => useQuery({ ...caseQueryOptions(id), ...options });

/** GET /referrals?childId= — the referrals of the child this organisation sends or receives, with their deadlines. */
export const childReferralsQueryOptions = (id: string) =>
  queryOptions({
    queryKey: caseKeys.referrals(id),
    queryFn: () => unwrap(api.GET('/api/v1/referrals', { params: { query: { childId: id, limit: 100 } } })),
    staleTime: 30_000,
  });

export const useChildReferrals = (id: string) => useQuery(childReferralsQueryOptions(id));

/** GET /children/:id/timeline, oldest first, a page at a time ("load more"). */
export const timelineQueryOptions = (id: string) =>
  infiniteQueryOptions({
    queryKey: caseKeys.timeline(id),
    queryFn: ({ pageParam }) => unwrap(api.GET('/api/v1/children/{id}/timeline', { params: { path: { id }, query: { limit: PAGE, cursor: pageParam } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const useTimeline = (id: string) => useInfiniteQuery(timelineQueryOptions(id));

/** GET /children/:id/access-log, newest first: which organisations read or changed the case, when and why. */
export const accessLogQueryOptions = (id: string) =>
  infiniteQueryOptions({
    queryKey: caseKeys.accessLog(id),
    queryFn: ({ pageParam }) => unwrap(api.GET('/api/v1/children/{id}/access-log', { params: { path: { id }, query: { limit: PAGE, cursor: pageParam } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const useAccessLog = (id: string) => useInfiniteQuery(accessLogQueryOptions(id));

/** GET /children/:id/disability — the current record and its history (only where the disability section is seen). */
export const disabilityQueryOptions = (id: string) =>
  queryOptions({
    queryKey: caseKeys.disability(id),
    queryFn: () => unwrap(api.GET('/api/v1/children/{id}/disability', { params: { path: { id } } })),
  });

export const useDisabilityHistory = (id: string) => useQuery(disabilityQueryOptions(id));
