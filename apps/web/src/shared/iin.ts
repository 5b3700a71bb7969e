/**
 * The IIN check of the server (libs/core/iin/iin.ts), for forms to say what is wrong before anything is
 * sent: `YYMMDD C NNNN K`, digit 7 (C) gives the century and sex, K is a check digit over the first
 * eleven digits. The rule must stay the server's: test/unit/web-iin.spec.ts runs both on one table.
 * Plain TypeScript with no imports, so that the unit test can load it.
 */
export type Sex = 'male' | 'female';

export type IinProblem = 'FORMAT' | 'CENTURY' | 'DATE' | 'FUTURE' | 'CHECKSUM';

export type IinCheck = { valid: true; iin: string; birthDate: string; sex: Sex } | { valid: false; problem: IinProblem };

const FIRST_WEIGHTS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const SECOND_WEIGHTS = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

/** Check digit for the first eleven digits, or null when both weight sets give 10 (no valid IIN). */
export function iinCheckDigit(first11: string): number | null {
  const digits = [...first11].map(Number);
  const sum = (weights: number[]) => digits.reduce((acc, d, i) => acc + d * weights[i], 0) % 11;
  const first = sum(FIRST_WEIGHTS);
  if (first !== 10) return first;
  const second = sum(SECOND_WEIGHTS);
  return second === 10 ? null : second;
}

const CENTURIES: Record<string, { century: number; sex: Sex }> = {
  '1': { century: 1800, sex: 'male' },
  '2': { century: 1800, sex: 'female' },
  '3': { century: 1900, sex: 'male' },
  '4': { century: 1900, sex: 'female' },
  '5': { century: 2000, sex: 'male' },
  '6': { century: 2000, sex: 'female' },
};

/**
 * Validates an IIN completely: shape, century/sex digit, a real calendar date not after `today`
 * (YYYY-MM-DD, the date in Kazakhstan: see almatyToday), and the check digit. Returns the derived
 * birth date and sex.
 */
export function checkIin(value: string, today: string): IinCheck {
  if (!/^[0-9]{12}$/.test(value)) return { valid: false, problem: 'FORMAT' };
  const centuryDigit = CENTURIES[value[6]];
  if (!centuryDigit) return { valid: false, problem: 'CENTURY' };
  const year = centuryDigit.century + Number(value.slice(0, 2));
  const month = Number(value.slice(2, 4));
  const day = Number(value.slice(4, 6));
  const date = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || month > 12 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return { valid: false, problem: 'DATE' };
  const birthDate = date.toISOString().slice(0, 10);
  if (birthDate > today) return { valid: false, problem: 'FUTURE' };
  const check = iinCheckDigit(value.slice(0, 11));
  if (check === null || check !== Number(value[11])) return { valid: false, problem: 'CHECKSUM' };
  return { valid: true, iin: value, birthDate, sex: centuryDigit.sex };
}

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
