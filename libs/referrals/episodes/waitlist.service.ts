import { Injectable } from '@nestjs/common';
import { AccessService } from '@qoldau/access';
import type { Actor } from '@qoldau/auth';
import { Clock, NotFoundError } from '@qoldau/core';
import type { WaitlistView } from '../dto/referral.dto';
import { ReferralsRepository } from '../referrals.repository';
import { PlacesRepository } from './places.repository';

/** An organisation's waiting list with its places: for the organisation itself only. */
@Injectable()
export class WaitlistService {
  constructor(
    private readonly access: AccessService,
    private readonly places: PlacesRepository,
    private readonly referrals: ReferralsRepository,
    private readonly clock: Clock,
  ) {}

  /** GET /organizations/:id/waitlist — the organisation's own waiting list, in order. */
  async waitlist(actor: Actor, orgId: string): Promise<WaitlistView> {
    this.access.authorize(actor, 'read', 'Referral');
    this.access.authorize(actor, 'read', 'Referral', { id: orgId, orgId });
    const capacity = await this.places.capacity(orgId);
    if (!capacity) throw new NotFoundError('Organization');
    const taken = await this.places.count(orgId);
    const referrals = await this.referrals.waitlist(orgId, this.clock.now());
    return {
      orgId,
      capacity: capacity.capacity,
      placesTaken: taken.activeEpisodes + taken.promised,
      items: referrals.map((referral, i) => ({ position: i + 1, referral })),
    };
  }
}
