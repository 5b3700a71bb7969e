import { infiniteQueryOptions, keepPreviousData, type QueryClient, queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components, operations } from '../../api/schema';
import { api, unwrap } from '../../shared/api/client';
import { useLanguage } from '../../shared/api/reference';
import { caseKeys } from '../cases/api/case';

type Schemas = components['schemas'];
export type ReferralChild = Schemas['ChildName'];
export type Referral = Schemas['ReferralView'];
export type ReferralEvent = Schemas['ReferralEventView'];
export type Provider = Schemas['ProviderView'];
export type Waitlist = Schemas['WaitlistView'];
export type Session = Schemas['SessionView'];
export type NewReferral = Schemas['CreateReferralDto'];
export type ServiceType = NewReferral['serviceType'];
export type ReferralFilters = NonNullable<operations['listReferrals']['parameters']['query']>;
export type ReferralStatus = NonNullable<ReferralFilters['status']>;

export const REFERRAL_STATUSES: readonly ReferralStatus[] = ['draft', 'sent', 'accepted', 'declined', 'waitlisted', 'in_progress', 'completed', 'withdrawn'];
export const PAUSE_REASONS = ['child_ill', 'family_away', 'guardian_unreachable'] as const;
export const OUTCOMES = ['goals_met', 'goals_partly_met', 'goals_not_met', 'discontinued'] as const;
export const FUNDING_SOURCES = ['state_order', 'paid', 'other'] as const;

/** Query keys by level: one invalidation of ['referrals'] refreshes every list, referral and waiting list. */
export const referralKeys = {
  all: ['referrals'] as const,
  list: (filters: ReferralFilters) => ['referrals', 'list', filters] as const,
  referral: (id: string) => ['referrals', 'one', id] as const,
  events: (id: string) => ['referrals', 'one', id, 'events'] as const,
  sessions: (episodeId: string) => ['referrals', 'sessions', episodeId] as const,
  waitlist: (orgId: string) => ['referrals', 'waitlist', orgId] as const,
  providers: (query: ProviderQuery, language: string) => ['referrals', 'providers', query, language] as const,
};

/** After any change of a referral: referrals, the child's case (its tab and timeline) and the worklist. */
export function invalidateReferral(queryClient: QueryClient, childId: string): Promise<void> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: referralKeys.all }),
    queryClient.invalidateQueries({ queryKey: caseKeys.case(childId) }),
    queryClient.invalidateQueries({ queryKey: ['worklist'] }),
  ]).then(() => undefined);
}

const PAGE = 20;

