import { FieldError, flattenValidationErrors, IsDateOnly, IsIin, IsSafeText } from '@qoldau/core';
import { COMPLETION_OUTCOMES, FUNDING_SOURCES, SERVICE_TYPES } from '@qoldau/referrals';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { PROGRAMMES } from '@qoldau/assessments';
import { CreateChildDto } from '@qoldau/children';
import { CreateOrganizationDto } from '@qoldau/organizations';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { normalizeDate } from './import-file';

/** What a row failed with: the problem's code and message, and the fields it names. */
export interface RowError {
  field: string | null;
  code: string;
  message: string;
}

const TRUE = ['true', '1', 'yes', 'иә', 'да'];
const FALSE = ['false', '0', 'no', 'жоқ', 'нет'];

/** "12" → 12; anything else stays text so the validator names it (NOT_AN_INTEGER). */
function integer(value: string | undefined): number | string | undefined {
  return value !== undefined && /^-?\d+$/.test(value) ? Number(value) : value;
}

function boolean(value: string | undefined): boolean | string | undefined {
  if (value === undefined) return undefined;
  const lower = value.toLowerCase();
  return TRUE.includes(lower) ? true : FALSE.includes(lower) ? false : value;
}

const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

/** A children row as the body of POST /children (one guardian at most). */
export function childInput(values: Record<string, string>, gatedSectors: readonly string[] = []): Record<string, unknown> {
  const guardian = values.guardian_iin || values.guardian_name || values.guardian_relation || values.guardian_phone
    ? [defined({ iin: values.guardian_iin, fullName: values.guardian_name, relation: values.guardian_relation, phone: values.guardian_phone })]
    : undefined;
  const consents = [
    ...(boolean(values.consent_services) === true ? [{ kind: 'services', guardian: 0 }] : []),
    ...(boolean(values.consent_assessment) === true ? [{ kind: 'assessment', guardian: 0 }] : []),
    ...sharingSectors(values.consent_data_sharing, gatedSectors).map((sector) => ({ kind: 'data_sharing', sector, guardian: 0 })),
  ];
  return defined({
    iin: values.iin,
    iinPending: values.iin === undefined ? true : undefined,
    lastName: values.last_name,
    firstName: values.first_name,
    patronymic: values.patronymic,
    birthDate: normalizeDate(values.birth_date),
    sex: values.sex,
    kato: values.kato,
    guardians: guardian,
    consents: consents.length ? consents : undefined,
    confirmNew: boolean(values.confirm_new),
  });
}

/**
 * `consent_data_sharing`: the sectors the guardian shares the case with (`health`, `social`, separated by
 * spaces, commas or semicolons), or yes for every sector that needs the consent; no/empty for none. A
 * word that is neither stays, for the consent's own validation to name (NOT_ALLOWED_VALUE).
 */
function sharingSectors(value: string | undefined, gatedSectors: readonly string[]): string[] {
  if (value === undefined) return [];
  const yesNo = boolean(value);
  if (yesNo === true) return [...gatedSectors];
  if (yesNo === false) return [];
  return value.split(/[\s,;]+/).filter(Boolean).map((s) => s.toLowerCase());
}

/** The disability columns of a children row, for PUT /children/:id/disability; null when the row has none. */
export function disabilityInput(values: Record<string, string>): { status: string; establishedOn?: string } | null {
  if (values.disability_status === undefined) return null;
  return defined({ status: values.disability_status, establishedOn: normalizeDate(values.disability_established_on) }) as { status: string; establishedOn?: string };
}

/** A placements row: the child by IIN, the placing organisation by external id (the natural key adds started_on). */
export class PlacementRow {
  @IsIin() childIin: string;
  @IsSafeText({ max: 100 }) orgExternalId: string;
  @IsSafeText({ max: 64 }) form: string;
  @IsOptional() @IsSafeText({ max: 40 }) classLabel?: string;
  @IsDateOnly() startedOn: string;
  @IsOptional() @IsDateOnly() endedOn?: string;
  @IsOptional() @IsBoolean() usesSupportRoom?: boolean;
}

export function placementInput(values: Record<string, string>): Record<string, unknown> {
  return defined({
    childIin: values.child_iin, orgExternalId: values.org_external_id, form: values.form, classLabel: values.class_label,
    startedOn: normalizeDate(values.started_on), endedOn: normalizeDate(values.ended_on), usesSupportRoom: boolean(values.uses_support_room),
  });
}

/** A service-episodes row: the child by IIN, the providing organisation by external id. */
export class ServiceEpisodeRow {
  @IsIin() childIin: string;
  @IsSafeText({ max: 100 }) orgExternalId: string;
  @IsIn(SERVICE_TYPES) serviceType: string;
  @IsIn(FUNDING_SOURCES) funding: string;
  @IsDateOnly() startedOn: string;
  @IsOptional() @IsDateOnly() endedOn?: string;
  @IsOptional() @IsInt() @Min(0) @Max(10_000) sessions?: number;
  @IsOptional() @IsIn(COMPLETION_OUTCOMES) outcome?: string;
  @IsOptional() @IsDateOnly() referredOn?: string;
}

export function serviceEpisodeInput(values: Record<string, string>): Record<string, unknown> {
  return defined({
    childIin: values.child_iin, orgExternalId: values.org_external_id, serviceType: values.service_type, funding: values.funding,
    startedOn: normalizeDate(values.started_on), endedOn: normalizeDate(values.ended_on), sessions: integer(values.sessions), outcome: values.outcome,
    referredOn: normalizeDate(values.referred_on),
  });
}

