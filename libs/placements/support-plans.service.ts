import { Injectable } from '@nestjs/common';
import type { Actor } from '@qoldau/auth';
import { CaseEvents } from '@qoldau/children';
import { Clock, PreconditionRequiredError, VersionConflictError } from '@qoldau/core';
import type { SupportPlanDto, SupportPlanView } from './dto/placement.dto';
import { PlacementLookup } from './placement-lookup';
import { transition } from './placement-transitions';
import { PlacementsRepository } from './placements.repository';

/**
 * PUT /placements/:id/support-plan: the placing organisation writes the child's support plan whole.
 * The first PUT creates it (no If-Match); every later one must carry the plan's version in If-Match
 * (missing → 428, stale → 412), so two coordinators never overwrite each other unseen.
 */
@Injectable()
export class SupportPlansService {
  constructor(
    private readonly lookup: PlacementLookup,
    private readonly placements: PlacementsRepository,
    private readonly events: CaseEvents,
    private readonly clock: Clock,
  ) {}

  async put(actor: Actor, placementId: string, version: number | null, input: SupportPlanDto): Promise<SupportPlanView> {
    await this.lookup.authorize(actor, 'update', placementId);
    const current = (await this.placements.find(placementId, { lock: true }))!;
    transition(current.status, 'plan');
    const plan = { goals: input.goals, services: input.services, reviewDate: input.reviewDate };
    const now = this.clock.now();
    const before = current.supportPlan;
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
    await this.events.record({
      childId: current.childId, section: 'placements', kind: before ? 'support_plan.updated' : 'support_plan.created',
      actor, orgId: current.organization.id, at: now, details: { placementId, reviewDate: input.reviewDate },
      audit: {
        resourceType: 'placement', resourceId: placementId,
        // Goals and services describe the child: named, not copied, in the trail.
        changes: { goals: {}, services: {}, reviewDate: { from: before?.reviewDate ?? null, to: input.reviewDate } },
      },
    });
    return (await this.placements.find(placementId))!.supportPlan!;
  }
}
