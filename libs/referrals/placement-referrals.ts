import { Injectable } from '@nestjs/common';
import type { Actor } from '@qoldau/auth';
import { ReferralsRepository } from './referrals.repository';
import { ServiceDeliveryService } from './service-delivery.service';

/**
 * The port libs/placements uses for the `school_placement` referrals a placement answers (issue 15;
 * declared in test/unit/lib-dependencies.spec.ts): whether a proposal may name a referral, and closing
 * the referral when the placement is activated. The placements lib decides nothing about referrals.
 */
@Injectable()
export class PlacementReferrals {
  constructor(
    private readonly referrals: ReferralsRepository,
    private readonly delivery: ServiceDeliveryService,
  ) {}

  /** An accepted `school_placement` referral of this child to this organisation. */
  answersReferral(referralId: string, childId: string, orgId: string): Promise<boolean> {
    return this.referrals.isAcceptedPlacementReferral(referralId, childId, orgId);
  }

  /** The placement started: the referral is started and completed with the outcome `placed`, as `actor` (its receiver). */
  placed(actor: Actor, referralId: string, placementId: string): Promise<void> {
    return this.delivery.completeAsPlaced(actor, referralId, placementId);
  }
}
