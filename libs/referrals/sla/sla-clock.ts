import { Inject, Injectable } from '@nestjs/common';
import { almatyDate, APP_CONFIG, type RuntimeConfig } from '@qoldau/core';
import type { ReferralColumns } from '../referrals.repository';
import type { SlaPhase } from '../referral.vocabulary';
import { CalendarRepository } from './calendar.repository';
import { PausesRepository } from './pauses.repository';
import { daysFor, phaseDueAt } from './referral-sla';

/**
 * The referral's working-day clock: started when a phase begins (send → respond, accept → start),
 * recomputed on resume and when the calendar changes, stopped otherwise. Days from the injected config
 * (SLA_RESPOND_DAYS, SLA_START_DAYS); holidays from the table.
 */
@Injectable()
export class SlaClock {
  constructor(
    private readonly calendar: CalendarRepository,
    private readonly pauses: PausesRepository,
    @Inject(APP_CONFIG) private readonly config: RuntimeConfig,
  ) {}

  /** The columns for a referral entering `phase` at `at` (a fresh clock), or for no clock at all. */
  async start(phase: SlaPhase | null, at: Date): Promise<ReferralColumns> {
    if (!phase) return { sla_phase: null, sla_started_at: null, sla_due_at: null, sla_warned_due: null, overdue_at: null };
    const calendar = await this.calendar.around(almatyDate(at));
    return { sla_phase: phase, sla_started_at: at, sla_due_at: phaseDueAt(at, daysFor(phase, this.config), calendar), sla_warned_due: null, overdue_at: null };
  }

  /** The phase's deadline from its start, its pauses and today's calendar (null while paused). */
  async due(referralId: string, phase: SlaPhase, startedAt: Date): Promise<Date | null> {
    const calendar = await this.calendar.around(almatyDate(startedAt));
    const pauses = await this.pauses.ofPhase(referralId, phase);
    return phaseDueAt(startedAt, daysFor(phase, this.config), calendar, pauses);
  }
}
