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
