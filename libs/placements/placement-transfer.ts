import { Injectable } from '@nestjs/common';
import type { CurrentConclusion } from '@qoldau/assessments';
import type { Actor } from '@qoldau/auth';
import { BusinessRuleError } from '@qoldau/core';
import { CaseEvents, InvolvementsService } from '@qoldau/children';
import { PlacementRecord, PlacementsRepository } from './placements.repository';
import { SupportPlanHistoryRepository } from './support-plans.repository';

export interface TransferTarget {
  /** The placement at the new school (already written, activated by the caller). */
  placementId: string;
  orgId: string;
  /** The first day at the new school: the day the previous placement ends. */
  startedOn: string;
}

/**
 * What a transfer does to the placement the child leaves (issue 15), said once for both ways a
 * transfer happens — POST /placements/:id/transfer by the current school, and the activation of a
 * placement that answers a school_placement referral while the child is placed elsewhere:
 *  - the previous placement ends as `transferred` on the first day at the new school (not before it
 *    started: 422 ENDED_BEFORE_START), and its school's `placement` involvement ends;
 *  - its support plan is carried over as the new placement's plan, one version on, naming the plan it
 *    came from; the old plan stays with the old placement as it was (unless the new placement already
 *    has a plan of its own, which is kept);
 *  - the timeline gets `placement.transferred`, and both schools and the PMPC that signed the current
 *    conclusion are notified (ids and codes only).
 * In the caller's transaction, under the child's row lock.
 */
@Injectable()
export class PlacementTransfer {
  constructor(
    private readonly placements: PlacementsRepository,
    private readonly planHistory: SupportPlanHistoryRepository,
    private readonly involvements: InvolvementsService,
    private readonly events: CaseEvents,
  ) {}

  /** 422 ENDED_BEFORE_START when the new school's first day is before the previous placement began. */
  static assertStartsAfter(from: PlacementRecord, startedOn: string, field = 'startedOn'): void {
    if (from.startedOn && startedOn < from.startedOn) {
      throw new BusinessRuleError('ENDED_BEFORE_START', `The placement being left started on ${from.startedOn}; the transfer cannot begin before that`, [
        { field, code: 'ENDED_BEFORE_START', message: `before ${from.startedOn}` },
      ]);
    }
  }

  /**
   * Ends `from` as transferred and carries its plan to `to`. `auditAction` records the previous
   * placement's change as an audit event of its own (when the request's event is about the new one).
   */
  async leave(
    actor: Actor, from: PlacementRecord, to: TransferTarget, now: Date, conclusion: CurrentConclusion | null, auditAction?: string,
  ): Promise<{ planId: string | null }> {
    PlacementTransfer.assertStartsAfter(from, to.startedOn);
    await this.placements.end(from.id, to.startedOn, null, 'transferred', now);
    await this.involvements.end(from.childId, from.organization.id, 'placement', { sourceId: from.id });
    const planId = from.supportPlan ? await this.placements.carryPlan(from.supportPlan.id, to.placementId, now) : null;
    // The carried plan's history at the new school starts with it (the old plan's stays with the old placement).
    if (planId) await this.planHistory.appendVersion(to.placementId, 'carried', actor.userId);
    const details = {
      fromPlacementId: from.id, placementId: to.placementId, fromOrgId: from.organization.id, toOrgId: to.orgId, startedOn: to.startedOn,
      planCarried: planId !== null,
    };
    const notified = [...new Set([from.organization.id, to.orgId, ...(conclusion ? [conclusion.pmpcOrgId] : [])])];
    await this.events.record({
      childId: from.childId, section: 'placements', kind: 'placement.transferred', actor, orgId: from.organization.id, counterpartOrgId: to.orgId, at: now,
      details,
      audit: {
        resourceType: 'placement', resourceId: from.id,
        changes: {
          status: { from: from.status, to: 'ended' }, endedAs: { from: null, to: 'transferred' }, endedOn: { from: null, to: to.startedOn },
          transferredTo: { from: null, to: to.placementId }, ...(planId ? { supportPlanCarriedTo: { from: null, to: planId } } : {}),
        },
        ...(auditAction ? { action: auditAction } : {}),
      },
      notify: { orgIds: notified, message: { kind: 'placement.transferred', payload: details } },
    });
    return { planId };
  }
}
