import { Injectable } from '@nestjs/common';
import { Clock, FieldError, InvalidInputError } from '@qoldau/core';
import { reviewDateProblem } from './assessment-rules';
import type { Recommendations } from './assessment.vocabulary';
import { AssessmentColumns, AssessmentsRepository } from './assessments.repository';
import type { AssessmentDraftDto, SpecialistInput } from './dto/assessment.dto';

/** The draft content the checks compare against (the stored draft, or an empty one when opening). */
export interface DraftState {
  noSen: boolean;
  senCategories: string[];
  recommendations: Recommendations;
}

export const EMPTY_DRAFT: DraftState = { noSen: false, senCategories: [], recommendations: { education: null, health: null, social: null } };

/**
 * Checks draft input against the reference tables, the PMPC's staff and the Clock, and turns it into
 * columns. Every problem is reported at once as 400 VALIDATION_FAILED with one `errors[]` entry per
 * field and code; nothing is written before this passes.
 */
@Injectable()
export class DraftValidation {
  constructor(
    private readonly assessments: AssessmentsRepository,
    private readonly clock: Clock,
  ) {}

  /** `today`: the day the review date is judged from — a recorded conclusion's signing day (conclusion-records.ts). */
  async columnsFor(input: AssessmentDraftDto, current: DraftState, pmpcOrgId: string, today = this.clock.today()): Promise<AssessmentColumns> {
    const errors: FieldError[] = [];
    const references = await this.assessments.referenceCodes(input.senCategories ?? [], input.formOfEducation ?? null, input.specialConditions ?? []);

    if (input.senCategories) {
      const known = new Map(references.senCategories.map((c) => [c.code, c.groupCode]));
      for (const code of input.senCategories.filter((c) => !known.has(c))) {
        const hint = code === 'intellectual' ? ' (intellectual categories carry the degree: intellectual_mild, intellectual_moderate, intellectual_severe)' : '';
        errors.push({ field: 'senCategories', code: 'UNKNOWN_SEN_CATEGORY', message: `${code} is not an SEN category${hint}` });
      }
      const seen = new Set<string>();
      for (const code of input.senCategories) {
        if (seen.has(code)) errors.push({ field: 'senCategories', code: 'DUPLICATE_VALUE', message: `${code} is listed twice` });
        seen.add(code);
      }
      const groups = new Map<string, string[]>();
      for (const code of new Set(input.senCategories)) {
        const group = known.get(code);
        if (group) groups.set(group, [...(groups.get(group) ?? []), code]);
      }
      for (const [group, codes] of groups) {
        if (codes.length > 1) {
          errors.push({ field: 'senCategories', code: 'CONFLICTING_SEN_CATEGORIES', message: `only one degree of ${group} may be named: ${codes.join(', ')}` });
        }
      }
    }
    const noSen = input.noSen ?? current.noSen;
    const categories = input.senCategories ?? current.senCategories;
    if (noSen && categories.length > 0) {
      errors.push({ field: 'senCategories', code: 'NOT_ALLOWED_WITH_NO_SEN', message: 'a "no SEN" outcome (noSen: true) names no SEN categories' });
    }
    if (input.formOfEducation && !references.formsOfEducation.includes(input.formOfEducation)) {
      errors.push({ field: 'formOfEducation', code: 'UNKNOWN_FORM_OF_EDUCATION', message: `${input.formOfEducation} is not a form of education` });
    }
    if (input.specialConditions) {
      for (const code of input.specialConditions.filter((c) => !references.specialConditions.includes(c))) {
        errors.push({ field: 'specialConditions', code: 'UNKNOWN_SPECIAL_CONDITION', message: `${code} is not a special condition` });
      }
      if (new Set(input.specialConditions).size !== input.specialConditions.length) {
        errors.push({ field: 'specialConditions', code: 'DUPLICATE_VALUE', message: 'a special condition is listed twice' });
      }
    }
    if (input.reviewDate) {
      const problem = reviewDateProblem(input.reviewDate, today);
      if (problem) errors.push({ field: 'reviewDate', code: 'REVIEW_DATE_OUT_OF_RANGE', message: problem });
    }
    if (input.specialists) errors.push(...(await this.specialistProblems(input.specialists, pmpcOrgId)));
    if (errors.length) throw new InvalidInputError('VALIDATION_FAILED', 'The request has invalid fields', errors);

    return {
      no_sen: input.noSen,
      sen_categories: input.senCategories,
      programme: input.programme,
      form_of_education: input.formOfEducation,
      special_conditions: input.specialConditions,
      recommendations: input.recommendations ? mergeRecommendations(current.recommendations, input.recommendations) : undefined,
      protocol_notes: input.protocolNotes,
      review_date: input.reviewDate,
    };
  }

  /** The commission must be distinct, active users of the same PMPC. */
  private async specialistProblems(specialists: SpecialistInput[], pmpcOrgId: string): Promise<FieldError[]> {
    const errors: FieldError[] = [];
    const members = new Set(await this.assessments.activeMembersOf(pmpcOrgId, specialists.map((s) => s.userId)));
    const seen = new Set<string>();
    specialists.forEach((s, i) => {
      if (!members.has(s.userId)) {
        errors.push({ field: `specialists.${i}.userId`, code: 'NOT_A_PMPC_MEMBER', message: 'not an active user of this PMPC' });
      }
      if (seen.has(s.userId)) errors.push({ field: `specialists.${i}.userId`, code: 'DUPLICATE_VALUE', message: 'this specialist is listed twice' });
      seen.add(s.userId);
    });
    return errors;
  }
}

/** Per sector: a sector sent replaces the stored text (null clears it), one left out is kept. */
export function mergeRecommendations(current: Recommendations, input: Partial<Recommendations>): Recommendations {
  return {
    education: input.education !== undefined ? input.education : current.education,
    health: input.health !== undefined ? input.health : current.health,
    social: input.social !== undefined ? input.social : current.social,
  };
}
