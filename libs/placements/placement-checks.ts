import { Injectable } from '@nestjs/common';
import { type CurrentConclusion, CurrentConclusions } from '@qoldau/assessments';
import { BusinessRuleError, InvalidInputError } from '@qoldau/core';
import type { PlacementWarning } from './dto/placement.dto';
import { placementWarnings } from './form-warnings';
import { PlacementsRepository } from './placements.repository';

/**
 * The rules a placement's content must meet, shared by proposing, activating and enrolling: the special
 * conditions it provides are reference codes (400 UNKNOWN_SPECIAL_CONDITION), its form of education is
 * one its organisation's type offers (422 FORM_NOT_OFFERED, table organization_type_forms), and what
 * it is warned about against the child's current signed conclusion.
 */
@Injectable()
export class PlacementChecks {
  constructor(
    private readonly placements: PlacementsRepository,
    private readonly conclusions: CurrentConclusions,
  ) {}

  /** The conditions given (none when absent), once every one of them is a special condition. */
  async conditions(codes: readonly string[] | undefined, field = 'providedConditions'): Promise<string[]> {
    const given = [...(codes ?? [])];
    const unknown = await this.placements.unknownConditions(given);
    if (unknown.length) {
      throw new InvalidInputError('VALIDATION_FAILED', 'The request has invalid fields', unknown.map((code) => ({
        field: `${field}.${given.indexOf(code)}`, code: 'UNKNOWN_SPECIAL_CONDITION', message: 'not a special condition',
      })));
    }
    return given;
  }

  /** 422 FORM_NOT_OFFERED unless organisations of the type offer the form. */
  async formOffered(orgType: string, form: string): Promise<void> {
    if (await this.placements.formOffered(orgType, form)) return;
    throw new BusinessRuleError('FORM_NOT_OFFERED', `A ${orgType} does not offer the form of education ${form}`, [
      { field: 'form', code: 'FORM_NOT_OFFERED', message: `not offered by a ${orgType}` },
    ]);
  }

  /** The child's current conclusion and the warnings a placement of this form and these conditions earns against it. */
  async against(childId: string, form: string, providedConditions: readonly string[]): Promise<{ conclusion: CurrentConclusion | null; warnings: PlacementWarning[] }> {
    const conclusion = await this.conclusions.of(childId);
    return { conclusion, warnings: placementWarnings(conclusion, form, providedConditions) };
  }
}
