import { BusinessRuleError } from '@qoldau/core';
import type { Places } from './places.repository';

/**
 * Capacity (issue 9): accepting promises a place, so an organisation at capacity — its active service
 * episodes plus the accepted referrals not yet started — refuses with 422 CAPACITY_FULL (it may
 * waitlist instead). `capacity: null` means unlimited.
 */
export function assertPlaceFree(places: Places): void {
  if (places.capacity === null) return;
  const taken = places.activeEpisodes + places.promised;
  if (taken >= places.capacity) {
    throw new BusinessRuleError(
      'CAPACITY_FULL',
      `All ${places.capacity} places are taken (${places.activeEpisodes} in service, ${places.promised} accepted and not started); waitlist the referral instead`,
      [],
      { capacity: places.capacity, placesTaken: taken },
    );
  }
}

/**
 * The state order (issue 9): state-order funded episodes cannot exceed `stateOrderPlaces` (null = the
 * organisation has none) — 422 STATE_ORDER_QUOTA_FULL. Paid and other funding are not limited by it.
 */
export function assertStateOrderPlace(places: Places, funding: string): void {
  if (funding !== 'state_order') return;
  const quota = places.stateOrderPlaces ?? 0;
  if (places.stateOrderEpisodes >= quota) {
    throw new BusinessRuleError(
      'STATE_ORDER_QUOTA_FULL',
      quota === 0
        ? 'This organisation has no state-order places; start the service with paid or other funding'
        : `All ${quota} state-order places are in use; start the service with paid or other funding`,
      [{ field: 'funding', code: 'STATE_ORDER_QUOTA_FULL', message: 'no state-order place is free' }],
      { stateOrderPlaces: quota, stateOrderEpisodes: places.stateOrderEpisodes },
    );
  }
}
