import { afterFailure, hasFailures, lockedUntil, LoginFailures, NO_FAILURES } from './lockout';

const at = (minutes: number) => new Date(Date.UTC(2026, 10, 25, 6, 0) + minutes * 60_000);
const failAt = (state: LoginFailures, ...minutes: number[]) => minutes.reduce((s, m) => afterFailure(s, at(m)), state);

describe('lockout', () => {
  it('opens a window at the first failure', () => {
    expect(afterFailure(NO_FAILURES, at(0))).toEqual({ failedLogins: 1, failedLoginsSince: at(0), lockedUntil: null });
  });

  it.each([
    ['four failures in the window', [0, 1, 2, 3], 4, null],
    ['five failures in the window lock for 15 minutes from the fifth', [0, 1, 2, 3, 14], 5, at(29)],
    ['the window closes 15 minutes after its first failure', [0, 1, 2, 3, 15], 1, null],
    ['a closed window starts again', [0, 20, 21, 22, 23, 24], 5, at(39)],
  ])('%s', (_name, minutes, failedLogins, locked) => {
    const state = failAt(NO_FAILURES, ...(minutes as number[]));
    expect(state.failedLogins).toBe(failedLogins);
    expect(state.lockedUntil).toEqual(locked);
  });

  it('is locked until, but not at, the end of the lock', () => {
    const state = failAt(NO_FAILURES, 0, 1, 2, 3, 4);
    expect(lockedUntil(state, at(4))).toEqual(at(19));
    expect(lockedUntil(state, at(18.99))).toEqual(at(19));
    expect(lockedUntil(state, at(19))).toBeNull();
  });

  it('does not extend a lock with failures while locked', () => {
    const locked = failAt(NO_FAILURES, 0, 1, 2, 3, 4);
    expect(afterFailure(locked, at(10))).toBe(locked);
  });

  it('counts afresh once a lock has ended', () => {
    const locked = failAt(NO_FAILURES, 0, 1, 2, 3, 4);
    expect(afterFailure(locked, at(20))).toEqual({ failedLogins: 1, failedLoginsSince: at(20), lockedUntil: null });
  });

  it('knows when a success has something to reset', () => {
    expect(hasFailures(NO_FAILURES)).toBe(false);
    expect(hasFailures(afterFailure(NO_FAILURES, at(0)))).toBe(true);
  });
});
