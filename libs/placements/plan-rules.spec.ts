import { addMonths, assignGoalIds, planReviewDateProblem, reviewProblems } from './plan-rules';

describe('support plan rules', () => {
  it.each([
    ['2026-11-25', 12, '2027-11-25'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2026-12-15', 1, '2027-01-15'],
  ])('%s plus %d months is %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it.each([
    ['2020-01-01', false],
    ['2026-11-25', false],
    ['2026-11-26', true],
    ['2027-11-25', true],
    ['2027-11-26', false],
  ])('on 2026-11-25 a review date of %s is acceptable: %s', (date, ok) => {
    expect(planReviewDateProblem(date, '2026-11-25') === null).toBe(ok);
  });

  it('checks a review: not in the future; the next one after today and the review, within 12 months of it', () => {
    const today = '2026-11-25';
    expect(reviewProblems({ reviewedOn: '2026-11-20', nextReviewDate: '2027-05-20' }, today)).toEqual([]);
    expect(reviewProblems({ reviewedOn: '2026-11-26', nextReviewDate: '2027-05-20' }, today).map((e) => e.code)).toEqual(['DATE_IN_FUTURE']);
    expect(reviewProblems({ reviewedOn: '2026-11-20', nextReviewDate: '2026-11-25' }, today).map((e) => e.field)).toEqual(['nextReviewDate']);
    expect(reviewProblems({ reviewedOn: '2026-11-20', nextReviewDate: '2027-11-21' }, today).map((e) => e.code)).toEqual(['PLAN_REVIEW_DATE_OUT_OF_RANGE']);
  });

  it('keeps the ids of known goals, gives new goals one, and refuses unknown and repeated ids', () => {
    let n = 0;
    const newId = () => `new-${++n}`;
    const { goals, errors } = assignGoalIds([{ id: 'g1' }, {}, { id: 'zz' }, { id: 'g1' }], new Set(['g1', 'g2']), newId);
    expect(goals.map((g) => g.id)).toEqual(['g1', 'new-1', 'zz', 'g1']);
    expect(errors).toEqual([
      expect.objectContaining({ field: 'goals.2.id', code: 'UNKNOWN_GOAL' }),
      expect.objectContaining({ field: 'goals.3.id', code: 'DUPLICATE_VALUE' }),
    ]);
  });
});
