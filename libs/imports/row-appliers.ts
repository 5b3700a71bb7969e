import { Injectable } from '@nestjs/common';
import { AccessService, CaseGate, sectorsGatedByConsent } from '@qoldau/access';
import type { Actor } from '@qoldau/auth';
import {
  ConsentsService, CreateChildDto, DISABILITY_STATUSES, GuardiansService, HealthService, IdentityService, RegistrationService, type ConsentKind,
} from '@qoldau/children';
import { BusinessRuleError, FieldError, InvalidInputError } from '@qoldau/core';
import { CreateOrganizationDto, OrganizationsRepository, OrganizationsService } from '@qoldau/organizations';
import { PlacementActivationService, PlacementCorrectionsService, PlacementsService } from '@qoldau/placements';
import { EpisodeRecordsService } from '@qoldau/referrals';
import { ConclusionRecordsService } from '@qoldau/assessments';
import { CHILD_CONCLUSION_REQUIRES, type ImportKind } from './import-columns';
import {
  childInput, ConclusionRow, conclusionInput, disabilityInput, hasConclusion, organizationInput, PlacementRow, placementInput, ServiceEpisodeRow,
  serviceEpisodeInput, validateAs,
} from './import-rows';
import { ImportsRepository, RowOutcome } from './imports.repository';

export interface Applied {
  outcome: Exclude<RowOutcome, 'pending' | 'error'>;
  entityId: string;
}

/** The end reason of a placement a list records as ended (the list gives none). */
const ENDED_IN_LIST = 'ended as recorded in an imported list';

const invalid = (errors: { field: string; code: string; message: string }[]) =>
  new InvalidInputError('VALIDATION_FAILED', 'The row has invalid fields', errors);

/**
 * One row, applied through the same use case as the API route (its validation, access check and audit
 * note): a new natural key registers, a known one updates; a row that changes nothing is `unchanged`.
 * Throws the use case's AppError for a bad row; the caller rolls the row back to its savepoint.
 */
@Injectable()
export class RowAppliers {
  constructor(
    private readonly repository: ImportsRepository,
    private readonly organizations: OrganizationsService,
    private readonly registration: RegistrationService,
    private readonly identity: IdentityService,
    private readonly gate: CaseGate,
    private readonly access: AccessService,
    private readonly directory: OrganizationsRepository,
    private readonly health: HealthService,
    private readonly placements: PlacementsService,
    private readonly activation: PlacementActivationService,
    private readonly corrections: PlacementCorrectionsService,
    private readonly episodes: EpisodeRecordsService,
    private readonly conclusions: ConclusionRecordsService,
    private readonly guardians: GuardiansService,
    private readonly consents: ConsentsService,
  ) {}

  apply(kind: ImportKind, actor: Actor, values: Record<string, string>): Promise<Applied> {
    switch (kind) {
      case 'organizations': return this.organization(actor, values);
      case 'children': return this.child(actor, values);
      case 'placements': return this.placement(actor, values);
      case 'service-episodes': return this.serviceEpisode(actor, values);
      case 'assessments': return this.conclusion(actor, values);
    }
  }

  private async organization(actor: Actor, values: Record<string, string>): Promise<Applied> {
    const input = organizationInput(values);
    const errors = await validateAs(CreateOrganizationDto, input);
    if (!values.external_id) errors.push({ field: 'external_id', code: 'REQUIRED', message: 'an import names each organisation by its external_id' });
    let parentId: string | undefined;
    if (values.parent_external_id) {
      parentId = (await this.repository.organizationByExternalId(values.parent_external_id))?.id;
      if (!parentId) errors.push({ field: 'parent_external_id', code: 'UNKNOWN_PARENT', message: 'no organisation with this external_id' });
    }
    if (errors.length) throw invalid(errors);
    const dto = { ...(input as unknown as CreateOrganizationDto), parentId };
    const existing = await this.repository.organizationByExternalId(dto.externalId as string);
    if (!existing) return { outcome: 'created', entityId: (await this.organizations.create(actor, dto)).id };
    // Only what the row changes goes to the use case (the type of an organisation never changes).
    const current = (await this.directory.findById(existing.id)) as unknown as Record<string, unknown>;
    const { type: _type, ...fields } = dto;
    const changes = Object.fromEntries(
      Object.entries(fields).filter(([key, value]) => value !== undefined && JSON.stringify(current[key] ?? null) !== JSON.stringify(value)),
    );
    if (Object.keys(changes).length === 0) {
      this.access.authorize(actor, 'update', 'Organization', { id: existing.id, orgId: existing.id, kato: current.kato as string | null });
      return { outcome: 'unchanged', entityId: existing.id };
    }
    await this.organizations.update(actor, existing.id, existing.version, changes);
    return { outcome: 'updated', entityId: existing.id };
  }

