import { Injectable } from '@nestjs/common';
import type { Actor } from '@qoldau/auth';
import { CaseEvents, InvolvementsService } from '@qoldau/children';
import { BusinessRuleError, Clock, ConflictError } from '@qoldau/core';
import { PlacementReferrals } from '@qoldau/referrals';
import type { ActivatePlacementDto, PlacementResult, PlacementWarning, TransferPlacementDto, TransferResult } from './dto/placement.dto';
import { pmpcNotice } from './form-warnings';
import { PlacementChecks } from './placement-checks';
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
    private readonly checks: PlacementChecks,
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
  async activate(actor: Actor, id: string, input: ActivatePlacementDto = {}): Promise<PlacementResult> {
    const seen = await this.lookup.authorize(actor, 'update', id);
    // Conditions given on activation replace those recorded at the proposal.
    const conditions = input.providedConditions === undefined ? null : await this.checks.conditions(input.providedConditions);
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
    const { conclusion, warnings } = await this.checks.against(current.childId, current.form, conditions ?? current.providedConditions);

    if (current.referralId) await this.referrals.placed(actor, current.referralId, id);
    if (previous) {
      await this.placements.setTransferredFrom(id, previous.id);
      await this.transfer.leave(actor, previous, { placementId: id, orgId: current.organization.id, startedOn }, now, conclusion, 'placement.transferred');
    }
    await this.start(actor, { ...current, transferredFromId: previous?.id ?? null }, startedOn, now, {
      conditions, warnings, notify: pmpcNotice(conclusion, actor.orgId, 'placement.not_following_conclusion', id, warnings),
    });
    return { ...(await this.placements.find(id))!, warnings };
  }

  /**
   * POST /placements/:id/transfer: the current school moves the child to `toOrgId`. The placement ends
   * as transferred on `startedOn`, a placement at the new school begins active that day with the plan
   * carried over, the involvements follow, and both schools and the conclusion's PMPC are notified.
   */
  async transferTo(actor: Actor, id: string, input: TransferPlacementDto): Promise<TransferResult> {
    const seen = await this.lookup.authorize(actor, 'update', id);
    const org = await placingOrganization(this.placements, input.toOrgId, input.form, 'toOrgId');
    await this.checks.formOffered(org.type, input.form);
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
    // The new school is taken to provide what the old one did until it says otherwise (activate or PUT).
    const { conclusion, warnings } = await this.checks.against(current.childId, input.form, current.providedConditions);
    const newId = await this.placements.insert({
      childId: current.childId, orgId: org.id, form: input.form, classLabel: input.classLabel ?? null, startedOn: input.startedOn,
      usesSupportRoom: input.usesSupportRoom ?? false, providedConditions: current.providedConditions, assessmentId: conclusion?.assessmentId ?? null, transferredFromId: id,
      proposedBy: actor.userId, proposedAt: now,
    });
    // The request's own audit event is about the placement it names; the new one gets an event of its own.
    await this.transfer.leave(actor, current, { placementId: newId, orgId: org.id, startedOn: input.startedOn }, now, conclusion);
    const created = (await this.placements.find(newId))!;
    await this.start(actor, created, input.startedOn, now, { auditAction: 'placement.transferred_in', warnings });
    const ended = (await this.placements.find(id))!;
    return { ended, placement: { ...(await this.placements.find(newId))!, warnings } };
  }

  /** The placement becomes active; its school sees the case for as long as it lasts (DESIGN §5). */
  private async start(
    actor: Actor, placement: PlacementRecord, startedOn: string, now: Date,
    options: { conditions?: string[] | null; warnings: PlacementWarning[]; auditAction?: string; notify?: ReturnType<typeof pmpcNotice> },
  ): Promise<void> {
    const { conditions = null, warnings, auditAction, notify } = options;
    await this.placements.activate(placement.id, startedOn, conditions, now);
    await this.involvements.grant(placement.childId, placement.organization.id, 'placement', { sourceId: placement.id, createdBy: actor.userId, since: now });
    await this.events.record({
      childId: placement.childId, section: 'placements', kind: 'placement.activated', actor, orgId: placement.organization.id, at: now,
      details: {
        placementId: placement.id, form: placement.form, startedOn, transferredFromId: placement.transferredFromId, referralId: placement.referralId,
        warnings: warnings.map((w) => w.code),
      },
      audit: {
        resourceType: 'placement', resourceId: placement.id,
        changes: {
          status: { from: placement.status, to: 'active' }, startedOn: { from: placement.startedOn, to: startedOn },
          ...(conditions ? { providedConditions: { from: placement.providedConditions, to: conditions } } : {}),
        },
        ...(auditAction ? { action: auditAction } : {}),
      },
      notify,
    });
  }
}
