import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import {
  IsDateOnly,
  IsIcd10,
  IsIin,
  IsKato,
  IsKzPhone,
  IsPersonName,
  IsSafeMultilineText,
  IsSafeText,
} from './decorators';
import { flattenValidationErrors } from './validation';

class IinDto {
  @IsIin() value: unknown;
}
class IinListDto {
  @IsIin({ each: true }) value: unknown;
}
class IinCustomDto {
  @IsIin({ message: 'ЖСН қате', context: { severity: 'error', code: 'OVERRIDDEN' } }) value: unknown;
}
class KatoDto {
  @IsKato() value: unknown;
}
class Icd10Dto {
  @IsIcd10() value: unknown;
}
class PhoneDto {
  @IsKzPhone() value: unknown;
}
class TextDto {
  @IsSafeText({ max: 10 }) value: unknown;
}
class TextListDto {
  @IsSafeText({ max: 10 }, { each: true }) value: unknown;
}
class MultilineDto {
  @IsSafeMultilineText({ max: 10 }) value: unknown;
}
class DateDto {
  @IsDateOnly() value: unknown;
}
class NameDto {
  @IsPersonName() value: unknown;
}

type Dto = new () => { value: unknown };

function errorsOf(dto: Dto, value: unknown) {
  return flattenValidationErrors(validateSync(plainToInstance(dto, { value })));
}
function codesOf(dto: Dto, value: unknown): string[] {
  return errorsOf(dto, value).map((e) => e.code).sort();
}

// Valid IINs from iin.spec.ts (check digits computed independently of the implementation).
const VALID_IINS = ['190514600122', '190514500123', '870412300456', '951231400786', '000229600004', '190514500504'];

describe('@IsIin', () => {
  it.each(VALID_IINS)('accepts %s', (iin) => {
    expect(errorsOf(IinDto, iin)).toEqual([]);
  });

  it.each([
    ['19051460012', /12 digits/],
    ['１９０５１４６００１２２', /12 digits/], // full-width digits
    ['19051460012a', /12 digits/],
    [190514600122, /string/], // a JSON number would lose leading zeros
    [null, /string/],
    [undefined, /string/],
    ['190514700126', /digit 7/],
    ['190230500121', /real birth date/],
    ['990101500006', /future/], // 2099-01-01
    ['190514600121', /check digit/],
    ['190514500530', /check digit/], // both weight sets give 10
  ])('rejects %j as IIN_INVALID saying %s', (value, message) => {
    const errors = errorsOf(IinDto, value);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ field: 'value', code: 'IIN_INVALID' });
    expect(errors[0].message).toMatch(message);
  });

  describe('judges "future" by the date in Almaty, not on the server', () => {
    afterEach(() => jest.useRealTimers());

    // 261125500127 encodes a boy born 2026-11-25; Almaty is UTC+5.
    it.each([
      ['2026-11-24T18:59:59.999Z', ['IIN_INVALID']], // 23:59 on the 24th in Almaty
      ['2026-11-24T19:00:00.000Z', []], // midnight of the 25th in Almaty, still the 24th in UTC
      ['2026-11-25T12:00:00.000Z', []],
    ])('at %s', (now, codes) => {
      jest.useFakeTimers({ now: new Date(now), doNotFake: ['nextTick', 'queueMicrotask'] });
      expect(codesOf(IinDto, '261125500127')).toEqual(codes);
    });
  });

  it('checks every element with { each: true }', () => {
    const errors = errorsOf(IinListDto, [VALID_IINS[0], '190514600121']);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ field: 'value', code: 'IIN_INVALID' });
    expect(errors[0].message).toMatch(/^each value in value: .*check digit/);
  });

  it('keeps the caller’s message and context but not a different code', () => {
    const [error] = validateSync(plainToInstance(IinCustomDto, { value: '190514600121' }));
    expect(error.constraints).toEqual({ isIin: 'ЖСН қате' });
    expect(error.contexts?.isIin).toEqual({ severity: 'error', code: 'IIN_INVALID' });
    expect(flattenValidationErrors([error])).toEqual([{ field: 'value', code: 'IIN_INVALID', message: 'ЖСН қате' }]);
  });
});