  private async child(actor: Actor, values: Record<string, string>): Promise<Applied> {
    const input = childInput(values, sectorsGatedByConsent());
    const errors = await validateAs(CreateChildDto, input);
    const disability = disabilityInput(values);
    if (disability && !(DISABILITY_STATUSES as readonly string[]).includes(disability.status)) {
      errors.push({ field: 'disability_status', code: 'NOT_ALLOWED_VALUE', message: `one of ${DISABILITY_STATUSES.join(', ')}` });
    }
    const conclusion = hasConclusion(values) ? conclusionInput(values, values.iin) : null;
    if (conclusion) errors.push(...(await validateAs(ConclusionRow, conclusion)).filter((e) => e.field !== 'child_iin'));
    if (errors.length) throw invalid(errors);
    // Who may not record a disability (only social protection and health may) is told so before anything is registered.
    if (disability) this.access.authorize(actor, 'record_disability', 'Child');
    // A conclusion is the PMPC head's (as the assessments file): anyone else's row is refused the same way.
    if (conclusion) for (const { action, subject } of CHILD_CONCLUSION_REQUIRES) this.access.authorize(actor, action, subject);
    const dto = input as unknown as CreateChildDto;
    const existing = dto.iin ? await this.repository.childByIin(dto.iin) : null;
    // A child this organisation already works with is corrected; anyone else's is DUPLICATE_CHILD from registration.
    if (existing && (await this.gate.mayRead(actor, existing.id))) {
      const { lastName, firstName, patronymic, birthDate, sex, kato } = dto;
      const updated = await this.identity.updateRecord(actor, existing.id, existing.version, { lastName, firstName, patronymic, birthDate, sex, kato });
      const disabilityChanged = disability ? await this.disability(actor, existing.id, disability) : false;
      const related = await this.guardianAndConsents(actor, existing.id, dto);
      const concluded = conclusion ? (await this.conclusion(actor, values, existing.id)).outcome === 'created' : false;
      return { outcome: updated.version === existing.version && !disabilityChanged && !related && !concluded ? 'unchanged' : 'updated', entityId: existing.id };
    }
    const created = await this.registration.registerRecord(actor, dto);
    if (disability) await this.disability(actor, created.id, disability);
    if (conclusion) await this.conclusion(actor, values, created.id);
    return { outcome: 'created', entityId: created.id };
  }

  /**
   * A PMPC conclusion signed on `assessed_on` (ConclusionRecordsService of libs/assessments: opened and
   * signed by the importing head); the same one again is unchanged, a different one ASSESSMENT_SIGNED.
   * From a children row the child is the row's own (`childId`); else one the PMPC works with.
   */
  private async conclusion(actor: Actor, values: Record<string, string>, childId?: string): Promise<Applied> {
    const input = conclusionInput(values, childId ? values.iin : values.child_iin);
    const errors = childId ? [] : await validateAs(ConclusionRow, input);
    if (errors.length) throw invalid(errors);
    const row = input as unknown as ConclusionRow;
    childId ??= await this.childOf(actor, row.childIin);
    const content = {
      noSen: row.noSen ?? false, senCategories: row.senCategories ?? [], programme: row.programme ?? null, formOfEducation: row.educationForm ?? null,
      specialConditions: row.specialConditions ?? [], reviewDate: row.reviewOn ?? null,
    };
    const existing = await this.conclusions.find(actor, childId, row.assessedOn);
    if (existing && this.conclusions.same(existing, content)) return { outcome: 'unchanged', entityId: existing.id };
    return { outcome: 'created', entityId: await this.conclusions.record(actor, childId, row.assessedOn, content) };
  }

  /** A child the importing organisation works with, by IIN: anyone else's is UNKNOWN_CHILD, as if it did not exist. */
  private async childOf(actor: Actor, childIin: string): Promise<string> {
    const child = await this.repository.childByIin(childIin);
    if (!child || !(await this.gate.mayRead(actor, child.id))) {
      throw invalid([{ field: 'child_iin', code: 'UNKNOWN_CHILD', message: 'no child with this IIN that your organisation works with' }]);
    }
    return child.id;
  }

  /**
   * A known child's row: its guardian is added unless already a current one (by IIN), and each consent
   * of the row not active yet is recorded as given by that guardian (POST /children/:id/guardians and
   * /consents). Consents need the row's guardian_iin: without it nobody is known to have given them.
   * True when anything was written.
   */
  private async guardianAndConsents(actor: Actor, childId: string, dto: CreateChildDto): Promise<boolean> {
    const guardian = dto.guardians?.[0];
    const given = guardian?.iin ? await this.guardians.addUnlessCurrent(actor, childId, guardian) : null;
    const missing = [];
    for (const consent of dto.consents ?? []) {
      if (!(await this.consents.isActive(childId, consent.kind as ConsentKind, consent.sector ?? null))) missing.push(consent);
    }
    if (missing.length && !given) {
      throw invalid([{ field: 'guardian_iin', code: 'REQUIRED', message: 'the IIN of the guardian who gives the consents' }]);
    }
    for (const consent of missing) await this.consents.grant(actor, childId, { kind: consent.kind, sector: consent.sector, guardianId: given!.id });
    return (given?.added ?? false) || missing.length > 0;
  }

