import { BusinessRuleError, checkIin, FieldError, InvalidInputError } from '@qoldau/core';

export interface IdentityFacts {
  iin: string | null;
  birthDate?: string | null;
  sex?: string | null;
}

/**
 * The identity a child ends up with, checked against the IIN (DESIGN §1) on the Clock's "today":
 * - the IIN itself is re-checked here because "today" is the business clock's, not the server's;
 * - without an IIN, birth date and sex are what was entered, and the birth date is not in the future;
 * - with one, birth date and sex default to what the IIN encodes and must agree with it
 *   (422 IIN_MISMATCH naming each disagreeing field).
 */
export function resolveIdentity(facts: IdentityFacts, today: string): { birthDate: string; sex: string } {
  if (facts.iin === null) {
    if (!facts.birthDate || !facts.sex) {
      throw new InvalidInputError('VALIDATION_FAILED', 'The request has invalid fields', [
        ...(facts.birthDate ? [] : [{ field: 'birthDate', code: 'REQUIRED', message: 'birthDate is required without an IIN' }]),
        ...(facts.sex ? [] : [{ field: 'sex', code: 'REQUIRED', message: 'sex is required without an IIN' }]),
      ]);
    }
    if (facts.birthDate > today) {
      throw new InvalidInputError('VALIDATION_FAILED', 'The request has invalid fields', [
        { field: 'birthDate', code: 'DATE_IN_FUTURE', message: 'birthDate must not be in the future' },
      ]);
    }
    return { birthDate: facts.birthDate, sex: facts.sex };
  }
  const check = checkIin(facts.iin, today);
  if (!check.valid) {
    throw new InvalidInputError('VALIDATION_FAILED', 'The request has invalid fields', [{ field: 'iin', code: 'IIN_INVALID', message: check.message }]);
  }
  const mismatches: FieldError[] = [];
  if (facts.birthDate && facts.birthDate !== check.birthDate) {
    mismatches.push({ field: 'birthDate', code: 'IIN_MISMATCH', message: `birthDate disagrees with the IIN, which encodes ${check.birthDate}` });
  }
  if (facts.sex && facts.sex !== check.sex) {
    mismatches.push({ field: 'sex', code: 'IIN_MISMATCH', message: `sex disagrees with the IIN, which encodes ${check.sex}` });
  }
  if (mismatches.length) {
    throw new BusinessRuleError('IIN_MISMATCH', `${mismatches.map((m) => m.field).join(' and ')} disagree${mismatches.length === 1 ? 's' : ''} with the IIN`, mismatches);
  }
  return { birthDate: check.birthDate, sex: check.sex };
}
