import { FieldError, flattenValidationErrors } from '@qoldau/core';
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
export function childInput(values: Record<string, string>): Record<string, unknown> {
  const guardian = values.guardian_iin || values.guardian_name || values.guardian_relation || values.guardian_phone
    ? [defined({ iin: values.guardian_iin, fullName: values.guardian_name, relation: values.guardian_relation, phone: values.guardian_phone })]
    : undefined;
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
    confirmNew: boolean(values.confirm_new),
  });
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
export async function validateAs(dto: typeof CreateChildDto | typeof CreateOrganizationDto, input: Record<string, unknown>): Promise<FieldError[]> {
  const errors = flattenValidationErrors(await validate(plainToInstance(dto as new () => object, input), { whitelist: true, forbidNonWhitelisted: true }));
  // An empty cell of a required column is one REQUIRED, not every rule its absent value breaks.
  const missing = new Set(errors.filter((e) => !e.field.includes('.') && input[e.field] === undefined).map((e) => e.field));
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
  'guardians.0.iin': 'guardian_iin', 'guardians.0.fullName': 'guardian_name', 'guardians.0.relation': 'guardian_relation', 'guardians.0.phone': 'guardian_phone',
};

export function columnOf(field: string): string {
  return COLUMN_OF[field] ?? field;
}
