import { almatyDate } from '@qoldau/core';
import type { SlaPhase } from '../referral.vocabulary';
import { dueAt, previousWorkingDay, SlaPause, WorkingCalendar } from './working-days';

/** A pause as stored: instants. The calendar counts whole Almaty days (working-days.ts). */
export interface StoredPause {
  pausedAt: Date;
  resumedAt: Date | null;
}

export interface SlaDays {
  slaRespondDays: number;
  slaStartDays: number;
}

/** Working days allowed for a phase: SLA_RESPOND_DAYS to answer, SLA_START_DAYS to start. */
export function daysFor(phase: SlaPhase, config: SlaDays): number {
  return phase === 'respond' ? config.slaRespondDays : config.slaStartDays;
}

/**
 * Pause instants as calendar days: the day the clock was paused does not count, the day it was
 * resumed does. A pause and resume on the same day change nothing.
 */
export function pauseDays(pauses: readonly StoredPause[]): SlaPause[] {
  return pauses.map((p) => ({ from: almatyDate(p.pausedAt), to: p.resumedAt ? almatyDate(p.resumedAt) : null }));
}

/**
 * The deadline of a phase that started at `startedAt`: the end (Almaty) of the `days`-th working day
 * after its start day, with paused days not counted; null while a pause is open.
 */
export function phaseDueAt(startedAt: Date, days: number, calendar: WorkingCalendar, pauses: readonly StoredPause[] = []): Date | null {
  return dueAt(startedAt, days, calendar, pauseDays(pauses));
}

/** The Almaty date from which the receiver is warned: the last working day before the due day. */
export function warningDay(due: Date, calendar: WorkingCalendar): string {
  return previousWorkingDay(almatyDate(due), calendar);
}

/** Whether, at `now`, the deadline `due` is close enough to warn about (and has not passed). */
export function isDueSoon(now: Date, due: Date, calendar: WorkingCalendar): boolean {
  return now.getTime() <= due.getTime() && almatyDate(now) >= warningDay(due, calendar);
}
