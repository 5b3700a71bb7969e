import type { FieldError } from '@qoldau/core';
import { REVIEW_WITHIN_YEARS } from './assessment.vocabulary';

/** What signing looks at: the conclusion's content. */
export interface ConclusionContent {
  noSen: boolean;
  senCategories: readonly string[];
  programme: string | null;
  formOfEducation: string | null;
  reviewDate: string | null;
}

/** `date` (YYYY-MM-DD) plus whole years; 29 February becomes 28 February in a common year. */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const lastDay = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
  return new Date(Date.UTC(y + years, m - 1, Math.min(d, lastDay))).toISOString().slice(0, 10);
}

/** `date` (YYYY-MM-DD) plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The latest review date allowed when `today` is the date in Kazakhstan. */
export function latestReviewDate(today: string): string {
  return addYears(today, REVIEW_WITHIN_YEARS);
}

/** Why a review date is not acceptable on `today`, or null: it must be after today and within 3 years. */
export function reviewDateProblem(reviewDate: string, today: string): string | null {
  const latest = latestReviewDate(today);
  if (reviewDate <= today) return `reviewDate must be after today (${today})`;
  if (reviewDate > latest) return `reviewDate must be within ${REVIEW_WITHIN_YEARS} years, on or before ${latest}`;
  return null;
}

/**
 * What a draft still lacks to be signed (issue 8): SEN categories or an explicit "no SEN" outcome; with
 * SEN, a recommended programme and a form of education; and a review date after today and within
 * three years. One error per field, so the head sees everything to complete at once.
 */
export function missingForSigning(content: ConclusionContent, today: string): FieldError[] {
  const errors: FieldError[] = [];
  if (!content.noSen && content.senCategories.length === 0) {
    errors.push({ field: 'senCategories', code: 'REQUIRED', message: 'name at least one SEN category, or record noSen: true' });
  }
  if (!content.noSen && content.programme === null) {
    errors.push({ field: 'programme', code: 'REQUIRED', message: 'a recommended programme is required unless noSen' });
  }
  if (!content.noSen && content.formOfEducation === null) {
    errors.push({ field: 'formOfEducation', code: 'REQUIRED', message: 'a form of education is required unless noSen' });
  }
  if (content.reviewDate === null) {
    errors.push({ field: 'reviewDate', code: 'REQUIRED', message: 'a review date is required' });
  } else {
    const problem = reviewDateProblem(content.reviewDate, today);
    if (problem) errors.push({ field: 'reviewDate', code: 'REVIEW_DATE_OUT_OF_RANGE', message: problem });
  }
  return errors;
}
