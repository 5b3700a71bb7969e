import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '../../api/schema';
import { api, unwrap } from '../../shared/api/client';
import { useLanguage } from '../../shared/api/reference';

export type Organization = components['schemas']['OrganizationView'];
export type OrganizationInput = components['schemas']['CreateOrganizationDto'];
export type OrganizationChange = components['schemas']['UpdateOrganizationDto'];
export type User = components['schemas']['UserView'];
export type UserInput = components['schemas']['CreateUserDto'];
export type UserChange = components['schemas']['UpdateUserDto'];
export type Role = User['roles'][number];
export type HolidayKind = components['schemas']['HolidayDto']['kind'];
type HolidayItem = components['schemas']['HolidayItem'];

export const adminKeys = {
  organizations: ['admin', 'organizations'] as const,
  organization: (id: string) => ['admin', 'organizations', 'one', id] as const,
  users: ['admin', 'users'] as const,
  holidays: ['admin', 'holidays'] as const,
};

const ifMatch = (version: number) => ({ 'If-Match': `"${version}"` });

export interface OrganizationFilters {
  q?: string;
  type?: string;
  kato?: string;
}

export const organizationsQueryOptions = (filters: OrganizationFilters) =>
  infiniteQueryOptions({
    queryKey: [...adminKeys.organizations, 'list', filters],
    queryFn: ({ pageParam }) => unwrap(api.GET('/api/v1/organizations', { params: { query: { limit: 20, ...filters, ...(pageParam ? { cursor: pageParam } : {}) } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });

export const useOrganizations = (filters: OrganizationFilters) => useInfiniteQuery(organizationsQueryOptions(filters));

/** Organisations whose name holds `q` (two letters at least), for pickers. */
export function useOrganizationSearch(q: string) {
  return useQuery({
    queryKey: [...adminKeys.organizations, 'search', q],
    queryFn: () => unwrap(api.GET('/api/v1/organizations', { params: { query: { limit: 20, q } } })),
    enabled: q.trim().length >= 2,
    placeholderData: keepPreviousData,
  });
}

/** Several organisations by id (the users table's and the pickers' names), each cached on its own. */
export function useOrganizationsById(ids: (string | null | undefined)[]) {
  const unique = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  const results = useQueries({
    queries: unique.map((id) => ({
      queryKey: adminKeys.organization(id),
      queryFn: () => unwrap(api.GET('/api/v1/organizations/{id}', { params: { path: { id } } })),
      staleTime: 5 * 60_000,
    })),
  });
  return new Map(results.flatMap((result) => (result.data ? [[result.data.id, result.data] as const] : [])));
}

export function useSaveOrganization() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: string; version: number; body: OrganizationChange } | { id?: undefined; body: OrganizationInput }) =>
      input.id
        ? unwrap(api.PATCH('/api/v1/organizations/{id}', { params: { path: { id: input.id }, header: ifMatch(input.version) }, body: input.body }))
        : unwrap(api.POST('/api/v1/organizations', { body: input.body as OrganizationInput })),
    onSuccess: (saved) => {
      queryClient.setQueryData(adminKeys.organization(saved.id), saved);
      return queryClient.invalidateQueries({ queryKey: adminKeys.organizations });
    },
  });
}

export interface UserFilters {
  q?: string;
  orgId?: string;
  role?: Role;
}

export const useUsers = (filters: UserFilters) =>
  useInfiniteQuery({
    queryKey: [...adminKeys.users, 'list', filters],
    queryFn: ({ pageParam }) => unwrap(api.GET('/api/v1/users', { params: { query: { limit: 20, ...filters, ...(pageParam ? { cursor: pageParam } : {}) } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });

export function useSaveUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: string; version: number; body: UserChange } | { id?: undefined; body: UserInput }) =>
      input.id
        ? unwrap(api.PATCH('/api/v1/users/{id}', { params: { path: { id: input.id }, header: ifMatch(input.version) }, body: input.body }))
        : unwrap(api.POST('/api/v1/users', { body: input.body as UserInput })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.users }),
  });
}

/** Deactivate or reactivate an account (deactivating ends every session of it at once). */
export function useSetActive() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, active }: { id: string; active: boolean }) =>
      unwrap(active ? api.POST('/api/v1/users/{id}/activate', { params: { path: { id } } }) : api.POST('/api/v1/users/{id}/deactivate', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.users }),
  });
}

export function useResetPassword() {
  return useMutation({
    mutationFn: ({ id, password }: { id: string; password: string }) => unwrap(api.POST('/api/v1/users/{id}/reset-password', { params: { path: { id } }, body: { password } })),
  });
}

/** The organisation types with their labels in the user's language, for the forms and the table. */
export function useOrganizationTypes() {
  const language = useLanguage();
  return useQuery({
    queryKey: ['reference', 'organization-types', language],
    queryFn: () => unwrap(api.GET('/api/v1/reference/organization-types', { params: { header: { 'accept-language': language } } })),
    staleTime: Infinity,
  });
}

export interface CalendarDay {
  date: string;
  kind: HolidayKind;
  nameKk: string;
  nameRu: string;
  nameEn: string;
}

/**
 * A year's holidays, days off and working days with their names in all three languages: the list
 * speaks the Accept-Language it is asked in, so it is asked in each (an edit keeps every name).
 */
export function useCalendar(year: number) {
  return useQuery({
    queryKey: [...adminKeys.holidays, year],
    queryFn: async (): Promise<CalendarDay[]> => {
      // A plain fetch of this public list: the API client sends the user's own language with every call.
      const inLanguage = async (language: string): Promise<HolidayItem[]> => {
        const response = await fetch(`/api/v1/reference/holidays?year=${year}`, { headers: { 'Accept-Language': language } });
        const body: unknown = await response.json().catch(() => ({}));
        return unwrap(Promise.resolve(response.ok ? { data: body as HolidayItem[], response } : { error: body, response }));
      };
      const [kk, ru, en] = await Promise.all([inLanguage('kk'), inLanguage('ru'), inLanguage('en')]);
      const label = (list: typeof kk, date: string) => list.find((day) => day.date === date)?.label ?? '';
      return kk.map((day) => ({ date: day.date, kind: day.kind as HolidayKind, nameKk: day.label, nameRu: label(ru, day.date), nameEn: label(en, day.date) }));
    },
    placeholderData: keepPreviousData,
  });
}

/** Sets or removes a calendar day; the answer says how many running deadlines the change moved. */
export function useChangeCalendar() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: { remove: true; date: string } | { remove?: false; day: CalendarDay }) =>
      change.remove
        ? unwrap(api.DELETE('/api/v1/reference/holidays/{date}', { params: { path: { date: change.date } } }))
        : unwrap(
            api.PUT('/api/v1/reference/holidays/{date}', {
              params: { path: { date: change.day.date } },
              body: { kind: change.day.kind, nameKk: change.day.nameKk, nameRu: change.day.nameRu, nameEn: change.day.nameEn },
            }),
          ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.holidays }),
  });
}
