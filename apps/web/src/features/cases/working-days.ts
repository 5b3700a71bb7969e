import { almatyDate } from './dates';

/**
 * How long a referral's running deadline still has, in the words the case page uses: "N working days
 * left" or "overdue". Counted as the server counts SLAs (libs/referrals/sla/working-days.ts): calendar
 * days in Asia/Almaty, Monday to Friday, minus the public holidays and days off the calendar lists,
 * plus the weekend days it makes working; the days in (today, due day] — today itself does not count,
 * so a deadline at the end of today has 0 working days left and is not yet overdue.
 */

/** Exceptions to Monday–Friday, from GET /reference/holidays (`holiday` and `day_off` / `working_day`). */
export interface WorkCalendar {
  daysOff: ReadonlySet<string>;
  workedWeekendDays: ReadonlySet<string>;
}

export const MONDAY_TO_FRIDAY: WorkCalendar = { daysOff: new Set(), workedWeekendDays: new Set() };

export function workCalendar(days: readonly { date: string; kind: string }[]): WorkCalendar {
  const daysOff = new Set<string>();
  const workedWeekendDays = new Set<string>();
  for (const { date, kind } of days) {
    if (kind === 'working_day') workedWeekendDays.add(date);
    else daysOff.add(date);
  }
  return { daysOff, workedWeekendDays };
}

export type DeadlineState = { overdue: true } | { overdue: false; workingDaysLeft: number };

const MS_PER_DAY = 86_400_000;
/** No SLA runs for ten years; a corrupt date must not spin the page. */
const MAX_DAYS = 3660;

const dayNumber = (date: string) => {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / MS_PER_DAY;
};
const dateOf = (day: number) => new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
const isWeekend = (day: number) => {
  const weekday = (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
  return weekday === 0 || weekday === 6;
};

export function isWorkingDay(date: string, calendar: WorkCalendar = MONDAY_TO_FRIDAY): boolean {
  return isWeekend(dayNumber(date)) ? calendar.workedWeekendDays.has(date) : !calendar.daysOff.has(date);
}

/** The state at `now` of a deadline that falls due at the instant `dueAt`. */
export function deadlineState(now: Date, dueAt: Date, calendar: WorkCalendar = MONDAY_TO_FRIDAY): DeadlineState {
  if (now.getTime() > dueAt.getTime()) return { overdue: true };
  const from = dayNumber(almatyDate(now));
  const to = Math.min(dayNumber(almatyDate(dueAt)), from + MAX_DAYS);
  let workingDaysLeft = 0;
  for (let day = from + 1; day <= to; day++) if (isWorkingDay(dateOf(day), calendar)) workingDaysLeft++;
  return { overdue: false, workingDaysLeft };
}
