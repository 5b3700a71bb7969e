/**
 * The one source of "now". Services never call `new Date()` for business time, so tests can move time
 * (SLA deadlines, lockouts, expiries) by swapping the provider.
 */
export abstract class Clock {
  abstract now(): Date;

  /** Today's date in Kazakhstan (Asia/Almaty, UTC+5), as YYYY-MM-DD. */
  today(): string {
    return almatyDate(this.now());
  }
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock that stands still until moved; for tests and replays. */
export class ManualClock extends Clock {
  constructor(private current: Date = new Date()) {
    super();
  }
  now(): Date {
    return new Date(this.current.getTime());
  }
  set(at: Date | string): void {
    this.current = new Date(at);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

const ALMATY_OFFSET_MS = 5 * 60 * 60 * 1000;

export function almatyDate(at: Date): string {
  return new Date(at.getTime() + ALMATY_OFFSET_MS).toISOString().slice(0, 10);
}
