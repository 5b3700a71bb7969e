/**
 * The IIN check of the server, for forms to say what is wrong before anything is sent: the very same
 * function (libs/core/iin/iin.ts is plain TypeScript without imports, so the web build bundles it), not
 * a copy that could drift.
 */
export { checkIin, iinCheckDigit } from '../../../../libs/core/iin/iin';
export type { IinCheck, IinProblem, Sex } from '../../../../libs/core/iin/iin';

const ALMATY_OFFSET_MS = 5 * 60 * 60 * 1000;

/** Today's date in Kazakhstan (YYYY-MM-DD, UTC+5 as the server's almatyDate), the "today" IINs are checked against. */
export function almatyToday(now: Date = new Date()): string {
  return new Date(now.getTime() + ALMATY_OFFSET_MS).toISOString().slice(0, 10);
}

/** A search term that is meant as an IIN: digits only once spaces are dropped. */
export function asIinTerm(term: string): string | null {
  const digits = term.replace(/\s+/g, '');
  return /^[0-9]+$/.test(digits) ? digits : null;
}
