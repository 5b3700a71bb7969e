import { ValidateBy, ValidationArguments, ValidationOptions } from 'class-validator';
import { almatyDate } from '../clock/clock';
import { checkIin } from '../iin/iin';

/**
 * Domain validators for DTOs. Each one carries a stable field code in the constraint `context`, which
 * `flattenValidationErrors` puts in `errors[].code`, so clients can react to `IIN_INVALID` rather than
 * parse an English sentence.
 *
 * None of them transforms the value: what is validated is what gets stored. A DTO that wants to be
 * lenient (trim, upper-case, NFC) does so with an explicit `@Transform` before these run.
 */

/**
 * Our code is applied after the caller's context so that a decorator always reports the same code;
 * anything else the caller put in `context` (and `message`, `each`, `groups`, …) is kept.
 */
function withCode(code: string, options?: ValidationOptions): ValidationOptions {
  return { ...options, context: { ...(options?.context as object | undefined), code } };
}

/** "each value in tags: …" for `{ each: true }`, as class-validator's own messages do. */
function prefixed(options: ValidationOptions | undefined, args: ValidationArguments | undefined, text: string): string {
  const property = args?.property ?? 'value';
  return options?.each ? `each value in ${property}: ${text}` : `${property} ${text}`;
}

/**
 * With `{ each: true }` class-validator hands the message builder the whole collection, not the failing
 * element, so the element's problem is looked up again here.
 */
function problemOf<T>(options: ValidationOptions | undefined, value: unknown, problem: (v: unknown) => T | null): T | null {
  if (options?.each && (Array.isArray(value) || value instanceof Set || value instanceof Map)) {
    for (const element of value.values()) {
      const found = problem(element);
      if (found !== null) return found;
    }
    return null;
  }
  return problem(value);
}

function combine(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, key) => decorators.forEach((decorate) => decorate(target, key));
}

// ── IIN ──────────────────────────────────────────────────────────────────────────────────────────

/**
 * A complete IIN check (DESIGN §1). "Today" is the date in Kazakhstan, not on the server: a child born
 * at 02:00 Almaty time is 21:00 UTC the day before, and must not be refused as born in the future.
 */
export function IsIin(options?: ValidationOptions): PropertyDecorator {
  const problem = (value: unknown): string | null => {
    if (typeof value !== 'string') return 'IIN must be a string of exactly 12 digits';
    const result = checkIin(value, almatyDate(new Date()));
    return result.valid ? null : result.message;
  };
  return ValidateBy(
    {
      name: 'isIin',
      validator: {
        validate: (value) => problem(value) === null,
        // checkIin's message names the problem (length, century digit, date, future, check digit).
        defaultMessage: (args) => {
          const text = problemOf(options, args?.value, problem) ?? 'IIN is invalid';
          return options?.each ? `each value in ${args?.property ?? 'value'}: ${text}` : text;
        },
      },
    },
    withCode('IIN_INVALID', options),
  );
}

// ── KATO ─────────────────────────────────────────────────────────────────────────────────────────

const KATO = /^[0-9]{9}$/;

/** A KATO (administrative-territorial) code: exactly nine ASCII digits. */
export function IsKato(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isKato',
      validator: {
        validate: (value) => typeof value === 'string' && KATO.test(value),
        defaultMessage: (args) => prefixed(options, args, 'must be a KATO code of exactly 9 digits'),
      },
    },
    withCode('KATO_INVALID', options),
  );
}

// ── ICD-10 ───────────────────────────────────────────────────────────────────────────────────────

/**
 * WHO ICD-10 as used in Kazakhstan: a category is a letter and two digits (`G80`), a subcategory adds
 * a dot and one character (`F84.0`); national extensions add a second (`H90.31`, `S72.0A`), so up to
 * two digits or capital letters are accepted after the dot. All letters A–Z are accepted: U is
 * reserved by WHO for provisional/emergency codes (`U07.1`), which are still real codes.
 *
 * Upper case only and no surrounding spaces — the code is stored and compared as entered, and `f84.0`
 * next to `F84.0` would make the same diagnosis look like two. A lenient form can upper-case and trim
 * with `@Transform` first. Dagger/asterisk marks (`G63.2*`) are notation, not part of the code.
 */
