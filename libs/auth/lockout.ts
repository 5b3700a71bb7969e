import { AUTH_POLICY } from './auth-policy';

/** The lockout columns of a user (users.failed_logins, failed_logins_since, locked_until). */
export interface LoginFailures {
  failedLogins: number;
  failedLoginsSince: Date | null;
  lockedUntil: Date | null;
}

export const NO_FAILURES: LoginFailures = { failedLogins: 0, failedLoginsSince: null, lockedUntil: null };

/** The end of the current lock, or null when the account is not locked at `now`. */
export function lockedUntil(state: LoginFailures, now: Date): Date | null {
  return state.lockedUntil && state.lockedUntil.getTime() > now.getTime() ? state.lockedUntil : null;
}

/**
 * The state after one more failed login at `now`. Failures are counted in a window that opens at the
 * first failure and lasts 15 minutes; the 5th failure inside it locks the account for 15 minutes.
 * A failure while locked changes nothing (the lock is not extended, so an attacker cannot keep a
 * user locked out longer than by the first five guesses).
 */
export function afterFailure(state: LoginFailures, now: Date): LoginFailures {
  const { maxFailures, windowMs, lockMs } = AUTH_POLICY.lockout;
  if (lockedUntil(state, now)) return state;
  const windowOpen = state.failedLoginsSince !== null && now.getTime() - state.failedLoginsSince.getTime() < windowMs;
  const failedLogins = windowOpen ? state.failedLogins + 1 : 1;
  const failedLoginsSince = windowOpen ? state.failedLoginsSince : now;
  const locked = failedLogins >= maxFailures ? new Date(now.getTime() + lockMs) : null;
  return { failedLogins, failedLoginsSince, lockedUntil: locked };
}

/** True when a successful login has something to reset. */
export function hasFailures(state: LoginFailures): boolean {
  return state.failedLogins > 0 || state.failedLoginsSince !== null || state.lockedUntil !== null;
}
