import { BusinessRuleError } from '@qoldau/core';
import { ASSESSMENT_EVENTS, AssessmentEvent, transition } from './assessment-transitions';
import { ASSESSMENT_STATUSES, AssessmentStatus } from './assessment.vocabulary';

// Every (status, event) pair: the status it leads to, or the 422 code it is refused with.
const EXPECTED: Record<AssessmentStatus, Record<AssessmentEvent, AssessmentStatus | string>> = {
  draft: { edit: 'draft', confirm: 'draft', sign: 'signed', supersede: 'TRANSITION_NOT_ALLOWED' },
  signed: { edit: 'ASSESSMENT_SIGNED', confirm: 'ASSESSMENT_SIGNED', sign: 'TRANSITION_NOT_ALLOWED', supersede: 'superseded' },
  superseded: { edit: 'ASSESSMENT_SIGNED', confirm: 'ASSESSMENT_SIGNED', sign: 'TRANSITION_NOT_ALLOWED', supersede: 'TRANSITION_NOT_ALLOWED' },
};

const CASES = ASSESSMENT_STATUSES.flatMap((from) => ASSESSMENT_EVENTS.map((event) => [from, event, EXPECTED[from][event]] as const));

describe('assessment state machine', () => {
  it.each(CASES)('%s --%s--> %s', (from, event, expected) => {
    if ((ASSESSMENT_STATUSES as readonly string[]).includes(expected)) {
      expect(transition(from, event)).toBe(expected);
      return;
    }
    let error: unknown;
    try {
      transition(from, event);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BusinessRuleError);
    expect(error).toMatchObject({ status: 422, code: expected, extensions: { currentStatus: from } });
    expect((error as Error).message).toContain(from);
  });

  it('refuses a status it does not know', () => {
    expect(() => transition('deleted', 'sign')).toThrow(BusinessRuleError);
  });
});
