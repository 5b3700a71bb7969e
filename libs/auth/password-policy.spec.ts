import { InvalidInputError } from '@qoldau/core';
import { assertPasswordPolicy, passwordWeakness } from './password-policy';

describe('password policy', () => {
  it.each([
    ['correct horse battery', 'aigerim.s', null],
    ['exactly12chr', 'aigerim.s', null],
    ['Қолдау-құпия-сөз', 'aigerim.s', null],
    ['short', 'aigerim.s', 'must be at least 12 characters'],
    ['11characters'.slice(0, 11), 'aigerim.s', 'must be at least 12 characters'],
    // 11 Cyrillic characters are 22 bytes but still too short.
    ['қолдаукүшті', 'aigerim.s', 'must be at least 12 characters'],
    ['AIGERIM.S-password', 'aigerim.s', 'must not contain the username'],
    ['my-Aigerim.S!2026', 'aigerim.s', 'must not contain the username'],
    ['aigerim.s.long', 'Aigerim.S', 'must not contain the username'],
    ['x'.repeat(257), 'aigerim.s', 'must be at most 256 characters'],
  ])('%s for user %s → %s', (password, username, message) => {
    const problem = passwordWeakness(username, password);
    if (message === null) expect(problem).toBeNull();
    else expect(problem).toEqual({ field: 'password', code: 'PASSWORD_TOO_WEAK', message });
  });

  it('throws 400 VALIDATION_FAILED with the field error', () => {
    expect.assertions(3);
    try {
      assertPasswordPolicy('admin', 'admin-password');
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidInputError);
      expect((error as InvalidInputError).code).toBe('VALIDATION_FAILED');
      expect((error as InvalidInputError).errors).toEqual([
        { field: 'password', code: 'PASSWORD_TOO_WEAK', message: 'must not contain the username' },
      ]);
    }
  });

  it('accepts a strong password silently', () => {
    expect(() => assertPasswordPolicy('admin', 'a long enough passphrase')).not.toThrow();
  });
});
