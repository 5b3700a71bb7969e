import { Injectable } from '@nestjs/common';
import type { Actor } from '@qoldau/auth';
import { CaseEvents } from '@qoldau/children';
import { Clock, FieldError, NotFoundError } from '@qoldau/core';
import type { SupportPlanHistoryView, SupportPlanReviewDto } from './dto/placement.dto';
import { PlacementLookup } from './placement-lookup';
import { transition } from './placement-transitions';
import { PlacementsRepository } from './placements.repository';
import { reviewProblems } from './plan-rules';
import { invalid } from './support-plans.service';
import { SupportPlanHistoryRepository } from './support-plans.repository';

/**
 * A support plan's reviews and its history:
 *  - POST /support-plans/:id/reviews: the placing organisation (`update Placement`, own org) records
 *    the progress of each goal reviewed and the next review date, which becomes the plan's review
 *    date (a new version of the plan, change `reviewed`). 400 UNKNOWN_GOAL for a goal the plan's
 *    current version does not have; 400 PLAN_REVIEW_DATE_OUT_OF_RANGE, DATE_IN_FUTURE.
 *  - GET /support-plans/:id: the plan with every version and every review — for the placing
 *    organisation and for whoever reads the case's placements section (as GET /placements/:id).
 * Access is PlacementLookup's (the one gate); a plan the actor may not reach is 404.
 */
@Injectable()
export class SupportPlanReviewsService {
  constructor(
    private readonly lookup: PlacementLookup,
    private readonly placements: PlacementsRepository,
    private readonly history: SupportPlanHistoryRepository,
    private readonly events: CaseEvents,
    private readonly clock: Clock,
  ) {}

  async review(actor: Actor, planId: string, input: SupportPlanReviewDto): Promise<SupportPlanHistoryView> {
    const placementId = await this.placementOf(planId);
    await this.lookup.authorize(actor, 'update', placementId);
    const current = (await this.placements.find(placementId, { lock: true }))!;
    transition(current.status, 'plan');
    const plan = current.supportPlan!;
    const goalIds = new Set(plan.goals.map((g) => g.id));
    const errors: FieldError[] = reviewProblems(input, this.clock.today());
    const seen = new Set<string>();
    for (const [index, goal] of input.goals.entries()) {
      if (!goalIds.has(goal.goalId)) errors.push({ field: `goals.${index}.goalId`, code: 'UNKNOWN_GOAL', message: 'not a goal of this plan' });
      else if (seen.has(goal.goalId)) errors.push({ field: `goals.${index}.goalId`, code: 'DUPLICATE_VALUE', message: 'this goal is reviewed twice' });
      seen.add(goal.goalId);
    }
    if (errors.length) throw invalid(errors);

    const now = this.clock.now();
    const reviewId = await this.history.insertReview({
      planId, planVersion: plan.version, reviewedOn: input.reviewedOn, nextReviewDate: input.nextReviewDate, recordedBy: actor.userId, recordedAt: now,
      goals: input.goals.map((g) => ({ goalId: g.goalId, progress: g.progress, note: g.note ?? null })),
    });
    await this.history.setReviewDate(planId, input.nextReviewDate, now);
    await this.history.appendVersion(placementId, 'reviewed', actor.userId);
    const achieved = input.goals.filter((g) => g.progress === 'achieved').length;
    await this.events.record({
      childId: current.childId, section: 'placements', kind: 'support_plan.reviewed', actor, orgId: current.organization.id, at: now,
      details: { placementId, planId, reviewId, reviewedOn: input.reviewedOn, nextReviewDate: input.nextReviewDate, goals: input.goals.length, achieved },
      audit: {
        resourceType: 'support_plan', resourceId: planId,
        // Progress notes describe the child: named, not copied, in the trail.
        changes: { reviews: { to: reviewId }, notes: {}, reviewDate: { from: plan.reviewDate, to: input.nextReviewDate } },
      },
    });
    return this.historyOf(planId, placementId);
  }

  async read(actor: Actor, planId: string): Promise<SupportPlanHistoryView> {
    const placementId = await this.placementOf(planId);
    await this.lookup.authorize(actor, 'read', placementId);
    return this.historyOf(planId, placementId);
  }

  private async placementOf(planId: string): Promise<string> {
    const placementId = await this.history.placementOf(planId);
    if (!placementId) throw new NotFoundError('SupportPlan');
    return placementId;
  }

  private async historyOf(planId: string, placementId: string): Promise<SupportPlanHistoryView> {
    const placement = (await this.placements.find(placementId))!;
    return {
      ...placement.supportPlan!, childId: placement.childId, versions: await this.history.versions(planId), reviews: await this.history.reviews(planId),
    };
  }
}
