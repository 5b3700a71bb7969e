import { infiniteQueryOptions, keepPreviousData, type QueryClient, queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components, operations } from '../../api/schema';
import { api, unwrap } from '../../shared/api/client';
import { caseKeys } from '../cases/api/case';

type Schemas = components['schemas'];
export type Placement = Schemas['PlacementView'];
export type PlacementResult = Schemas['PlacementResult'];
export type PlacementWarning = Schemas['PlacementWarning'];
export type RosterItem = Schemas['RosterItem'];
export type RosterFilters = NonNullable<operations['listPlacements']['parameters']['query']>;
export type SupportPlan = Schemas['SupportPlanView'];
export type SupportPlanHistory = Schemas['SupportPlanHistoryView'];
export type SupportPlanBody = Schemas['SupportPlanDto'];
export type ReviewBody = Schemas['SupportPlanReviewDto'];
export type EnrolmentBody = Schemas['EnrolmentDto'];
export type ProposalBody = Schemas['ProposePlacementDto'];
export type TransferBody = Schemas['TransferPlacementDto'];
export type Organization = Schemas['OrganizationView'];

export const PLACEMENT_STATUSES = ['proposed', 'active', 'ended'] as const;
export const GOAL_PROGRESS = ['achieved', 'progressing', 'not_yet'] as const;
/** The organisation types a child may be placed in (libs/placements' placing-organization.ts). */
export const PLACING_TYPES = ['school', 'kindergarten', 'special_school', 'special_kindergarten'] as const;

/** Query keys by level: one invalidation of ['placements'] refreshes the roster, every placement and plan. */
export const placementKeys = {
  all: ['placements'] as const,
  roster: (filters: RosterFilters) => ['placements', 'roster', filters] as const,
  placement: (id: string) => ['placements', 'one', id] as const,
  plan: (id: string) => ['placements', 'plan', id] as const,
  transitions: (childId: string) => ['placements', 'transitions', childId] as const,
  organizations: (query: OrganizationSearch) => ['placements', 'organizations', query] as const,
};

/** After any change of a placement or plan: placements, the child's case (its tab and timeline) and the worklist. */
export function invalidatePlacement(queryClient: QueryClient, childId: string): Promise<void> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: placementKeys.all }),
    queryClient.invalidateQueries({ queryKey: caseKeys.case(childId) }),
    queryClient.invalidateQueries({ queryKey: ['worklist'] }),
    queryClient.invalidateQueries({ queryKey: ['referrals'] }),
  ]).then(() => undefined);
}

const PAGE = 20;

/** GET /placements — the roster with the filters of the URL, a page at a time; the old page stays while the next loads. */
export const rosterQueryOptions = (filters: RosterFilters) =>
  infiniteQueryOptions({
    queryKey: placementKeys.roster(filters),
    queryFn: ({ pageParam }) => unwrap(api.GET('/api/v1/placements', { params: { query: { ...filters, limit: PAGE, cursor: pageParam } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });

export const useRoster = (filters: RosterFilters) => useInfiniteQuery(rosterQueryOptions(filters));

export const placementQueryOptions = (id: string) =>
  queryOptions({ queryKey: placementKeys.placement(id), queryFn: () => unwrap(api.GET('/api/v1/placements/{id}', { params: { path: { id } } })) });

export const usePlacement = (id: string) => useQuery({ ...placementQueryOptions(id), enabled: Boolean(id) });

export const planQueryOptions = (id: string) =>
  queryOptions({ queryKey: placementKeys.plan(id), queryFn: () => unwrap(api.GET('/api/v1/support-plans/{id}', { params: { path: { id } } })) });

export const useSupportPlan = (id: string) => useQuery(planQueryOptions(id));

/** GET /children/:id/transitions — the child's life stage and what is due next (404 where placements are not seen). */
export const useTransitions = (childId: string, enabled = true) =>
  useQuery({
    queryKey: placementKeys.transitions(childId),
    queryFn: () => unwrap(api.GET('/api/v1/children/{id}/transitions', { params: { path: { id: childId } } })),
    enabled,
  });

export interface OrganizationSearch {
  q?: string;
  type?: string;
  sector?: 'education' | 'health' | 'social';
}

/** GET /organizations — active organisations by name (a picker's options). */
export const useOrganizations = (query: OrganizationSearch, enabled = true) =>
  useQuery({
    queryKey: placementKeys.organizations(query),
    queryFn: () => unwrap(api.GET('/api/v1/organizations', { params: { query: { ...query, active: true, limit: 20 } } })),
    enabled,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });

/** GET /organizations/:id — one organisation (a picker's chosen value, a plan's provider). */
export const useOrganization = (id: string | undefined) =>
  useQuery({
    queryKey: ['placements', 'organization', id],
    queryFn: () => unwrap(api.GET('/api/v1/organizations/{id}', { params: { path: { id: id! } } })),
    enabled: Boolean(id),
    staleTime: 5 * 60_000,
  });

/** POST /placements/enrolments with one Idempotency-Key per filled-in form: a retry after a lost answer enrols once. */
export function useEnrol() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, key }: { body: EnrolmentBody; key: string }) =>
      unwrap(api.POST('/api/v1/placements/enrolments', { body, params: { header: { 'Idempotency-Key': key } } })),
    onSuccess: (placement) => invalidatePlacement(queryClient, placement.childId),
  });
}

export function usePropose(childId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ProposalBody) => unwrap(api.POST('/api/v1/children/{id}/placements', { params: { path: { id: childId } }, body })),
    onSuccess: () => invalidatePlacement(queryClient, childId),
  });
}

/** Activate, end or transfer one placement; each answers with what it changed. */
export function usePlacementAction(placement: Pick<Placement, 'id' | 'childId'>) {
  const queryClient = useQueryClient();
  const path = { params: { path: { id: placement.id } } };
  const done = () => invalidatePlacement(queryClient, placement.childId);
  return {
    activate: useMutation({
      mutationFn: (body: Schemas['ActivatePlacementDto']) => unwrap(api.POST('/api/v1/placements/{id}/activate', { ...path, body })),
      onSuccess: done,
    }),
    end: useMutation({ mutationFn: (body: Schemas['EndPlacementDto']) => unwrap(api.POST('/api/v1/placements/{id}/end', { ...path, body })), onSuccess: done }),
    transfer: useMutation({ mutationFn: (body: TransferBody) => unwrap(api.POST('/api/v1/placements/{id}/transfer', { ...path, body })), onSuccess: done }),
  };
}

/** PUT the plan: without If-Match the first time, afterwards with the version on screen (412 if a colleague saved meanwhile). */
export function useSavePlan(placement: Pick<Placement, 'id' | 'childId'>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, version }: { body: SupportPlanBody; version?: number }) =>
      unwrap(
        api.PUT('/api/v1/placements/{id}/support-plan', {
          params: { path: { id: placement.id }, ...(version !== undefined ? { header: { 'If-Match': `"${version}"` } } : {}) },
          body,
        }),
      ),
    onSuccess: () => invalidatePlacement(queryClient, placement.childId),
  });
}

export function useReviewPlan(plan: Pick<SupportPlanHistory, 'id' | 'childId'>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ReviewBody) => unwrap(api.POST('/api/v1/support-plans/{id}/reviews', { params: { path: { id: plan.id } }, body })),
    onSuccess: () => invalidatePlacement(queryClient, plan.childId),
  });
}
