import { BusinessRuleError, FieldError, InvalidInputError } from '@qoldau/core';
import { PLACING_ORGANIZATION_TYPES } from './placement.vocabulary';
import { PlacementsRepository } from './placements.repository';

export const caseClosed = () => new BusinessRuleError('CASE_CLOSED', 'The case is closed; reopen it before placing the child');

/**
 * The organisation and form a placement is proposed or transferred with: 400 UNKNOWN_ORGANIZATION
 * (missing or inactive) and UNKNOWN_FORM, each bad field named (VALIDATION_FAILED for both); 422
 * PLACEMENT_ORGANIZATION_NOT_ELIGIBLE for an organisation that does not place children.
 */
export async function placingOrganization(placements: PlacementsRepository, orgId: string, form: string, field = 'orgId'): Promise<{ id: string; type: string }> {
  const org = await placements.organization(orgId);
  const errors: FieldError[] = [];
  if (!org || !org.active) errors.push({ field, code: 'UNKNOWN_ORGANIZATION', message: 'no such active organisation' });
  if (!(await placements.formExists(form))) errors.push({ field: 'form', code: 'UNKNOWN_FORM', message: 'not a form of education' });
  if (errors.length || !org) {
    const code = errors.length === 1 ? errors[0].code : 'VALIDATION_FAILED';
    throw new InvalidInputError(code, 'The request has invalid fields', errors);
  }
  if (!(PLACING_ORGANIZATION_TYPES as readonly string[]).includes(org.type)) {
    throw new BusinessRuleError('PLACEMENT_ORGANIZATION_NOT_ELIGIBLE', `A child is placed in a school or kindergarten, not in a ${org.type}`, [
      { field, code: 'PLACEMENT_ORGANIZATION_NOT_ELIGIBLE', message: `${org.type} does not place children` },
    ]);
  }
  return org;
}
