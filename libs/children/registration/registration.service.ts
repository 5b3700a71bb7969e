import { Injectable } from '@nestjs/common';
import { AccessService, CaseGate } from '@qoldau/access';
import { AuditTrail } from '@qoldau/audit';
import type { Actor } from '@qoldau/auth';
import { almatyDate, ConflictError, InvalidInputError, searchKey } from '@qoldau/core';
import { createdWith } from '../audit-changes';
import { CaseViewService } from '../case-view.service';
import { ChildrenRepository } from '../children.repository';
import type { ChildView, CreateChildDto } from '../dto/child.dto';
import { ConsentsService } from '../consents/consents.service';
import { GuardiansService } from '../guardians/guardians.service';
import { InvolvementsService } from '../involvements/involvements.service';
import { ChildrenSearchRepository } from '../search/children-search.repository';
import { CaseEvents } from '../case-events';
import { resolveIdentity } from './identity-rules';

/**
 * POST /children: one case record per child. The IIN is unique; a child without one is registered
 * with iinPending after the possible duplicates visible to the actor have been looked at. The
 * registering organisation becomes involved ('registered') and so sees the case from then on.
 */
@Injectable()
export class RegistrationService {
  constructor(
    private readonly access: AccessService,
    private readonly gate: CaseGate,
    private readonly children: ChildrenRepository,
    private readonly search: ChildrenSearchRepository,
    private readonly guardians: GuardiansService,
    private readonly consents: ConsentsService,
    private readonly involvements: InvolvementsService,
    private readonly events: CaseEvents,
    private readonly caseView: CaseViewService,
    private readonly audit: AuditTrail,
  ) {}

  async register(actor: Actor, input: CreateChildDto): Promise<ChildView> {
    const { id } = await this.registerRecord(actor, input);
    return this.caseView.assemble(actor, id);
  }

  /**
   * The registration itself — every check, write, timeline entry and audit note of POST /children —
   * without assembling the case view the route answers with: for callers that need only the new id
   * (the children import applies up to 100,000 rows, and the view is a dozen reads each).
   */
  async registerRecord(actor: Actor, input: CreateChildDto): Promise<{ id: string }> {
    this.access.authorize(actor, 'create', 'Child');
    const scope = this.gate.scope(actor);
    const orgId = actor.orgId as string; // every role that may register belongs to an organisation
    if (!(await this.children.regionOfKatoExists(input.kato))) {
      throw new InvalidInputError('VALIDATION_FAILED', 'The request has invalid fields', [
        { field: 'kato', code: 'UNKNOWN_REGION', message: 'kato must lie in one of the regions or cities of republican significance' },
      ]);
    }
    const iin = input.iin ?? null;
    const { birthDate, sex } = resolveIdentity({ iin, birthDate: input.birthDate, sex: input.sex }, almatyDate(scope.now));
    const key = searchKey(input.lastName, input.firstName, input.patronymic);

    // A second record under the same IIN is DUPLICATE_CHILD; a mistyped IIN must not make a silent one.
    if (iin !== null && (await this.children.findIdByIin(iin))) throw await this.duplicateIin(actor, iin);
    if (input.confirmNew !== true) {
      const candidates = await this.search.duplicates(scope, key, birthDate);
      if (candidates.length) {
        const visible = candidates.filter((c) => c.visible);
        throw new ConflictError(
          'POSSIBLE_DUPLICATE',
          'Children with a similar name and the same birth date are already registered; check them (or ask a PMPC), or send confirmNew: true',
          [],
          { candidates: visible.map((c) => ({ id: c.id, similarity: Number(c.similarity) })), otherCandidates: candidates.length - visible.length },
        );
      }
    }

    const id = await this.children.insertUnlessIinTaken({
      iin,
      iin_pending: iin === null,
      last_name: input.lastName,
      first_name: input.firstName,
      patronymic: input.patronymic ?? null,
      search_key: key,
      birth_date: birthDate,
      sex,
      kato: input.kato,
      address: input.address ?? null,
      registered_at: scope.now,
      registered_by_org: orgId,
      registered_by_user: actor.userId,
    });
    if (id === null) throw await this.duplicateIin(actor, iin as string);

    // From the instant this use case reads by, so the case it returns is already visible to the registrar.
    await this.involvements.grant(id, orgId, 'registered', { since: scope.now, createdBy: actor.userId });
    await this.events.record({
      childId: id, section: 'identity', kind: 'child.registered', actor, details: { iinPending: iin === null }, touchesCase: false,
    });
    const guardianIds: string[] = [];
    for (const [index, guardian] of (input.guardians ?? []).entries()) {
      guardianIds.push(await this.guardians.addTo(actor, id, iin, guardian, `guardians.${index}.iin`));
    }
    // Any refusal here rolls the whole registration back (one request, one transaction).
    for (const [index, consent] of (input.consents ?? []).entries()) {
      const guardianId = guardianIds[consent.guardian];
      if (guardianId === undefined) {
        throw new InvalidInputError('VALIDATION_FAILED', 'The request has invalid fields', [
          { field: `consents.${index}.guardian`, code: 'UNKNOWN_GUARDIAN', message: `no guardian at position ${consent.guardian} in guardians` },
        ]);
      }
      await this.consents.recordOn(actor, id, { ...consent, guardianId }, scope.now, `consents.${index}.`);
    }
    this.audit.note({
      resourceType: 'child',
      resourceId: id,
      childId: id,
      changes: createdWith({
        iin, iinPending: iin === null, lastName: input.lastName, firstName: input.firstName, patronymic: input.patronymic,
        birthDate, sex, kato: input.kato, address: input.address, status: 'open', guardians: input.guardians?.length || undefined,
        consents: input.consents?.length || undefined,
        confirmNew: input.confirmNew || undefined,
      }),
    });
    return { id };
  }

  /** 409 DUPLICATE_CHILD; the existing record's id only to an actor who may see it (DESIGN §2). */
  private async duplicateIin(actor: Actor, iin: string): Promise<ConflictError> {
    const existingId = await this.children.findIdByIin(iin);
    const visible = existingId !== null && (await this.gate.mayRead(actor, existingId));
    return new ConflictError(
      'DUPLICATE_CHILD',
      visible ? 'A child with this IIN is already registered' : 'A child with this IIN is already registered; ask a PMPC to look it up by IIN',
      [{ field: 'iin', code: 'DUPLICATE_CHILD', message: 'already registered' }],
      visible ? { existingId } : {},
    );
  }
}
