import { CaseGate } from '@qoldau/access';
import { Injectable } from '@nestjs/common';
import { AuditTrail, type Changes } from '@qoldau/audit';
import type { Actor } from '@qoldau/auth';
import { BusinessRuleError, InvalidInputError, NotFoundError, VersionConflictError } from '@qoldau/core';
import { changesOf, createdWith } from '../audit-changes';
import { assertOpen } from '../case-transitions';
import type { GuardianInput, GuardianView, UpdateGuardianDto } from '../dto/guardian.dto';
import { CaseEvents } from '../case-events';
import { GuardianColumns, GuardiansRepository, toGuardianView } from './guardians.repository';

/** Legal representatives: list, add, correct, end. Every change is a new version of the case. */
@Injectable()
export class GuardiansService {
  constructor(
    private readonly gate: CaseGate,
    private readonly guardians: GuardiansRepository,
    private readonly events: CaseEvents,
    private readonly audit: AuditTrail,
  ) {}

  async list(actor: Actor, childId: string): Promise<GuardianView[]> {
    const grant = await this.gate.authorize(actor, 'read', childId);
    const { scope } = grant;
    this.gate.requireSection(actor, grant, 'guardians', 'Section');
    this.audit.note({ resourceType: 'child', resourceId: childId, childId });
    return (await this.guardians.list(childId, scope)).map(toGuardianView);
  }

  async add(actor: Actor, childId: string, input: GuardianInput): Promise<GuardianView> {
    const grant = await this.gate.authorize(actor, 'update', childId, { lock: true });
    assertOpen(grant.head.status);
    this.gate.requireSection(actor, grant, 'guardians', 'Section');
    const id = await this.addTo(actor, childId, grant.head.iin, input, 'iin', { resourceType: 'guardian', changes: createdWith({ ...input }) });
    return toGuardianView((await this.guardians.find(childId, id))!);
  }

  /**
   * POST /children/:id/guardians for a register that lists the guardian with every copy of the child
   * (the children import): a current guardian with the same IIN is that one, nothing is written;
   * otherwise the guardian is added exactly as `add` adds one.
   */
  async addUnlessCurrent(actor: Actor, childId: string, input: GuardianInput): Promise<{ id: string; added: boolean }> {
    const grant = await this.gate.authorize(actor, 'update', childId, { lock: true });
    assertOpen(grant.head.status);
    this.gate.requireSection(actor, grant, 'guardians', 'Section');
    const known = input.iin ? await this.guardians.activeByIin(childId, input.iin) : null;
    if (known) return { id: known.id, added: false };
    const id = await this.addTo(actor, childId, grant.head.iin, input, 'iin', { resourceType: 'guardian', changes: createdWith({ ...input }) });
    return { id, added: true };
  }

  /**
   * Adds a guardian inside a use case that has authorized and locked the child (also registration,
   * which audits the whole registration itself and passes no `audit`).
   */
  async addTo(
    actor: Actor, childId: string, childIin: string | null, input: GuardianInput, field = 'iin',
    audit?: { resourceType: string; changes: Changes },
  ): Promise<string> {
    if (input.iin && input.iin === childIin) {
      throw new BusinessRuleError('GUARDIAN_IS_CHILD', 'A guardian cannot have the IIN of the child', [
        { field, code: 'GUARDIAN_IS_CHILD', message: 'this is the IIN of the child' },
      ]);
    }
    const id = await this.guardians.insert(childId, { iin: input.iin ?? null, full_name: input.fullName, relation: input.relation, phone: input.phone ?? null });
    await this.events.record({
      childId, section: 'guardians', kind: 'guardian.added', actor, details: { guardianId: id, relation: input.relation },
      audit: audit && { ...audit, resourceId: id }, touchesCase: audit !== undefined,
    });
    return id;
  }