const ICD10 = /^[A-Z][0-9]{2}(?:\.[0-9A-Z]{1,2})?$/;

export function IsIcd10(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIcd10',
      validator: {
        validate: (value) => typeof value === 'string' && ICD10.test(value),
        defaultMessage: (args) =>
          prefixed(options, args, 'must be an ICD-10 code: a capital letter, two digits, optionally "." and 1–2 digits or capitals (e.g. F84.0)'),
      },
    },
    withCode('ICD10_INVALID', options),
  );
}

// ── Phone ────────────────────────────────────────────────────────────────────────────────────────

/**
 * Kazakhstan shares country code +7 with Russia; the national number's first digit tells them apart:
 * Kazakhstan holds the 6xx and 7xx blocks (mobile 70x/747/77x and geographic area codes 71x–72x all
 * begin with 7; 6xx is Kazakhstan's reserve), Russia the 3xx/4xx/8xx/9xx ones. A Russian mobile
 * (+79…) is therefore refused. Only the canonical E.164 form is accepted — no spaces, brackets or
 * the domestic `8` prefix — so that one phone is stored one way and can be matched; the UI normalises.
 */
const KZ_PHONE = /^\+7[67][0-9]{9}$/;

export function IsKzPhone(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isKzPhone',
      validator: {
        validate: (value) => typeof value === 'string' && KZ_PHONE.test(value),
        defaultMessage: (args) =>
          prefixed(options, args, 'must be a Kazakhstan phone number in the form +7XXXXXXXXXX (10 digits after +7, starting with 6 or 7)'),
      },
    },
    withCode('PHONE_INVALID', options),
  );
}

// ── Free text ────────────────────────────────────────────────────────────────────────────────────

export interface SafeTextOptions {
  /** Maximum length in characters (Unicode code points, as PostgreSQL's char_length counts them). */
  max: number;
}

/**
 * Why a string is not acceptable free text, or null. Refused everywhere: C0 controls, DEL and C1
 * controls (NUL cannot even be stored in PostgreSQL text; the rest corrupt CSV exports and logs), the
 * bidirectional embedding/override/isolate controls (they can make a name in a list or the audit log
 * read differently from what is stored) and unpaired UTF-16 surrogates (not text; they would be
 * silently replaced on the way to the database). Single-line fields also refuse every line break,
 * including U+2028/U+2029, and tabs; multi-line fields allow `\n` and `\t` only (`\r` is refused so
 * there is one newline convention).
 */
function textProblem(value: unknown, multiline: boolean): string | null {
  if (typeof value !== 'string') return 'must be a string';
  if (value.trim() === '') return 'must not be blank';
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      return 'must not contain an unpaired surrogate';
    }
    if (unit >= 0xdc00 && unit <= 0xdfff) return 'must not contain an unpaired surrogate';
    if (multiline && (unit === 0x0a || unit === 0x09)) continue;
    const forbidden =
      unit <= 0x1f ||
      (unit >= 0x7f && unit <= 0x9f) ||
      unit === 0x2028 ||
      unit === 0x2029 ||
      (unit >= 0x202a && unit <= 0x202e) ||
      (unit >= 0x2066 && unit <= 0x2069);
    if (forbidden) {
      const code = unit.toString(16).toUpperCase().padStart(4, '0');
      return `must not contain control character U+${code}`;
    }
  }
  return null;
}

function codePoints(value: string): number {
  let count = 0;
  for (const _ of value) count++;
  return count;
}

