/** A calendar date (YYYY-MM-DD) as people here write it: DD.MM.YYYY. */
export function formatDate(date: string): string {
  const [year, month, day] = date.slice(0, 10).split('-');
  return `${day}.${month}.${year}`;
}

/** Last name, first name and patronymic, as a child is named in documents here. */
export function fullName(identity: { lastName: string; firstName: string; patronymic?: string | null }): string {
  return [identity.lastName, identity.firstName, identity.patronymic].filter(Boolean).join(' ');
}

/**
 * A phone as typed (`8 701 123 45 67`, `+7 (701) 123-45-67`, `7011234567`) in the one form the API
 * stores, +7 and ten digits; anything else is sent as typed for the server to judge.
 */
export function normalisePhone(typed: string): string {
  const digits = typed.replace(/[\s()-]/g, '');
  if (/^\+7[0-9]{10}$/.test(digits)) return digits;
  if (/^[78][0-9]{10}$/.test(digits)) return `+7${digits.slice(1)}`;
  if (/^[0-9]{10}$/.test(digits)) return `+7${digits}`;
  return typed.trim();
}

/** A name as typed, without the spaces the API refuses around and between words. */
export function tidyName(typed: string): string {
  return typed.trim().replace(/\s+/g, ' ');
}
