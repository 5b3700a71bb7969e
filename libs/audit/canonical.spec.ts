import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { canonicalJson, canonicalRow, sealHash, SealableRow } from './canonical';

/** The first (map/filter/join) version: every chain sealed so far was hashed with these bytes. */
function referenceCanonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(referenceCanonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${referenceCanonicalJson(v)}`).join(',')}}`;
}

const row = (over: Partial<SealableRow> = {}): SealableRow => ({
  id: '7', at: new Date('2026-11-25T06:00:00.123Z'), actor_user_id: 'u', actor_org_id: 'o', action: 'child.read',
  resource_type: 'child', resource_id: 'c', child_id: 'c', outcome: 'allowed', reason: null, request_id: 'r', ip: '127.0.0.1',
  changes: { b: { to: 1 }, a: { from: 2 } }, ...over,
});

describe('audit sealing', () => {
  it('orders keys so equal data hashes equally', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}');
    expect(canonicalRow(row({ changes: { a: { from: 2 }, b: { to: 1 } } }))).toBe(canonicalRow(row()));
  });

  it('gives exactly the bytes and hashes of the first implementation, for any JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string(), (changes, previous) => {
        expect(canonicalJson(changes)).toBe(referenceCanonicalJson(changes));
        const expected = createHash('sha256').update(previous).update(referenceCanonicalJson([
          '7', '2026-11-25T06:00:00.123Z', 'u', 'o', 'child.read', 'child', 'c', 'c', 'allowed', null, 'r', '127.0.0.1', changes ?? null,
        ])).digest('hex');
        expect(sealHash(previous, row({ changes }))).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it.each<[string, Partial<SealableRow>]>([
    ['action', { action: 'child.update' }],
    ['outcome', { outcome: 'denied' }],
    ['time', { at: new Date('2026-11-25T06:00:00.124Z') }],
    ['changes', { changes: { a: { from: 3 } } }],
    ['id', { id: '8' }],
  ])('changes the hash when %s changes', (_field, change) => {
    expect(sealHash('', row(change))).not.toBe(sealHash('', row()));
  });

  it('seals rows written before the operation column exactly as before', () => {
    expect(canonicalRow(row({ operation: null }))).toBe(canonicalRow(row()));
    expect(canonicalRow(row({ operation: 'read' }))).not.toBe(canonicalRow(row({ operation: 'change' })));
  });

  it('chains: the same row after a different predecessor seals differently', () => {
    const first = sealHash('', row());
    expect(sealHash(first, row({ id: '8' }))).not.toBe(sealHash('', row({ id: '8' })));
    expect(first).toMatch(/^[0-9a-f]{64}$/);
  });
});
