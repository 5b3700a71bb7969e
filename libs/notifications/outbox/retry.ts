/**
 * Back-off between delivery attempts: quick at first (a provider blip), then slower, and a message
 * that failed MAX_ATTEMPTS times is marked failed for operations to look at (nothing is dropped).
 */
export const MAX_ATTEMPTS = 6;

const DELAYS_MS = [60_000, 5 * 60_000, 15 * 60_000, 60 * 60_000, 6 * 60 * 60_000];

/** Delay before the next attempt after `attempts` failed ones; null when no attempt is left. */
export function retryDelayMs(attempts: number): number | null {
  if (!Number.isInteger(attempts) || attempts < 1) throw new RangeError(`attempts must be a positive integer, got ${attempts}`);
  if (attempts >= MAX_ATTEMPTS) return null;
  return DELAYS_MS[Math.min(attempts, DELAYS_MS.length) - 1];
}

/** How a failure is recorded: the error's class and code, never its message (it may quote the recipient). */
export function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return 'Error';
  const code = (error as { code?: unknown }).code;
  const name = /^[A-Za-z0-9_]{1,64}$/.test(error.name) ? error.name : 'Error';
  return typeof code === 'string' && /^[A-Za-z0-9_.-]{1,64}$/.test(code) ? `${name}:${code}` : name;
}
