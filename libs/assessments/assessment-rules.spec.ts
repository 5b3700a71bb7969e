import { addDays, addYears, ConclusionContent, missingForSigning, reviewDateProblem } from './assessment-rules';

const TODAY = '2026-11-25';
const COMPLETE: ConclusionContent = {
  noSen: false, senCategories: ['speech'], programme: 'adapted', formOfEducation: 'inclusive_class', reviewDate: '2027-11-25',
};
const NO_SEN: ConclusionContent = { noSen: true, senCategories: [], programme: null, formOfEducation: null, reviewDate: '2027-05-01' };

describe('addYears', () => {
  it.each([
    ['2026-11-25', 3, '2029-11-25'],
    ['2028-02-29', 3, '2031-02-28'],
    ['2028-02-29', 4, '2032-02-29'],
    ['2026-12-31', 1, '2027-12-31'],
  ])('%s + %i years = %s', (date, years, expected) => {
    expect(addYears(date, years)).toBe(expected);
  });
});

describe('addDays', () => {
  it.each([
    ['2026-11-25', 30, '2026-12-25'],
    ['2026-12-20', 30, '2027-01-19'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2026-11-25', 0, '2026-11-25'],
  ])('%s + %i days = %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });
});

describe('review date', () => {
  it.each([
    ['2026-11-26', null],
    ['2029-11-25', null],
    ['2026-11-25', 'after today'],
    ['2026-01-01', 'after today'],
    ['2029-11-26', 'within 3 years'],
  ])('%s → %s', (date, problem) => {
    const found = reviewDateProblem(date, TODAY);
    if (problem === null) expect(found).toBeNull();
    else expect(found).toContain(problem);
  });
});

describe('completeness for signing', () => {
  it.each([
    ['complete', COMPLETE, []],
    ['no SEN with a review date only', NO_SEN, []],
    ['no categories and no noSen', { ...COMPLETE, senCategories: [] }, [['senCategories', 'REQUIRED']]],
    ['no programme', { ...COMPLETE, programme: null }, [['programme', 'REQUIRED']]],
    ['no form of education', { ...COMPLETE, formOfEducation: null }, [['formOfEducation', 'REQUIRED']]],
    ['no review date', { ...COMPLETE, reviewDate: null }, [['reviewDate', 'REQUIRED']]],
    ['a review date that has come', { ...COMPLETE, reviewDate: TODAY }, [['reviewDate', 'REVIEW_DATE_OUT_OF_RANGE']]],
    ['a review date too far ahead', { ...COMPLETE, reviewDate: '2030-01-01' }, [['reviewDate', 'REVIEW_DATE_OUT_OF_RANGE']]],
    ['no SEN and no review date', { ...NO_SEN, reviewDate: null }, [['reviewDate', 'REQUIRED']]],
    [
      'an empty draft',
      { noSen: false, senCategories: [], programme: null, formOfEducation: null, reviewDate: null },
      [['senCategories', 'REQUIRED'], ['programme', 'REQUIRED'], ['formOfEducation', 'REQUIRED'], ['reviewDate', 'REQUIRED']],
    ],
  ] as [string, ConclusionContent, [string, string][]][])('%s', (_name, content, expected) => {
    expect(missingForSigning(content, TODAY).map((e) => [e.field, e.code])).toEqual(expected);
  });
});