  /** Records the row's disability status (PUT /children/:id/disability) unless it is the current one already. */
  private async disability(actor: Actor, childId: string, input: { status: string; establishedOn?: string }): Promise<boolean> {
    const { current } = await this.health.disability(actor, childId);
    if (current && current.status === input.status && current.establishedOn === (input.establishedOn ?? null)) return false;
    await this.health.recordDisability(actor, childId, input);
    return true;
  }

  /**
   * The row's child (one the importing organisation works with: anyone else's is UNKNOWN_CHILD, as if
   * it did not exist) and organisation (UNKNOWN_ORGANIZATION).
   */
  private async references(actor: Actor, childIin: string, orgExternalId: string): Promise<{ childId: string; orgId: string }> {
    const errors: FieldError[] = [];
    const child = await this.repository.childByIin(childIin);
    if (!child || !(await this.gate.mayRead(actor, child.id))) {
      errors.push({ field: 'child_iin', code: 'UNKNOWN_CHILD', message: 'no child with this IIN that your organisation works with' });
    }
    const org = await this.repository.organizationByExternalId(orgExternalId);
    if (!org) errors.push({ field: 'org_external_id', code: 'UNKNOWN_ORGANIZATION', message: 'no organisation with this external_id' });
    if (errors.length) throw invalid(errors);
    return { childId: child!.id, orgId: org!.id };
  }

  /**
   * A placement at the importing school: proposed and activated as POST /children/:id/placements and
   * …/activate would (ended too when the row has ended_on); a known one (child, school, first day) is
   * corrected (form, class, support room) or ended.
   */
  private async placement(actor: Actor, values: Record<string, string>): Promise<Applied> {
    const input = placementInput(values);
    const errors = await validateAs(PlacementRow, input);
    if (errors.length) throw invalid(errors);
    const row = input as unknown as PlacementRow;
    const { childId, orgId } = await this.references(actor, row.childIin, row.orgExternalId);
    if (orgId !== actor.orgId) {
      throw new BusinessRuleError('NOT_OWN_ORGANIZATION', 'A school imports its own placements', [
        { field: 'org_external_id', code: 'NOT_OWN_ORGANIZATION', message: 'not your organisation' },
      ]);
    }
    const content = { form: row.form, classLabel: row.classLabel ?? null, usesSupportRoom: row.usesSupportRoom ?? false };
    const existing = await this.corrections.find(actor, { childId, orgId, startedOn: row.startedOn });
    if (!existing) {
      const proposed = await this.placements.propose(actor, childId, { orgId, ...content, startedOn: row.startedOn });
      await this.activation.activate(actor, proposed.id);
      if (row.endedOn) await this.placements.end(actor, proposed.id, { reason: ENDED_IN_LIST, endedOn: row.endedOn });
      return { outcome: 'created', entityId: proposed.id };
    }
    let changed = await this.corrections.correct(actor, existing.id, content);
    if ((row.endedOn ?? null) !== existing.endedOn) {
      if (existing.status === 'ended' || !row.endedOn) {
        throw new BusinessRuleError('TRANSITION_NOT_ALLOWED', existing.status === 'ended'
          ? `The placement ended on ${existing.endedOn}; an ended placement keeps its end`
          : 'The placement has not ended; it ends by a row with ended_on', [], { currentStatus: existing.status });
      }
      await this.placements.end(actor, existing.id, { reason: ENDED_IN_LIST, endedOn: row.endedOn });
      changed = true;
    }
    return { outcome: changed ? 'updated' : 'unchanged', entityId: existing.id };
  }

  /**
   * A service the importing organisation referred the child to, recorded as delivered by the provider
   * (EpisodeRecordsService of libs/referrals); a known one (child, provider, service, first day) has its
   * funding, sessions and end corrected.
   */
  private async serviceEpisode(actor: Actor, values: Record<string, string>): Promise<Applied> {
    const input = serviceEpisodeInput(values);
    const errors = await validateAs(ServiceEpisodeRow, input);
    if (errors.length) throw invalid(errors);
    const row = input as unknown as ServiceEpisodeRow;
    const { childId, orgId } = await this.references(actor, row.childIin, row.orgExternalId);
    const recorded = {
      childId, toOrgId: orgId, serviceType: row.serviceType, funding: row.funding, startedOn: row.startedOn,
      endedOn: row.endedOn ?? null, outcome: row.outcome ?? null, sessions: row.sessions ?? 0, referredOn: row.referredOn ?? null,
    };
    const existing = await this.episodes.find(actor, recorded);
    if (!existing) return { outcome: 'created', entityId: (await this.episodes.record(actor, recorded)).episodeId };
    const changed = await this.episodes.correct(actor, childId, existing, recorded);
    return { outcome: changed ? 'updated' : 'unchanged', entityId: existing.episodeId };
  }
}