describe('@IsKato', () => {
  it.each(['710000000', '750000000', '196233100', '000000000'])('accepts %s', (kato) => {
    expect(codesOf(KatoDto, kato)).toEqual([]);
  });

  it.each([['71000000'], ['7100000000'], ['71000000a'], [' 710000000'], ['٧١٠٠٠٠٠٠٠'], [710000000], [null]])(
    'rejects %j as KATO_INVALID',
    (value) => {
      expect(codesOf(KatoDto, value)).toEqual(['KATO_INVALID']);
    },
  );
});

describe('@IsIcd10', () => {
  it.each(['F84.0', 'G80', 'H90.3', 'Q90.9', 'F70', 'G80.0', 'U07.1', 'H90.31', 'S72.0A', 'Z00'])('accepts %s', (code) => {
    expect(codesOf(Icd10Dto, code)).toEqual([]);
  });

  it.each([
    ['f84.0'], // lower case
    ['F84.'], // dot without a subcategory
    ['F84.012'],
    ['F8'],
    ['F840'],
    ['84.0'],
    ['FF4.0'],
    [' F84.0'],
    ['F84.0 '],
    ['G63.2*'],
    ['F84,0'],
    ['Ф84.0'], // Cyrillic Ф
    [''],
    [84],
  ])('rejects %j as ICD10_INVALID', (value) => {
    expect(codesOf(Icd10Dto, value)).toEqual(['ICD10_INVALID']);
  });
});

describe('@IsKzPhone', () => {
  it.each(['+77011234567', '+77471234567', '+77772223344', '+77172123456', '+77272987654', '+76001234567'])(
    'accepts %s',
    (phone) => {
      expect(codesOf(PhoneDto, phone)).toEqual([]);
    },
  );

  it.each([
    ['+79161234567'], // Russian mobile
    ['+74951234567'], // Moscow landline
    ['87011234567'], // domestic 8 prefix
    ['77011234567'], // no plus
    ['+7701123456'], // 9 digits
    ['+770112345678'], // 11 digits
    ['+7 701 123 45 67'],
    ['+7(701)1234567'],
    ['+996701234567'], // Kyrgyzstan
    [77011234567],
    [''],
  ])('rejects %j as PHONE_INVALID', (value) => {
    expect(codesOf(PhoneDto, value)).toEqual(['PHONE_INVALID']);
  });
});

