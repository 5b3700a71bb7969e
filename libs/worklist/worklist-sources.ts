import { Injectable } from '@nestjs/common';
import { AssessmentReviews, REVIEW_HORIZON_DAYS } from '@qoldau/assessments';
import type { Actor } from '@qoldau/auth';
import { BreakGlassService } from '@qoldau/oversight';
import { PlacementsWithoutPlan, TransitionsDue } from '@qoldau/placements';
import { type CappedCount, cappedCount } from '@qoldau/core';

export interface Bucket extends CappedCount {
  items: unknown[];
}

/**
 * Worklist buckets owned by other libs.
 *  - conclusionsReviewDue: libs/assessments' AssessmentReviews (signed conclusions of this PMPC whose
 *    review date is within 30 days or has passed): the first page, and a capped count when there is more.
 *  - breakGlassAwaitingReview: libs/oversight's BreakGlassService (unreviewed break-glass uses older
 *    than 7 days in the auditor's scope); it authorizes `review AuditLog` itself.
 *  - placementsWithoutPlan: libs/placements' PlacementsWithoutPlan (the organisation's active
 *    placements that have no support plan yet).
 */
@Injectable()
export class WorklistSources {
  constructor(
    private readonly reviews: AssessmentReviews,
    private readonly breakGlass: BreakGlassService,
    private readonly placements: PlacementsWithoutPlan,
    private readonly transitions: TransitionsDue,
  ) {}

  async conclusionsReviewDue(orgId: string, limit: number): Promise<Bucket> {
    const first = await this.reviews.dueWithin(orgId, { days: REVIEW_HORIZON_DAYS, limit });
    const counted = first.nextCursor ? await this.reviews.countDue(orgId, REVIEW_HORIZON_DAYS) : cappedCount(first.items.length);
    return { ...counted, items: first.items };
  }

  breakGlassAwaitingReview(actor: Actor, limit: number): Promise<Bucket> {
    return this.breakGlass.overdueReviews(actor, limit);
  }

  placementsWithoutPlan(orgId: string, limit: number): Promise<Bucket> {
    return this.placements.of(orgId, limit);
  }

  transitionsDue(orgId: string, limit: number): Promise<Bucket> {
    return this.transitions.of('transitionsDue', orgId, limit);
  }

  planReviewsDue(orgId: string, limit: number): Promise<Bucket> {
    return this.transitions.of('planReviewsDue', orgId, limit);
  }
}
