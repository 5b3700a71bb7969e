/** Whole minutes from `now` to `until` (rounded up: a window is open until its last minute ends), never below zero. */
export function minutesLeft(until: string, now: number): number {
  return Math.max(0, Math.ceil((Date.parse(until) - now) / 60_000));
}
