import { Injectable } from '@nestjs/common';
import { CaseGate } from '@qoldau/access';
import { AuditTrail } from '@qoldau/audit';
import type { Actor } from '@qoldau/auth';
import { almatyDate, ConflictError, InvalidInputError, searchKey, VersionConflictError } from '@qoldau/core';
import { changesOf } from '../audit-changes';
import { assertOpen, CaseTransition, transition } from '../case-transitions';
import { CaseViewService } from '../case-view.service';
import { ChildColumns, ChildrenRepository, toIdentity } from '../children.repository';
import type { ChildView, UpdateChildDto } from '../dto/child.dto';
import { CaseEvents } from '../case-events';
import { resolveIdentity } from './identity-rules';

const duplicateIin = (existingId: string | null) =>
  new ConflictError('DUPLICATE_CHILD', 'Another child with this IIN is already registered', [{ field: 'iin', code: 'DUPLICATE_CHILD', message: 'already registered' }], existingId ? { existingId } : {});

/**
 * Changes to the child's own record: identity (PATCH with If-Match; an IIN can be added to a child
 * registered without one, validated like at registration) and the case status (close / reopen).
 */
@Injectable()
export class IdentityService {
  constructor(
    private readonly gate: CaseGate,
    private readonly children: ChildrenRepository,
    private readonly events: CaseEvents,
    private readonly caseView: CaseViewService,
    private readonly audit: AuditTrail,
  ) {}

  async update(actor: Actor, id: string, version: number, input: UpdateChildDto): Promise<ChildView> {
    await this.updateRecord(actor, id, version, input);
    return this.caseView.assemble(actor, id);
  }

  /**
   * PATCH /children/:id without assembling the case view it answers with (the children import corrects
   * thousands of rows and needs only whether the version moved); the version after it.
   */
  async updateRecord(actor: Actor, id: string, version: number, input: UpdateChildDto): Promise<{ version: number }> {
    const { head, scope } = await this.gate.authorize(actor, 'update', id, { lock: true });
    assertOpen(head.status);
    if (head.version !== version) throw new VersionConflictError(head.version);
    const row = (await this.children.findRow(id))!;
    if (input.kato !== undefined && !(await this.children.regionOfKatoExists(input.kato))) {
      throw new InvalidInputError('VALIDATION_FAILED', 'The request has invalid fields', [
        { field: 'kato', code: 'UNKNOWN_REGION', message: 'kato must lie in one of the regions or cities of republican significance' },
      ]);
    }
    const iin = input.iin ?? row.iin;
    const identity = resolveIdentity({ iin, birthDate: input.birthDate ?? row.birth_date, sex: input.sex ?? row.sex }, almatyDate(scope.now));
    if (input.iin !== undefined && input.iin !== row.iin) {
      const existingId = await this.children.findIdByIin(input.iin);
      if (existingId) {
        throw duplicateIin((await this.gate.mayRead(actor, existingId)) ? existingId : null);
      }
    }
    const names = { lastName: input.lastName ?? row.last_name, firstName: input.firstName ?? row.first_name, patronymic: input.patronymic === undefined ? row.patronymic : input.patronymic };
    const after = { ...names, iin, iinPending: iin === null, birthDate: identity.birthDate, sex: identity.sex, kato: input.kato ?? row.kato, address: input.address === undefined ? row.address : input.address };
    const changes = changesOf({ ...toIdentity(row) }, after);
    if (Object.keys(changes).length === 0) return { version };

    const columns: ChildColumns = {
      iin: after.iin,
      iin_pending: after.iinPending,
      last_name: after.lastName,
      first_name: after.firstName,
      patronymic: after.patronymic,
      search_key: searchKey(after.lastName, after.firstName, after.patronymic),
      birth_date: after.birthDate,
      sex: after.sex,
      kato: after.kato,
      address: after.address,
    };
    const updated = await this.children.update(id, version, columns).catch((error: unknown) => {
      // A registration with the same IIN committed between the check above and this update.
      if ((error as { driverError?: { constraint?: string } }).driverError?.constraint === 'UQ_children_iin') throw duplicateIin(null);
      throw error;
    });
    if (!updated) throw new VersionConflictError(version + 1);
    await this.events.record({
      childId: id, section: 'identity', kind: 'child.updated', actor, details: { fields: Object.keys(changes) }, touchesCase: false,
      audit: { resourceType: 'child', resourceId: id, changes: { ...changes, version: { from: version, to: version + 1 } } },
    });
    return { version: version + 1 };
  }

  close(actor: Actor, id: string, reason: string): Promise<ChildView> {
    return this.changeStatus(actor, id, 'close', reason);
  }

  reopen(actor: Actor, id: string, reason?: string): Promise<ChildView> {
    return this.changeStatus(actor, id, 'reopen', reason ?? null);
  }

  private async changeStatus(actor: Actor, id: string, name: Extract<CaseTransition, 'close' | 'reopen'>, reason: string | null): Promise<ChildView> {
    const { head, scope } = await this.gate.authorize(actor, 'update', id, { lock: true });
    const status = transition(head.status, name);
    const closing = name === 'close';
    await this.children.update(id, head.version, { status, closed_reason: closing ? reason : null, closed_at: closing ? scope.now : null });
    await this.events.record({
      childId: id, section: 'identity', kind: closing ? 'child.closed' : 'child.reopened', actor, details: reason ? { reason } : {}, touchesCase: false,
      audit: { resourceType: 'child', resourceId: id, reason, changes: { status: { from: head.status, to: status }, version: { from: head.version, to: head.version + 1 } } },
    });
    return this.caseView.assemble(actor, id);
  }
}
