import type { Response } from 'supertest';
import { signedConclusion } from '../support/assessments';
import { CaseWorker, newChild, RegisteredChild } from '../support/children';
import { newOrganization, PAVLODAR } from '../support/factories';
import {
  act, admin, answer, colleague, consentingChild, draftReferral, grantConsent, member, notificationsOf, ReferralBody, REFERRAL_EVENTS_WITH_BODY, sentReferral, serviceProvider, walk, worker,
} from '../support/referrals';
import { startTestApp, TestApp } from '../support/test-app';

const NOW = '2026-11-25T06:00:00Z'; // Wednesday, 11:00 in Almaty

describe('referrals: the journey between organisations', () => {
  let t: TestApp;
  let pmpc: CaseWorker;
  let pmpcColleague: CaseWorker;
  let room: CaseWorker;
  let roomColleague: CaseWorker;
  let outsider: CaseWorker;
  let child: RegisteredChild;

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    pmpc = await worker(t, 'pmpc', ['pmpc_specialist']);
    pmpcColleague = await colleague(t, pmpc, 'pmpc', ['pmpc_head']);
    room = await serviceProvider(t, 'correction_room', ['correction_specialist'], { capacity: 40, stateOrderPlaces: 30 });
    roomColleague = await colleague(t, room, 'correction_room', ['correction_specialist']);
    outsider = await serviceProvider(t, 'correction_room', ['correction_specialist'], { capacity: 10, stateOrderPlaces: 10 });
    child = await consentingChild(t, pmpc);
  });
  afterAll(() => t.close());

  const count = async (sql: string, params: unknown[] = []) => (await t.db.query(sql, params))[0].n as number;

  describe('PMPC → correction room, from draft to completed', () => {
    let referral: ReferralBody;

    it('creates a draft the receiver does not see yet', async () => {
      referral = await draftReferral(t, pmpc, child.id, room.orgId, { priority: 'urgent' });
      expect(referral).toMatchObject({
        status: 'draft', childId: child.id, fromOrgId: pmpc.orgId, toOrgId: room.orgId, serviceType: 'speech_therapy', priority: 'urgent',
        funding: 'state_order', sentAt: null, slaDueAt: null, episode: null, version: 1,
        child: { id: child.id, lastName: 'Ахметова', firstName: 'Әлия' },
        fromOrg: { id: pmpc.orgId, type: 'pmpc' }, toOrg: { id: room.orgId, type: 'correction_room' },
      });
      await t.http.get(`/api/v1/referrals/${referral.id}`).set(await room.auth()).expect(404);
      const inbox = await t.http.get('/api/v1/referrals?box=incoming').set(await room.auth()).expect(200);
      expect(inbox.body.items).toEqual([]);
      await t.http.get(`/api/v1/children/${child.id}`).set(await room.auth()).expect(404);
      expect(await notificationsOf(t, room)).toEqual([]);
    });

    it('sends it: the room sees it in its inbox and the child’s case, and every user there is notified', async () => {
      const res = await act(t, pmpc, referral.id, 'send').expect(200);
      expect(res.body).toMatchObject({ status: 'sent', sentAt: new Date(NOW).toISOString(), version: 2, sla: { phase: 'respond', paused: false, overdue: false } });
      expect(res.body.slaDueAt).toBe('2026-12-02T18:59:59.999Z'); // 5 working days after Wednesday: Wednesday 2 December, end of day in Almaty
      const inbox = await t.http.get('/api/v1/referrals').query({ box: 'incoming' }).set(await room.auth()).expect(200);
      expect(inbox.body.items.map((r: ReferralBody) => r.id)).toEqual([referral.id]);
      expect(inbox.body.nextCursor).toBeNull();
      const outbox = await t.http.get('/api/v1/referrals?box=outgoing').set(await room.auth()).expect(200);
      expect(outbox.body.items).toEqual([]);
      await t.http.get(`/api/v1/children/${child.id}`).set(await room.auth()).expect(200);
      for (const user of [room, roomColleague]) {
        const [note] = await notificationsOf(t, user);
        expect(note).toMatchObject({ kind: 'referral.received', referralId: referral.id, childId: child.id, payload: { serviceType: 'speech_therapy', priority: 'urgent' } });
      }
      expect(await notificationsOf(t, pmpc)).toEqual([]);
    });

    it('accepts it: the sender’s users are told, and the start clock runs', async () => {
      t.clock.advance(60 * 60_000);
      const res = await act(t, room, referral.id, 'accept').expect(200);
      expect(res.body).toMatchObject({ status: 'accepted', respondedAt: t.clock.now().toISOString(), sla: { phase: 'start' } });
      expect(res.body.slaDueAt).toBe('2026-12-09T18:59:59.999Z'); // 10 working days from 25 November (1 December is a weekday)
      for (const user of [pmpc, pmpcColleague]) {
        expect((await notificationsOf(t, user)).find((n) => n.referralId === referral.id && n.kind === 'referral.accepted')).toBeDefined();
      }
    });

    it('starts the service, logs sessions and completes it with an outcome', async () => {
      t.clock.set('2026-11-30T05:00:00Z');
      const started = await act(t, room, referral.id, 'start', { funding: 'state_order' }).expect(200);
      expect(started.body).toMatchObject({
        status: 'in_progress', slaDueAt: null, sla: { phase: null },
        episode: { funding: 'state_order', startedOn: '2026-11-30', endedOn: null, sessions: 0, attendedSessions: 0, outcome: null },
      });
      const episodeId = started.body.episode.id;
      const [serving] = await t.db.query(`SELECT kind FROM involvements WHERE child_id = $1 AND org_id = $2 AND source_id = $3 AND until IS NULL`, [child.id, room.orgId, episodeId]);
      expect(serving).toEqual({ kind: 'service' });

      t.clock.set('2026-12-03T10:00:00Z');
      for (const [date, attended] of [['2026-11-30', true], ['2026-12-02', false], ['2026-12-03', true]] as const) {
        const session = await t.http.post(`/api/v1/service-episodes/${episodeId}/sessions`).set(await roomColleague.auth()).send({ date, durationMinutes: 40, attended }).expect(201);
        expect(session.body).toMatchObject({ episodeId, date, durationMinutes: 40, attended });
      }
      // Logging a session honours Idempotency-Key too: a double submit logs it once.
      const twice = await Promise.all(
        [1, 2].map(async () =>
          t.http.post(`/api/v1/service-episodes/${episodeId}/sessions`).set(await room.auth()).set('Idempotency-Key', 'session-3-dec').send({ date: '2026-12-03', durationMinutes: 30, attended: true }),
        ),
      );
      expect(twice.map((r) => r.status)).toEqual([201, 201]);
      expect(twice[1].body).toEqual(twice[0].body);
      const episode = await t.http.get(`/api/v1/service-episodes/${episodeId}`).set(await room.auth()).expect(200);
      expect(episode.body).toMatchObject({ id: episodeId, referralId: referral.id, childId: child.id, orgId: room.orgId, sessions: 4, attendedSessions: 3, serviceType: 'speech_therapy' });
      const page1 = await t.http.get(`/api/v1/service-episodes/${episodeId}/sessions?limit=2`).set(await room.auth()).expect(200);
      const page2 = await t.http.get(`/api/v1/service-episodes/${episodeId}/sessions?limit=2&cursor=${page1.body.nextCursor}`).set(await room.auth()).expect(200);
      expect([...page1.body.items, ...page2.body.items].map((s: { date: string }) => s.date)).toEqual(['2026-11-30', '2026-12-02', '2026-12-03', '2026-12-03']);
      expect(page2.body.nextCursor).toBeNull();

      const done = await act(t, room, referral.id, 'complete', { outcome: 'goals_partly_met', summary: 'Дыбыстарды дұрыс айтады' }).expect(200);
      expect(done.body).toMatchObject({
        status: 'completed', closedAt: t.clock.now().toISOString(),
        episode: { endedOn: '2026-12-03', outcome: 'goals_partly_met', outcomeSummary: 'Дыбыстарды дұрыс айтады', sessions: 4 },
      });
      expect((await notificationsOf(t, pmpc)).find((n) => n.referralId === referral.id && n.kind === 'referral.completed')).toMatchObject({ payload: { outcome: 'goals_partly_met' } });
      const more = await t.http.post(`/api/v1/service-episodes/${episodeId}/sessions`).set(await room.auth()).send({ date: '2026-12-03', durationMinutes: 40, attended: true });
      expect(more.status).toBe(422);
      expect(more.body.code).toBe('EPISODE_ENDED');
      // The service involvement ends with the service; the referral one stays (it ended with service).
      const open = await t.db.query(`SELECT kind FROM involvements WHERE child_id = $1 AND org_id = $2 AND until IS NULL ORDER BY kind`, [child.id, room.orgId]);
      expect(open).toEqual([{ kind: 'referral' }]);
    });

    it('kept the whole history: events, audit events and the child’s timeline', async () => {
      const events = await t.http.get(`/api/v1/referrals/${referral.id}/events`).set(await pmpc.auth()).expect(200);
      expect(events.body.items.map((e: { event: string; fromStatus: string | null; toStatus: string }) => [e.event, e.fromStatus, e.toStatus])).toEqual([
        ['create', null, 'draft'],
        ['send', 'draft', 'sent'],
        ['accept', 'sent', 'accepted'],
        ['start', 'accepted', 'in_progress'],
        ['complete', 'in_progress', 'completed'],
      ]);
      expect(events.body.items[2]).toMatchObject({ actorUserId: room.userId, actorOrgId: room.orgId });
      const audited = await t.db.query(
        `SELECT action, changes->'fields'->'status' AS status, actor_org_id FROM audit_events WHERE resource_id = $1 AND outcome = 'allowed' AND action <> 'referral.read' AND action <> 'referral.events' ORDER BY id`,
        [referral.id],
      );
      expect(audited).toEqual([
        { action: 'referral.create', status: { from: null, to: 'draft' }, actor_org_id: pmpc.orgId },
        { action: 'referral.send', status: { from: 'draft', to: 'sent' }, actor_org_id: pmpc.orgId },
        { action: 'referral.accept', status: { from: 'sent', to: 'accepted' }, actor_org_id: room.orgId },
        { action: 'referral.start', status: { from: 'accepted', to: 'in_progress' }, actor_org_id: room.orgId },
        { action: 'referral.complete', status: { from: 'in_progress', to: 'completed' }, actor_org_id: room.orgId },
      ]);
      const timeline = await t.http.get(`/api/v1/children/${child.id}/timeline?limit=100`).set(await pmpc.auth()).expect(200);
      const kinds = timeline.body.items.filter((e: { section: string }) => e.section === 'referrals').map((e: { kind: string }) => e.kind);
      expect(kinds).toEqual(['referral.sent', 'referral.accepted', 'referral.started', 'referral.completed']);
    });

    it('shows the referral in the case view of both organisations', async () => {
      for (const who of [pmpc, room]) {
        const view = await t.http.get(`/api/v1/children/${child.id}`).set(await who.auth()).expect(200);
        expect(view.body.referrals).toEqual([expect.objectContaining({ id: referral.id, fromOrgId: pmpc.orgId, toOrgId: room.orgId, status: 'completed' })]);
        expect(view.body.referrals[0]).not.toHaveProperty('child');
      }
    });
  });

  describe('declining, withdrawing and illegal moves', () => {
    it('declines with a reason: the sender is told why, the receiver no longer sees the case', async () => {
      const kid = await consentingChild(t, pmpc);
      const referral = await sentReferral(t, pmpc, kid.id, room.orgId);
      const noReason = await act(t, room, referral.id, 'decline', {});
      expect(noReason.status).toBe(400);
      expect(noReason.body.errors.map((e: { field: string }) => e.field)).toContain('reason');
      const res = await act(t, room, referral.id, 'decline', { reason: 'Логопед в отпуске до марта' }).expect(200);
      expect(res.body).toMatchObject({ status: 'declined', declineReason: 'Логопед в отпуске до марта', slaDueAt: null, child: null });
      expect((await notificationsOf(t, pmpc)).filter((n) => n.referralId === referral.id).map((n) => n.kind)).toEqual(['referral.declined']);
      await t.http.get(`/api/v1/children/${kid.id}`).set(await room.auth()).expect(404);
      // The referral itself stays readable to both parties.
      const seen = await t.http.get(`/api/v1/referrals/${referral.id}`).set(await room.auth()).expect(200);
      expect(seen.body.declineReason).toBe('Логопед в отпуске до марта');
      const [event] = await t.db.query(`SELECT reason FROM referral_events WHERE referral_id = $1 AND event = 'decline'`, [referral.id]);
      expect(event.reason).toBe('Логопед в отпуске до марта');
      const [audit] = await t.db.query(`SELECT reason FROM audit_events WHERE resource_id = $1 AND action = 'referral.decline'`, [referral.id]);
      expect(audit.reason).toBe('Логопед в отпуске до марта');
    });

    it('withdraws from draft, sent and waitlisted; the receiver is told when it knew of it', async () => {
      const kid = await consentingChild(t, pmpc);
      const draft = await draftReferral(t, pmpc, kid.id, room.orgId);
      const sent = await sentReferral(t, pmpc, kid.id, room.orgId);
      const waiting = await sentReferral(t, pmpc, kid.id, room.orgId);
      await act(t, room, waiting.id, 'waitlist').expect(200);
      for (const referral of [draft, sent, waiting]) {
        const res = await act(t, pmpc, referral.id, 'withdraw').expect(200);
        expect(res.body).toMatchObject({ status: 'withdrawn', withdrawReason: 'Семья переехала', waitlistPosition: null });
      }
      const withdrawn = (await notificationsOf(t, room)).filter((n) => n.kind === 'referral.withdrawn').map((n) => n.referralId);
      expect(withdrawn.filter((id) => [draft.id, sent.id, waiting.id].includes(id as string)).sort()).toEqual([sent.id, waiting.id].sort());
      await t.http.get(`/api/v1/children/${kid.id}`).set(await room.auth()).expect(404);
    });

    it.each([
      ['accept', 'draft'],
      ['start', 'sent'],
      ['complete', 'accepted'],
      ['send', 'sent'],
      ['accept', 'accepted'],
    ])('refuses to %s a %s referral with 422 naming the state', async (event, state) => {
      const kid = await consentingChild(t, pmpc);
      const referral = await draftReferral(t, pmpc, kid.id, room.orgId);
      const path: Record<string, [CaseWorker, string][]> = { draft: [], sent: [[pmpc, 'send']], accepted: [[pmpc, 'send'], [room, 'accept']] };
      await walk(t, referral.id, path[state]);
      const by = ['send', 'withdraw'].includes(event) ? pmpc : room;
      const res = await act(t, by, referral.id, event);
      if (state === 'draft' && by === room) {
        expect(res.status).toBe(404); // the receiver does not see drafts at all
        return;
      }
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ code: 'TRANSITION_NOT_ALLOWED', currentStatus: state });
      expect(res.body.detail).toContain(`is ${state}`);
    });

    it.each([
      ['the receiver withdraws', 'withdraw', 'room'],
      ['the sender accepts', 'accept', 'pmpc'],
      ['the sender pauses the clock', 'pause', 'pmpc'],
      ['the receiver sends', 'send', 'room'],
    ])('403 NOT_YOUR_SIDE when %s', async (_case, event, who) => {
      const kid = await consentingChild(t, pmpc);
      const referral = await sentReferral(t, pmpc, kid.id, room.orgId);
      const res = await act(t, who === 'room' ? room : pmpc, referral.id, event);
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('NOT_YOUR_SIDE');
      const [denied] = await t.db.query(`SELECT outcome, reason FROM audit_events WHERE action = $1 AND resource_id = $2`, [`referral.${event}`, referral.id]);
      expect(denied).toEqual({ outcome: 'denied', reason: 'NOT_YOUR_SIDE' });
    });
  });

  describe('concurrency', () => {
    it('20 concurrent accepts: exactly one wins, the rest 422, none 5xx', async () => {
      const kid = await consentingChild(t, pmpc);
      const referral = await sentReferral(t, pmpc, kid.id, room.orgId);
      const headers = await room.auth();
      const answers: Response[] = await Promise.all(Array.from({ length: 20 }, () => t.http.post(`/api/v1/referrals/${referral.id}/accept`).set(headers).send({})));
      const statuses = answers.map((r) => r.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.filter((s) => s >= 500)).toEqual([]);
      expect(statuses.filter((s) => s !== 200).every((s) => s === 409 || s === 422)).toBe(true);
      for (const loser of answers.filter((r) => r.status === 422)) expect(loser.body).toMatchObject({ code: 'TRANSITION_NOT_ALLOWED', currentStatus: 'accepted' });
      expect(await count(`SELECT count(*)::int AS n FROM referral_events WHERE referral_id = $1 AND event = 'accept'`, [referral.id])).toBe(1);
      expect(await count(`SELECT count(*)::int AS n FROM audit_events WHERE resource_id = $1 AND action = 'referral.accept' AND outcome = 'allowed'`, [referral.id])).toBe(1);
      const [row] = await t.db.query(`SELECT status, version FROM referrals WHERE id = $1`, [referral.id]);
      expect(row).toEqual({ status: 'accepted', version: 3 });
    });

    it('concurrent accepts of different referrals never take more places than there are', async () => {
      const small = await serviceProvider(t, 'correction_room', ['correction_specialist'], { capacity: 3, stateOrderPlaces: 3 });
      const referrals = [];
      for (let i = 0; i < 8; i++) referrals.push(await sentReferral(t, pmpc, (await consentingChild(t, pmpc)).id, small.orgId));
      const headers = await small.auth();
      const answers: Response[] = await Promise.all(referrals.map((r) => t.http.post(`/api/v1/referrals/${r.id}/accept`).set(headers).send({})));
      const statuses = answers.map((r) => r.status).sort();
      expect(statuses.filter((s) => s === 200)).toHaveLength(3);
      expect(statuses.filter((s) => s === 422)).toHaveLength(5);
      for (const refused of answers.filter((r) => r.status === 422)) expect(refused.body.code).toBe('CAPACITY_FULL');
    });
  });

  describe('capacity, the waiting list and the state order', () => {
    it('refuses to accept beyond capacity, waitlists by priority then sending time, and moves the list up as places free', async () => {
      const small = await serviceProvider(t, 'correction_room', ['correction_specialist'], { capacity: 1, stateOrderPlaces: 1 });
      const send = async (priority = 'normal') => {
        t.clock.advance(60_000);
        return sentReferral(t, pmpc, (await consentingChild(t, pmpc)).id, small.orgId, { priority });
      };
      const a = await send();
      const startedA = await walk(t, a.id, [[small, 'accept'], [small, 'start']]);
      const b = await send();
      const full = await act(t, small, b.id, 'accept');
      expect(full.status).toBe(422);
      expect(full.body).toMatchObject({ code: 'CAPACITY_FULL', capacity: 1, placesTaken: 1 });
      expect((await act(t, small, b.id, 'waitlist').expect(200)).body.waitlistPosition).toBe(1);
      const c = await send();
      expect((await act(t, small, c.id, 'waitlist').expect(200)).body.waitlistPosition).toBe(2);
      const d = await send('urgent');
      expect((await act(t, small, d.id, 'waitlist').expect(200)).body.waitlistPosition).toBe(1);
      expect((await notificationsOf(t, pmpc)).find((n) => n.referralId === d.id && n.kind === 'referral.waitlisted')).toMatchObject({ payload: { position: 1 } });

      const list = async () => (await t.http.get(`/api/v1/organizations/${small.orgId}/waitlist`).set(await small.auth()).expect(200)).body;
      let waitlist = await list();
      expect(waitlist).toMatchObject({ orgId: small.orgId, capacity: 1, placesTaken: 1 });
      expect(waitlist.items.map((i: { position: number; referral: ReferralBody }) => [i.position, i.referral.id])).toEqual([[1, d.id], [2, b.id], [3, c.id]]);
      expect((await t.http.get(`/api/v1/referrals/${b.id}`).set(await pmpc.auth()).expect(200)).body.waitlistPosition).toBe(2);
      await t.http.get(`/api/v1/organizations/${small.orgId}/waitlist`).set(await pmpc.auth()).expect(404);
      await t.http.get(`/api/v1/organizations/${small.orgId}/waitlist`).set(await outsider.auth()).expect(404);

      // A waitlisted referral cannot be accepted while the place is taken…
      expect((await act(t, small, d.id, 'accept')).body.code).toBe('CAPACITY_FULL');
      // …until the service ends: the room is told someone is waiting, and accepts the head of the list.
      // (A service is completed with a result only after a session has been logged.)
      await t.http.post(`/api/v1/service-episodes/${startedA.episode!.id}/sessions`).set(await small.auth())
        .send({ date: t.clock.today(), durationMinutes: 40, attended: true }).expect(201);
      await act(t, small, a.id, 'complete').expect(200);
      expect((await notificationsOf(t, small)).find((n) => n.kind === 'waitlist.place_freed')).toMatchObject({ payload: { waiting: 3 } });
      const accepted = await act(t, small, d.id, 'accept').expect(200);
      expect(accepted.body).toMatchObject({ status: 'accepted', waitlistPosition: null, sla: { phase: 'start' } });
      waitlist = await list();
      expect(waitlist.items.map((i: { position: number; referral: ReferralBody }) => [i.position, i.referral.id])).toEqual([[1, b.id], [2, c.id]]);
      await act(t, pmpc, b.id, 'withdraw').expect(200);
      expect((await list()).items.map((i: { referral: ReferralBody }) => i.referral.id)).toEqual([c.id]);
      expect((await t.http.get(`/api/v1/referrals/${c.id}`).set(await pmpc.auth()).expect(200)).body.waitlistPosition).toBe(1);
      // Declining from the waiting list ends it too.
      await act(t, small, c.id, 'decline').expect(200);
      expect((await list()).items).toEqual([]);
    });

    it('counts accepted referrals not yet started as taken places', async () => {
      const small = await serviceProvider(t, 'correction_room', ['correction_specialist'], { capacity: 1, stateOrderPlaces: 1 });
      const first = await sentReferral(t, pmpc, (await consentingChild(t, pmpc)).id, small.orgId);
      const second = await sentReferral(t, pmpc, (await consentingChild(t, pmpc)).id, small.orgId);
      await act(t, small, first.id, 'accept').expect(200);
      expect((await act(t, small, second.id, 'accept')).body.code).toBe('CAPACITY_FULL');
    });

    it('an organisation without a capacity takes everyone', async () => {
      const open = await serviceProvider(t, 'rehab_centre', ['rehab_specialist'], { capacity: null, stateOrderPlaces: null });
      for (let i = 0; i < 3; i++) {
        const referral = await sentReferral(t, pmpc, (await consentingChild(t, pmpc)).id, open.orgId, { serviceType: 'rehabilitation', funding: 'paid' });
        await walk(t, referral.id, [[open, 'accept'], [open, 'start']]);
      }
    });

    it('keeps state-order episodes within the quota; paid and other funding are still allowed', async () => {
      const centre = await serviceProvider(t, 'autism_centre', ['rehab_specialist'], { capacity: 5, stateOrderPlaces: 1 });
      const refer = async () => {
        const referral = await sentReferral(t, pmpc, (await consentingChild(t, pmpc)).id, centre.orgId, { serviceType: 'autism_support' });
        await act(t, centre, referral.id, 'accept').expect(200);
        return referral;
      };
      const [a, b, c] = [await refer(), await refer(), await refer()];
      expect((await act(t, centre, a.id, 'start', {}).expect(200)).body.episode.funding).toBe('state_order');
      const refused = await act(t, centre, b.id, 'start', {});
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({ code: 'STATE_ORDER_QUOTA_FULL', stateOrderPlaces: 1, stateOrderEpisodes: 1 });
      expect(refused.body.errors[0].field).toBe('funding');
      expect((await act(t, centre, b.id, 'start', { funding: 'paid' }).expect(200)).body.episode.funding).toBe('paid');
      expect((await act(t, centre, c.id, 'start', { funding: 'other' }).expect(200)).body.episode.funding).toBe('other');
      // An organisation without state-order places starts only paid or other services.
      const none = await serviceProvider(t, 'correction_room', ['correction_specialist'], { capacity: 5, stateOrderPlaces: null });
      const referral = await sentReferral(t, pmpc, (await consentingChild(t, pmpc)).id, none.orgId);
      await act(t, none, referral.id, 'accept').expect(200);
      expect((await act(t, none, referral.id, 'start', {})).body.code).toBe('STATE_ORDER_QUOTA_FULL');
    });
  });

  describe('Idempotency-Key on POST /referrals', () => {
    const body = () => ({ childId: child.id, toOrgId: room.orgId, serviceType: 'defectology', reason: 'Задержка психического развития' });
    const post = (key: string | null, input: Record<string, unknown>, who: CaseWorker = pmpc) =>
      answer(async () => {
        const req = t.http.post('/api/v1/referrals').set(await who.auth());
        return (key === null ? req : req.set('Idempotency-Key', key)).send(input);
      }, 'create referral');
    const referralsWithReason = (reason: string) => count(`SELECT count(*)::int AS n FROM referrals WHERE reason = $1`, [reason]);

    it('replays the first response for the same key and body', async () => {
      const input = { ...body(), reason: 'Replay me' };
      const first = await post('0b6f3c1e-5d0a-4e8b-9a52-7f1d2c3b4a59', input);
      expect(first.status).toBe(201);
      t.clock.advance(1000);
      const again = await post('0b6f3c1e-5d0a-4e8b-9a52-7f1d2c3b4a59', { reason: 'Replay me', serviceType: 'defectology', toOrgId: room.orgId, childId: child.id });
      expect(again.status).toBe(201);
      expect(again.body).toEqual(first.body);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(await referralsWithReason('Replay me')).toBe(1);
    });

    it('refuses the same key with another body (422 IDEMPOTENCY_KEY_REUSED), creating nothing', async () => {
      await post('reuse-key-1', { ...body(), reason: 'First body' }).expect(201);
      const res = await post('reuse-key-1', { ...body(), reason: 'Second body' });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
      expect(await referralsWithReason('Second body')).toBe(0);
    });

    it('creates one referral for concurrent duplicates', async () => {
      const input = { ...body(), reason: 'Concurrent duplicates' };
      const headers = await pmpc.auth();
      const answers: Response[] = await Promise.all(
        Array.from({ length: 10 }, () => t.http.post('/api/v1/referrals').set(headers).set('Idempotency-Key', 'concurrent-1').send(input)),
      );
      expect(answers.map((r) => r.status)).toEqual(Array(10).fill(201));
      expect(new Set(answers.map((r) => r.body.id)).size).toBe(1);
      expect(await referralsWithReason('Concurrent duplicates')).toBe(1);
    });

    it('keeps keys per user, runs again after a failed first try, and creates freely without a key', async () => {
      await post('shared-key', { ...body(), reason: 'Per user' }).expect(201);
      await post('shared-key', { ...body(), reason: 'Per user' }, pmpcColleague).expect(201);
      expect(await referralsWithReason('Per user')).toBe(2);
      const bad = await post('retry-after-400', { ...body(), serviceType: 'juggling', reason: 'Retried' });
      expect(bad.status).toBe(400);
      await post('retry-after-400', { ...body(), reason: 'Retried' }).expect(201);
      await post(null, { ...body(), reason: 'No key' }).expect(201);
      await post(null, { ...body(), reason: 'No key' }).expect(201);
      expect(await referralsWithReason('No key')).toBe(2);
    });

    it.each([['256 characters', 'x'.repeat(256)], ['a space', 'has space'], ['an empty key', '']])('refuses %s as a key with 400 naming the header', async (_what, key) => {
      const res = await post(key, body());
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'Idempotency-Key', code: 'IDEMPOTENCY_KEY_INVALID' })]);
    });
  });

  describe('creating: who may refer what to whom', () => {
    it('needs an active services consent (422 CONSENT_REQUIRED), also when sending', async () => {
      const kid = await newChild(t, pmpc);
      const res = await t.http.post('/api/v1/referrals').set(await pmpc.auth()).send({ childId: kid.id, toOrgId: room.orgId, serviceType: 'speech_therapy', reason: 'x' });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('CONSENT_REQUIRED');
      const consent = await grantConsent(t, pmpc, kid);
      const draft = await draftReferral(t, pmpc, kid.id, room.orgId);
      await t.http.post(`/api/v1/consents/${consent.id}/withdraw`).set(await pmpc.auth()).send({}).expect(200);
      const send = await act(t, pmpc, draft.id, 'send');
      expect(send.status).toBe(422);
      expect(send.body.code).toBe('CONSENT_REQUIRED');
    });

    it.each([
      ['a service the organisation does not provide', { serviceType: 'social_support' }, 422, 'SERVICE_NOT_PROVIDED', 'toOrgId'],
      ['an unknown organisation', { toOrgId: '00000000-0000-4000-8000-000000000000' }, 400, 'VALIDATION_FAILED', 'toOrgId'],
      ['its own organisation', { toOrgId: 'OWN' }, 422, 'REFERRAL_TO_OWN_ORGANIZATION', 'toOrgId'],
      ['an unknown conclusion', { assessmentId: '00000000-0000-4000-8000-000000000000' }, 400, 'VALIDATION_FAILED', 'assessmentId'],
    ])('refuses %s', async (_case, override, status, code, field) => {
      const input = { childId: child.id, toOrgId: room.orgId, serviceType: 'speech_therapy', reason: 'x', ...override };
      if (input.toOrgId === 'OWN') input.toOrgId = pmpc.orgId;
      const res = await t.http.post('/api/v1/referrals').set(await pmpc.auth()).send(input);
      expect(res.status).toBe(status);
      expect(res.body.code).toBe(code);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });

    it('refuses a child the organisation does not see (404), a closed case (422) and roles without referrals (403)', async () => {
      const stranger = await worker(t, 'school', ['school_coordinator'], PAVLODAR);
      const res = await t.http.post('/api/v1/referrals').set(await stranger.auth()).send({ childId: child.id, toOrgId: room.orgId, serviceType: 'speech_therapy', reason: 'x' });
      expect(res.status).toBe(404);
      const kid = await consentingChild(t, pmpc);
      await t.http.post(`/api/v1/children/${kid.id}/close`).set(await pmpc.auth()).send({ reason: 'Отбыл' }).expect(200);
      const closed = await t.http.post('/api/v1/referrals').set(await pmpc.auth()).send({ childId: kid.id, toOrgId: room.orgId, serviceType: 'speech_therapy', reason: 'x' });
      expect(closed.status).toBe(422);
      expect(closed.body.code).toBe('CASE_CLOSED');
      const dept = await newOrganization(t, await admin(t), { type: 'education_department' });
      const analyst = await member(t, dept.id, ['analyst']);
      for (const req of [
        t.http.post('/api/v1/referrals').send({ childId: child.id, toOrgId: room.orgId, serviceType: 'speech_therapy', reason: 'x' }),
        t.http.get('/api/v1/referrals'),
      ]) {
        expect((await req.set(await analyst.auth())).status).toBe(403);
      }
    });

    it('links the child’s current signed conclusion, and only that', async () => {
      const kid = await consentingChild(t, pmpc);
      const conclusion = await signedConclusion(t, { child: kid, specialist: pmpc, head: pmpcColleague });
      const linked = await draftReferral(t, pmpc, kid.id, room.orgId, { assessmentId: conclusion.id });
      expect(linked.assessmentId).toBe(conclusion.id);
      const other = await consentingChild(t, pmpc);
      const res = await t.http.post('/api/v1/referrals').set(await pmpc.auth()).send({ childId: other.id, toOrgId: room.orgId, serviceType: 'speech_therapy', reason: 'x', assessmentId: conclusion.id });
      expect(res.status).toBe(400);
      expect(res.body.errors[0]).toMatchObject({ field: 'assessmentId', code: 'UNKNOWN_CONCLUSION' });
    });

    it('refers from any involved organisation — a school to a rehabilitation centre', async () => {
      const school = await worker(t, 'school', ['school_coordinator']);
      const kid = await consentingChild(t, school);
      const centre = await serviceProvider(t, 'rehab_centre', ['rehab_specialist'], { capacity: 5, stateOrderPlaces: 5 });
      const referral = await sentReferral(t, school, kid.id, centre.orgId, { serviceType: 'rehabilitation' });
      await act(t, centre, referral.id, 'accept').expect(200);
    });
  });

  describe('an organisation that is not a party', () => {
    let referral: ReferralBody;
    beforeAll(async () => {
      referral = await sentReferral(t, pmpc, (await consentingChild(t, pmpc)).id, room.orgId);
      await walk(t, referral.id, [[room, 'accept'], [room, 'start']]);
    });

    type Route = [string, string, (r: ReferralBody) => string, Record<string, unknown> | null];
    const routes: Route[] = [
      ['GET', 'read', (r) => `/api/v1/referrals/${r.id}`, null],
      ['GET', 'events', (r) => `/api/v1/referrals/${r.id}/events`, null],
      ...['send', 'accept', 'decline', 'waitlist', 'withdraw', 'pause', 'resume', 'start', 'complete'].map(
        (event): Route => ['POST', event, (r) => `/api/v1/referrals/${r.id}/${event}`, null],
      ),
      ['GET', 'episode', (r) => `/api/v1/service-episodes/${r.episode!.id}`, null],
      ['GET', 'sessions', (r) => `/api/v1/service-episodes/${r.episode!.id}/sessions`, null],
      ['POST', 'log a session', (r) => `/api/v1/service-episodes/${r.episode!.id}/sessions`, { date: '2026-11-25', durationMinutes: 30, attended: true }],
      ['GET', 'waiting list', (r) => `/api/v1/organizations/${r.toOrgId}/waitlist`, null],
    ];

    it.each(routes)('gets 404 on %s %s', async (method, event, path, input) => {
      const refreshed = (await t.http.get(`/api/v1/referrals/${referral.id}`).set(await room.auth()).expect(200)).body;
      const url = path(refreshed);
      const body = input ?? REFERRAL_EVENTS_WITH_BODY[event] ?? {};
      const res = method === 'GET' ? await t.http.get(url).set(await outsider.auth()) : await t.http.post(url).set(await outsider.auth()).send(body);
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('NOT_FOUND');
    });

    it('finds nothing of it in its lists', async () => {
      for (const box of ['incoming', 'outgoing', undefined]) {
        const res = await t.http.get('/api/v1/referrals').query(box ? { box } : {}).set(await outsider.auth()).expect(200);
        expect(res.body.items.map((r: ReferralBody) => r.id)).not.toContain(referral.id);
      }
    });

    it('the sending organisation cannot read the provider’s episode directly either', async () => {
      await t.http.get(`/api/v1/service-episodes/${(await t.http.get(`/api/v1/referrals/${referral.id}`).set(await pmpc.auth())).body.episode.id}`).set(await pmpc.auth()).expect(404);
    });
  });

  describe('bad input: 400 with every bad field named, never a 5xx', () => {
    it.each([
      ['nothing', {}, ['childId', 'toOrgId', 'serviceType', 'reason']],
      ['wrong types and values', { childId: 'nope', toOrgId: 12, serviceType: 'juggling', reason: '' }, ['childId', 'toOrgId', 'serviceType', 'reason']],
      ['unknown codes', { priority: 'high', funding: 'barter', assessmentId: 'x' }, ['priority', 'funding', 'assessmentId']],
      ['a reason of 2001 characters', { reason: 'x'.repeat(2001) }, ['reason']],
      ['a control character', { reason: 'bad\u0007text' }, ['reason']],
      ['an unknown field', { colour: 'red' }, ['colour']],
    ])('POST /referrals with %s', async (_what, override, fields) => {
      const input = { childId: child.id, toOrgId: room.orgId, serviceType: 'speech_therapy', reason: 'x', ...override };
      const res = await t.http.post('/api/v1/referrals').set(await pmpc.auth()).send(override && Object.keys(override).length === 0 ? {} : input);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      for (const field of fields) expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });

    it('transition bodies and paths', async () => {
      const referral = await sentReferral(t, pmpc, (await consentingChild(t, pmpc)).id, room.orgId);
      const cases: [string, string, Record<string, unknown>, string][] = [
        ['pause', 'room', { reason: 'holiday' }, 'reason'],
        ['pause', 'room', {}, 'reason'],
        ['decline', 'room', { reason: 42 }, 'reason'],
        ['withdraw', 'pmpc', { reason: 'x', extra: 1 }, 'extra'],
        ['start', 'room', { funding: 'gift' }, 'funding'],
        ['start', 'room', { startedOn: '2026-02-30' }, 'startedOn'],
        ['start', 'room', { startedOn: '30.11.2026' }, 'startedOn'],
        ['complete', 'room', { summary: 'x' }, 'outcome'],
        ['complete', 'room', { outcome: 'great' }, 'outcome'],
      ];
      for (const [event, who, input, field] of cases) {
        const res = await act(t, who === 'room' ? room : pmpc, referral.id, event, input);
        expect([event, res.status]).toEqual([event, 400]);
        expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      }
      const badId = await t.http.post('/api/v1/referrals/not-a-uuid/accept').set(await room.auth()).send({});
      expect(badId.status).toBe(400);
      expect(badId.body.errors[0]).toMatchObject({ field: 'id', code: 'INVALID_UUID' });
      const missing = await t.http.post('/api/v1/referrals/00000000-0000-4000-8000-000000000000/accept').set(await room.auth()).send({});
      expect(missing.status).toBe(404);
    });

    it('dates in the future or before the facts', async () => {
      const referral = await sentReferral(t, pmpc, (await consentingChild(t, pmpc)).id, room.orgId);
      await act(t, room, referral.id, 'accept').expect(200);
      const future = await act(t, room, referral.id, 'start', { startedOn: '2099-01-01' });
      expect(future.status).toBe(400);
      expect(future.body.errors[0]).toMatchObject({ field: 'startedOn', code: 'DATE_IN_FUTURE' });
      const early = await act(t, room, referral.id, 'start', { startedOn: '2020-01-01' });
      expect(early.status).toBe(422);
      expect(early.body.code).toBe('START_BEFORE_ACCEPTANCE');
      const started = await act(t, room, referral.id, 'start', {}).expect(200);
      const episodeId = started.body.episode.id;
      for (const [input, status, field] of [
        [{ date: '2026-11-25', durationMinutes: 0, attended: true }, 400, 'durationMinutes'],
        [{ date: '2026-11-25', durationMinutes: 481, attended: true }, 400, 'durationMinutes'],
        [{ date: '2026-11-25', durationMinutes: 30 }, 400, 'attended'],
        [{ date: 'tomorrow', durationMinutes: 30, attended: true }, 400, 'date'],
        [{ date: '2099-01-01', durationMinutes: 30, attended: true }, 400, 'date'],
        [{ date: '2020-01-01', durationMinutes: 30, attended: true }, 422, 'date'],
      ] as const) {
        const res = await t.http.post(`/api/v1/service-episodes/${episodeId}/sessions`).set(await room.auth()).send(input);
        expect([input, res.status]).toEqual([input, status]);
        expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      }
      const early2 = await act(t, room, referral.id, 'complete', { outcome: 'discontinued', endedOn: '2020-01-01' });
      expect(early2.status).toBe(422);
      expect(early2.body.code).toBe('END_BEFORE_START');
    });

    it.each([
      [{ box: 'sideways' }, 'box'],
      [{ overdue: 'maybe' }, 'overdue'],
      [{ status: 'lost' }, 'status'],
      [{ limit: 0 }, 'limit'],
      [{ limit: 101 }, 'limit'],
      [{ childId: 'x' }, 'childId'],
      [{ cursor: 'garbage' }, 'cursor'],
    ])('GET /referrals?%j', async (query, field) => {
      const res = await t.http.get('/api/v1/referrals').query(query).set(await pmpc.auth());
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });
  });

  describe('lists', () => {
    it('filters by box, status, service type and child, paging by keyset without repeats', async () => {
      const org = await serviceProvider(t, 'correction_room', ['correction_specialist'], { capacity: 50, stateOrderPlaces: 50 });
      const kid = await consentingChild(t, pmpc);
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) ids.push((await sentReferral(t, pmpc, kid.id, org.orgId, { serviceType: i % 2 ? 'defectology' : 'speech_therapy' })).id);
      await act(t, org, ids[0], 'accept').expect(200);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res: Response = await t.http.get('/api/v1/referrals').query({ box: 'incoming', limit: 2, ...(cursor ? { cursor } : {}) }).set(await org.auth()).expect(200);
        seen.push(...res.body.items.map((r: ReferralBody) => r.id));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual([...ids].reverse());
      const accepted = await t.http.get('/api/v1/referrals').query({ box: 'incoming', status: 'accepted' }).set(await org.auth()).expect(200);
      expect(accepted.body.items.map((r: ReferralBody) => r.id)).toEqual([ids[0]]);
      const defectology = await t.http.get('/api/v1/referrals').query({ box: 'incoming', serviceType: 'defectology' }).set(await org.auth()).expect(200);
      expect(defectology.body.items).toHaveLength(2);
      const byChild = await t.http.get('/api/v1/referrals').query({ box: 'outgoing', childId: kid.id }).set(await pmpc.auth()).expect(200);
      expect(byChild.body.items.map((r: ReferralBody) => r.id).sort()).toEqual([...ids].sort());
      const notOverdue = await t.http.get('/api/v1/referrals').query({ box: 'incoming', overdue: false }).set(await org.auth()).expect(200);
      expect(notOverdue.body.items).toHaveLength(5);
      const types = await t.http.get('/api/v1/referrals/service-types').set('Accept-Language', 'ru').set(await pmpc.auth()).expect(200);
      expect(types.body).toHaveLength(10);
      expect(types.body.find((s: { code: string }) => s.code === 'social_support')).toEqual({ code: 'social_support', label: 'Социальная поддержка', providerTypes: ['social_protection_office'] });
    });
  });

  describe('social protection (DESIGN §5)', () => {
    it('a social worker receives a social_support referral and sees only the sections social protection is given', async () => {
      const office = await serviceProvider(t, 'social_protection_office', ['social_worker'], { capacity: null });
      const health = await worker(t, 'polyclinic', ['health_worker']);
      const kid = await consentingChild(t, pmpc);
      await t.http.post(`/api/v1/children/${kid.id}/diagnoses`).set(await pmpc.auth()).send({ icd10: 'F80.1', date: '2025-03-01' }).expect(201);
      const toRoom = await sentReferral(t, pmpc, kid.id, room.orgId);
      const toHealth = await sentReferral(t, pmpc, kid.id, health.orgId, { serviceType: 'medical_consultation' });
      const social = await sentReferral(t, pmpc, kid.id, office.orgId, { serviceType: 'social_support', reason: 'Семья нуждается в поддержке' });
      const inbox = await t.http.get('/api/v1/referrals?box=incoming').set(await office.auth()).expect(200);
      expect(inbox.body.items.map((r: ReferralBody) => r.id)).toEqual([social.id]);
      await act(t, office, social.id, 'accept').expect(200);

      const view = await t.http.get(`/api/v1/children/${kid.id}`).set(await office.auth()).expect(200);
      const sections = Object.keys(view.body).filter((k) => !['id', 'version', 'status', 'closedReason', 'closedAt'].includes(k)).sort();
      // DESIGN §5 for social protection: everything but diagnoses and PMPC protocol notes (placements and
      // assessments appear once their libs contribute those sections).
      const SOCIAL = ['identity', 'guardians', 'consents', 'assessments', 'disability', 'placements', 'referrals'];
      expect(sections.filter((s) => !SOCIAL.includes(s))).toEqual([]);
      expect(sections).toEqual(expect.arrayContaining(['consents', 'disability', 'guardians', 'identity', 'referrals']));
      expect(view.body).not.toHaveProperty('diagnoses');
      for (const assessment of view.body.assessments ?? []) expect(assessment).not.toHaveProperty('protocolNotes');
      expect(view.body.referrals.map((r: ReferralBody) => r.id)).toEqual([social.id]);
      // PMPC sees every referral of the child; the room only its own.
      const pmpcView = await t.http.get(`/api/v1/children/${kid.id}`).set(await pmpc.auth()).expect(200);
      expect(pmpcView.body.referrals.map((r: ReferralBody) => r.id).sort()).toEqual([toRoom.id, toHealth.id, social.id].sort());
      expect(pmpcView.body.diagnoses).toHaveLength(1);
      const roomView = await t.http.get(`/api/v1/children/${kid.id}`).set(await room.auth()).expect(200);
      expect(roomView.body.referrals.map((r: ReferralBody) => r.id)).toEqual([toRoom.id]);
      // The timeline follows the same rule.
      const timeline = await t.http.get(`/api/v1/children/${kid.id}/timeline?limit=100`).set(await office.auth()).expect(200);
      const referralIds = new Set(timeline.body.items.filter((e: { section: string }) => e.section === 'referrals').map((e: { details: { referralId: string } }) => e.details.referralId));
      expect([...referralIds]).toEqual([social.id]);
    });
  });

  describe('merging two records of one child', () => {
    it('moves the duplicate’s referrals and episodes to the survivor', async () => {
      const head = pmpcColleague;
      const survivor = await consentingChild(t, pmpc);
      const duplicate = await newChild(t, pmpc, { iinPending: true, lastName: 'Ахметова', firstName: 'Әлия', confirmNew: true });
      await grantConsent(t, pmpc, duplicate);
      const referral = await sentReferral(t, pmpc, duplicate.id, room.orgId);
      await walk(t, referral.id, [[room, 'accept'], [room, 'start']]);
      await t.http.post(`/api/v1/children/${survivor.id}/merge`).set(await head.auth()).send({ duplicateId: duplicate.id }).expect(200);
      const moved = await t.http.get(`/api/v1/referrals/${referral.id}`).set(await pmpc.auth()).expect(200);
      expect(moved.body.childId).toBe(survivor.id);
      const [episode] = await t.db.query(`SELECT child_id FROM service_episodes WHERE referral_id = $1`, [referral.id]);
      expect(episode.child_id).toBe(survivor.id);
      const view = await t.http.get(`/api/v1/children/${survivor.id}`).set(await pmpc.auth()).expect(200);
      expect(view.body.referrals.map((r: ReferralBody) => r.id)).toContain(referral.id);
    });
  });
});
