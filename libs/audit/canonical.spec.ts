import { canonicalJson, canonicalRow, sealHash, SealableRow } from './canonical';

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
