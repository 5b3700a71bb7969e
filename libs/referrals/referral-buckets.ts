import { Injectable } from '@nestjs/common';
import type { CappedCount } from '@qoldau/core';
import type { ReferralView } from './dto/referral.dto';
import { ReferralsRepository, type WorklistReferralBucket } from './referrals.repository';

/**
 * The referrals lib's port for the worklist (libs/worklist): an organisation's referrals that need
 * doing something about, counted, with the first few. The worklist decides who gets which bucket.
 */
@Injectable()
export class ReferralBuckets {
  constructor(private readonly referrals: ReferralsRepository) {}

  bucket(bucket: WorklistReferralBucket, orgId: string, now: Date, limit: number): Promise<CappedCount & { items: ReferralView[] }> {
    return this.referrals.bucket(bucket, orgId, now, limit);
  }
}
