import fc from 'fast-check';

/**
 * Hostile request parts for the fuzz tests, by kind (so the report can say how many of each were
 * tried). JSON cannot spell some of them (integers beyond 2^53, 1e400, invalid UTF-8, deep nesting),
 * so a body is built as raw bytes: `raw(text)` marks a value written into the JSON text verbatim.
 */
export type Kind =
  | 'nesting' | 'nul' | 'invalid-utf8' | 'huge-number' | 'null' | 'prototype-key' | 'sql-html' | 'bad-iin' | 'bad-date'
  | 'bad-uuid' | 'bad-if-match' | 'wrong-type' | 'random-text' | 'oversized' | 'not-an-object';

export const RAW = '\u0001raw:';
export const raw = (text: string) => `${RAW}${text}\u0001`;

interface Hostile {
  kind: Kind;
  value: unknown;
}

const value = (kind: Kind, arb: fc.Arbitrary<unknown>): fc.Arbitrary<Hostile> => arb.map((v) => ({ kind, value: v }));

export const hostileValue: fc.Arbitrary<Hostile> = fc.oneof(
  value('nul', fc.string({ maxLength: 20 }).map((s) => `${s}\u0000${s}`)),
  value('nul', fc.constant('\u0000')),
  // A marker the serialiser turns into bytes that are not UTF-8 (an overlong, a lone continuation, 0xFF).
  value('invalid-utf8', fc.constantFrom('\u0002C0AF', '\u0002FF', '\u000280', '\u0002C328', '\u0002EDA080')),
  value('huge-number', fc.constantFrom(raw('1e308'), raw('-1e308'), raw('1e400'), raw('9007199254740993'), raw('-9007199254740993'), raw('99999999999999999999999999'), 2147483648, -2147483649, 1.5, -0, raw('1E+999'))),
  value('null', fc.constant(null)),
  value('sql-html', fc.constantFrom(
    "'; DROP TABLE children; --", "' OR '1'='1", '1; SELECT pg_sleep(10)', '$$; COMMIT; $$', '\\x00', "Robert'); DELETE FROM users;--",
    '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '{{constructor.constructor("return process")()}}', '${7*7}', '%00', '../../../../etc/passwd',
  )),
  value('bad-iin', fc.oneof(
    fc.constantFrom('000000000000', '123456789012', '99999999999', '9999999999999', '19051450000١', 'ABCDEFGHIJKL', '190230500000', '191314500000', ' 190514500001', '１９０５１４５０００１'),
    fc.stringMatching(/^[0-9]{12}$/),
  )),
  value('bad-date', fc.constantFrom('2019-02-30', '2019-13-01', '0000-00-00', '9999-99-99', '2019-5-14', '14.05.2019', '2019-05-14T25:00:00Z', '-001-01-01', '+275760-09-13', '1800-01-01', '3000-01-01', '')),
  value('bad-uuid', fc.constantFrom('not-a-uuid', '00000000-0000-0000-0000-00000000000g', '7f1c2b9e3d4a4e5f8a6b1c2d3e4f5a6b', "7f1c2b9e-3d4a-4e5f-8a6b-1c2d3e4f5a6b' OR 1=1", '', '7F1C2B9E-3D4A-4E5F-8A6B-1C2D3E4F5A6B-00')),
  value('wrong-type', fc.oneof(fc.boolean(), fc.integer(), fc.double({ noNaN: true }), fc.constant([]), fc.constant({}), fc.array(fc.integer(), { maxLength: 3 }))),
  value('random-text', fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 }), fc.string({ unit: 'binary', maxLength: 20 }))),
  value('oversized', fc.constantFrom('x'.repeat(5_000), 'Ә'.repeat(70_000))),
);

export interface BodyCase {
  kinds: Kind[];
  /** The bytes sent. */
  body: Buffer;
}

/** JSON text of `value` with every raw(...) marker written verbatim, as bytes, with invalid-UTF-8 markers as their bytes. */
export function serialise(body: unknown): Buffer {
  const text = JSON.stringify(body, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v)) ?? 'null';
  const withRaw = text.replace(/"\\u0001raw:((?:[^"\\]|\\.)*)\\u0001"/g, (_m, inner: string) => JSON.parse(`"${inner}"`));
  // \u0002XX… inside a string: those hex bytes, unescaped (they are not valid UTF-8 on purpose).
  const parts = withRaw.split(/\\u0002([0-9A-F]+)/);
  return Buffer.concat(parts.map((part, i) => (i % 2 ? Buffer.from(part, 'hex') : Buffer.from(part, 'utf8'))));
}

/** Object keys that poison prototypes in careless code. */
const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype'];

/**
 * A body for an operation with `properties` (from its schema): some fields plausible, one or more
 * hostile, or a body that is hostile as a whole (deep nesting, a prototype key, not an object).
 */
export function bodyFor(properties: string[]): fc.Arbitrary<BodyCase> {
  const names = properties.length ? fc.constantFrom(...properties) : fc.string({ minLength: 1, maxLength: 10 });
  const fields = fc.array(fc.tuple(names, hostileValue), { minLength: 1, maxLength: 4 }).map((entries) => ({
    kinds: [...new Set(entries.map(([, h]) => h.kind))],
    body: serialise(Object.fromEntries(entries.map(([k, h]) => [k, h.value]))),
  }));
  const nested = fc.tuple(fc.integer({ min: 200, max: 5_000 }), names, fc.constantFrom('[', '{"a":')).map(([depth, key, open]) => ({
    kinds: ['nesting' as Kind],
    body: Buffer.from(`{"${key}":${open.repeat(depth)}1${(open === '[' ? ']' : '}').repeat(depth)}}`),
  }));
  const prototype = fc.tuple(fc.constantFrom(...PROTOTYPE_KEYS), names, hostileValue).map(([key, name, h]) => ({
    kinds: ['prototype-key' as Kind, h.kind],
    body: Buffer.from(`{"${key}":{"${name}":${serialise(h.value).toString('latin1')},"isAdmin":true,"roles":["national_admin"]},"${name}":{"__proto__":{"polluted":1}}}`, 'latin1'),
  }));
  const notObject = fc.constantFrom('null', '[]', '"text"', '1e400', 'true', '', '{', '{"a":1,}', '\u0000', '[{"__proto__":null}]').map((text) => ({
    kinds: ['not-an-object' as Kind],
    body: Buffer.from(text),
  }));
  return fc.oneof({ weight: 6, arbitrary: fields }, { weight: 1, arbitrary: nested }, { weight: 1, arbitrary: prototype }, { weight: 1, arbitrary: notObject });
}

/** Path parameter values: mostly malformed (each sent as is, percent-encoded where URLs require). */
export const pathValue: fc.Arbitrary<{ kind: Kind | null; text: string }> = fc.oneof(
  fc.constantFrom('not-a-uuid', '1', '-1', '00000000-0000-0000-0000-000000000000', "1'%20OR%20'1'%3D'1", '%E0%A4%A', '%00', '..%2F..%2Fetc%2Fpasswd', 'x'.repeat(3_000), '%F0%9F%98', 'null', 'undefined', '__proto__', 'constructor')
    .map((text) => ({ kind: 'bad-uuid' as Kind, text })),
  fc.uuid().map((text) => ({ kind: null, text })),
);

export const ifMatchValue: fc.Arbitrary<string | undefined> = fc.constantFrom(undefined, '"1"', '*', 'W/"1"', '"-1"', '"99999999999999999999"', 'yesterday', '"1", "2"', '""', '"1e3"', '"0x10"', '"\u00b9"');
