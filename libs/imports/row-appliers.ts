import { Injectable } from '@nestjs/common';
import { AccessService, CaseGate } from '@qoldau/access';
import type { Actor } from '@qoldau/auth';
import { CreateChildDto, IdentityService, RegistrationService } from '@qoldau/children';
import { InvalidInputError } from '@qoldau/core';
import { CreateOrganizationDto, OrganizationsRepository, OrganizationsService } from '@qoldau/organizations';
import type { ImportKind } from './import-columns';
import { childInput, organizationInput, validateAs } from './import-rows';
import { ImportsRepository, RowOutcome } from './imports.repository';

export interface Applied {
  outcome: Exclude<RowOutcome, 'pending' | 'error'>;
  entityId: string;
}

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
  ) {}

  apply(kind: ImportKind, actor: Actor, values: Record<string, string>): Promise<Applied> {
    return kind === 'organizations' ? this.organization(actor, values) : this.child(actor, values);
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
    const input = childInput(values);
    const errors = await validateAs(CreateChildDto, input);
    if (errors.length) throw invalid(errors);
    const dto = input as unknown as CreateChildDto;
    const existing = dto.iin ? await this.repository.childByIin(dto.iin) : null;
    // A child this organisation already works with is corrected; anyone else's is DUPLICATE_CHILD from registration.
    if (existing && (await this.gate.mayRead(actor, existing.id))) {
      const { lastName, firstName, patronymic, birthDate, sex, kato } = dto;
      const updated = await this.identity.update(actor, existing.id, existing.version, { lastName, firstName, patronymic, birthDate, sex, kato });
      return { outcome: updated.version === existing.version ? 'unchanged' : 'updated', entityId: existing.id };
    }
    return { outcome: 'created', entityId: (await this.registration.register(actor, dto)).id };
  }
}
