import { AccessService } from '@qoldau/access';
import { type Actor, type Role, ROLES } from '@qoldau/auth';
import { AppError } from '@qoldau/core';
import { REFERRAL_STATUSES } from './referral.vocabulary';
import {
  allowedEvents, ENDED_WITHOUT_SERVICE, REFERRAL_EVENTS, REFERRAL_TRANSITIONS, ReferralEvent, sideOf, SLA_PHASE_OF, TERMINAL_STATUSES, transition,
} from './referral-transitions';

// DESIGN §4, written out by hand: the table in referral-transitions.ts must say exactly this.
const EXPECTED: [string, ReferralEvent, string, 'sender' | 'receiver', string, string | null][] = [
  ['draft', 'send', 'sent', 'sender', 'send', 'receiver'],
  ['draft', 'withdraw', 'withdrawn', 'sender', 'withdraw', null],
  ['sent', 'accept', 'accepted', 'receiver', 'respond', 'sender'],
  ['sent', 'decline', 'declined', 'receiver', 'respond', 'sender'],
  ['sent', 'waitlist', 'waitlisted', 'receiver', 'respond', 'sender'],
  ['sent', 'withdraw', 'withdrawn', 'sender', 'withdraw', 'receiver'],
  ['sent', 'pause', 'sent', 'receiver', 'respond', null],
  ['sent', 'resume', 'sent', 'receiver', 'respond', null],
  ['waitlisted', 'accept', 'accepted', 'receiver', 'respond', 'sender'],
  ['waitlisted', 'decline', 'declined', 'receiver', 'respond', 'sender'],
  ['waitlisted', 'withdraw', 'withdrawn', 'sender', 'withdraw', 'receiver'],
  ['accepted', 'pause', 'accepted', 'receiver', 'respond', null],
  ['accepted', 'resume', 'accepted', 'receiver', 'respond', null],
  ['accepted', 'start', 'in_progress', 'receiver', 'deliver', null],
  ['in_progress', 'complete', 'completed', 'receiver', 'deliver', 'sender'],
];

const SENDER_ORG = '11111111-1111-4111-8111-111111111111';
const RECEIVER_ORG = '22222222-2222-4222-8222-222222222222';
const OTHER_ORG = '33333333-3333-4333-8333-333333333333';
const REFERRAL = '44444444-4444-4444-8444-444444444444';

/** Roles that work on child cases — the only ones that may act on referrals (DESIGN §5). */
const CASE_ROLES: Role[] = ['pmpc_specialist', 'pmpc_head', 'school_coordinator', 'correction_specialist', 'rehab_specialist', 'social_worker', 'health_worker'];

const actor = (role: Role, orgId: string): Actor => ({
  userId: 'u', username: 'u', orgId, orgType: null, sector: null, regionKato: null, roles: [role], sessionId: 's',
});

describe('referral state machine', () => {
  it('is exactly the table of DESIGN §4', () => {
    expect(REFERRAL_TRANSITIONS.map((t) => [t.from, t.event, t.to, t.side, t.action, t.notify])).toEqual(EXPECTED);
  });

  it.each(EXPECTED)('%s --%s--> %s', (from, event, to) => {
    expect(transition(from, event).to).toBe(to);
  });

  const illegal = REFERRAL_STATUSES.flatMap((from) =>
    REFERRAL_EVENTS.filter((event) => !EXPECTED.some(([f, e]) => f === from && e === event)).map((event) => [from, event] as const),
  );
  it.each(illegal)('refuses %s --%s--> with 422 TRANSITION_NOT_ALLOWED naming the current status', (from, event) => {
    let error: unknown;
    try {
      transition(from, event);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    const appError = error as AppError;
    expect(appError.status).toBe(422);
    expect(appError.code).toBe('TRANSITION_NOT_ALLOWED');
    expect(appError.message).toContain(`is ${from}`);
    expect(appError.extensions).toEqual({ currentStatus: from, allowedEvents: allowedEvents(from) });
  });

  it('has exactly one side and one policy action per event, so authorization can precede the state', () => {
    for (const event of REFERRAL_EVENTS) {
      const rows = REFERRAL_TRANSITIONS.filter((t) => t.event === event);
      expect(rows.length).toBeGreaterThan(0);
      expect(new Set(rows.map((t) => `${t.side}/${t.action}`)).size).toBe(1);
      expect(sideOf(event)).toEqual({ side: rows[0].side, action: rows[0].action });
    }
  });

  it('lets nothing leave a terminal status, and reaches every status from draft', () => {
    for (const status of TERMINAL_STATUSES) expect(allowedEvents(status)).toEqual([]);
    const reached = new Set<string>(['draft']);
    for (let grew = true; grew; ) {
      grew = false;
      for (const t of REFERRAL_TRANSITIONS) {
        if (reached.has(t.from) && !reached.has(t.to)) {
          reached.add(t.to);
          grew = true;
        }
      }
    }
    expect([...reached].sort()).toEqual([...REFERRAL_STATUSES].sort());
    expect(ENDED_WITHOUT_SERVICE.every((s) => TERMINAL_STATUSES.includes(s))).toBe(true);
  });

  it('runs the respond clock while sent and the start clock while accepted, and no other', () => {
    expect(Object.entries(SLA_PHASE_OF).filter(([, phase]) => phase !== null)).toEqual([
      ['sent', 'respond'],
      ['accepted', 'start'],
    ]);
    // pause and resume exist exactly where a clock runs
    for (const t of REFERRAL_TRANSITIONS.filter((r) => r.event === 'pause' || r.event === 'resume')) {
      expect(t.to).toBe(t.from);
      expect(SLA_PHASE_OF[t.from]).not.toBeNull();
    }
  });

  describe('× roles × sides (through the real policy table)', () => {
    const access = new AccessService();
    const cases = EXPECTED.flatMap(([from, event, , side, action]) =>
      ROLES.flatMap((role) =>
        (['sender', 'receiver', 'outsider'] as const).map((who) => [from, event, role, who, side, action] as const),
      ),
    );
    it.each(cases)('%s --%s--> by a %s of the %s organisation', (_from, _event, role, who, side, action) => {
      const orgId = who === 'sender' ? SENDER_ORG : who === 'receiver' ? RECEIVER_ORG : OTHER_ORG;
      const sideOrg = side === 'sender' ? SENDER_ORG : RECEIVER_ORG;
      const allowed = access.can(actor(role, orgId), action as never, 'Referral', { id: REFERRAL, orgId: sideOrg });
      expect(allowed).toBe(CASE_ROLES.includes(role) && who === side);
    });
  });
});
