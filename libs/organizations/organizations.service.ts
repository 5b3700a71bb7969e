import { Injectable } from '@nestjs/common';
import { AccessService } from '@qoldau/access';
import { AuditTrail, diff } from '@qoldau/audit';
import type { Actor } from '@qoldau/auth';
import { BusinessRuleError, ConflictError, FieldError, ForbiddenError, InvalidInputError, NotFoundError, Page, VersionConflictError } from '@qoldau/core';
import { CreateOrganizationDto, NATIONAL_ORGANIZATION_TYPE, OrganizationQuery, OrganizationView, UpdateOrganizationDto } from './dto/organization.dto';
import { OrganizationColumns, OrganizationsRepository } from './organizations.repository';

/** Types that carry inclusion support rooms and the "conditions for SEN children" flag. */
const MAINSTREAM_TYPES = ['school', 'kindergarten'];

/** Use cases for the organisation directory: list, read, register, change. */
@Injectable()
export class OrganizationsService {
  constructor(
    private readonly organizations: OrganizationsRepository,
    private readonly access: AccessService,
    private readonly audit: AuditTrail,
  ) {}

  list(actor: Actor, query: OrganizationQuery): Promise<Page<OrganizationView>> {
    this.access.authorize(actor, 'read', 'Organization');
    return this.organizations.list(query);
  }

  async get(actor: Actor, id: string): Promise<OrganizationView> {
    const organization = await this.organizations.findById(id);
    if (!organization) throw new NotFoundError('Organization');
    this.access.authorize(actor, 'read', 'Organization', { id, orgId: id, kato: organization.kato });
    return organization;
  }

  async create(actor: Actor, input: CreateOrganizationDto): Promise<OrganizationView> {
    this.access.authorize(actor, 'create', 'Organization');
    if (!this.access.can(actor, 'create', 'Organization', { kato: input.kato })) {
      throw new ForbiddenError('OUTSIDE_REGION', 'You may register organisations only in your own region');
    }
    const errors: FieldError[] = [];
    if (!(await this.organizations.typeSector(input.type))) errors.push({ field: 'type', code: 'UNKNOWN_TYPE', message: 'no such organisation type' });
    if (input.type === NATIONAL_ORGANIZATION_TYPE && input.kato !== undefined) {
      errors.push({ field: 'kato', code: 'NATIONAL_HAS_NO_REGION', message: 'the ministry works nationwide and has no region' });
    }
    await this.checkReferences(input, errors);
    if (errors.length) throw new InvalidInputError('VALIDATION_FAILED', 'The request has invalid fields', errors);
    this.checkApplicable(input.type, input);
    if (input.externalId && (await this.organizations.externalIdTaken(input.externalId))) {
      throw new ConflictError('DUPLICATE_EXTERNAL_ID', `An organisation with externalId ${input.externalId} already exists`);
    }
    const id = await this.organizations.insert({ type: input.type, ...columnsOf(input) });
    return (await this.organizations.findById(id)) as OrganizationView;
  }

  async update(actor: Actor, id: string, version: number, input: UpdateOrganizationDto): Promise<OrganizationView> {
    const current = await this.organizations.findById(id, { lock: true });
    if (!current) throw new NotFoundError('Organization');
    this.access.authorize(actor, 'read', 'Organization', { id, orgId: id, kato: current.kato });
    this.access.authorize(actor, 'update', 'Organization', { id, orgId: id, kato: current.kato });
    if (input.kato && !this.access.can(actor, 'update', 'Organization', { id, orgId: id, kato: input.kato })) {
      throw new ForbiddenError('OUTSIDE_REGION', 'You may not move an organisation out of your region');
    }
    if (current.version !== version) throw new VersionConflictError(current.version);
    const errors: FieldError[] = [];
    await this.checkReferences(input, errors, id);
    if (errors.length) throw new InvalidInputError('VALIDATION_FAILED', 'The request has invalid fields', errors);
    if (current.type === NATIONAL_ORGANIZATION_TYPE && input.kato !== undefined) {
      errors.push({ field: 'kato', code: 'NATIONAL_HAS_NO_REGION', message: 'the ministry works nationwide and has no region' });
      throw new InvalidInputError('VALIDATION_FAILED', 'The request has invalid fields', errors);
    }
    this.checkApplicable(current.type, { ...current, ...input });
    if (input.externalId && (await this.organizations.externalIdTaken(input.externalId, id))) {
      throw new ConflictError('DUPLICATE_EXTERNAL_ID', `An organisation with externalId ${input.externalId} already exists`);
    }
    const columns = columnsOf(input);
    if (Object.keys(columns).length > 0 && !(await this.organizations.update(id, version, columns))) {
      throw new VersionConflictError(current.version + 1);
    }
    const updated = (await this.organizations.findById(id)) as OrganizationView;
    this.audit.note({ resourceType: 'organization', resourceId: id, changes: diff(current, input) });
    return updated;
  }

  private async checkReferences(input: UpdateOrganizationDto, errors: FieldError[], selfId?: string): Promise<void> {
    if (input.kato && !(await this.organizations.regionExists(input.kato))) {
      errors.push({ field: 'kato', code: 'UNKNOWN_REGION', message: 'kato must be the KATO code of a region or city of republican significance' });
    }
    if (input.parentId) {
      if (!(await this.organizations.findById(input.parentId))) {
        errors.push({ field: 'parentId', code: 'UNKNOWN_PARENT', message: 'no such organisation' });
      } else if (selfId && (await this.organizations.wouldLoop(selfId, input.parentId))) {
        errors.push({ field: 'parentId', code: 'PARENT_LOOP', message: 'an organisation cannot be its own ancestor' });
      }
    }
  }

  /** Support rooms and SEN conditions describe mainstream schools and kindergartens only. */
  private checkApplicable(type: string, values: { supportRooms?: number; senConditions?: boolean; senConditionsSince?: string | null }): void {
    if (MAINSTREAM_TYPES.includes(type)) {
      if (values.senConditionsSince && values.senConditions === false) {
        throw new BusinessRuleError('SEN_CONDITIONS_SINCE_WITHOUT_CONDITIONS', 'senConditionsSince needs senConditions = true');
      }
      return;
    }
    const wrong = [
      values.supportRooms ? 'supportRooms' : null,
      values.senConditions ? 'senConditions' : null,
      values.senConditionsSince ? 'senConditionsSince' : null,
    ].filter((f): f is string => f !== null);
    if (wrong.length) {
      throw new BusinessRuleError(
        'NOT_APPLICABLE_TO_TYPE',
        `${wrong.join(', ')} apply only to mainstream schools and kindergartens`,
        wrong.map((field) => ({ field, code: 'NOT_APPLICABLE_TO_TYPE', message: `not applicable to ${type}` })),
      );
    }
  }
}

function columnsOf(input: UpdateOrganizationDto): OrganizationColumns {
  const columns: OrganizationColumns = {
    name_kk: input.nameKk,
    name_ru: input.nameRu,
    kato: input.kato,
    parent_id: input.parentId,
    capacity: input.capacity,
    state_order_places: input.stateOrderPlaces,
    support_rooms: input.supportRooms,
    sen_conditions: input.senConditions,
    sen_conditions_since: input.senConditionsSince,
    external_id: input.externalId,
    active: input.active,
  };
  return Object.fromEntries(Object.entries(columns).filter(([, v]) => v !== undefined)) as OrganizationColumns;
}