describe('@IsSafeText / @IsSafeMultilineText', () => {
  // [value, codes for single-line, codes for multi-line]
  it.each([
    ['Қуаныш', [], []],
    ['a b  c', [], []],
    ['ten chars!', [], []], // exactly max
    ['😀'.repeat(10), [], []], // max counts characters, not UTF-16 units
    ['Ана‏ Ata', [], []], // a right-to-left mark is text, not an override
    ['line\nline', ['TEXT_INVALID'], []],
    ['col\tcol', ['TEXT_INVALID'], []],
    ['line\r\nline', ['TEXT_INVALID'], ['TEXT_INVALID']],
    ['nul\u0000', ['TEXT_INVALID'], ['TEXT_INVALID']],
    ['esc\u001b[31m', ['TEXT_INVALID'], ['TEXT_INVALID']],
    ['del\u007f', ['TEXT_INVALID'], ['TEXT_INVALID']],
    ['c1\u0085', ['TEXT_INVALID'], ['TEXT_INVALID']],
    ['ls\u2028', ['TEXT_INVALID'], ['TEXT_INVALID']],
    ['abc\u202Efed', ['TEXT_INVALID'], ['TEXT_INVALID']], // right-to-left override
    ['abc\u2067x', ['TEXT_INVALID'], ['TEXT_INVALID']], // right-to-left isolate
    ['bad\uD800', ['TEXT_INVALID'], ['TEXT_INVALID']], // unpaired high surrogate
    ['\uDE00bad', ['TEXT_INVALID'], ['TEXT_INVALID']], // unpaired low surrogate
    ['', ['TEXT_INVALID'], ['TEXT_INVALID']],
    ['   ', ['TEXT_INVALID'], ['TEXT_INVALID']],
    [' \n\t ', ['TEXT_INVALID'], ['TEXT_INVALID']],
    ['eleven char', ['TOO_LONG'], ['TOO_LONG']],
    ['😀'.repeat(11), ['TOO_LONG'], ['TOO_LONG']],
    ['nul\u0000 and too long', ['TEXT_INVALID', 'TOO_LONG'], ['TEXT_INVALID', 'TOO_LONG']],
    [42, ['TEXT_INVALID'], ['TEXT_INVALID']],
    [null, ['TEXT_INVALID'], ['TEXT_INVALID']],
  ])('%j → single-line %j, multi-line %j', (value, single, multi) => {
    expect(codesOf(TextDto, value)).toEqual(single);
    expect(codesOf(MultilineDto, value)).toEqual(multi);
  });

  it.each([
    ['nul\u0000', /U\+0000/],
    ['  ', /blank/],
    [7, /string/],
  ])('says what is wrong with %j', (value, message) => {
    expect(errorsOf(TextDto, value)[0].message).toMatch(message);
  });

  it('names the failing element’s problem with { each: true }', () => {
    const errors = errorsOf(TextListDto, ['fine', 'nul\u0000', 'x'.repeat(11)]);
    expect(errors.map((e) => e.code).sort()).toEqual(['TEXT_INVALID', 'TOO_LONG']);
    expect(errors.find((e) => e.code === 'TEXT_INVALID')?.message).toBe('each value in value: must not contain control character U+0000');
  });

  it('names the limit when too long', () => {
    expect(errorsOf(TextDto, 'x'.repeat(11))).toEqual([{ field: 'value', code: 'TOO_LONG', message: 'value must be at most 10 characters' }]);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses max = %p when the decorator is declared', (max) => {
    expect(() => IsSafeText({ max })).toThrow(RangeError);
    expect(() => IsSafeMultilineText({ max })).toThrow(RangeError);
  });
});

describe('@IsPersonName', () => {
  it.each([
    'Әлихан',
    'Нұрсұлтан',
    'ҒАЛЫМ',
    'Өмірзақ',
    'Ұлжан',
    'Үмітхан',
    'Һашим',
    'Іңкәр',
    'Пётр',
    'Ёлкин',
    'Alikhan',
    'Мария-Анна',
    'O\'Neil',
    'Д’Артаньян',
    'ван дер Берг',
    'Nūrsūltan',
    'Äliyhan',
    'Şynar',
    'Ä',
    'Я',
    'а'.repeat(100),
  ])('accepts %s', (name) => {
    expect(codesOf(NameDto, name)).toEqual([]);
  });

  it.each([
    [''],
    [' Әлихан'],
    ['Әлихан '],
    ['Әли  хан'], // double space
    ['Әли--хан'],
    ['Әли -хан'],
    ['-Әлихан'],
    ['Әлихан\''],
    ['Әлихан2'],
    ['Әли\tхан'],
    ['Әли\u0000хан'],
    ['Әли_хан'],
    ['Әли.хан'],
    ['José'], // diacritics outside the Kazakh alphabets
    ['Ї'], // Ukrainian letter
    ['Иo\u0306ван'], // decomposed letter
    ['и\u0306'], // й as и + combining breve
    ['а'.repeat(101)],
    [42],
    [null],
  ])('rejects %j as NAME_INVALID', (value) => {
    expect(codesOf(NameDto, value)).toEqual(['NAME_INVALID']);
  });
});

describe('@IsDateOnly', () => {
  it.each(['2026-11-25', '2024-02-29', '2000-01-01'])('accepts %s', (value) => {
    expect(codesOf(DateDto, value)).toEqual([]);
  });

  it.each([['2026-02-30'], ['2025-02-29'], ['2026-13-01'], ['26-11-25'], ['2026-11-25T00:00:00Z'], ['25.11.2026'], [20261125], [null]])(
    'rejects %j as INVALID_DATE',
    (value) => {
      expect(codesOf(DateDto, value)).toEqual(['INVALID_DATE']);
    },
  );
});
