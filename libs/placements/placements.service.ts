import { Injectable } from '@nestjs/common';
import { CaseGate } from '@qoldau/access';
import { AuditTrail } from '@qoldau/audit';
import type { Actor } from '@qoldau/auth';
import { CaseEvents, InvolvementsService } from '@qoldau/children';
import { BusinessRuleError, Clock, ConflictError, FieldError, InvalidInputError } from '@qoldau/core';
import type { ActivatePlacementDto, EndPlacementDto, PlacementResult, PlacementView, ProposePlacementDto } from './dto/placement.dto';
import { pmpcNotice } from './form-warnings';
import { PlacementChecks } from './placement-checks';
import { PlacementLookup } from './placement-lookup';
import { transition } from './placement-transitions';
import { PLACING_ORGANIZATION_TYPES } from './placement.vocabulary';
import { PlacementsRepository } from './placements.repository';

const caseClosed = () => new BusinessRuleError('CASE_CLOSED', 'The case is closed; reopen it before placing the child');

/**
 * Placements (DESIGN §4): proposing, activating, ending and reading. The state machine is in
 * placement-transitions.ts, support plans in support-plans.service.ts.
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
    private readonly clock: Clock,
  ) {}

  /** POST /children/:id/placements: an organisation involved with the case proposes a placement. */
  async propose(actor: Actor, childId: string, input: ProposePlacementDto): Promise<PlacementResult> {
    const [{ head }] = await this.children.require(actor, 'create', 'Placement', [childId]);

    const org = await this.placements.organization(input.orgId);
    const errors: FieldError[] = [];
    if (!org || !org.active) errors.push({ field: 'orgId', code: 'UNKNOWN_ORGANIZATION', message: 'no such active organisation' });
    if (!(await this.placements.formExists(input.form))) errors.push({ field: 'form', code: 'UNKNOWN_FORM', message: 'not a form of education' });
    if (errors.length || !org) {
      const code = errors.length === 1 ? errors[0].code : 'VALIDATION_FAILED';
      throw new InvalidInputError(code, 'The request has invalid fields', errors);
    }
    if (!(PLACING_ORGANIZATION_TYPES as readonly string[]).includes(org.type)) {
      throw new BusinessRuleError('PLACEMENT_ORGANIZATION_NOT_ELIGIBLE', `A child is placed in a school or kindergarten, not in a ${org.type}`, [
        { field: 'orgId', code: 'PLACEMENT_ORGANIZATION_NOT_ELIGIBLE', message: `${org.type} does not place children` },
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
      proposedBy: actor.userId, proposedAt: now,
    });
    await this.events.record({
      childId, section: 'placements', kind: 'placement.proposed', actor, counterpartOrgId: org.id, at: now,
      details: { placementId: id, form: input.form, warnings: warnings.map((w) => w.code) },
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

  /**
   * POST /placements/:id/activate: the placing organisation takes the child in. The child's row lock
   * serializes activations of one child, so of two at once exactly one wins and the other is 409.
   */
  async activate(actor: Actor, id: string, input: ActivatePlacementDto = {}): Promise<PlacementResult> {
    const seen = await this.lookup.authorize(actor, 'update', id);
    const conditions = input.providedConditions === undefined ? null : await this.checks.conditions(input.providedConditions);
    const childStatus = await this.placements.lockChild(seen.childId);
    const current = (await this.placements.find(id, { lock: true }))!;
    transition(current.status, 'activate');
    if (childStatus !== 'open') throw caseClosed();
    const existing = await this.placements.activeOf(current.childId);
    if (existing) {
      throw new ConflictError('ACTIVE_PLACEMENT_EXISTS', 'The child already has an active placement; end it before activating another', [], {
        existingId: existing,
      });
    }
    const now = this.clock.now();
    const startedOn = current.startedOn ?? this.clock.today();
    await this.placements.activate(id, startedOn, conditions, now);
    const providedConditions = conditions ?? current.providedConditions;
    const { conclusion, warnings } = await this.checks.against(current.childId, current.form, providedConditions);
    // The placing organisation sees the case for as long as the placement lasts (DESIGN §5).
    await this.involvements.grant(current.childId, current.organization.id, 'placement', { sourceId: id, createdBy: actor.userId, since: now });
    await this.events.record({
      childId: current.childId, section: 'placements', kind: 'placement.activated', actor, orgId: current.organization.id, at: now,
      details: { placementId: id, form: current.form, startedOn, warnings: warnings.map((w) => w.code) },
      audit: {
        resourceType: 'placement', resourceId: id,
        changes: {
          status: { from: current.status, to: 'active' }, startedOn: { from: current.startedOn, to: startedOn },
          ...(conditions ? { providedConditions: { from: current.providedConditions, to: conditions } } : {}),
        },
      },
      notify: pmpcNotice(conclusion, actor.orgId, 'placement.not_following_conclusion', id, warnings),
    });
    return { ...(await this.placements.find(id))!, warnings };
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
    await this.placements.end(id, endedOn, input.reason, now);
    // An active placement's involvement ends with it; so does an enrolled proposal's (it was granted at enrolment).
    await this.involvements.end(current.childId, current.organization.id, 'placement', { sourceId: id });
    await this.events.record({
      childId: current.childId, section: 'placements', kind: current.status === 'active' ? 'placement.ended' : 'placement.cancelled',
      actor, orgId: current.organization.id, at: now, details: { placementId: id, endedOn },
      audit: {
        resourceType: 'placement', resourceId: id,
        // The reason is free text about the child: the trail records that it was given, not what it says.
        changes: { status: { from: current.status, to: 'ended' }, endedOn: { from: null, to: endedOn }, endReason: {} },
      },
    });
    return (await this.placements.find(id))!;
  }
}
