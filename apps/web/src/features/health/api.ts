import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../shared/api/client';
import { useLanguage } from '../../shared/api/reference';
import { caseKeys, invalidateCase } from '../cases/api/case';
import type { components } from '../../api/schema';

export type BreakGlassUse = components['schemas']['BreakGlassView'];
export type NewDiagnosis = components['schemas']['CreateDiagnosisDto'];
export type NewDisability = components['schemas']['RecordDisabilityDto'];

/** GET /reference/icd10?q= — codes matching what is typed, by code start or a word of the name, labelled in the user's language. */
export function useIcd10Search(term: string) {
  const language = useLanguage();
  const q = term.trim();
  return useQuery({
    queryKey: ['reference', 'icd10', language, q],
    queryFn: () => unwrap(api.GET('/api/v1/reference/icd10', { params: { query: { q, limit: 20 }, header: { 'accept-language': language } } })),
    enabled: q.length > 0,
    staleTime: Infinity,
    placeholderData: keepPreviousData,
  });
}

/** POST /children/:id/diagnoses; the case (its diagnoses section and timeline) is read afresh after. */
export function useAddDiagnosis(childId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewDiagnosis) => unwrap(api.POST('/api/v1/children/{id}/diagnoses', { params: { path: { id: childId } }, body })),
    onSuccess: () => invalidateCase(queryClient, childId),
  });
}

/** PUT /children/:id/disability: a new current record; the earlier ones stay as history. */
export function useRecordDisability(childId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewDisability) => unwrap(api.PUT('/api/v1/children/{id}/disability', { params: { path: { id: childId } }, body })),
    onSuccess: () => Promise.all([invalidateCase(queryClient, childId), queryClient.invalidateQueries({ queryKey: caseKeys.disability(childId) })]),
  });
}

/**
 * The user's own break-glass windows, kept on this device for the session (the server has no "mine"
 * list: the window is personal and the case view does not say how it was reached). Only the ids and the
 * end of the window: no personal data. The server still decides, window or not.
 */
const STORAGE_KEY = 'qoldau.breakGlass';
type Windows = Record<string, string>;

function readWindows(): Windows {
  try {
    const parsed: unknown = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? '{}');
    return parsed && typeof parsed === 'object' ? (parsed as Windows) : {};
  } catch {
    return {};
  }
}

/** When this user's break-glass on the child ends, if it was opened on this device and has not ended. */
export function breakGlassUntil(childId: string, now = Date.now()): string | null {
  const until = readWindows()[childId];
  return until && Date.parse(until) > now ? until : null;
}

function remember(use: BreakGlassUse): void {
  const now = Date.now();
  const windows = Object.fromEntries(Object.entries(readWindows()).filter(([, until]) => Date.parse(until) > now));
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ ...windows, [use.childId]: use.expiresAt }));
}

export interface BreakGlassRequest {
  iin: string;
  reason: string;
  hours: number;
}

/** POST /break-glass: the case opens to this user alone until expiresAt. */
export function useOpenBreakGlass() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: BreakGlassRequest) => unwrap(api.POST('/api/v1/break-glass', { body })),
    onSuccess: async (use) => {
      remember(use);
      await invalidateCase(queryClient, use.childId);
    },
  });
}