/** A list cell: codes separated by `;` (or commas, spaces), lower-cased; empty → none. */
function codes(value: string | undefined): string[] | undefined {
  return value === undefined ? undefined : value.split(/[\s,;]+/).filter(Boolean).map((code) => code.toLowerCase());
}

/**
 * A PMPC conclusion row (the assessments file; a children row's conclusion columns): the child by IIN,
 * the day it was signed, the content. The codes are checked against the reference tables by the
 * assessments lib (UNKNOWN_SEN_CATEGORY, UNKNOWN_FORM_OF_EDUCATION, UNKNOWN_SPECIAL_CONDITION).
 */
export class ConclusionRow {
  @IsIin() childIin: string;
  @IsDateOnly() assessedOn: string;
  @IsOptional() @IsBoolean() noSen?: boolean;
  @IsOptional() @IsArray() @ArrayMaxSize(12) @IsString({ each: true }) @MaxLength(60, { each: true }) senCategories?: string[];
  @IsOptional() @IsIn(PROGRAMMES) programme?: string;
  @IsOptional() @IsSafeText({ max: 60 }) educationForm?: string;
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @MaxLength(60, { each: true }) specialConditions?: string[];
  @IsOptional() @IsDateOnly() reviewOn?: string;
}

export function conclusionInput(values: Record<string, string>, childIin = values.child_iin): Record<string, unknown> {
  return defined({
    childIin, assessedOn: normalizeDate(values.assessed_on), noSen: boolean(values.no_sen), senCategories: codes(values.sen_categories),
    programme: values.programme?.toLowerCase(), educationForm: values.education_form?.toLowerCase(), specialConditions: codes(values.special_conditions),
    reviewOn: normalizeDate(values.review_on),
  });
}

/** Whether a children row carries a conclusion (its `sen_categories` or `no_sen` column is filled). */
export function hasConclusion(values: Record<string, string>): boolean {
  return values.sen_categories !== undefined || values.no_sen !== undefined;
}

/** An organisations row as the body of POST /organizations (the parent still as its external id). */
export function organizationInput(values: Record<string, string>): Record<string, unknown> {
  return defined({
    externalId: values.external_id,
    type: values.type,
    nameKk: values.name_kk,
    nameRu: values.name_ru,
    kato: values.kato,
    capacity: integer(values.capacity),
    stateOrderPlaces: integer(values.state_order_places),
    supportRooms: integer(values.support_rooms),
    senConditions: boolean(values.sen_conditions),
    senConditionsSince: normalizeDate(values.sen_conditions_since),
  });
}

/** The API's own validation of a body (the global pipe's rules: whitelist, the same field codes). */
export async function validateAs(dto: typeof CreateChildDto | typeof CreateOrganizationDto | typeof PlacementRow | typeof ServiceEpisodeRow | typeof ConclusionRow, input: Record<string, unknown>): Promise<FieldError[]> {
  let errors = flattenValidationErrors(await validate(plainToInstance(dto as new () => object, input), { whitelist: true, forbidNonWhitelisted: true }));
  // An empty cell of a required column is one REQUIRED, not every rule its absent value breaks.
  const missing = new Set(errors.filter((e) => !e.field.includes('.') && input[e.field] === undefined).map((e) => e.field));
  // A cell that is not a number is only that: not also too small and too large.
  const notNumbers = new Set(errors.filter((e) => e.code === 'NOT_AN_INTEGER').map((e) => e.field));
  errors = errors.filter((e) => !notNumbers.has(e.field) || e.code === 'NOT_AN_INTEGER');
  return [
    ...[...missing].map((field) => ({ field: columnOf(field), code: 'REQUIRED', message: `${columnOf(field)} is required` })),
    ...errors.filter((e) => !missing.has(e.field)).map((e) => ({ ...e, field: columnOf(e.field) })),
  ];
}

/** Field errors named by the file's columns, so the user finds the cell. */
const COLUMN_OF: Record<string, string> = {
  externalId: 'external_id', nameKk: 'name_kk', nameRu: 'name_ru', stateOrderPlaces: 'state_order_places', supportRooms: 'support_rooms',
  senConditions: 'sen_conditions', senConditionsSince: 'sen_conditions_since', parentId: 'parent_external_id',
  lastName: 'last_name', firstName: 'first_name', birthDate: 'birth_date', confirmNew: 'confirm_new', iinPending: 'iin',
  childIin: 'child_iin', orgExternalId: 'org_external_id', orgId: 'org_external_id', toOrgId: 'org_external_id', classLabel: 'class_label',
  startedOn: 'started_on', endedOn: 'ended_on', referredOn: 'referred_on', usesSupportRoom: 'uses_support_room', serviceType: 'service_type',
  establishedOn: 'disability_established_on', status: 'disability_status',
  assessedOn: 'assessed_on', signedOn: 'assessed_on', noSen: 'no_sen', senCategories: 'sen_categories', educationForm: 'education_form',
  formOfEducation: 'education_form', specialConditions: 'special_conditions', reviewOn: 'review_on', reviewDate: 'review_on',
  'consents.0.kind': 'consent_services', 'consents.0.sector': 'consent_data_sharing', 'consents.1.sector': 'consent_data_sharing', 'consents.2.sector': 'consent_data_sharing',
  'guardians.0.iin': 'guardian_iin', 'guardians.0.fullName': 'guardian_name', 'guardians.0.relation': 'guardian_relation', 'guardians.0.phone': 'guardian_phone',
};

export function columnOf(field: string): string {
  if (COLUMN_OF[field]) return COLUMN_OF[field];
  const list = /^(senCategories|specialConditions)\.\d+$/.exec(field);
  if (list) return COLUMN_OF[list[1]];
  return field.startsWith('consents.') ? 'consent_data_sharing' : field;
}
