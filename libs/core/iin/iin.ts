/**
 * IIN — the 12-digit individual identification number, `YYMMDD C NNNN K` (DESIGN §1).
 * Digit 7 (C) gives the century and sex; K is a check digit over the first eleven digits.
 */
export type Sex = 'male' | 'female';

export type IinProblem = 'FORMAT' | 'CENTURY' | 'DATE' | 'FUTURE' | 'CHECKSUM';

export type IinCheck =
  | { valid: true; iin: string; birthDate: string; sex: Sex }
  | { valid: false; problem: IinProblem; message: string };

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
 * (YYYY-MM-DD), and the check digit. Returns the derived birth date and sex.
 */
export function checkIin(value: string, today: string): IinCheck {
  if (!/^[0-9]{12}$/.test(value)) {
    return { valid: false, problem: 'FORMAT', message: 'IIN must be exactly 12 digits' };
  }
  const centuryDigit = CENTURIES[value[6]];
  if (!centuryDigit) {
    return { valid: false, problem: 'CENTURY', message: 'IIN digit 7 must be 1–6 (century and sex)' };
  }
  const year = centuryDigit.century + Number(value.slice(0, 2));
  const month = Number(value.slice(2, 4));
  const day = Number(value.slice(4, 6));
  const date = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || month > 12 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return { valid: false, problem: 'DATE', message: 'IIN does not encode a real birth date' };
  }
  const birthDate = date.toISOString().slice(0, 10);
  if (birthDate > today) {
    return { valid: false, problem: 'FUTURE', message: 'IIN encodes a birth date in the future' };
  }
  const check = iinCheckDigit(value.slice(0, 11));
  if (check === null || check !== Number(value[11])) {
    return { valid: false, problem: 'CHECKSUM', message: 'IIN check digit is wrong' };
  }
  return { valid: true, iin: value, birthDate, sex: centuryDigit.sex };
}

/** The IIN as a value object: only constructed from a valid number. */
export class Iin {
  private constructor(
    readonly value: string,
    readonly birthDate: string,
    readonly sex: Sex,
  ) {}

  static parse(value: string, today: string): Iin {
    const result = checkIin(value, today);
    if (!result.valid) throw new RangeError(result.message);
    return new Iin(result.iin, result.birthDate, result.sex);
  }

  toString(): string {
    return this.value;
  }
}
