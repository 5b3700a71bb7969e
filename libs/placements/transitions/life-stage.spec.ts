import { ageOn, gradeOf, schoolYearEnd, stageOf, TransitionFacts, transitionsOf } from './life-stage';

const NONE: TransitionFacts = { birthDate: '2020-05-05', placement: null, hasSchoolPlacement: false, conclusion: null, newAssessmentOpen: false };

describe('life-stage transitions', () => {
  it.each([
    ['2026-05-04', 5],
    ['2026-05-05', 6],
    ['2038-05-05', 18],
  ])('a child born 2020-05-05 is, on %s, %d', (today, age) => {
    expect(ageOn('2020-05-05', today)).toBe(age);
  });

  it.each([
    [0, null, 'early_age'], [2, null, 'early_age'], [3, 'kindergarten', 'preschool'], [5, null, 'preschool'],
    [5, 'school', 'school'], [6, 'kindergarten', 'school'], [17, 'school', 'school'], [18, 'school', 'after_school'],
  ])('at %d with a placement in %s the stage is %s', (age, orgType, stage) => {
    expect(stageOf(age, orgType)).toBe(stage);
  });

  it.each([
    ['9 «А»', 9], ['11Б', 11], ['11-Б сынып', 11], ['9 класс', 9], ['1 «А»', 1], ['Класс 9', 9], ['10 «В»', 10], ['подготовительная', null], ['13', null], [null, null],
  ])('reads the grade of %s as %s', (label, grade) => {
    expect(gradeOf(label)).toBe(grade);
  });

  it('knows the end of the school year', () => {
    expect(schoolYearEnd('2026-11-25')).toBe('2027-05-31');
    expect(schoolYearEnd('2027-05-31')).toBe('2027-05-31');
    expect(schoolYearEnd('2027-08-31')).toBe('2027-05-31');
    expect(schoolYearEnd('2027-09-01')).toBe('2028-05-31');
  });

  it('makes school entry due in the year before the 1 September the child turns 6, overdue after, gone with a school placement', () => {
    const kinds = (facts: TransitionFacts, today: string) => transitionsOf(facts, today).due.map((d) => [d.kind, d.dueOn, d.overdue]);
    expect(kinds(NONE, '2025-09-01')).toEqual([]);
    expect(kinds(NONE, '2025-09-02')).toEqual([['school_entry_due', '2026-09-01', false]]);
    expect(kinds(NONE, '2026-09-01')).toEqual([['school_entry_due', '2026-09-01', false]]);
    expect(kinds(NONE, '2026-09-02')).toEqual([['school_entry_due', '2026-09-01', true]]);
    expect(kinds(NONE, '2027-06-01')).toEqual([]);
    expect(kinds({ ...NONE, hasSchoolPlacement: true }, '2026-08-20')).toEqual([]);
  });

  it('names grade 9 and 11 finishers, conclusions to review within 60 days and plans within 14', () => {
    const facts: TransitionFacts = {
      birthDate: '2011-03-01',
      placement: { id: 'p1', orgType: 'school', classLabel: '9 «Б»', plan: { id: 's1', reviewDate: '2026-12-05' } },
      hasSchoolPlacement: true,
      conclusion: { assessmentId: 'a1', reviewDate: '2027-01-20' },
      newAssessmentOpen: false,
    };
    expect(transitionsOf(facts, '2026-11-25')).toEqual({
      ageYears: 15, stage: 'school', grade: 9,
      due: [
        { kind: 'grade_9_or_11_finish', dueOn: '2027-05-31', overdue: false, subjectId: 'p1' },
        { kind: 'conclusion_review_due', dueOn: '2027-01-20', overdue: false, subjectId: 'a1' },
        { kind: 'plan_review_due', dueOn: '2026-12-05', overdue: false, subjectId: 's1' },
      ],
    });
    expect(transitionsOf({ ...facts, newAssessmentOpen: true }, '2026-11-25').due.map((d) => d.kind)).not.toContain('conclusion_review_due');
    expect(transitionsOf(facts, '2026-11-15').due.map((d) => d.kind)).toEqual(['grade_9_or_11_finish']); // the review 66 days, the plan 20 days away
    const tenth = { ...facts, placement: { ...facts.placement!, classLabel: '10 «Б»' } };
    expect(transitionsOf(tenth, '2026-11-25').due.map((d) => d.kind)).not.toContain('grade_9_or_11_finish');
  });
});