function safeText(name: string, multiline: boolean, { max }: SafeTextOptions, options?: ValidationOptions): PropertyDecorator {
  if (!Number.isSafeInteger(max) || max < 1) throw new RangeError(`${name}: max must be a positive integer, got ${max}`);
  const content = ValidateBy(
    {
      name,
      validator: {
        validate: (value) => textProblem(value, multiline) === null,
        defaultMessage: (args) => prefixed(options, args, problemOf(options, args?.value, (v) => textProblem(v, multiline)) ?? 'is invalid'),
      },
    },
    withCode('TEXT_INVALID', options),
  );
  // A separate constraint so that "too long" has its own code; it stays silent for non-strings, which
  // the content rule already reports.
  const length = ValidateBy(
    {
      name: 'safeTextMaxLength',
      constraints: [max],
      validator: {
        validate: (value) => typeof value !== 'string' || codePoints(value) <= max,
        defaultMessage: (args) => prefixed(options, args, `must be at most ${max} characters`),
      },
    },
    withCode('TOO_LONG', options),
  );
  return combine(content, length);
}

/** Single-line free text (names of things, reasons, labels): no control characters, tabs or breaks. */
export function IsSafeText(text: SafeTextOptions, options?: ValidationOptions): PropertyDecorator {
  return safeText('isSafeText', false, text, options);
}

/** Multi-line free text (notes, recommendations): as IsSafeText, but `\n` and `\t` are allowed. */
export function IsSafeMultilineText(text: SafeTextOptions, options?: ValidationOptions): PropertyDecorator {
  return safeText('isSafeMultilineText', true, text, options);
}

// ── Person names ─────────────────────────────────────────────────────────────────────────────────

/**
 * Letters of the Kazakh Cyrillic alphabet (Russian А–Я/Ё plus ӘҒҚҢӨҰҮҺІ), basic Latin, and the extra
 * letters of the 2021 Kazakh Latin alphabet (ÄĞÑÖŞŪÜ, İ and dotless ı) so that a name written in either
 * official Kazakh script passes. Other scripts and diacritics are refused: a typo-prone copy from a
 * foreign document is better caught here than matched badly in search later.
 */
const NAME_LETTER = 'A-Za-zА-ЯЁа-яёӘәҒғҚқҢңӨөҰұҮүҺһІіÄäĞğÑñÖöŞşŪūÜüİı';
/**
 * Words of letters joined by exactly one space, hyphen or apostrophe (' or ’): "Мария-Анна",
 * "O'Neil", "Д’Артаньян", "ван дер Берг". It must begin and end with a letter, and separators never
 * stand next to each other, so leading/trailing spaces, double spaces and stray punctuation are
 * refused rather than stored in two spellings of one name. Composed (NFC) letters only: a decomposed
 * "й" (и + combining breve) is refused so the stored name has one byte form.
 */
const PERSON_NAME = new RegExp(`^[${NAME_LETTER}]+(?:[ '’-][${NAME_LETTER}]+)*$`);
const NAME_MAX = 100;

export function IsPersonName(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isPersonName',
      validator: {
        validate: (value) => typeof value === 'string' && value.length <= NAME_MAX && PERSON_NAME.test(value),
        defaultMessage: (args) =>
          prefixed(
            options,
            args,
            `must be 1–${NAME_MAX} letters (Kazakh, Russian or Latin), words joined by single spaces, hyphens or apostrophes`,
          ),
      },
    },
    withCode('NAME_INVALID', options),
  );
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written YYYY-MM-DD (code INVALID_DATE). */
export function IsDateOnly(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isDateOnly',
      validator: {
        validate: (value) => {
          const match = typeof value === 'string' ? DATE_ONLY.exec(value) : null;
          if (!match) return false;
          const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
          const date = new Date(Date.UTC(y, m - 1, d));
          return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
        },
        defaultMessage: (args) => `${args?.property ?? 'value'} must be a real date written YYYY-MM-DD`,
      },
    },
    { ...options, context: { code: 'INVALID_DATE' } },
  );
}
