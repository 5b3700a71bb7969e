import { type QueryClient, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '../../api/schema';
import { api, ApiError, unwrap } from '../../shared/api/client';
import { attachmentName, saveFile } from '../../shared/download';
import { invalidateCase } from '../cases/api/case';

export type Assessment = components['schemas']['AssessmentView'];
export type AssessmentDraft = components['schemas']['AssessmentDraftDto'];
export type Specialty = components['schemas']['SpecialistInput']['specialty'];
export type Programme = NonNullable<Assessment['programme']>;
export type Sector = keyof Assessment['recommendations'];

export const SPECIALTIES: readonly Specialty[] = ['psychologist', 'speech_therapist', 'special_teacher', 'doctor', 'social_pedagogue'];
export const PROGRAMMES: readonly Programme[] = ['general', 'adapted', 'special', 'individual'];
export const SECTORS: readonly Sector[] = ['education', 'health', 'social'];

/** Query keys by level: ['assessments', id] holds one assessment; ['assessments', 'commission', orgId] its PMPC's staff. */
export const assessmentKeys = {
  all: ['assessments'] as const,
  one: (id: string) => ['assessments', id] as const,
  colleagues: (orgId: string) => ['assessments', 'colleagues', orgId] as const,
};

export const assessmentQueryOptions = (id: string) =>
  queryOptions({
    queryKey: assessmentKeys.one(id),
    queryFn: () => unwrap(api.GET('/api/v1/assessments/{id}', { params: { path: { id } } })),
  });

export const useAssessment = (id: string) => useQuery(assessmentQueryOptions(id));

/** A changed assessment replaces the cached one, and the child's case (its conclusions tab and header) is stale. */
function useSettle() {
  const queryClient = useQueryClient();
  return (assessment: Assessment) => settle(queryClient, assessment);
}

function settle(queryClient: QueryClient, assessment: Assessment): Promise<void> {
  queryClient.setQueryData(assessmentKeys.one(assessment.id), assessment);
  return invalidateCase(queryClient, assessment.childId);
}

/** PATCH with the version the form was loaded from: a change made meanwhile by someone else is a 412, never overwritten. */
export function useSaveDraft(id: string) {
  const onSuccess = useSettle();
  return useMutation({
    mutationFn: ({ version, body }: { version: number; body: AssessmentDraft }) =>
      unwrap(api.PATCH('/api/v1/assessments/{id}', { params: { path: { id }, header: { 'If-Match': `"${version}"` } }, body })),
    onSuccess,
  });
}

export function useConfirmFindings(id: string) {
  const onSuccess = useSettle();
  return useMutation({
    mutationFn: (findings: string) => unwrap(api.POST('/api/v1/assessments/{id}/confirmations', { params: { path: { id } }, body: { findings } })),
    onSuccess,
  });
}

/**
 * Signs the version the head has on screen (If-Match): if a colleague saved the draft meanwhile, the
 * server answers 412 VERSION_CONFLICT and the draft is reloaded for the head to read again.
 */
export function useSignAssessment(id: string) {
  const onSuccess = useSettle();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (version: number) => unwrap(api.POST('/api/v1/assessments/{id}/sign', { params: { path: { id }, header: { 'If-Match': `"${version}"` } } })),
    onSuccess,
    onError: (error) => {
      if (error instanceof ApiError && error.problem.code === 'VERSION_CONFLICT') void queryClient.invalidateQueries({ queryKey: assessmentKeys.one(id) });
    },
  });
}

export interface Colleague {
  id: string;
  fullName: string;
}

/**
 * Who may sit on the commission: the active specialists and heads of the PMPC (GET /users, filtered by
 * the server on organisation and role; a PMPC user may list their own organisation's staff).
 */
export function useColleagues(orgId: string | undefined) {
  return useQuery({
    queryKey: assessmentKeys.colleagues(orgId ?? ''),
    enabled: Boolean(orgId),
    staleTime: 5 * 60_000,
    queryFn: async (): Promise<Colleague[]> => {
      const pages = await Promise.all(
        (['pmpc_specialist', 'pmpc_head'] as const).map((role) => unwrap(api.GET('/api/v1/users', { params: { query: { orgId, role, limit: 100 } } }))),
      );
      const byId = new Map(pages.flatMap((page) => page.items).filter((user) => user.active).map((user) => [user.id, { id: user.id, fullName: user.fullName }]));
      return [...byId.values()];
    },
  });
}

export type PdfLanguage = 'kk' | 'ru';

/** The printable conclusion (GET …/conclusion.pdf with the session's token), saved under the name the server gives it. */
export function useDownloadConclusion(id: string) {
  return useMutation({
    mutationFn: async (lang: PdfLanguage) => {
      const call = api.GET('/api/v1/assessments/{id}/conclusion.pdf', { params: { path: { id }, query: { lang } }, parseAs: 'blob' });
      const blob = (await unwrap(call)) as unknown as Blob;
      saveFile(blob, attachmentName((await call).response, `pmpc-conclusion-${id.slice(0, 8)}-${lang}.pdf`));
    },
  });
}
