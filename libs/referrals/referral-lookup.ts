import { Injectable } from '@nestjs/common';
import { CaseGate } from '@qoldau/access';
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
 * Loads a referral for a use case and asks the one gate (libs/access CaseGate.requireOwned) about it.
 * A referral is its parties': the sender, and the receiver once it is sent — anyone else gets 404,
 * exactly as for a missing id. Each event belongs to one side (referral-transitions.ts), whose
 * organisation then needs the policy's action for it (send, withdraw, respond, deliver).
 */
@Injectable()
export class ReferralLookup {
  constructor(
    private readonly gate: CaseGate,
    private readonly referrals: ReferralsRepository,
  ) {}

  /** Authorizes reading the referral: 403 for roles without referrals at all, 404 for non-parties. */
  async readable(actor: Actor, id: string): Promise<Parties> {
    const parties = await this.referrals.parties(id);
    if (!parties) throw new NotFoundError('Referral');
    const owners = parties.status === 'draft' ? [parties.fromOrgId] : [parties.fromOrgId, parties.toOrgId];
    await this.gate.requireOwned(actor, 'read', { subject: 'Referral', id, childId: parties.childId, owners, ownerAction: 'read' });
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
    await this.gate.requireOwned(actor, 'change', {
      subject: 'Referral', id, childId: parties.childId, owners: [side === 'sender' ? parties.fromOrgId : parties.toOrgId], ownerAction: action,
      notYours: () => {
        const error = new ForbiddenError(
          'NOT_YOUR_SIDE',
          side === 'sender' ? `Only the referring organisation may ${event} this referral` : `Only the receiving organisation may ${event} this referral`,
        );
        error.denial = { resourceType: 'Referral', resourceId: id, childId: parties.childId };
        return error;
      },
    });
    const referral = await this.referrals.lock(id);
    return { referral, rule: transition(referral.status, event) };
  }
}
