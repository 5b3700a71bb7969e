// Only the generated types: this table is unit-tested on Node, away from the browser's client.
import type { components } from '../../api/schema';

type ReferralStatus = components['schemas']['ReferralView']['status'];

/**
 * Which buttons a referral's page offers, mirroring the server's state machine
 * (libs/referrals/referral-transitions.ts; test/unit/web-referral-actions.spec.ts holds the two
 * together). Only to hide what cannot succeed: the server still decides, and a refusal shows its
 * catalogue message.
 */
export type ReferralAction = 'send' | 'withdraw' | 'accept' | 'decline' | 'waitlist' | 'pause' | 'resume' | 'start' | 'complete';
export type Side = 'sender' | 'receiver';

interface Row {
  event: ReferralAction;
  from: readonly ReferralStatus[];
  side: Side;
  /** The GET /me permission the side needs (action:Subject). */
  permission: string;
}

export const REFERRAL_ACTIONS: readonly Row[] = [
  { event: 'send', from: ['draft'], side: 'sender', permission: 'send:Referral' },
  { event: 'withdraw', from: ['draft', 'sent', 'waitlisted'], side: 'sender', permission: 'withdraw:Referral' },
  { event: 'accept', from: ['sent', 'waitlisted'], side: 'receiver', permission: 'respond:Referral' },
  { event: 'decline', from: ['sent', 'waitlisted'], side: 'receiver', permission: 'respond:Referral' },
  { event: 'waitlist', from: ['sent'], side: 'receiver', permission: 'respond:Referral' },
  { event: 'pause', from: ['sent', 'accepted'], side: 'receiver', permission: 'respond:Referral' },
  { event: 'resume', from: ['sent', 'accepted'], side: 'receiver', permission: 'respond:Referral' },
  { event: 'start', from: ['accepted'], side: 'receiver', permission: 'deliver:Referral' },
  { event: 'complete', from: ['in_progress'], side: 'receiver', permission: 'deliver:Referral' },
];

/** The viewer's side of a referral: the organisation that sent it or the one asked to serve the child. */
export function sideOf(referral: { fromOrgId: string; toOrgId: string }, orgId: string | undefined): Side | null {
  if (orgId === undefined) return null;
  if (referral.toOrgId === orgId) return 'receiver';
  if (referral.fromOrgId === orgId) return 'sender';
  return null;
}

/**
 * The actions to offer: allowed from the status, on the viewer's side, with the permission; pause
 * only while the deadline runs and resume only while it stands still.
 */
export function availableActions(
  referral: { status: string; fromOrgId: string; toOrgId: string; sla: { paused: boolean } },
  orgId: string | undefined,
  permissions: readonly string[],
): ReferralAction[] {
  const side = sideOf(referral, orgId);
  return REFERRAL_ACTIONS.filter(
    (row) =>
      row.side === side &&
      row.from.includes(referral.status as ReferralStatus) &&
      permissions.includes(row.permission) &&
      !(row.event === 'pause' && referral.sla.paused) &&
      !(row.event === 'resume' && !referral.sla.paused),
  ).map((row) => row.event);
}
