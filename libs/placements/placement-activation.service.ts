import { Injectable } from '@nestjs/common';
import { CurrentConclusions } from '@qoldau/assessments';
import type { Actor } from '@qoldau/auth';
import { CaseEvents, InvolvementsService } from '@qoldau/children';
import { BusinessRuleError, Clock, ConflictError } from '@qoldau/core';
import { PlacementReferrals } from '@qoldau/referrals';
import type { PlacementResult, TransferPlacementDto, TransferResult } from './dto/placement.dto';
import { formWarnings } from './form-warnings';
import { PlacementLookup } from './placement-lookup';
import { PlacementTransfer } from './placement-transfer';
import { transition } from './placement-transitions';
import { PlacementRecord, PlacementsRepository } from './placements.repository';
import { caseClosed, placingOrganization } from './placing-organization';

/**
 * A placement starts (DESIGN §4, issue 15): POST /placements/:id/activate, and POST
 * /placements/:id/transfer, by which the current school moves the child to another one. Both take the
 * child's row lock first, so of two activations (or an activation and a transfer) of one child at once
 * exactly one wins and the other sees its result: one active placement per child.
 */
@Injectable()
export class PlacementActivationService {
  constructor(
    private readonly lookup: PlacementLookup,
    private readonly placements: PlacementsRepository,
    private readonly conclusions: CurrentConclusions,
    private readonly involvements: InvolvementsService,
    private readonly events: CaseEvents,
    private readonly transfer: PlacementTransfer,
    private readonly referrals: PlacementReferrals,
    private readonly clock: Clock,
  ) {}

  /**
   * POST /placements/:id/activate: the placing organisation takes the child in. With the child placed
   * elsewhere, 409 ACTIVE_PLACEMENT_EXISTS — unless this placement answers a school_placement referral:
   * then it is a transfer (the other placement ends as transferred, its plan carried over). A referral
   * it answers is completed with the outcome `placed`, in the same transaction.
   */
  async activate(actor: Actor, id: string): Promise<PlacementResult> {
    const seen = await this.lookup.authorize(actor, 'update', id);
    const childStatus = await this.placements.lockChild(seen.childId);
    const current = (await this.placements.find(id, { lock: true }))!;
    transition(current.status, 'activate');
    if (childStatus !== 'open') throw caseClosed();
    const existing = await this.placements.activePlacementOf(current.childId);
    if (existing && (!current.referralId || existing.orgId === current.organization.id)) {
      throw new ConflictError('ACTIVE_PLACEMENT_EXISTS', 'The child already has an active placement; end it before activating another', [], {
        existingId: existing.id,
      });
    }
    const now = this.clock.now();
    const startedOn = current.startedOn ?? this.clock.today();
    const previous = existing ? (await this.placements.find(existing.id, { lock: true }))! : null;
    if (previous) PlacementTransfer.assertStartsAfter(previous, startedOn);
    const conclusion = await this.conclusions.of(current.childId);

    if (current.referralId) await this.referrals.placed(actor, current.referralId, id);
    if (previous) {
      await this.placements.setTransferredFrom(id, previous.id);
      await this.transfer.leave(actor, previous, { placementId: id, orgId: current.organization.id, startedOn }, now, conclusion, 'placement.transferred');
    }
    await this.start(actor, { ...current, transferredFromId: previous?.id ?? null }, startedOn, now);
    return { ...(await this.placements.find(id))!, warnings: formWarnings(conclusion, current.form) };
  }

  /**
   * POST /placements/:id/transfer: the current school moves the child to `toOrgId`. The placement ends
   * as transferred on `startedOn`, a placement at the new school begins active that day with the plan
   * carried over, the involvements follow, and both schools and the conclusion's PMPC are notified.
   */
  async transferTo(actor: Actor, id: string, input: TransferPlacementDto): Promise<TransferResult> {
    const seen = await this.lookup.authorize(actor, 'update', id);
    const org = await placingOrganization(this.placements, input.toOrgId, input.form, 'toOrgId');
    const childStatus = await this.placements.lockChild(seen.childId);
    const current = (await this.placements.find(id, { lock: true }))!;
    transition(current.status, 'transfer');
    if (childStatus !== 'open') throw caseClosed();
    if (org.id === current.organization.id) {
      throw new BusinessRuleError('TRANSFER_TO_SAME_ORGANIZATION', 'The child is already placed in this organisation; a transfer goes to another school', [
        { field: 'toOrgId', code: 'TRANSFER_TO_SAME_ORGANIZATION', message: 'the placement is already in this organisation' },
      ]);
    }
    PlacementTransfer.assertStartsAfter(current, input.startedOn);

    const now = this.clock.now();
    const conclusion = await this.conclusions.of(current.childId);
    const newId = await this.placements.insert({
      childId: current.childId, orgId: org.id, form: input.form, classLabel: input.classLabel ?? null, startedOn: input.startedOn,
      usesSupportRoom: input.usesSupportRoom ?? false, assessmentId: conclusion?.assessmentId ?? null, transferredFromId: id,
      proposedBy: actor.userId, proposedAt: now,
    });
    // The request's own audit event is about the placement it names; the new one gets an event of its own.
    await this.transfer.leave(actor, current, { placementId: newId, orgId: org.id, startedOn: input.startedOn }, now, conclusion);
    const created = (await this.placements.find(newId))!;
    await this.start(actor, created, input.startedOn, now, 'placement.transferred_in');
    const ended = (await this.placements.find(id))!;
    return { ended, placement: { ...(await this.placements.find(newId))!, warnings: formWarnings(conclusion, input.form) } };
  }

  /** The placement becomes active; its school sees the case for as long as it lasts (DESIGN §5). */
  private async start(actor: Actor, placement: PlacementRecord, startedOn: string, now: Date, auditAction?: string): Promise<void> {
    await this.placements.activate(placement.id, startedOn, now);
    await this.involvements.grant(placement.childId, placement.organization.id, 'placement', { sourceId: placement.id, createdBy: actor.userId, since: now });
    await this.events.record({
      childId: placement.childId, section: 'placements', kind: 'placement.activated', actor, orgId: placement.organization.id, at: now,
      details: { placementId: placement.id, form: placement.form, startedOn, transferredFromId: placement.transferredFromId, referralId: placement.referralId },
      audit: {
        resourceType: 'placement', resourceId: placement.id,
        changes: { status: { from: placement.status, to: 'active' }, startedOn: { from: placement.startedOn, to: startedOn } },
        ...(auditAction ? { action: auditAction } : {}),
      },
    });
  }
}
