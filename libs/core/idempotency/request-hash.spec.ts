import { canonicalJson, isValidIdempotencyKey, requestHash } from './request-hash';

describe('idempotency request hash', () => {
  it('does not depend on the order of keys', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}');
    expect(requestHash('post', '/api/v1/referrals', { a: 1, b: 2 })).toBe(requestHash('POST', '/api/v1/referrals', { b: 2, a: 1 }));
  });

  it('treats an absent field like a missing one, and nothing else alike', () => {
    expect(requestHash('POST', '/r', { a: 1, b: undefined })).toBe(requestHash('POST', '/r', { a: 1 }));
    expect(requestHash('POST', '/r', { a: 1, b: null })).not.toBe(requestHash('POST', '/r', { a: 1 }));
    expect(requestHash('POST', '/r', { a: '1' })).not.toBe(requestHash('POST', '/r', { a: 1 }));
    expect(requestHash('POST', '/r', { a: [1, 2] })).not.toBe(requestHash('POST', '/r', { a: [2, 1] }));
  });

  it('binds the key to the path as requested, ids included', () => {
    expect(requestHash('POST', '/api/v1/referrals', {})).not.toBe(requestHash('POST', '/api/v1/children', {}));
    expect(requestHash('POST', '/api/v1/service-episodes/a/sessions', {})).not.toBe(requestHash('POST', '/api/v1/service-episodes/b/sessions', {}));
  });

  it.each([
    ['a UUID', '0b6f3c1e-5d0a-4e8b-9a52-7f1d2c3b4a59', true],
    ['one character', 'x', true],
    ['255 characters', 'k'.repeat(255), true],
    ['empty', '', false],
    ['256 characters', 'k'.repeat(256), false],
    ['a space', 'a b', false],
    ['a non-ASCII letter', 'кілт', false],
    ['a control character', 'a\u0000b', false],
    ['a list of values', ['a', 'b'], false],
  ])('%s is %s', (_what, key, valid) => {
    expect(isValidIdempotencyKey(key)).toBe(valid);
  });
});
