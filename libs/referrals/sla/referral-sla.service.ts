import { Injectable, Logger } from '@nestjs/common';
import { CaseEvents } from '@qoldau/children';
import { almatyDate, Clock, UseCaseRunner } from '@qoldau/core';
import { NotificationsService } from '@qoldau/notifications';
import { CalendarRepository } from './calendar.repository';
import { isDueSoon } from './referral-sla';
import { SlaRepository, RunningDeadline } from './sla.repository';
import { SlaClock } from './sla-clock';

export const SLA_JOB = 'referrals.sla';

/** Deadlines checked per run; the next run (every five minutes) takes the rest. */
const BATCH = 500;

export interface SlaRunResult {
  warned: number;
  breached: number;
}

/**
 * The `referrals.sla` job (every five minutes; tests call `run()` directly). Outside any request, in
 * its own transaction:
 *  - one working day before a deadline, the receiving organisation is warned (referral.sla_due_soon);
 *  - when a deadline passes, the referral is marked overdue (an event, an audit event, a timeline
 *    entry) and both organisations are told (referral.sla_breached).
 * Re-runs notify nobody twice: each referral is marked (sla_warned_due, overdue_at) in the same
 * transaction as its notifications, and notifications carry a dedupe key per deadline. Rows another
 * transaction holds (a transition in flight) are skipped until the next run.
 */
@Injectable()
export class ReferralSlaService {
  private readonly logger = new Logger('ReferralSla');

  constructor(
    private readonly deadlines: SlaRepository,
    private readonly calendar: CalendarRepository,
    private readonly clock: SlaClock,
    private readonly notifications: NotificationsService,
    private readonly events: CaseEvents,
    private readonly runner: UseCaseRunner,
    private readonly time: Clock,
  ) {}

  run(): Promise<SlaRunResult> {
    return this.runner.run({ action: 'job.referrals.sla' }, () => this.check());
  }

  /**
   * After the calendar changed on `date` (an admin edited a holiday): every running deadline whose
   * counting window covers the date is recomputed from its start, its pauses and the new calendar.
   * In the caller's transaction. A breach already marked stays a breach.
   */
  async recomputeRunning(date: string): Promise<number> {
    let changed = 0;
    for (const running of await this.deadlines.runningClocks(date)) {
      const due = await this.clock.due(running.id, running.phase, running.startedAt);
      if (due?.getTime() !== running.dueAt?.getTime()) {
        await this.deadlines.setDue(running.id, due);
        changed++;
      }
    }
    return changed;
  }

  private async check(): Promise<SlaRunResult> {
    const now = this.time.now();
    const result: SlaRunResult = { warned: 0, breached: 0 };
    for (const deadline of await this.deadlines.passed(now, BATCH)) {
      await this.breach(deadline, now);
      result.breached++;
    }
    const calendar = await this.calendar.around(almatyDate(now));
    for (const deadline of await this.deadlines.approaching(now, BATCH)) {
      if (!isDueSoon(now, deadline.dueAt, calendar)) continue;
      await this.warn(deadline, now);
      result.warned++;
    }
    if (result.breached || result.warned) this.logger.log(result, 'SLA deadlines checked');
    return result;
  }

  private async warn(deadline: RunningDeadline, now: Date): Promise<void> {
    const due = deadline.dueAt.toISOString();
    await this.deadlines.markWarned(deadline.id, deadline.dueAt);
    await this.deadlines.appendEvent(deadline, now, 'sla_due_soon', { phase: deadline.phase, dueAt: due });
    await this.notifications.notifyOrganization(deadline.toOrgId, {
      kind: 'referral.sla_due_soon', childId: deadline.childId, referralId: deadline.id,
      payload: { phase: deadline.phase, dueAt: due, status: deadline.status, serviceType: deadline.serviceType },
      dedupeKey: `referral:${deadline.id}:${deadline.phase}:due_soon:${due}`,
    });
  }

  private async breach(deadline: RunningDeadline, now: Date): Promise<void> {
    const due = deadline.dueAt.toISOString();
    await this.deadlines.markOverdue(deadline.id, now);
    await this.deadlines.appendEvent(deadline, now, 'sla_breached', { phase: deadline.phase, dueAt: due });
    await this.events.record({
      childId: deadline.childId, section: 'referrals', kind: 'referral.overdue', actor: null, orgId: deadline.toOrgId, counterpartOrgId: deadline.fromOrgId,
      touchesCase: false, details: { referralId: deadline.id, phase: deadline.phase, dueAt: due, status: deadline.status },
      audit: { action: 'referral.sla_breached', resourceType: 'referral', resourceId: deadline.id, changes: { overdueAt: { from: null, to: now.toISOString() } } },
      notify: {
        orgIds: [deadline.toOrgId, deadline.fromOrgId],
        message: {
          kind: 'referral.sla_breached', referralId: deadline.id,
          payload: { phase: deadline.phase, dueAt: due, status: deadline.status, serviceType: deadline.serviceType },
          dedupeKey: `referral:${deadline.id}:${deadline.phase}:breached:${due}`,
        },
      },
    });
  }
}
