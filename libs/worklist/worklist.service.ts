import { Injectable } from '@nestjs/common';
import { AccessService } from '@qoldau/access';
import type { Actor } from '@qoldau/auth';
import { Clock } from '@qoldau/core';
import { ReferralBuckets } from '@qoldau/referrals';
import type { WorklistBuckets, WorklistView } from './dto/worklist.dto';
import { WorklistRepository } from './worklist.repository';
import { WorklistSources } from './worklist-sources';

/**
 * GET /worklist: what the actor's organisation has to do, as counts and first items. Which buckets an
 * actor gets follows from what the policy lets its roles do (referrals, cases, assessments, placements,
 * the audit trail) — never from the role names themselves.
 */
@Injectable()
export class WorklistService {
  constructor(
    private readonly access: AccessService,
    private readonly referrals: ReferralBuckets,
    private readonly worklist: WorklistRepository,
    private readonly sources: WorklistSources,
    private readonly clock: Clock,
  ) {}

  async get(actor: Actor, limit: number): Promise<WorklistView> {
    this.access.authorize(actor, 'read', 'Worklist');
    const orgId = actor.orgId as string;
    this.access.authorize(actor, 'read', 'Worklist', { id: orgId, orgId });
    const now = this.clock.now();
    const buckets: WorklistBuckets = {};
    if (this.access.can(actor, 'read', 'Referral', { orgId })) {
      buckets.incomingAwaitingResponse = await this.referrals.bucket('awaitingResponse', orgId, now, limit);
      buckets.overdue = await this.referrals.bucket('overdue', orgId, now, limit);
      buckets.acceptedNotStarted = await this.referrals.bucket('acceptedNotStarted', orgId, now, limit);
    }
    if (this.access.can(actor, 'update', 'Assessment', { orgId })) {
      buckets.reviewsDue = await this.sources.conclusionsReviewDue(orgId, limit);
    }
    if (this.access.can(actor, 'update', 'Placement', { orgId })) {
      buckets.placementsWithoutPlan = await this.sources.placementsWithoutPlan(orgId, limit);
    }
    if (this.access.can(actor, 'read', 'Child')) {
      buckets.consentsExpiring = await this.worklist.consentsExpiring(orgId, now, limit);
      // Put into this organisation's worklist by the daily transitions job: its PMPC's or placing organisation's.
      buckets.transitionsDue = await this.sources.transitionsDue(orgId, limit);
      buckets.planReviewsDue = await this.sources.planReviewsDue(orgId, limit);
    }
    if (this.access.can(actor, 'review', 'AuditLog')) {
      buckets.breakGlassToReview = await this.sources.breakGlassAwaitingReview(actor, limit);
    }
    return { orgId, generatedAt: now.toISOString(), buckets };
  }
}
