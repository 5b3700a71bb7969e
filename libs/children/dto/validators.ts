import { ValidateBy, ValidationOptions } from 'class-validator';

/**
 * Field validators the children DTOs need beyond @qoldau/core's. Each carries its stable code in
 * `context.code`, which the global pipe reports in `errors[].code`.
 */
const withCode = (code: string, options?: ValidationOptions): ValidationOptions => ({
  ...options,
  context: { ...(options?.context as object | undefined), code },
});

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written YYYY-MM-DD (no time, no offset). */
export function isCalendarDate(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const match = DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 1800 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: isCalendarDate,
        defaultMessage: (args) => `${args?.property ?? 'value'} must be a real date written YYYY-MM-DD`,
      },
    },
    withCode('INVALID_DATE', options),
  );
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * A moment: either an ISO-8601 timestamp with its offset (`2027-05-14T12:00:00Z`) or a date, which
 * means the end of that day in Kazakhstan (see endOfAlmatyDay).
 */
export function isInstantOrDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  if (isCalendarDate(value)) return true;
  return INSTANT.test(value) && !Number.isNaN(Date.parse(value)) && isCalendarDate(value.slice(0, 10));
}

export function IsInstantOrDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isInstantOrDate',
      validator: {
        validate: isInstantOrDate,
        defaultMessage: (args) => `${args?.property ?? 'value'} must be a date (YYYY-MM-DD) or an ISO-8601 timestamp with an offset`,
      },
    },
    withCode('INVALID_DATE', options),
  );
}

const ALMATY_OFFSET_MS = 5 * 60 * 60 * 1000;

/** The instant a date-or-timestamp stands for: a bare date lasts until midnight after it, Almaty time. */
export function toInstant(value: string): Date {
  if (!isCalendarDate(value)) return new Date(value);
  const [y, m, d] = value.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1) - ALMATY_OFFSET_MS);
}

/** A search IIN: 6 to 12 ASCII digits (exact with 12, a prefix with fewer). */
export function IsIinPrefix(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIinPrefix',
      validator: {
        validate: (value) => typeof value === 'string' && /^[0-9]{6,12}$/.test(value),
        defaultMessage: () => 'iin must be 6 to 12 digits (a prefix of at least 6 digits, or the whole IIN)',
      },
    },
    withCode('IIN_INVALID', options),
  );
}

/** Forbids a field when the rest of the object makes it meaningless (code NOT_ALLOWED_HERE). */
export function IsAbsentWhen(condition: (object: Record<string, unknown>) => boolean, why: string, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isAbsentWhen',
      validator: {
        validate: (value, args) => value === undefined || !condition((args?.object ?? {}) as Record<string, unknown>),
        defaultMessage: (args) => `${args?.property ?? 'value'} ${why}`,
      },
    },
    withCode('NOT_ALLOWED_HERE', options),
  );
}
