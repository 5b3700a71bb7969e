import { addMonths } from '../plan-rules';

/**
 * Life-stage transitions (issue 15) as pure rules on dates in Kazakhstan (Asia/Almaty, YYYY-MM-DD),
 * shared by GET /children/:id/transitions and the daily `placements.transitions` job.
 *
 * Stage, by full years of age today: early_age 0–2, preschool 3–5, school 6–17, after_school 18+.
 * An active placement in a school or special school makes an under-6 a pupil (stage `school`).
 *
 * What is due:
 *  - school_entry_due: the child starts school on 1 September of the year it turns 6. Due from the
 *    day after 1 September a year before (the last preschool year) while the child has no active or
 *    proposed placement in a school or special school; overdue after that 1 September, until the
 *    end of that first school year (31 May).
 *  - grade_9_or_11_finish: an active school placement whose class label starts with 9 or 11 ("9 «А»",
 *    "11Б", "9-сынып"; the first whole number of the label is the grade, other labels are ignored):
 *    the pupil finishes basic or general secondary school on 31 May of the current school year
 *    (1 September – 31 August). Shown the whole school year; overdue in June–August.
 *  - conclusion_review_due: the current conclusion's review date is within 60 days or has passed, and
 *    no new assessment has been opened (no draft).
 *  - plan_review_due: the active placement's support plan is to be reviewed within 14 days, or was due.
 */
export const STAGES = ['early_age', 'preschool', 'school', 'after_school'] as const;
export type Stage = (typeof STAGES)[number];
export const TRANSITION_KINDS = ['school_entry_due', 'grade_9_or_11_finish', 'conclusion_review_due', 'plan_review_due'] as const;
export type TransitionKind = (typeof TRANSITION_KINDS)[number];

export const CONCLUSION_REVIEW_HORIZON_DAYS = 60;
export const PLAN_REVIEW_HORIZON_DAYS = 14;
export const SCHOOL_TYPES: readonly string[] = ['school', 'special_school'];

export interface TransitionFacts {
  birthDate: string;
  /** The active placement, if any. */
  placement: { id: string; orgType: string; classLabel: string | null; plan: { id: string; reviewDate: string } | null } | null;
  /** An active or proposed placement in a school or special school. */
  hasSchoolPlacement: boolean;
  conclusion: { assessmentId: string; reviewDate: string } | null;
  /** A new assessment (a draft) has been opened for the child. */
  newAssessmentOpen: boolean;
}

export interface DueItem {
  kind: TransitionKind;
  dueOn: string;
  overdue: boolean;
  /** The placement, conclusion or plan it is about. */
  subjectId: string | null;
}

export interface Transitions {
  ageYears: number;
  stage: Stage;
  /** The grade parsed from the active placement's class label, or null. */
  grade: number | null;
  due: DueItem[];
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Full years between `birthDate` and `today` (a 29 February birthday comes on 1 March in common years). */
export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [ty, tm, td] = today.split('-').map(Number);
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

/** The grade a class label names: its first whole number when 1–12 ("9 «А»" → 9, "11-Б" → 11), else null. */
export function gradeOf(classLabel: string | null): number | null {
  const match = classLabel ? /^\D*?(\d{1,2})(?!\d)/.exec(classLabel) : null;
  const grade = match ? Number(match[1]) : NaN;
  return grade >= 1 && grade <= 12 ? grade : null;
}

/** 31 May ending the school year (1 September – 31 August) that `today` is in. */
export function schoolYearEnd(today: string): string {
  const year = Number(today.slice(0, 4));
  return today.slice(5) >= '09-01' ? `${year + 1}-05-31` : `${year}-05-31`;
}

export function stageOf(ageYears: number, placementOrgType: string | null): Stage {
  if (ageYears >= 18) return 'after_school';
  if (ageYears >= 6 || (placementOrgType !== null && SCHOOL_TYPES.includes(placementOrgType))) return 'school';
  return ageYears >= 3 ? 'preschool' : 'early_age';
}

export function transitionsOf(facts: TransitionFacts, today: string): Transitions {
  const ageYears = ageOn(facts.birthDate, today);
  const placement = facts.placement;
  const due: DueItem[] = [];
  const item = (kind: TransitionKind, dueOn: string, subjectId: string | null) => due.push({ kind, dueOn, overdue: dueOn < today, subjectId });

  const entry = `${Number(facts.birthDate.slice(0, 4)) + 6}-09-01`;
  if (!facts.hasSchoolPlacement && today > addMonths(entry, -12) && today <= `${Number(entry.slice(0, 4)) + 1}-05-31`) {
    item('school_entry_due', entry, null);
  }
  const grade = placement && SCHOOL_TYPES.includes(placement.orgType) ? gradeOf(placement.classLabel) : null;
  if (placement && (grade === 9 || grade === 11)) item('grade_9_or_11_finish', schoolYearEnd(today), placement.id);
  if (facts.conclusion && !facts.newAssessmentOpen && facts.conclusion.reviewDate <= addDays(today, CONCLUSION_REVIEW_HORIZON_DAYS)) {
    item('conclusion_review_due', facts.conclusion.reviewDate, facts.conclusion.assessmentId);
  }
  if (placement?.plan && placement.plan.reviewDate <= addDays(today, PLAN_REVIEW_HORIZON_DAYS)) item('plan_review_due', placement.plan.reviewDate, placement.plan.id);

  return { ageYears, stage: stageOf(ageYears, placement?.orgType ?? null), grade, due };
}
