import type { Problem } from '../../shared/api/client';

/**
 * Problems that name no field in `errors[]` but are about one field of the admin forms: the form
 * shows them under that field, in the catalogue's words, rather than above the form.
 */
const FIELD_OF_CODE: Record<string, string> = {
  USERNAME_TAKEN: 'username',
  DUPLICATE_EXTERNAL_ID: 'externalId',
  OUTSIDE_REGION: 'kato',
  SEN_CONDITIONS_SINCE_WITHOUT_CONDITIONS: 'senConditionsSince',
};

/** The form field a field-less problem is about, or null (field errors in `errors[]` go under their own fields). */
export function fieldOfProblem(problem: Pick<Problem, 'code' | 'errors'>): string | null {
  if (problem.errors?.length) return null;
  return FIELD_OF_CODE[problem.code] ?? null;
}