/** GET /referrals with the list's filters, a page at a time ("load more"); the old page stays while the next loads. */
export const referralsQueryOptions = (filters: ReferralFilters) =>
  infiniteQueryOptions({
    queryKey: referralKeys.list(filters),
    queryFn: ({ pageParam }) => unwrap(api.GET('/api/v1/referrals', { params: { query: { ...filters, limit: PAGE, cursor: pageParam } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });

export const useReferrals = (filters: ReferralFilters) => useInfiniteQuery(referralsQueryOptions(filters));

export const referralQueryOptions = (id: string) =>
  queryOptions({ queryKey: referralKeys.referral(id), queryFn: () => unwrap(api.GET('/api/v1/referrals/{id}', { params: { path: { id } } })) });

export const useReferral = (id: string) => useQuery(referralQueryOptions(id));

export const useReferralEvents = (id: string) =>
  useQuery({ queryKey: referralKeys.events(id), queryFn: () => unwrap(api.GET('/api/v1/referrals/{id}/events', { params: { path: { id } } })) });

export interface ProviderQuery {
  serviceType: ServiceType;
  kato?: string;
  q?: string;
}

/** GET /referrals/providers: organisations providing the service, with free places and waiting list (names in both languages, the region in ours). */
export function useProviders(query: ProviderQuery | null) {
  const language = useLanguage();
  return useInfiniteQuery({
    queryKey: referralKeys.providers(query ?? { serviceType: 'speech_therapy' }, language),
    queryFn: ({ pageParam }) =>
      unwrap(api.GET('/api/v1/referrals/providers', { params: { query: { ...query!, limit: PAGE, cursor: pageParam }, header: { 'accept-language': language } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    enabled: query !== null,
  });
}

/** GET /organizations/:id/waitlist — the organisation's own queue, in order, with its capacity. */
export const useWaitlist = (orgId: string | undefined) =>
  useQuery({
    queryKey: referralKeys.waitlist(orgId ?? ''),
    queryFn: () => unwrap(api.GET('/api/v1/organizations/{id}/waitlist', { params: { path: { id: orgId! } } })),
    enabled: orgId !== undefined,
  });

export const useSessions = (episodeId: string | undefined) =>
  useInfiniteQuery({
    queryKey: referralKeys.sessions(episodeId ?? ''),
    queryFn: ({ pageParam }) =>
      unwrap(api.GET('/api/v1/service-episodes/{id}/sessions', { params: { path: { id: episodeId! }, query: { limit: PAGE, cursor: pageParam } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: episodeId !== undefined,
  });

/** Refer: POST /referrals creates the draft, POST /referrals/:id/send sends it; the draft's id either way. */
export function useCreateAndSend() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: NewReferral): Promise<{ id: string; sent: Referral | null; sendError: unknown }> => {
      const draft = await unwrap(api.POST('/api/v1/referrals', { body }));
      try {
        const sent = await unwrap(api.POST('/api/v1/referrals/{id}/send', { params: { path: { id: draft.id } } }));
        return { id: draft.id, sent, sendError: null };
      } catch (sendError) {
        // The draft exists: the referral page offers to send it again rather than drafting another.
        return { id: draft.id, sent: null, sendError };
      }
    },
    onSettled: (_data, _error, body) => invalidateReferral(queryClient, body.childId),
  });
}

type Transition =
  | { event: 'send' | 'accept' | 'waitlist' | 'resume' }
  | { event: 'decline'; body: Schemas['DeclineReferralDto'] }
  | { event: 'withdraw'; body: Schemas['WithdrawReferralDto'] }
  | { event: 'pause'; body: Schemas['PauseSlaDto'] }
  | { event: 'start'; body: Schemas['StartServiceDto'] }
  | { event: 'complete'; body: Schemas['CompleteServiceDto'] };

function post(id: string, transition: Transition) {
  const path = { params: { path: { id } } };
  switch (transition.event) {
    case 'send': return api.POST('/api/v1/referrals/{id}/send', path);
    case 'accept': return api.POST('/api/v1/referrals/{id}/accept', path);
    case 'waitlist': return api.POST('/api/v1/referrals/{id}/waitlist', path);
    case 'resume': return api.POST('/api/v1/referrals/{id}/resume', path);
    case 'decline': return api.POST('/api/v1/referrals/{id}/decline', { ...path, body: transition.body });
    case 'withdraw': return api.POST('/api/v1/referrals/{id}/withdraw', { ...path, body: transition.body });
    case 'pause': return api.POST('/api/v1/referrals/{id}/pause', { ...path, body: transition.body });
    case 'start': return api.POST('/api/v1/referrals/{id}/start', { ...path, body: transition.body });
    case 'complete': return api.POST('/api/v1/referrals/{id}/complete', { ...path, body: transition.body });
  }
}

/** One transition of a referral (POST /referrals/:id/<event>); afterwards everything about it is refreshed. */
export function useTransition(referral: Pick<Referral, 'id' | 'childId'>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (transition: Transition) => unwrap(post(referral.id, transition)),
    onSuccess: (updated) => queryClient.setQueryData(referralKeys.referral(referral.id), updated),
    onSettled: () => invalidateReferral(queryClient, referral.childId),
  });
}

/** POST /service-episodes/:id/sessions. */
export function useLogSession(referral: Pick<Referral, 'childId'>, episodeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['ServiceSessionDto']) => unwrap(api.POST('/api/v1/service-episodes/{id}/sessions', { params: { path: { id: episodeId } }, body })),
    onSettled: () => invalidateReferral(queryClient, referral.childId),
  });
}
