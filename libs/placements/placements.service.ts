import { Injectable } from '@nestjs/common';
import { CaseGate } from '@qoldau/access';
import { AuditTrail } from '@qoldau/audit';
import type { Actor } from '@qoldau/auth';
import { CaseEvents, InvolvementsService } from '@qoldau/children';
import { BusinessRuleError, Clock } from '@qoldau/core';
import { PlacementReferrals } from '@qoldau/referrals';
import type { EndPlacementDto, PlacementResult, PlacementView, ProposePlacementDto } from './dto/placement.dto';
import { pmpcNotice } from './form-warnings';
import { PlacementChecks } from './placement-checks';
import { PlacementLookup } from './placement-lookup';
import { transition } from './placement-transitions';
import { PlacementsRepository } from './placements.repository';
import { caseClosed, placingOrganization } from './placing-organization';

/**
 * Placements (DESIGN §4): proposing, ending and reading. The state machine is in
 * placement-transitions.ts, activation and transfer in placement-activation.service.ts, support plans
 * in support-plans.service.ts.
 */
@Injectable()
export class PlacementsService {
  constructor(
    private readonly children: CaseGate,
    private readonly lookup: PlacementLookup,
    private readonly placements: PlacementsRepository,
    private readonly checks: PlacementChecks,
    private readonly involvements: InvolvementsService,
    private readonly events: CaseEvents,
    private readonly audit: AuditTrail,
    private readonly referrals: PlacementReferrals,
    private readonly clock: Clock,
  ) {}

  /** POST /children/:id/placements: an organisation involved with the case proposes a placement. */
  async propose(actor: Actor, childId: string, input: ProposePlacementDto): Promise<PlacementResult> {
    const [{ head }] = await this.children.require(actor, 'create', 'Placement', [childId]);

    const org = await placingOrganization(this.placements, input.orgId, input.form);
    if (input.referralId && !(await this.referrals.answersReferral(input.referralId, childId, org.id))) {
      throw new BusinessRuleError('REFERRAL_NOT_FOR_PLACEMENT', 'The referral is not an accepted school placement referral of this child to this organisation', [
        { field: 'referralId', code: 'REFERRAL_NOT_FOR_PLACEMENT', message: 'not an accepted school_placement referral of this child to orgId' },
      ]);
    }
    const providedConditions = await this.checks.conditions(input.providedConditions);
    await this.checks.formOffered(org.type, input.form);
    if (head.status !== 'open') throw caseClosed();

    const { conclusion, warnings } = await this.checks.against(childId, input.form, providedConditions);
    const now = this.clock.now();
    const id = await this.placements.insert({
      childId, orgId: org.id, form: input.form, classLabel: input.classLabel ?? null, startedOn: input.startedOn ?? null,
      usesSupportRoom: input.usesSupportRoom ?? false, providedConditions, assessmentId: conclusion?.assessmentId ?? null,
      referralId: input.referralId ?? null, proposedBy: actor.userId, proposedAt: now,
    });
    await this.events.record({
      childId, section: 'placements', kind: 'placement.proposed', actor, counterpartOrgId: org.id, at: now,
      details: { placementId: id, form: input.form, referralId: input.referralId ?? null, warnings: warnings.map((w) => w.code) },
      audit: {
        resourceType: 'placement', resourceId: id,
        changes: {
          status: { from: null, to: 'proposed' }, orgId: { from: null, to: org.id }, form: { from: null, to: input.form },
          providedConditions: { from: null, to: providedConditions },
        },
      },
      notify: pmpcNotice(conclusion, actor.orgId, 'placement.not_following_conclusion', id, warnings),
    });
    return { ...(await this.placements.find(id))!, warnings };
  }

  /** GET /placements/:id */
  async read(actor: Actor, id: string): Promise<PlacementView> {
    const placement = await this.lookup.authorize(actor, 'read', id);
    this.audit.note({ resourceType: 'placement', resourceId: id, childId: placement.childId });
    return placement;
  }

  /** POST /placements/:id/end: ends an active placement, or cancels a proposed one. */
  async end(actor: Actor, id: string, input: EndPlacementDto): Promise<PlacementView> {
    await this.lookup.authorize(actor, 'update', id);
    const current = (await this.placements.find(id, { lock: true }))!;
    transition(current.status, 'end');
    const endedOn = input.endedOn ?? this.clock.today();
    // A cancelled proposal never started: its planned start does not bound the day it was called off.
    if (current.status === 'active' && current.startedOn && endedOn < current.startedOn) {
      throw new BusinessRuleError('ENDED_BEFORE_START', `The placement started on ${current.startedOn}; it cannot end before that`, [
        { field: 'endedOn', code: 'ENDED_BEFORE_START', message: `before ${current.startedOn}` },
      ]);
    }
    const now = this.clock.now();
    await this.placements.end(id, endedOn, input.reason, current.status === 'active' ? 'ended' : 'cancelled', now);
    // An active placement's involvement ends with it; so does an enrolled proposal's (it was granted at enrolment).
    await this.involvements.end(current.childId, current.organization.id, 'placement', { sourceId: id });
    await this.events.record({
      childId: current.childId, section: 'placements', kind: current.status === 'active' ? 'placement.ended' : 'placement.cancelled',
      actor, orgId: current.organization.id, at: now, details: { placementId: id, endedOn },
      audit: {
        resourceType: 'placement', resourceId: id,
        // The reason is free text about the child: the trail records that it was given, not what it says.
        changes: {
          status: { from: current.status, to: 'ended' }, endedAs: { from: null, to: current.status === 'active' ? 'ended' : 'cancelled' },
          endedOn: { from: null, to: endedOn }, endReason: {},
        },
      },
    });
    return (await this.placements.find(id))!;
  }
}
