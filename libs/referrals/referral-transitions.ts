import type { Action } from '@qoldau/access';
import { BusinessRuleError } from '@qoldau/core';
import type { ReferralStatus, SlaPhase } from './referral.vocabulary';

/**
 * The referral state machine (DESIGN §4, issue 9) as data. Each row says who may move a referral from
 * one status to another: the `side` (the referring or the receiving organisation), the policy action
 * that side needs (libs/access/policy.ts: send, withdraw, respond, deliver — always on its own
 * organisation), and whose organisation is notified. `pause` and `resume` stop and restart the SLA
 * clock without changing the status. Every change of a referral goes through `transition`.
 *
 *   draft → sent → accepted | declined(reason) | waitlisted(position)
 *   waitlisted → accepted | declined
 *   accepted → in_progress → completed(outcome)
 *   the sender may withdraw from draft, sent and waitlisted
 */
export const REFERRAL_EVENTS = ['send', 'accept', 'decline', 'waitlist', 'withdraw', 'pause', 'resume', 'start', 'complete'] as const;
export type ReferralEvent = (typeof REFERRAL_EVENTS)[number];

export type Side = 'sender' | 'receiver';
export type ReferralAction = Extract<Action, 'send' | 'withdraw' | 'respond' | 'deliver'>;

export interface ReferralTransition {
  from: ReferralStatus;
  event: ReferralEvent;
  to: ReferralStatus;
  side: Side;
  action: ReferralAction;
  /** The organisation told about it (in-app notification + outbox); null = nobody. */
  notify: Side | null;
}

const row = (from: ReferralStatus, event: ReferralEvent, to: ReferralStatus, side: Side, action: ReferralAction, notify: Side | null): ReferralTransition =>
  ({ from, event, to, side, action, notify });

export const REFERRAL_TRANSITIONS: readonly ReferralTransition[] = [
  //   from          event        to             side        action      notify
  row('draft',      'send',      'sent',        'sender',   'send',     'receiver'),
  row('draft',      'withdraw',  'withdrawn',   'sender',   'withdraw', null),
  row('sent',       'accept',    'accepted',    'receiver', 'respond',  'sender'),
  row('sent',       'decline',   'declined',    'receiver', 'respond',  'sender'),
  row('sent',       'waitlist',  'waitlisted',  'receiver', 'respond',  'sender'),
  row('sent',       'withdraw',  'withdrawn',   'sender',   'withdraw', 'receiver'),
  row('sent',       'pause',     'sent',        'receiver', 'respond',  null),
  row('sent',       'resume',    'sent',        'receiver', 'respond',  null),
  row('waitlisted', 'accept',    'accepted',    'receiver', 'respond',  'sender'),
  row('waitlisted', 'decline',   'declined',    'receiver', 'respond',  'sender'),
  row('waitlisted', 'withdraw',  'withdrawn',   'sender',   'withdraw', 'receiver'),
  row('accepted',   'pause',     'accepted',    'receiver', 'respond',  null),
  row('accepted',   'resume',    'accepted',    'receiver', 'respond',  null),
  row('accepted',   'start',     'in_progress', 'receiver', 'deliver',  null),
  row('in_progress', 'complete', 'completed',   'receiver', 'deliver',  'sender'),
];

/** Which working-day deadline runs in each status (none while waitlisted: the receiver has answered). */
export const SLA_PHASE_OF: Readonly<Record<ReferralStatus, SlaPhase | null>> = {
  draft: null,
  sent: 'respond',
  accepted: 'start',
  declined: null,
  waitlisted: null,
  in_progress: null,
  completed: null,
  withdrawn: null,
};

/** Statuses in which the referral's organisations stop working on it. */
export const TERMINAL_STATUSES: readonly ReferralStatus[] = ['declined', 'completed', 'withdrawn'];

/** Ended without the child being served: the receiver loses the involvement it got on send. */
export const ENDED_WITHOUT_SERVICE: readonly ReferralStatus[] = ['declined', 'withdrawn'];

/**
 * Which side an event belongs to, whatever the status: the same for every row of the event (the unit
 * test holds the table to that), so authorization can be decided before the state is looked at.
 */
export function sideOf(event: ReferralEvent): { side: Side; action: ReferralAction } {
  const first = REFERRAL_TRANSITIONS.find((t) => t.event === event);
  if (!first) throw new RangeError(`No transition for event ${event}`);
  return { side: first.side, action: first.action };
}

/** Events allowed from `status`, for error messages and the UI. */
export function allowedEvents(status: string): ReferralEvent[] {
  return REFERRAL_TRANSITIONS.filter((t) => t.from === status).map((t) => t.event);
}

const PAST: Record<ReferralEvent, string> = {
  send: 'sent', accept: 'accepted', decline: 'declined', waitlist: 'waitlisted', withdraw: 'withdrawn',
  pause: 'paused', resume: 'resumed', start: 'started', complete: 'completed',
};

/** The row for `event` from `from`, or 422 TRANSITION_NOT_ALLOWED naming the current status. */
export function transition(from: string, event: ReferralEvent): ReferralTransition {
  const found = REFERRAL_TRANSITIONS.find((t) => t.from === from && t.event === event);
  if (found) return found;
  const allowed = allowedEvents(from);
  throw new BusinessRuleError(
    'TRANSITION_NOT_ALLOWED',
    `A referral that is ${from} cannot be ${PAST[event]}${allowed.length ? ` (now possible: ${allowed.join(', ')})` : ''}`,
    [],
    { currentStatus: from, allowedEvents: allowed },
  );
}
