import { Injectable } from '@nestjs/common';
import type { Changes } from '@qoldau/audit';
import type { Actor } from '@qoldau/auth';
import { CaseEvents, InvolvementsService } from '@qoldau/children';
import { Clock } from '@qoldau/core';
import { NotificationsService } from '@qoldau/notifications';
import { ENDED_WITHOUT_SERVICE, ReferralEvent, ReferralTransition, Side, SLA_PHASE_OF, TERMINAL_STATUSES } from './referral-transitions';
import type { ReferralStatus } from './referral.vocabulary';
import { ReferralColumns, ReferralRecord, ReferralsRepository } from './referrals.repository';
import { PausesRepository } from './sla/pauses.repository';
import { SlaClock } from './sla/sla-clock';

/** What happened, for the timeline and the notifications (`referral.<past tense>`). */
const KIND: Record<ReferralEvent, string> = {
  send: 'referral.sent', accept: 'referral.accepted', decline: 'referral.declined', waitlist: 'referral.waitlisted',
  withdraw: 'referral.withdrawn', pause: 'referral.paused', resume: 'referral.resumed', start: 'referral.started', complete: 'referral.completed',
};

/** The receiver learns of a new referral as "received"; every other notification is named after its event. */
const NOTIFICATION_KIND: Partial<Record<ReferralEvent, string>> = { send: 'referral.received' };

export interface TransitionChange {
  /** Further columns of the referral (reasons, timestamps). */
  columns?: ReferralColumns;
  /** The reason given (decline/withdraw text, pause reason code): in the event and the audit event. */
  reason?: string | null;
  /** Codes and ids for the event, the timeline and the audit (funding, outcome, episode id…). */
  details?: Record<string, unknown>;
  /** Further audited field changes. */
  changes?: Changes;
  /** The service episode started or completed by this transition (its `service` involvement follows it). */
  episodeId?: string;
  /**
   * An audit event of its own under this action, for a transition another use case makes as part of
   * its own (a placement's activation completing its referral); otherwise noted on the request's event.
   */
  auditAction?: string;
}

/**
 * Everything a transition leaves behind, in the request's transaction, written once for every event:
 * the row (status, version, SLA clock when the phase changes, terminal timestamp), the referral_events
 * row, the child's timeline entry, the audit note, the receiver's involvement (granted on send, ended
 * when the referral ends without service; its `service` involvement while an episode runs) and the
 * notifications: the one the table asks for, and a freed place to a receiver with a waiting list.
 */
@Injectable()
export class ReferralRecorder {
  constructor(
    private readonly referrals: ReferralsRepository,
    private readonly pauses: PausesRepository,
    private readonly sla: SlaClock,
    private readonly events: CaseEvents,
    private readonly involvements: InvolvementsService,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
  ) {}

  async apply(actor: Actor, referral: ReferralRecord, rule: ReferralTransition, change: TransitionChange = {}): Promise<void> {
    const now = this.clock.now();
    const from = referral.status as ReferralStatus;
    const to = rule.to;
    const columns: ReferralColumns = { ...change.columns, status: to };
    const [fromPhase, toPhase] = [SLA_PHASE_OF[from], SLA_PHASE_OF[to]];
    if (fromPhase !== toPhase) {
      // A new phase gets a fresh clock; a pause of the old one ends with it.
      if (fromPhase) await this.pauses.close(referral.id, now, null);
      Object.assign(columns, await this.sla.start(toPhase, now));
    }
    if (TERMINAL_STATUSES.includes(to)) columns.closed_at = now;
    await this.referrals.update(referral.id, columns);

    await this.referrals.appendEvent({
      referralId: referral.id, at: now, event: rule.event, fromStatus: from, toStatus: to,
      actorUserId: actor.userId, actorOrgId: actor.orgId, reason: change.reason ?? null, details: change.details,
    });
    const counterpart = actor.orgId === referral.fromOrgId ? referral.toOrgId : referral.fromOrgId;
    await this.events.record({
      childId: referral.childId, section: 'referrals', kind: KIND[rule.event], actor, counterpartOrgId: counterpart, touchesCase: false,
      details: { referralId: referral.id, serviceType: referral.serviceType, from, to, ...change.details },
      audit: {
        resourceType: 'referral', resourceId: referral.id, reason: change.reason ?? null, changes: { status: { from, to }, ...change.changes },
        ...(change.auditAction ? { action: change.auditAction } : {}),
      },
      notify: rule.notify ? {
        orgIds: [this.orgOf(referral, rule.notify)],
        message: {
          kind: NOTIFICATION_KIND[rule.event] ?? KIND[rule.event],
          referralId: referral.id,
          payload: { serviceType: referral.serviceType, priority: referral.priority, status: to, ...change.details },
        },
      } : undefined,
    });

    if (from === 'draft' && to === 'sent') {
      await this.involvements.grant(referral.childId, referral.toOrgId, 'referral', { sourceId: referral.id, createdBy: actor.userId });
    }
    if (ENDED_WITHOUT_SERVICE.includes(to) && from !== 'draft') {
      await this.involvements.end(referral.childId, referral.toOrgId, 'referral', { sourceId: referral.id });
    }
    // The receiver serves the child while the episode runs.
    if (change.episodeId && to === 'in_progress') {
      await this.involvements.grant(referral.childId, referral.toOrgId, 'service', { sourceId: change.episodeId, createdBy: actor.userId });
    }
    if (change.episodeId && to === 'completed') {
      await this.involvements.end(referral.childId, referral.toOrgId, 'service', { sourceId: change.episodeId });
    }
    if (to === 'completed') await this.placeFreed(referral);
  }

  /** A place is free again: tell the receiving organisation when someone is waiting for it. */
  private async placeFreed(referral: ReferralRecord): Promise<void> {
    const waiting = await this.referrals.waitlistLength(referral.toOrgId);
    if (waiting > 0) {
      await this.notifications.notifyOrganization(referral.toOrgId, { kind: 'waitlist.place_freed', payload: { waiting, serviceType: referral.serviceType } });
    }
  }

  orgOf(referral: ReferralRecord, side: Side): string {
    return side === 'sender' ? referral.fromOrgId : referral.toOrgId;
  }
}
