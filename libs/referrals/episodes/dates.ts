import { InvalidInputError } from '@qoldau/core';

/** 400 DATE_IN_FUTURE: services are recorded as they happen, not planned ahead (dates are YYYY-MM-DD, Almaty). */
export function notInFuture(field: string, date: string, today: string): void {
  if (date > today) {
    throw new InvalidInputError('VALIDATION_FAILED', 'The request has invalid fields', [{ field, code: 'DATE_IN_FUTURE', message: `${field} must not be after today` }]);
  }
}
