import { almatyDate } from '@qoldau/core';
import type { Holiday } from '@qoldau/reference';

/**
 * Working-day arithmetic for referral SLAs (DESIGN §4: respond within SLA_RESPOND_DAYS, start within
 * SLA_START_DAYS working days). Kazakhstan works Monday–Friday; the `holidays` table lists the
 * exceptions. Dates are `YYYY-MM-DD` calendar dates in Asia/Almaty; the arithmetic runs on whole-day
 * numbers in UTC so no server time zone or DST can shift a day.
 *
 * The calendar is only as good as its rows: the Labour Code's carry-over (a holiday falling on a
 * weekend gives the next working day off, except religious holidays) is not derived here — those
 * days must be in the table as `day_off`, as decree-moved days are.
 */

export type CalendarDayKind = Holiday['kind'];

/** A row of the `holidays` table, as far as the calendar cares. */
export interface CalendarDay {
  date: string;
  kind: CalendarDayKind;
}

/** Working days resolved from the table; build it with `workingCalendar`. */
export interface WorkingCalendar {
  /** Weekdays that are not worked: public holidays and decree days off. */
  readonly daysOff: ReadonlySet<string>;
  /** Saturdays and Sundays that are worked by decree. */
  readonly workedWeekendDays: ReadonlySet<string>;
}

/**
 * A stretch during which the SLA clock stands still (child ill, family away, guardian unreachable):
 * `from` inclusive, `to` exclusive — the day the pause is lifted counts again. `to: null` is a pause
 * still in force.
 */
export interface SlaPause {
  from: string;
  to: string | null;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;
/** Generous for any SLA; it keeps a corrupt `n` from spinning a worker for minutes. */
const MAX_WORKING_DAYS = 3660;

/** Days since 1970-01-01 for a valid `YYYY-MM-DD`; RangeError for anything else. */
function dayNumber(date: string): number {
  const match = typeof date === 'string' ? DATE.exec(date) : null;
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const ms = Date.UTC(year, month - 1, day);
    const parsed = new Date(ms);
    // Date.UTC rolls 31 February into March; a real date survives the round trip.
    if (parsed.getUTCFullYear() === year && parsed.getUTCMonth() === month - 1 && parsed.getUTCDate() === day) {
      return ms / MS_PER_DAY;
    }
  }
  throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
}

