import { CaseGate } from '@qoldau/access';
import { Injectable } from '@nestjs/common';
import { AuditTrail } from '@qoldau/audit';
import type { Actor } from '@qoldau/auth';
import { almatyDate, BusinessRuleError, InvalidInputError } from '@qoldau/core';
import { transition } from '../case-transitions';
import { CaseViewService } from '../case-view.service';
import { ChildrenRepository } from '../children.repository';
import type { ChildView } from '../dto/child.dto';
import { resolveIdentity } from '../registration/identity-rules';
import { CaseEvents } from '../case-events';
import { ChildMergeSteps } from './merge-steps';
import { MergeRepository } from './merge.repository';

/**
 * POST /children/:id/merge {duplicateId}: two records of one child become one. Everything of the
 * duplicate moves to the survivor (this lib's rows, then every registered ChildMergeStep); the
 * duplicate stays as a tombstone (status merged, merged_into) — reading it answers 404 CHILD_MERGED
 * with `mergedInto` to whoever sees the survivor. The survivor keeps its identity and takes the
 * duplicate's IIN when it has none. Needs 'update' on both children (see the README on a 'merge'
 * permission).
 */
@Injectable()
export class MergeService {
  constructor(
    private readonly gate: CaseGate,
    private readonly children: ChildrenRepository,
    private readonly merges: MergeRepository,
    private readonly steps: ChildMergeSteps,
    private readonly events: CaseEvents,
    private readonly caseView: CaseViewService,
    private readonly audit: AuditTrail,
  ) {}

  async merge(actor: Actor, survivorId: string, duplicateId: string): Promise<ChildView> {
    if (survivorId === duplicateId) {
      // Authorize first all the same: the answer must not depend on whether the id exists.
      await this.gate.authorize(actor, 'merge', survivorId);
      throw new InvalidInputError('VALIDATION_FAILED', 'The request has invalid fields', [
        { field: 'duplicateId', code: 'MERGE_SAME_CHILD', message: 'a record cannot be merged into itself' },
      ]);
    }
    // Lock both cases in id order, so two merges of the same pair cannot deadlock.
    const locked = new Map<string, Awaited<ReturnType<CaseGate['authorize']>>>();
    for (const id of [survivorId, duplicateId].sort()) locked.set(id, await this.gate.authorize(actor, 'merge', id, { lock: true }));
    const { scope } = locked.get(survivorId)!;
    const duplicateHead = locked.get(duplicateId)!.head;
    const status = transition(duplicateHead.status, 'merge');

    const survivor = (await this.children.findRow(survivorId))!;
    const duplicate = (await this.children.findRow(duplicateId))!;
    if (survivor.iin && duplicate.iin) {
      throw new BusinessRuleError('MERGE_IIN_CONFLICT', 'Both records have an IIN, and they differ: these are two different children', [
        { field: 'duplicateId', code: 'MERGE_IIN_CONFLICT', message: 'both records have different IINs' },
      ]);
    }
    const takesIin = survivor.iin === null && duplicate.iin !== null;
    if (takesIin) resolveIdentity({ iin: duplicate.iin, birthDate: survivor.birth_date, sex: survivor.sex }, almatyDate(scope.now));

    await this.children.update(duplicateId, duplicate.version, { status, merged_into: survivorId, merged_at: scope.now, iin: null });
    await this.children.update(survivorId, survivor.version, takesIin ? { iin: duplicate.iin, iin_pending: false } : {});
    await this.merges.moveOwnRows(survivorId, duplicateId, scope.now);
    for (const step of this.steps.list()) await step.move(survivorId, duplicateId, { actor, now: scope.now });

    await this.events.record({
      childId: survivorId, section: 'identity', kind: 'child.merged', actor, details: { duplicateId }, touchesCase: false,
      audit: {
        resourceType: 'child', resourceId: survivorId,
        changes: { mergedFrom: { to: duplicateId }, version: { from: survivor.version, to: survivor.version + 1 }, ...(takesIin && { iin: {} }) },
      },
    });
    await this.audit.record({
      action: 'child.merged_into', outcome: 'allowed', resourceType: 'child', resourceId: duplicateId, childId: duplicateId,
      changes: { status: { from: duplicate.status, to: status }, mergedInto: { from: null, to: survivorId } },
    });
    return this.caseView.assemble(actor, survivorId);
  }
}
