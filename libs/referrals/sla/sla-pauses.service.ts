import { Injectable } from '@nestjs/common';
import type { Actor } from '@qoldau/auth';
import { BusinessRuleError, Clock } from '@qoldau/core';
import type { ReferralView } from '../dto/referral.dto';
import { ReferralLookup } from '../referral-lookup';
import { ReferralRecorder } from '../referral-recorder';
import type { SlaPhase } from '../referral.vocabulary';
import { ReferralsService } from '../referrals.service';
import { PausesRepository } from './pauses.repository';
import { SlaClock } from './sla-clock';

/** The receiver stops and restarts a referral's running SLA clock, with a reason from the list. */
@Injectable()
export class SlaPausesService {
  constructor(
    private readonly lookup: ReferralLookup,
    private readonly recorder: ReferralRecorder,
    private readonly pauses: PausesRepository,
    private readonly sla: SlaClock,
    private readonly reader: ReferralsService,
    private readonly clock: Clock,
  ) {}

  /**
   * Stops the running clock with a reason (child ill, family away, guardian not reachable). A deadline
   * that has already passed cannot be paused away: 422 SLA_ALREADY_BREACHED.
   */
  async pause(actor: Actor, id: string, reason: string): Promise<ReferralView> {
    const { referral, rule } = await this.lookup.forEvent(actor, id, 'pause');
    const now = this.clock.now();
    if (await this.pauses.open(id)) throw new BusinessRuleError('SLA_ALREADY_PAUSED', 'The SLA clock of this referral is already paused');
    if (referral.slaDueAt && referral.slaDueAt < now) {
      throw new BusinessRuleError('SLA_ALREADY_BREACHED', 'The deadline has already passed; a pause cannot undo a breach');
    }
    await this.pauses.insert(id, referral.slaPhase as SlaPhase, reason, now, actor.userId);
    await this.recorder.apply(actor, referral, rule, {
      columns: { sla_due_at: null },
      reason,
      details: { phase: referral.slaPhase, pauseReason: reason },
      changes: { slaClock: { from: 'running', to: 'paused' } },
    });
    return this.reader.view(actor, id);
  }

  /** Restarts the clock: the paused days do not count, so the deadline moves out by them. */
  async resume(actor: Actor, id: string): Promise<ReferralView> {
    const { referral, rule } = await this.lookup.forEvent(actor, id, 'resume');
    if (!(await this.pauses.close(id, this.clock.now(), actor.userId))) {
      throw new BusinessRuleError('SLA_NOT_PAUSED', 'The SLA clock of this referral is not paused');
    }
    const due = await this.sla.due(id, referral.slaPhase as SlaPhase, referral.slaStartedAt as Date);
    await this.recorder.apply(actor, referral, rule, {
      columns: { sla_due_at: due },
      details: { phase: referral.slaPhase, dueAt: due?.toISOString() ?? null },
      changes: { slaClock: { from: 'paused', to: 'running' }, slaDueAt: { to: due?.toISOString() ?? null } },
    });
    return this.reader.view(actor, id);
  }
}
