import { BusinessRuleError } from '@qoldau/core';
import { assertOpen, CASE_TRANSITIONS, CaseTransition, transition } from './case-transitions';

const STATUSES = ['open', 'closed', 'merged'];
const TABLE: [string, CaseTransition, string | null][] = [
  ['open', 'close', 'closed'],
  ['closed', 'close', null],
  ['merged', 'close', null],
  ['open', 'reopen', null],
  ['closed', 'reopen', 'open'],
  ['merged', 'reopen', null],
  ['open', 'merge', 'merged'],
  ['closed', 'merge', 'merged'],
  ['merged', 'merge', null],
];

describe('case transitions', () => {
  it('covers every status × transition', () => {
    expect(TABLE).toHaveLength(STATUSES.length * Object.keys(CASE_TRANSITIONS).length);
  });

  it.each(TABLE)('%s --%s--> %s', (from, name, to) => {
    if (to) expect(transition(from, name)).toBe(to);
    else expect(() => transition(from, name)).toThrow(expect.objectContaining({ code: 'TRANSITION_NOT_ALLOWED', status: 422 }));
  });

  it('allows changes only to open cases', () => {
    expect(() => assertOpen('open')).not.toThrow();
    expect(() => assertOpen('closed')).toThrow(BusinessRuleError);
  });
});
