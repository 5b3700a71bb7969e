import { FieldError, InvalidInputError } from '@qoldau/core';

export const PASSWORD_MIN_LENGTH = 12;
/** Long enough for any passphrase, short enough that hashing it is not a denial-of-service vector. */
export const PASSWORD_MAX_LENGTH = 256;

/**
 * Why a new password is refused, or null when it is acceptable: at least 12 characters (counted as
 * characters, not bytes, so Kazakh and Russian passphrases count fairly), at most 256, and not the
 * username nor containing it (case-insensitive).
 */
export function passwordWeakness(username: string, password: string): FieldError | null {
  const weak = (message: string): FieldError => ({ field: 'password', code: 'PASSWORD_TOO_WEAK', message });
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return weak(`must be at least ${PASSWORD_MIN_LENGTH} characters`);
  if (length > PASSWORD_MAX_LENGTH) return weak(`must be at most ${PASSWORD_MAX_LENGTH} characters`);
  const name = username.trim().toLocaleLowerCase();
  if (name.length > 0 && password.toLocaleLowerCase().includes(name)) return weak('must not contain the username');
  return null;
}

/**
 * For the users API (create, reset, change): throws 400 VALIDATION_FAILED naming the password field.
 * Username first, as in a login form.
 */
export function assertPasswordPolicy(username: string, password: string): void {
  const problem = passwordWeakness(username, password);
  if (problem) throw new InvalidInputError('VALIDATION_FAILED', 'The password does not meet the password policy', [problem]);
}
