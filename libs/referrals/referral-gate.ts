import { Injectable } from '@nestjs/common';
import { AccessService } from '@qoldau/access';
import type { Actor } from '@qoldau/auth';
import { ForbiddenError, NotFoundError } from '@qoldau/core';
import { ReferralEvent, ReferralTransition, sideOf, transition } from './referral-transitions';
import { ReferralRecord, ReferralsRepository } from './referrals.repository';

export interface Parties {
  id: string;
  childId: string;
  fromOrgId: string;
  toOrgId: string;
  status: string;
}

/**
 * The access gate of one referral, used first by every use case on it. Only its two organisations see
 * it — and the receiver only once it is sent — anyone else gets 404, exactly as for a missing id. Each
 * event belongs to one side (referral-transitions.ts); the policy then decides whether the actor's role
 * may do that side's action for its organisation (libs/access/policy.ts: send, withdraw, respond, deliver).
 */
@Injectable()
export class ReferralGate {
  constructor(
    private readonly access: AccessService,
    private readonly referrals: ReferralsRepository,
  ) {}

  /** Authorizes reading the referral: 403 for roles without referrals at all, 404 for non-parties. */
  async readable(actor: Actor, id: string): Promise<Parties> {
    this.access.authorize(actor, 'read', 'Referral');
    const parties = await this.referrals.parties(id);
    if (!parties) throw new NotFoundError('Referral');
    this.access.authorize(actor, 'read', 'Referral', { id, orgId: this.partyOrgOf(actor, parties) });
    return parties;
  }

  /**
   * Authorizes `event` on the referral and takes its row lock: 404 for non-parties, 403 NOT_YOUR_SIDE
   * for the other party (the receiver cannot withdraw, the sender cannot accept), then — under the lock,
   * so concurrent attempts see each other's outcome — 422 TRANSITION_NOT_ALLOWED for the wrong state.
   */
  async forEvent(actor: Actor, id: string, event: ReferralEvent): Promise<{ referral: ReferralRecord; rule: ReferralTransition }> {
    const parties = await this.readable(actor, id);
    const { side, action } = sideOf(event);
    const sideOrgId = side === 'sender' ? parties.fromOrgId : parties.toOrgId;
    if (!this.access.can(actor, action, 'Referral', { id, orgId: sideOrgId })) {
      const error = new ForbiddenError(
        'NOT_YOUR_SIDE',
        side === 'sender' ? `Only the referring organisation may ${event} this referral` : `Only the receiving organisation may ${event} this referral`,
      );
      error.denial = { resourceType: 'Referral', resourceId: id, childId: parties.childId };
      throw error;
    }
    const referral = await this.referrals.lock(id);
    return { referral, rule: transition(referral.status, event) };
  }

  /**
   * The organisation through which the actor would see the referral: its own when it is the sender, or
   * the receiver of a sent one. Otherwise the sender's, which the policy's own-org scope then refuses.
   */
  private partyOrgOf(actor: Actor, parties: Parties): string {
    if (actor.orgId === parties.fromOrgId) return parties.fromOrgId;
    if (actor.orgId === parties.toOrgId && parties.status !== 'draft') return parties.toOrgId;
    return parties.fromOrgId;
  }
}