  /**
   * The legal representative a use case acts on the word of (an enrolment's written application), on a
   * child it has authorized and locked: `guardianId` must be a current guardian of the child (400
   * UNKNOWN_GUARDIAN otherwise); `guardian` is a current one with that IIN, or else is added. Exactly
   * one of the two is given. `field` prefixes the field names of errors.
   */
  async currentOrAdded(
    actor: Actor, childId: string, childIin: string | null, ref: { guardianId?: string; guardian?: GuardianInput }, field = '',
  ): Promise<{ id: string; added: boolean }> {
    if ((ref.guardianId === undefined) === (ref.guardian === undefined)) {
      throw new InvalidInputError('VALIDATION_FAILED', 'Name the legal representative either by guardianId or as guardian, not both', [
        ref.guardianId === undefined
          ? { field: `${field}guardian`, code: 'REQUIRED', message: 'guardian or guardianId is required' }
          : { field: `${field}guardianId`, code: 'NOT_ALLOWED_HERE', message: 'give guardianId or guardian, not both' },
      ]);
    }
    if (ref.guardianId !== undefined) {
      const guardian = await this.guardians.find(childId, ref.guardianId);
      if (!guardian?.active) {
        throw new InvalidInputError('VALIDATION_FAILED', 'The request has invalid fields', [
          { field: `${field}guardianId`, code: 'UNKNOWN_GUARDIAN', message: 'not a current legal representative of this child' },
        ]);
      }
      return { id: guardian.id, added: false };
    }
    const input = ref.guardian!;
    const known = input.iin ? await this.guardians.activeByIin(childId, input.iin) : null;
    if (known) return { id: known.id, added: false };
    return { id: await this.addTo(actor, childId, childIin, input, `${field}guardian.iin`), added: true };
  }

  async update(actor: Actor, childId: string, guardianId: string, version: number, input: UpdateGuardianDto): Promise<GuardianView> {
    const grant = await this.gate.authorize(actor, 'update', childId, { lock: true });
    assertOpen(grant.head.status);
    this.gate.requireSection(actor, grant, 'guardians', 'Section');
    const current = await this.guardians.find(childId, guardianId, { lock: true });
    if (!current) throw new NotFoundError('Guardian');
    if (!current.active) throw new BusinessRuleError('GUARDIAN_ENDED', 'This guardian has been ended; add a new one instead');
    if (current.version !== version) throw new VersionConflictError(current.version);
    if (input.iin && input.iin === grant.head.iin) {
      throw new BusinessRuleError('GUARDIAN_IS_CHILD', 'A guardian cannot have the IIN of the child', [
        { field: 'iin', code: 'GUARDIAN_IS_CHILD', message: 'this is the IIN of the child' },
      ]);
    }
    const columns: GuardianColumns = Object.fromEntries(
      Object.entries({ iin: input.iin, full_name: input.fullName, relation: input.relation, phone: input.phone }).filter(([, v]) => v !== undefined),
    );
    const changes = changesOf({ ...current }, { ...input });
    if (Object.keys(changes).length) {
      if (!(await this.guardians.update(guardianId, version, columns))) throw new VersionConflictError(version + 1);
      await this.events.record({
        childId, section: 'guardians', kind: 'guardian.updated', actor, details: { guardianId, fields: Object.keys(changes) },
        audit: { resourceType: 'guardian', resourceId: guardianId, changes },
      });
    } else {
      this.audit.note({ resourceType: 'guardian', resourceId: guardianId, childId });
    }
    return toGuardianView((await this.guardians.find(childId, guardianId))!);
  }

  /** Ends a legal representation (DELETE): the row and the consents it gave stay on record. */
  async end(actor: Actor, childId: string, guardianId: string): Promise<GuardianView> {
    const grant = await this.gate.authorize(actor, 'update', childId, { lock: true });
    assertOpen(grant.head.status);
    this.gate.requireSection(actor, grant, 'guardians', 'Section');
    const current = await this.guardians.find(childId, guardianId, { lock: true });
    if (!current) throw new NotFoundError('Guardian');
    if (current.active) {
      await this.guardians.end(guardianId, grant.scope.now);
      await this.events.record({
        childId, section: 'guardians', kind: 'guardian.ended', actor, details: { guardianId },
        audit: { resourceType: 'guardian', resourceId: guardianId, changes: { active: { from: true, to: false } } },
      });
    }
    return toGuardianView((await this.guardians.find(childId, guardianId))!);
  }
}
