import { checkIin, Iin, iinCheckDigit } from './iin';

// Check digits below were computed independently of this implementation (by hand and by a separate script).
const TODAY = '2026-11-25';

describe('checkIin', () => {
  it.each([
    ['190514600122', '2019-05-14', 'female'],
    ['190514500123', '2019-05-14', 'male'],
    ['870412300456', '1987-04-12', 'male'],
    ['951231400786', '1995-12-31', 'female'],
    ['010101500003', '2001-01-01', 'male'],
    ['000229600004', '2000-02-29', 'female'],
    ['991231100010', '1899-12-31', 'male'],
    ['991231200027', '1899-12-31', 'female'],
    ['190514500504', '2019-05-14', 'male'], // first weights give 10: the second set decides
    ['261125500127', '2026-11-25', 'male'], // born today
  ])('accepts %s → %s %s', (iin, birthDate, sex) => {
    expect(checkIin(iin, TODAY)).toEqual({ valid: true, iin, birthDate, sex });
  });

  it.each([
    ['19051460012', 'FORMAT'], // 11 digits
    ['1905146001223', 'FORMAT'], // 13 digits
    ['19051460012a', 'FORMAT'],
    ['１９０５１４６００１２２', 'FORMAT'], // full-width digits
    ['', 'FORMAT'],
    ['190514700126', 'CENTURY'], // digit 7 = 7
    ['190514000120', 'CENTURY'], // digit 7 = 0
    ['190230500121', 'DATE'], // 30 February
    ['010229600006', 'DATE'], // 29 February 2001 is not a leap day
    ['191314500120', 'DATE'], // month 13
    ['190500500120', 'DATE'], // day 0
    ['261201500126', 'FUTURE'], // 1 December 2026 is after today
    ['190514600121', 'CHECKSUM'], // last digit off by one
    ['870412300457', 'CHECKSUM'],
    ['190514500530', 'CHECKSUM'], // both weight sets give 10: no digit is right
    ['190514500539', 'CHECKSUM'],
  ])('rejects %s as %s', (iin, problem) => {
    const result = checkIin(iin, TODAY);
    expect(result.valid).toBe(false);
    expect(result).toMatchObject({ problem });
  });

  it('has no check digit when both weight sets give 10', () => {
    expect(iinCheckDigit('19051450053')).toBeNull();
  });
});

describe('Iin value object', () => {
  it('derives birth date and sex', () => {
    const iin = Iin.parse('951231400786', TODAY);
    expect([iin.toString(), iin.birthDate, iin.sex]).toEqual(['951231400786', '1995-12-31', 'female']);
  });

  it('cannot be built from an invalid number', () => {
    expect(() => Iin.parse('951231400787', TODAY)).toThrow(RangeError);
  });
});
