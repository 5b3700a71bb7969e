import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Actor } from '@qoldau/auth';
import { CaseEvents } from '@qoldau/children';
import { Clock, FieldError, InvalidInputError, PreconditionRequiredError, VersionConflictError } from '@qoldau/core';
import type { SupportPlanDto, SupportPlanView } from './dto/placement.dto';
import { PlacementLookup } from './placement-lookup';
import { transition } from './placement-transitions';
import { PlanContent, PlacementsRepository } from './placements.repository';
import { assignGoalIds, planReviewDateProblem } from './plan-rules';
import { SupportPlanHistoryRepository } from './support-plans.repository';

/**
 * PUT /placements/:id/support-plan: the placing organisation writes the child's support plan whole.
 * The first PUT creates it (no If-Match); every later one must carry the plan's version in If-Match
 * (missing → 428, stale → 412), so two coordinators never overwrite each other unseen. Every version
 * is appended to support_plan_versions in the same transaction: nothing is lost by a rewrite.
 *
 * Beyond the DTO's shape (at least one goal, each with area, text, criterion and target date;
 * services with their provider and hours; responsible staff): the review date is after today and
 * within 12 months (400 PLAN_REVIEW_DATE_OUT_OF_RANGE), providers are organisations (400
 * UNKNOWN_ORGANIZATION), and a goal that names an id keeps that goal (400 UNKNOWN_GOAL for an id the
 * current plan does not have).
 */
@Injectable()
export class SupportPlansService {
  constructor(
    private readonly lookup: PlacementLookup,
    private readonly placements: PlacementsRepository,
    private readonly history: SupportPlanHistoryRepository,
    private readonly events: CaseEvents,
    private readonly clock: Clock,
  ) {}

  async put(actor: Actor, placementId: string, version: number | null, input: SupportPlanDto): Promise<SupportPlanView> {
    await this.lookup.authorize(actor, 'update', placementId);
    const current = (await this.placements.find(placementId, { lock: true }))!;
    transition(current.status, 'plan');
    const before = current.supportPlan;
    const plan = await this.validated(input, new Set(before?.goals.map((g) => g.id) ?? []));
    const now = this.clock.now();
    if (!before) {
      // If-Match on a plan that does not exist yet names a version nobody has seen.
      if (version !== null) throw new VersionConflictError(0);
      await this.placements.insertPlan(placementId, plan, now);
    } else {
      if (version === null) throw new PreconditionRequiredError();
      if (version !== before.version || !(await this.placements.updatePlan(placementId, version, plan, now))) {
        throw new VersionConflictError(before.version);
      }
    }
    await this.history.appendVersion(placementId, before ? 'updated' : 'created', actor.userId);
    await this.events.record({
      childId: current.childId, section: 'placements', kind: before ? 'support_plan.updated' : 'support_plan.created',
      actor, orgId: current.organization.id, at: now, details: { placementId, reviewDate: input.reviewDate },
      audit: {
        resourceType: 'placement', resourceId: placementId,
        // Goals, services and staff describe the child and people: named, not copied, in the trail.
        changes: { goals: {}, services: {}, responsibleStaff: {}, reviewDate: { from: before?.reviewDate ?? null, to: input.reviewDate } },
      },
    });
    return (await this.placements.find(placementId))!.supportPlan!;
  }

  /** The plan to write, or 400 with every field that is wrong; nothing is written before this. */
  private async validated(input: SupportPlanDto, currentGoalIds: ReadonlySet<string>): Promise<PlanContent> {
    const { goals, errors } = assignGoalIds(input.goals, currentGoalIds, randomUUID);
    const problem = planReviewDateProblem(input.reviewDate, this.clock.today());
    if (problem) errors.push({ field: 'reviewDate', code: 'PLAN_REVIEW_DATE_OUT_OF_RANGE', message: `reviewDate ${problem}` });
    for (const [index, service] of input.services.entries()) {
      const org = await this.placements.organization(service.providerOrgId);
      if (!org || !org.active) errors.push({ field: `services.${index}.providerOrgId`, code: 'UNKNOWN_ORGANIZATION', message: 'no such active organisation' });
    }
    if (errors.length) throw invalid(errors);
    return {
      goals: goals.map((g) => ({ id: g.id, area: g.area, description: g.description, criterion: g.criterion, targetDate: g.targetDate })),
      services: input.services.map((s) => ({ service: s.service, providerOrgId: s.providerOrgId, hoursPerWeek: s.hoursPerWeek, provider: s.provider ?? null })),
      responsibleStaff: input.responsibleStaff.map((s) => ({ fullName: s.fullName, role: s.role })),
      reviewDate: input.reviewDate,
    };
  }
}

/** Codes that are also the problem's own when they are all that is wrong (400 UNKNOWN_GOAL). */
const PROBLEM_CODES = new Set(['UNKNOWN_GOAL', 'UNKNOWN_ORGANIZATION']);

/** The 400 for `errors`: UNKNOWN_GOAL or UNKNOWN_ORGANIZATION when that is the only kind of error, else VALIDATION_FAILED. */
export function invalid(errors: FieldError[]): InvalidInputError {
  const codes = new Set(errors.map((e) => e.code));
  const [only] = codes;
  const code = codes.size === 1 && PROBLEM_CODES.has(only) ? only : 'VALIDATION_FAILED';
  return new InvalidInputError(code, 'The request has invalid fields', errors);
}
