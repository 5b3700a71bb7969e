import { BusinessRuleError } from '@qoldau/core';
import type { PlacementStatus } from './placement.vocabulary';

/**
 * The placement state machine (DESIGN §4) as data: proposed → active → ended(reason). A proposal that
 * never started may be ended too — that is its cancellation (timeline kind `placement.cancelled`; the
 * placement keeps `activatedAt: null`), rather than a fourth status: it is over either way, and one
 * "ended" status keeps the one-active rule and every query simple. `plan` (writing the support plan)
 * changes a placement's content without leaving its status; an ended placement is history. `transfer`
 * ends an active placement as `transferred` while the child's placement at the new school begins
 * (issue 15): only a placement that is running can be transferred.
 */
export const PLACEMENT_EVENTS = ['activate', 'end', 'plan', 'transfer'] as const;
export type PlacementEvent = (typeof PLACEMENT_EVENTS)[number];

export interface PlacementTransition {
  from: PlacementStatus;
  event: PlacementEvent;
  to: PlacementStatus;
}

export const PLACEMENT_TRANSITIONS: readonly PlacementTransition[] = [
  { from: 'proposed', event: 'activate', to: 'active' },
  { from: 'proposed', event: 'end', to: 'ended' },
  { from: 'proposed', event: 'plan', to: 'proposed' },
  { from: 'active', event: 'end', to: 'ended' },
  { from: 'active', event: 'plan', to: 'active' },
  { from: 'active', event: 'transfer', to: 'ended' },
];

const VERB: Record<PlacementEvent, string> = { activate: 'activated', end: 'ended', plan: 'given a support plan', transfer: 'transferred' };

/** The status after `event`, or 422 TRANSITION_NOT_ALLOWED naming the current status. */
export function transition(from: string, event: PlacementEvent): PlacementStatus {
  const row = PLACEMENT_TRANSITIONS.find((t) => t.from === from && t.event === event);
  if (row) return row.to;
  throw new BusinessRuleError('TRANSITION_NOT_ALLOWED', `A placement that is ${from} cannot be ${VERB[event]}`, [], { currentStatus: from });
}
