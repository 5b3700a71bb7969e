import { BusinessRuleError, iinCheckDigit, InvalidInputError } from '@qoldau/core';
import { resolveIdentity } from './identity-rules';

/** A valid IIN for the first 11 digits, trying serials until the check digit exists. */
function iin(yymmdd: string, centuryDigit: string): string {
  for (let serial = 0; serial < 10000; serial++) {
    const first11 = `${yymmdd}${centuryDigit}${String(serial).padStart(4, '0')}`;
    const check = iinCheckDigit(first11);
    if (check !== null) return `${first11}${check}`;
  }
  throw new Error('no IIN');
}

const TODAY = '2026-11-25';
const girl = iin('190514', '6'); // 2019-05-14, female

function codes(run: () => unknown): { status: number; errors: [string, string][] } {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidInputError || error instanceof BusinessRuleError) {
      return { status: error.status, errors: error.errors.map((e) => [e.field, e.code]) };
    }
    throw error;
  }
  return { status: 200, errors: [] };
}

describe('resolveIdentity', () => {
  it('derives birth date and sex from the IIN when they are left out', () => {
    expect(resolveIdentity({ iin: girl }, TODAY)).toEqual({ birthDate: '2019-05-14', sex: 'female' });
  });

  it('accepts agreeing values', () => {
    expect(resolveIdentity({ iin: girl, birthDate: '2019-05-14', sex: 'female' }, TODAY)).toEqual({ birthDate: '2019-05-14', sex: 'female' });
  });

  it.each([
    [{ birthDate: '2019-05-15' }, [['birthDate', 'IIN_MISMATCH']]],
    [{ sex: 'male' }, [['sex', 'IIN_MISMATCH']]],
    [{ birthDate: '2018-05-14', sex: 'male' }, [['birthDate', 'IIN_MISMATCH'], ['sex', 'IIN_MISMATCH']]],
  ])('refuses %j with 422 naming each field', (entered, expected) => {
    expect(codes(() => resolveIdentity({ iin: girl, ...entered }, TODAY))).toEqual({ status: 422, errors: expected });
  });

  it("re-checks the IIN against the business clock's today", () => {
    expect(codes(() => resolveIdentity({ iin: girl }, '2019-05-13'))).toEqual({ status: 400, errors: [['iin', 'IIN_INVALID']] });
  });

  it('needs birth date and sex without an IIN, and refuses a future birth date', () => {
    expect(codes(() => resolveIdentity({ iin: null }, TODAY))).toEqual({ status: 400, errors: [['birthDate', 'REQUIRED'], ['sex', 'REQUIRED']] });
    expect(codes(() => resolveIdentity({ iin: null, birthDate: '2026-11-26', sex: 'male' }, TODAY))).toEqual({
      status: 400,
      errors: [['birthDate', 'DATE_IN_FUTURE']],
    });
    expect(resolveIdentity({ iin: null, birthDate: '2026-11-25', sex: 'male' }, TODAY)).toEqual({ birthDate: '2026-11-25', sex: 'male' });
  });
});
