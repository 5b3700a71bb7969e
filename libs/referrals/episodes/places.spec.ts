import { AppError } from '@qoldau/core';
import { assertPlaceFree, assertStateOrderPlace } from './places';
import type { Places } from './places.repository';

const places = (over: Partial<Places>): Places => ({ capacity: 2, stateOrderPlaces: 1, activeEpisodes: 0, promised: 0, stateOrderEpisodes: 0, ...over });
const codeOf = (work: () => void) => {
  try {
    work();
    return 'ok';
  } catch (error) {
    return (error as AppError).code;
  }
};

describe('places', () => {
  it.each([
    [places({}), 'ok'],
    [places({ activeEpisodes: 1 }), 'ok'],
    [places({ activeEpisodes: 1, promised: 1 }), 'CAPACITY_FULL'],
    [places({ promised: 2 }), 'CAPACITY_FULL'],
    [places({ activeEpisodes: 3 }), 'CAPACITY_FULL'],
    [places({ capacity: 0 }), 'CAPACITY_FULL'],
    [places({ capacity: null, activeEpisodes: 1000, promised: 1000 }), 'ok'],
  ])('accepting with %j → %s', (p, expected) => {
    expect(codeOf(() => assertPlaceFree(p))).toBe(expected);
  });

  it.each([
    ['state_order', places({}), 'ok'],
    ['state_order', places({ stateOrderEpisodes: 1 }), 'STATE_ORDER_QUOTA_FULL'],
    ['state_order', places({ stateOrderPlaces: null }), 'STATE_ORDER_QUOTA_FULL'],
    ['state_order', places({ stateOrderPlaces: 0 }), 'STATE_ORDER_QUOTA_FULL'],
    ['paid', places({ stateOrderEpisodes: 1 }), 'ok'],
    ['other', places({ stateOrderPlaces: null }), 'ok'],
  ])('starting with %s funding and %j → %s', (funding, p, expected) => {
    expect(codeOf(() => assertStateOrderPlace(p, funding))).toBe(expected);
  });
});
