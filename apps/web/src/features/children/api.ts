import { infiniteQueryOptions, keepPreviousData, queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '../../api/schema';
import { useRegions } from '../../shared/api/reference';
import { api, unwrap } from '../../shared/api/client';
import { useMe } from '../../shared/api/me';
import { asIinTerm } from '../../shared/iin';

export type ChildSummary = components['schemas']['ChildSummary'];
export type Identity = components['schemas']['IdentityView'];
export type NewChild = components['schemas']['CreateChildDto'];
export type NewConsent = components['schemas']['RegistrationConsentInput'];
export type Relation = components['schemas']['GuardianInput']['relation'];

export const RELATIONS: readonly Relation[] = ['mother', 'father', 'guardian', 'trustee', 'foster_parent', 'grandparent', 'other'];
const PAGE_SIZE = 20;

/**
 * What one search box means to GET /children: digits are an IIN (6–11 a prefix, 12 the whole number),
 * anything else a name in any script. `tooShort`/`tooLong`: digits the API would refuse, said before asking.
 */
export type SearchTerm = { kind: 'iin'; iin: string } | { kind: 'name'; q: string } | { kind: 'tooShort' } | { kind: 'tooLong' } | { kind: 'none' };

export function searchTerm(raw: string): SearchTerm {
  const term = raw.trim();
  if (!term) return { kind: 'none' };
  const digits = asIinTerm(term);
  if (digits === null) return { kind: 'name', q: term };
  if (digits.length < 6) return { kind: 'tooShort' };
  if (digits.length > 12) return { kind: 'tooLong' };
  return { kind: 'iin', iin: digits };
}

// Query keys by level: ['children'] (everything about children) → ['children', 'search', …].
export const childrenKeys = {
  all: ['children'] as const,
  search: (term: SearchTerm) => ['children', 'search', term] as const,
  duplicates: (query: DuplicatesQuery) => ['children', 'duplicates', query] as const,
};

export function childSearchQueryOptions(term: SearchTerm) {
  return infiniteQueryOptions({
    queryKey: childrenKeys.search(term),
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/children', {
          params: {
            query: {
              limit: PAGE_SIZE,
              ...(pageParam ? { cursor: pageParam } : {}),
              ...(term.kind === 'iin' ? { iin: term.iin } : term.kind === 'name' ? { q: term.q } : {}),
            },
          },
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    enabled: term.kind === 'iin' || term.kind === 'name',
  });
}

/** Children visible to me that match the term, page by page; the previous results stay while the next term loads. */
export function useChildSearch(term: SearchTerm) {
  return useInfiniteQuery({ ...childSearchQueryOptions(term), placeholderData: keepPreviousData });
}

export interface DuplicatesQuery {
  lastName: string;
  firstName: string;
  patronymic?: string;
  birthDate: string;
}

export function duplicatesQueryOptions(query: DuplicatesQuery | null) {
  return queryOptions({
    queryKey: childrenKeys.duplicates(query ?? { lastName: '', firstName: '', birthDate: '' }),
    queryFn: () => unwrap(api.GET('/api/v1/children/duplicates', { params: { query: query! } })),
    enabled: query !== null,
  });
}

/** The look-alikes I may see (with their names), for a POSSIBLE_DUPLICATE that names only ids. */
export function useDuplicates(query: DuplicatesQuery | null) {
  return useQuery(duplicatesQueryOptions(query));
}

/** POST /children; on success every children list is stale. */
export function useRegisterChild() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewChild) => unwrap(api.POST('/api/v1/children', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: childrenKeys.all }),
  });
}


/** The region of any KATO (region, district or settlement): its first two digits name it. */
export function useRegionName(): (kato: string) => string | undefined {
  const { data } = useRegions();
  return (kato) => data?.get(`${kato.slice(0, 2)}0000000`);
}

/** What GET /me says the UI may offer (the server still decides). Undefined while /me loads. */
export function useMayDo(permission: 'create:Child' | 'read:Child'): boolean | undefined {
  const me = useMe();
  return me.data ? me.data.permissions.includes(permission) : undefined;
}
