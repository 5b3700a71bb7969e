import { BusinessRuleError } from '@qoldau/core';
import type { ChildStatus } from './child-case.vocabulary';

/**
 * The case state machine (DESIGN §4): open → closed(reason) → open, and merge, which turns a duplicate
 * into a tombstone from either live state. Every status change goes through `transition`.
 */
export const CASE_TRANSITIONS = {
  close: { from: ['open'], to: 'closed' },
  reopen: { from: ['closed'], to: 'open' },
  merge: { from: ['open', 'closed'], to: 'merged' },
} as const satisfies Record<string, { from: readonly ChildStatus[]; to: ChildStatus }>;

export type CaseTransition = keyof typeof CASE_TRANSITIONS;

/** The status after `transition`, or 422 TRANSITION_NOT_ALLOWED. */
export function transition(status: string, name: CaseTransition): ChildStatus {
  const rule = CASE_TRANSITIONS[name];
  if (!(rule.from as readonly string[]).includes(status)) {
    throw new BusinessRuleError('TRANSITION_NOT_ALLOWED', `A ${status} case cannot be ${name === 'merge' ? 'merged' : `${name}d`}`);
  }
  return rule.to;
}

/** Changes to the record itself (identity, guardians, health) need an open case; consent withdrawal never waits. */
export function assertOpen(status: string): void {
  if (status !== 'open') throw new BusinessRuleError('CASE_CLOSED', 'The case is closed; reopen it before changing it');
}
