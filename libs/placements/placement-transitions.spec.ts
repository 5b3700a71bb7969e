import { BusinessRuleError } from '@qoldau/core';
import { PLACEMENT_EVENTS, PlacementEvent, transition } from './placement-transitions';
import { PLACEMENT_STATUSES, PlacementStatus } from './placement.vocabulary';

const NO = 'TRANSITION_NOT_ALLOWED';

// Every (status, event) pair: the status it leads to, or the 422 code it is refused with.
const EXPECTED: Record<PlacementStatus, Record<PlacementEvent, PlacementStatus | typeof NO>> = {
  proposed: { activate: 'active', end: 'ended', plan: 'proposed', transfer: NO },
  active: { activate: NO, end: 'ended', plan: 'active', transfer: 'ended' },
  ended: { activate: NO, end: NO, plan: NO, transfer: NO },
};

const CASES = PLACEMENT_STATUSES.flatMap((from) => PLACEMENT_EVENTS.map((event) => [from, event, EXPECTED[from][event]] as const));

describe('placement state machine', () => {
  it.each(CASES)('%s --%s--> %s', (from, event, expected) => {
    if (expected !== NO) {
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
    expect(error).toMatchObject({ status: 422, code: NO, extensions: { currentStatus: from } });
    expect((error as Error).message).toContain(from);
  });

  it('refuses a status it does not know', () => {
    expect(() => transition('deleted', 'activate')).toThrow(BusinessRuleError);
  });
});