function dateOf(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

function isWeekend(day: number): boolean {
  const weekday = (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
  return weekday === 0 || weekday === 6;
}

/**
 * The calendar from `holidays` rows. A `working_day` on a weekday or a `holiday`/`day_off` on a
 * weekend changes nothing and is accepted; an unknown kind or a date listed twice with different
 * kinds is refused, because guessing which one the admin meant would move deadlines silently.
 */
export function workingCalendar(rows: Iterable<CalendarDay>): WorkingCalendar {
  const kinds = new Map<string, CalendarDayKind>();
  const daysOff = new Set<string>();
  const workedWeekendDays = new Set<string>();
  for (const { date, kind } of rows) {
    const day = dayNumber(date);
    const seen = kinds.get(date);
    if (seen !== undefined && seen !== kind) throw new RangeError(`${date} is listed both as ${seen} and as ${kind}`);
    kinds.set(date, kind);
    if (kind === 'holiday' || kind === 'day_off') {
      if (!isWeekend(day)) daysOff.add(date);
    } else if (kind === 'working_day') {
      if (isWeekend(day)) workedWeekendDays.add(date);
    } else {
      throw new RangeError(`Unknown calendar day kind ${JSON.stringify(kind)} for ${date}`);
    }
  }
  return { daysOff, workedWeekendDays };
}

function worked(day: number, calendar: WorkingCalendar): boolean {
  const date = dateOf(day);
  return isWeekend(day) ? calendar.workedWeekendDays.has(date) : !calendar.daysOff.has(date);
}

export function isWorkingDay(date: string, calendar: WorkingCalendar): boolean {
  return worked(dayNumber(date), calendar);
}

interface PauseSpan {
  from: number;
  to: number; // exclusive; Infinity while open
}

function pauseSpans(pauses: readonly SlaPause[]): PauseSpan[] {
  return pauses.map(({ from, to }) => {
    const span = { from: dayNumber(from), to: to === null ? Infinity : dayNumber(to) };
    if (span.to < span.from) throw new RangeError(`Pause ends (${to}) before it starts (${from})`);
    return span;
  });
}

function counts(day: number, calendar: WorkingCalendar, pauses: PauseSpan[]): boolean {
  return worked(day, calendar) && !pauses.some((pause) => day >= pause.from && day < pause.to);
}

function checkCount(n: number): void {
  if (!Number.isInteger(n) || n < 0 || n > MAX_WORKING_DAYS) {
    throw new RangeError(`Working days must be an integer from 0 to ${MAX_WORKING_DAYS}, got ${n}`);
  }
}

/**
 * The date `n` counted working days after `start`. The start day itself never counts (sent on Friday,
 * one day to respond → Monday), so `n = 0` is `start`. Paused days do not count. While any pause is
 * open there is no deadline: `null`.
 */
export function addWorkingDays(start: string, n: number, calendar: WorkingCalendar, pauses: readonly SlaPause[] = []): string | null {
  let day = dayNumber(start);
  checkCount(n);
  const spans = pauseSpans(pauses);
  if (spans.some((pause) => pause.to === Infinity)) return null;
  for (let left = n; left > 0; ) {
    day++;
    if (counts(day, calendar, spans)) left--;
  }
  return dateOf(day);
}

/**
 * Counted working days in (from, to]: how far `to` is past `from` — "overdue by N days" when `from` is
 * the due date. Negative when `to` is before `from` (N days still to go), so that
 * `workingDaysBetween(s, addWorkingDays(s, n)) === n`. An open pause stops the count from its start.
 */
export function workingDaysBetween(from: string, to: string, calendar: WorkingCalendar, pauses: readonly SlaPause[] = []): number {
  const [a, b] = [dayNumber(from), dayNumber(to)];
  const spans = pauseSpans(pauses);
  const [low, high, sign] = a <= b ? [a, b, 1] : [b, a, -1];
  let total = 0;
  for (let day = low + 1; day <= high; day++) if (counts(day, calendar, spans)) total++;
  return total === 0 ? 0 : sign * total; // not -0, which toBe/Object.is and JSON would tell apart
}

/** The last working day before `date` — when to warn that an SLA breaches on `date`. */
export function previousWorkingDay(date: string, calendar: WorkingCalendar): string {
  let day = dayNumber(date);
  // A year without a working day cannot come from real rows; stop rather than loop forever.
  for (let step = 0; step < 366; step++) {
    day--;
    if (worked(day, calendar)) return dateOf(day);
  }
  throw new RangeError(`No working day in the year before ${date}`);
}

/**
 * The deadline instant for something sent at `sentAt`: the last millisecond of the due working day in
 * Almaty (23:59:59.999+05:00), so a reply any time that day is on time. The start day is the Almaty
 * date of `sentAt` — a referral sent at 01:00 Almaty on Monday is Monday's even though it is Sunday in
 * UTC. `null` while paused.
 */
export function dueAt(sentAt: Date, n: number, calendar: WorkingCalendar, pauses: readonly SlaPause[] = []): Date | null {
  if (!(sentAt instanceof Date) || Number.isNaN(sentAt.getTime())) throw new RangeError('sentAt must be a valid Date');
  const due = addWorkingDays(almatyDate(sentAt), n, calendar, pauses);
  // Kazakhstan has been UTC+5 all year, without DST, since 1 March 2024.
  return due === null ? null : new Date(`${due}T23:59:59.999+05:00`);
}
