import type { FieldError } from '@qoldau/core';

/** A plan is reviewed at least once a year: its review date is after today and within 12 months. */
export const PLAN_REVIEW_WITHIN_MONTHS = 12;

/** `date` (YYYY-MM-DD) plus whole months; the 31st becomes the last day of a shorter month. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const lastDay = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 1 + months, Math.min(d, lastDay))).toISOString().slice(0, 10);
}

/** Why a plan's review date is not acceptable on `today` (Asia/Almaty), or null. */
export function planReviewDateProblem(reviewDate: string, today: string): string | null {
  const latest = addMonths(today, PLAN_REVIEW_WITHIN_MONTHS);
  if (reviewDate <= today) return `must be after today (${today})`;
  if (reviewDate > latest) return `must be within ${PLAN_REVIEW_WITHIN_MONTHS} months, on or before ${latest}`;
  return null;
}

/**
 * A review: it took place by today; the next review is after today and after the review, and within
 * 12 months of the review.
 */
export function reviewProblems(input: { reviewedOn: string; nextReviewDate: string }, today: string): FieldError[] {
  const errors: FieldError[] = [];
  if (input.reviewedOn > today) errors.push({ field: 'reviewedOn', code: 'DATE_IN_FUTURE', message: `reviewedOn must not be after today (${today})` });
  const latest = addMonths(input.reviewedOn, PLAN_REVIEW_WITHIN_MONTHS);
  if (input.nextReviewDate <= today || input.nextReviewDate <= input.reviewedOn || input.nextReviewDate > latest) {
    errors.push({
      field: 'nextReviewDate', code: 'PLAN_REVIEW_DATE_OUT_OF_RANGE',
      message: `nextReviewDate must be after today (${today}) and the review, on or before ${latest}`,
    });
  }
  return errors;
}

/**
 * The goals of a new version: a goal naming an `id` keeps it and must be a goal of the current
 * version (else UNKNOWN_GOAL), and may be named once (else DUPLICATE_VALUE); a goal without one is new.
 */
export function assignGoalIds<G extends { id?: string }>(
  goals: readonly G[], currentIds: ReadonlySet<string>, newId: () => string,
): { goals: (G & { id: string })[]; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  const out = goals.map((goal, index) => {
    if (goal.id === undefined) return { ...goal, id: newId() };
    if (!currentIds.has(goal.id)) errors.push({ field: `goals.${index}.id`, code: 'UNKNOWN_GOAL', message: 'not a goal of the current plan' });
    else if (seen.has(goal.id)) errors.push({ field: `goals.${index}.id`, code: 'DUPLICATE_VALUE', message: 'this goal is named twice' });
    seen.add(goal.id);
    return { ...goal, id: goal.id };
  });
  return { goals: out, errors };
}
