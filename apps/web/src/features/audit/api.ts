import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../shared/api/client';
import { attachmentName, saveFile } from '../../shared/download';
import type { components, operations } from '../../api/schema';

export type AuditEvent = components['schemas']['AuditEventView'];
export type BreakGlassUse = components['schemas']['BreakGlassView'];
export type AuditFilters = Omit<NonNullable<operations['listAuditEvents']['parameters']['query']>, 'limit' | 'cursor'>;

export const auditKeys = {
  events: (filters: AuditFilters) => ['audit', 'events', filters] as const,
  verify: ['audit', 'verify'] as const,
  breakGlass: (reviewed: boolean) => ['audit', 'break-glass', reviewed] as const,
};

const PAGE = 50;

/** GET /audit — the trail, newest first, a page at a time, filtered as the URL says. */
export const auditEventsQueryOptions = (filters: AuditFilters) =>
  infiniteQueryOptions({
    queryKey: auditKeys.events(filters),
    queryFn: ({ pageParam }) => unwrap(api.GET('/api/v1/audit', { params: { query: { ...filters, limit: PAGE, ...(pageParam ? { cursor: pageParam } : {}) } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });

export const useAuditEvents = (filters: AuditFilters) => useInfiniteQuery(auditEventsQueryOptions(filters));

/** GET /audit/export.csv — the same filters as a file (at most 10 000 rows), saved under the server's name. */
export function useExportAudit(filters: AuditFilters) {
  return useMutation({
    mutationFn: async () => {
      const call = api.GET('/api/v1/audit/export.csv', { params: { query: filters }, parseAs: 'blob' });
      const blob = (await unwrap(call)) as unknown as Blob;
      saveFile(blob, attachmentName((await call).response, 'audit.csv'));
    },
  });
}

/** GET /audit/verify — is the sealed chain intact (from the last verified checkpoint, or `full` from the first row). */
export function useVerify() {
  return useQuery({ queryKey: auditKeys.verify, queryFn: () => unwrap(api.GET('/api/v1/audit/verify')), staleTime: 0 });
}

export function useVerifyFull() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.GET('/api/v1/audit/verify', { params: { query: { full: true } } })),
    onSuccess: (result) => queryClient.setQueryData(auditKeys.verify, result),
  });
}

/** POST /audit/seal — seals what has settled now instead of waiting for the job; then verifies again. */
export function useSealNow() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/audit/seal')),
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: auditKeys.verify }), queryClient.invalidateQueries({ queryKey: ['audit', 'events'] })]),
  });
}

/** GET /break-glass?reviewed= — the review queue (false) or what has been judged (true). */
export const useBreakGlassUses = (reviewed: boolean) =>
  useInfiniteQuery({
    queryKey: auditKeys.breakGlass(reviewed),
    queryFn: ({ pageParam }) => unwrap(api.GET('/api/v1/break-glass', { params: { query: { reviewed, limit: PAGE, ...(pageParam ? { cursor: pageParam } : {}) } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export interface Review {
  verdict: 'justified' | 'unjustified';
  comment: string;
}

/** POST /break-glass/:id/review — the verdict and the comment; the queue and the worklist are read afresh. */
export function useReview() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, review }: { id: string; review: Review }) => unwrap(api.POST('/api/v1/break-glass/{id}/review', { params: { path: { id } }, body: review })),
    onSettled: () => Promise.all([queryClient.invalidateQueries({ queryKey: ['audit', 'break-glass'] }), queryClient.invalidateQueries({ queryKey: ['worklist'] })]),
  });
}
