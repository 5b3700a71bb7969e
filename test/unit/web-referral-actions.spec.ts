import { REFERRAL_TRANSITIONS } from '../../libs/referrals/referral-transitions';
import { REFERRAL_STATUSES } from '../../libs/referrals/referral.vocabulary';
import { availableActions, REFERRAL_ACTIONS, sideOf } from '../../apps/web/src/features/referrals/actions';

// The referral page offers only the actions the server's state machine allows; the web app keeps its
// own small table (it cannot import the API's libs), so this test holds the two together.
describe('the referral page\'s actions', () => {
  it('mirror the server\'s transitions: the same events from the same statuses, on the same side, with the same permission', () => {
    const server = REFERRAL_TRANSITIONS.map((row) => `${row.from} ${row.event} ${row.side} ${row.action}:Referral`).sort();
    const web = REFERRAL_ACTIONS.flatMap((row) => row.from.map((from) => `${from} ${row.event} ${row.side} ${row.permission}`)).sort();
    expect(web).toEqual(server);
  });

  const SENDER = 'org-sender';
  const RECEIVER = 'org-receiver';
  const ALL = ['send:Referral', 'withdraw:Referral', 'respond:Referral', 'deliver:Referral'];
  const referral = (status: string, paused = false) => ({ status, fromOrgId: SENDER, toOrgId: RECEIVER, sla: { paused } });

  it.each([
    // status        paused  viewer     actions
    ['draft',       false, SENDER,   ['send', 'withdraw']],
    ['draft',       false, RECEIVER, []],
    ['sent',        false, SENDER,   ['withdraw']],
    ['sent',        false, RECEIVER, ['accept', 'decline', 'waitlist', 'pause']],
    ['sent',        true,  RECEIVER, ['accept', 'decline', 'waitlist', 'resume']],
    ['waitlisted',  false, RECEIVER, ['accept', 'decline']],
    ['waitlisted',  false, SENDER,   ['withdraw']],
    ['accepted',    false, RECEIVER, ['pause', 'start']],
    ['accepted',    true,  RECEIVER, ['resume', 'start']],
    ['in_progress', false, RECEIVER, ['complete']],
    ['completed',   false, RECEIVER, []],
    ['declined',    false, SENDER,   []],
  ])('%s (paused: %s) offers %s the actions %j', (status, paused, viewer, actions) => {
    expect(availableActions(referral(status, paused), viewer, ALL)).toEqual(actions);
  });

  it('offers nothing without the permission, and nothing to an organisation on neither side', () => {
    expect(availableActions(referral('sent'), RECEIVER, ['read:Referral', 'deliver:Referral'])).toEqual([]);
    expect(availableActions(referral('accepted'), RECEIVER, ['respond:Referral'])).toEqual(['pause']);
    expect(availableActions(referral('sent'), 'org-else', ALL)).toEqual([]);
    expect(sideOf(referral('sent'), undefined)).toBeNull();
  });

  it('knows every status the server has', () => {
    const statuses = new Set(REFERRAL_ACTIONS.flatMap((row) => row.from));
    for (const status of statuses) expect(REFERRAL_STATUSES).toContain(status);
  });
});
