import { CaseGate } from '@qoldau/access';
import { Injectable } from '@nestjs/common';
import type { Actor } from '@qoldau/auth';
import { ConsentsService } from '@qoldau/children';
import { BusinessRuleError, Clock } from '@qoldau/core';
import type { ReferralView } from './dto/referral.dto';
import { assertPlaceFree } from './episodes/places';
import { PlacesRepository } from './episodes/places.repository';
import { ReferralLookup } from './referral-lookup';
import { ReferralRecorder } from './referral-recorder';
import { ReferralsRepository } from './referrals.repository';
import { caseClosed, consentRequired, ReferralsService } from './referrals.service';

/**
 * The referral's journey up to the start of the service: send (sender), accept / decline / waitlist
 * (receiver), withdraw (sender). Each use case: the gate (authorize, lock, state machine), its own
 * rule, then the recorder writes everything else. Pausing the clock: sla/sla-pauses.service.ts.
 */
@Injectable()
export class ReferralResponsesService {
  constructor(
    private readonly lookup: ReferralLookup,
    private readonly recorder: ReferralRecorder,
    private readonly referrals: ReferralsRepository,
    private readonly places: PlacesRepository,
    private readonly children: CaseGate,
    private readonly consents: ConsentsService,
    private readonly reader: ReferralsService,
    private readonly clock: Clock,
  ) {}

  /** Sends a draft: the receiver gets a referral involvement with the child, a notification and the respond clock. */
  async send(actor: Actor, id: string): Promise<ReferralView> {
    const { referral, rule } = await this.lookup.forEvent(actor, id, 'send');
    const { head } = await this.children.authorize(actor, 'read', referral.childId);
    if (head.status !== 'open') throw caseClosed();
    if (!(await this.consents.isActive(referral.childId, 'services'))) throw consentRequired();
    const receiver = await this.referrals.organization(referral.toOrgId);
    if (!receiver?.active) throw new BusinessRuleError('ORGANIZATION_INACTIVE', 'The receiving organisation no longer takes referrals');
    await this.recorder.apply(actor, referral, rule, { columns: { sent_at: this.clock.now() } });
    return this.reader.view(actor, id);
  }

  /** Accepting promises a place: refused with CAPACITY_FULL when none is free (waitlist instead). */
  async accept(actor: Actor, id: string): Promise<ReferralView> {
    const { referral, rule } = await this.lookup.forEvent(actor, id, 'accept');
    await this.recorder.apply(actor, referral, rule, {
      columns: referral.status === 'sent' ? { responded_at: this.clock.now() } : {},
      details: { fromWaitlist: referral.status === 'waitlisted' },
    });
    const view = await this.reader.view(actor, id);
    // The organisation's row lock serialises the receiver's acceptances; it is taken last, so it is held
    // only for the count and the commit instead of every write above (a full organisation rolls them
    // all back). Counted after this acceptance, so this referral is among the promised places.
    const places = await this.places.lockAndCount(referral.toOrgId);
    assertPlaceFree({ ...places, promised: places.promised - 1 });
    return view;
  }

  async decline(actor: Actor, id: string, reason: string): Promise<ReferralView> {
    const { referral, rule } = await this.lookup.forEvent(actor, id, 'decline');
    await this.recorder.apply(actor, referral, rule, {
      columns: { decline_reason: reason, ...(referral.status === 'sent' && { responded_at: this.clock.now() }) },
      reason,
    });
    return this.reader.view(actor, id);
  }

  /** The receiver answers "no place now": the referral joins its waiting list (urgent first, then by sending time). */
  async waitlist(actor: Actor, id: string): Promise<ReferralView> {
    const { referral, rule } = await this.lookup.forEvent(actor, id, 'waitlist');
    // Serializes the organisation's queue, so the position recorded is the one the list shows.
    await this.places.lockAndCount(referral.toOrgId);
    const position = await this.referrals.queuePosition(referral.id);
    await this.recorder.apply(actor, referral, rule, { columns: { responded_at: this.clock.now() }, details: { position } });
    return this.reader.view(actor, id);
  }

  async withdraw(actor: Actor, id: string, reason: string | null): Promise<ReferralView> {
    const { referral, rule } = await this.lookup.forEvent(actor, id, 'withdraw');
    if (referral.status === 'waitlisted') await this.places.lockAndCount(referral.toOrgId);
    await this.recorder.apply(actor, referral, rule, { columns: { withdraw_reason: reason }, reason });
    return this.reader.view(actor, id);
  }
}
