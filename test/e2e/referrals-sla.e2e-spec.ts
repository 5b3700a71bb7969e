import { TransactionHost, type Tx } from '@qoldau/core';
import { ReferralSlaService } from '@qoldau/referrals';
import { ClsService } from 'nestjs-cls';
import type { CaseWorker } from '../support/children';
import {
  act, admin, almaty, colleague, consentingChild, endOfDay, notificationsOf, ReferralBody, sentReferral, serviceProvider, worker,
} from '../support/referrals';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Working-day SLAs (issue 9) on the real calendar table, with the injectable clock: deadlines across
 * holidays and carried-over days off, pause and resume, the warning one working day before, the
 * breach, and re-runs that notify nobody twice. The job is called directly here; referrals-jobs
 * runs it through pg-boss.
 */
describe('referrals: working-day SLAs', () => {
  let t: TestApp;
  let pmpc: CaseWorker;
  let room: CaseWorker;
  let roomColleague: CaseWorker;

  beforeAll(async () => {
    // The clock moves by weeks, so each user signs in again and again within a real minute; the support
    // helpers give each sign-in its own X-Forwarded-For, believed because the app trusts the loopback proxy.
    t = await startTestApp({ now: almaty('2026-03-02 09:00').toISOString(), env: { TRUSTED_PROXIES: '127.0.0.1' } });
    pmpc = await worker(t, 'pmpc', ['pmpc_specialist']);
    room = await serviceProvider(t, 'correction_room', ['correction_specialist'], { capacity: 100, stateOrderPlaces: 100 });
    roomColleague = await colleague(t, room, 'correction_room', ['correction_specialist']);
  });
  afterAll(() => t.close());

  const run = () => t.app.get(ReferralSlaService).run();
  const at = (local: string) => t.clock.set(almaty(local));
  const read = async (id: string, who: CaseWorker = pmpc): Promise<ReferralBody> => (await t.http.get(`/api/v1/referrals/${id}`).set(await who.auth()).expect(200)).body;
  const kindsFor = async (who: CaseWorker, referralId: string) => (await notificationsOf(t, who)).filter((n) => n.referralId === referralId).map((n) => n.kind).sort();
  const eventsOf = async (id: string) =>
    (await t.http.get(`/api/v1/referrals/${id}/events`).set(await pmpc.auth()).expect(200)).body.items as { event: string; reason: string | null; actorUserId: string | null; details: Record<string, unknown> }[];

  describe('the calendar', () => {
    it('holds the Labour Code carry-overs for 2025–2030: a weekend holiday gives the next working day off (religious ones excepted)', async () => {
      const rows: { date: string; kind: string }[] = await t.db.query(
        `SELECT to_char(date, 'YYYY-MM-DD') AS date, kind FROM holidays WHERE date BETWEEN '2025-01-01' AND '2030-12-31' ORDER BY date`,
      );
      const holidays = rows.filter((r) => r.kind === 'holiday').map((r) => r.date);
      // Worked out here independently of the migration: walk forward from each weekend holiday to the
      // first weekday that is neither a holiday nor already taken by an earlier carry-over.
      const expected: string[] = [];
      const isWeekend = (d: Date) => d.getUTCDay() === 0 || d.getUTCDay() === 6;
      for (const date of holidays) {
        const day = new Date(`${date}T00:00:00Z`);
        if (!isWeekend(day) || date.endsWith('-01-07')) continue; // Orthodox Christmas is religious: not carried over
        for (let next = new Date(day); ; ) {
          next = new Date(next.getTime() + 86_400_000);
          const iso = next.toISOString().slice(0, 10);
          if (isWeekend(next) || holidays.includes(iso) || expected.includes(iso)) continue;
          expected.push(iso);
          break;
        }
      }
      expect(rows.filter((r) => r.kind === 'day_off').map((r) => r.date)).toEqual(expected.sort());
      expect(expected).toEqual(expect.arrayContaining(['2026-03-24', '2026-03-25', '2026-05-11', '2028-01-03', '2028-01-04']));
    });
  });

  describe('respond deadline across Nauryz 2026, the warning and the breach', () => {
    let referral: ReferralBody;

    it('is due at the end of the fifth working day: 21–25 March do not count', async () => {
      at('2026-03-16 10:00'); // Monday
      referral = await sentReferral(t, pmpc, (await consentingChild(t, pmpc)).id, room.orgId);
      expect(referral.sla).toMatchObject({ phase: 'respond', paused: false, overdue: false });
      // 17 18 19 20 | 21 22 23 Nauryz, 24 25 carried over | 26
      expect(referral.slaDueAt).toBe(endOfDay('2026-03-26'));
    });

    it('warns nobody two working days before', async () => {
      at('2026-03-19 12:00');
      await run();
      expect(await kindsFor(room, referral.id)).toEqual(['referral.received']);
    });

    it('warns the receiver’s users on the working day before — Friday 20, since 21–25 are off — once', async () => {
      at('2026-03-20 08:30');
      const result = await run();
      expect(result.warned).toBeGreaterThanOrEqual(1);
      for (const user of [room, roomColleague]) expect(await kindsFor(user, referral.id)).toEqual(['referral.received', 'referral.sla_due_soon']);
      expect(await kindsFor(pmpc, referral.id)).toEqual([]);
      const [warning] = (await notificationsOf(t, room)).filter((n) => n.kind === 'referral.sla_due_soon' && n.referralId === referral.id);
      expect(warning.payload).toEqual({ phase: 'respond', dueAt: endOfDay('2026-03-26'), status: 'sent', serviceType: 'speech_therapy' });
      at('2026-03-24 11:00');
      await run();
      await run();
      for (const user of [room, roomColleague]) expect(await kindsFor(user, referral.id)).toEqual(['referral.received', 'referral.sla_due_soon']);
      expect((await eventsOf(referral.id)).filter((e) => e.event === 'sla_due_soon')).toHaveLength(1);
    });

    it('is not overdue during its last day', async () => {
      at('2026-03-26 23:59');
      await run();
      expect((await read(referral.id)).sla.overdue).toBe(false);
      expect(await kindsFor(pmpc, referral.id)).toEqual([]);
    });

    it('is marked overdue when it passes: both organisations are told, once', async () => {
      at('2026-03-27 00:05');
      const first = await run();
      expect(first.breached).toBeGreaterThanOrEqual(1);
      const view = await read(referral.id);
      expect(view.sla).toMatchObject({ overdue: true, overdueSince: almaty('2026-03-27 00:05').toISOString() });
      expect(view.status).toBe('sent');
      for (const user of [pmpc, room, roomColleague]) expect(await kindsFor(user, referral.id)).toContain('referral.sla_breached');
      await run();
      at('2026-03-30 10:00');
      await run();
      expect((await kindsFor(room, referral.id)).filter((k) => k === 'referral.sla_breached')).toHaveLength(1);
      expect((await kindsFor(pmpc, referral.id)).filter((k) => k === 'referral.sla_breached')).toHaveLength(1);
      const breaches = (await eventsOf(referral.id)).filter((e) => e.event === 'sla_breached');
      expect(breaches).toEqual([expect.objectContaining({ actorUserId: null, details: { phase: 'respond', dueAt: endOfDay('2026-03-26') } })]);
      const audit = await t.db.query(`SELECT actor_user_id, outcome, changes FROM audit_events WHERE action = 'referral.sla_breached' AND resource_id = $1`, [referral.id]);
      expect(audit).toEqual([{ actor_user_id: null, outcome: 'allowed', changes: { fields: { overdueAt: { from: null, to: almaty('2026-03-27 00:05').toISOString() } } } }]);
      const overdue = await t.http.get('/api/v1/referrals').query({ box: 'incoming', overdue: true }).set(await room.auth()).expect(200);
      expect(overdue.body.items.map((r: ReferralBody) => r.id)).toContain(referral.id);
      const timeline = await t.http.get(`/api/v1/children/${referral.childId}/timeline`).set(await pmpc.auth()).expect(200);
      expect(timeline.body.items.map((e: { kind: string }) => e.kind)).toContain('referral.overdue');
    });

    it('a breached deadline cannot be paused away', async () => {
      const res = await act(t, room, referral.id, 'pause');
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('SLA_ALREADY_BREACHED');
    });

    it('accepting late starts the start clock afresh: 10 working days, no longer overdue', async () => {
      const accepted = await act(t, room, referral.id, 'accept').expect(200);
      // from Monday 30 March: 31, 1, 2, 3, 6, 7, 8, 9, 10, 13 April
      expect(accepted.body).toMatchObject({ slaDueAt: endOfDay('2026-04-13'), sla: { phase: 'start', overdue: false, overdueSince: null } });
      const overdue = await t.http.get('/api/v1/referrals').query({ box: 'incoming', overdue: true }).set(await room.auth()).expect(200);
      expect(overdue.body.items.map((r: ReferralBody) => r.id)).not.toContain(referral.id);
      // The start deadline is warned about too (Friday 10 April), to the receiver.
      at('2026-04-10 09:00');
      await run();
      expect((await notificationsOf(t, room)).filter((n) => n.referralId === referral.id && n.kind === 'referral.sla_due_soon').map((n) => n.payload.phase).sort()).toEqual([
        'respond', 'start',
      ]);
    });
  });

  describe('pause and resume', () => {
    let referral: ReferralBody;

    it('pauses with a reason: no deadline while paused, and the job leaves it alone', async () => {
      at('2026-03-02 10:00'); // Monday; 5 working days → Tuesday 10 March (9 March is 8 March's day off)
      referral = await sentReferral(t, pmpc, (await consentingChild(t, pmpc)).id, room.orgId);
      expect(referral.slaDueAt).toBe(endOfDay('2026-03-10'));
      at('2026-03-03 15:00');
      const paused = await act(t, room, referral.id, 'pause', { reason: 'child_ill' }).expect(200);
      expect(paused.body).toMatchObject({ status: 'sent', slaDueAt: null, sla: { phase: 'respond', dueAt: null, paused: true, pauseReason: 'child_ill', overdue: false } });
      expect((await act(t, room, referral.id, 'pause', { reason: 'family_away' })).body.code).toBe('SLA_ALREADY_PAUSED');
      at('2026-03-04 18:00');
      await run();
      expect(await kindsFor(room, referral.id)).toEqual(['referral.received']);
    });

    it('resumes: the paused days do not count, so the deadline moves out by them', async () => {
      at('2026-03-05 09:00'); // Thursday: 3 and 4 March did not count
      const resumed = await act(t, room, referral.id, 'resume').expect(200);
      expect(resumed.body).toMatchObject({ sla: { paused: false, pauseReason: null } });
      // counted: 5, 6, (9 off), 10, 11, 12
      expect(resumed.body.slaDueAt).toBe(endOfDay('2026-03-12'));
      expect((await act(t, room, referral.id, 'resume')).body.code).toBe('SLA_NOT_PAUSED');
      const events = (await eventsOf(referral.id)).filter((e) => ['pause', 'resume'].includes(e.event));
      expect(events.map((e) => [e.event, e.reason])).toEqual([['pause', 'child_ill'], ['resume', null]]);
      expect(events[1].details).toEqual({ phase: 'respond', dueAt: endOfDay('2026-03-12') });
      const audited = await t.db.query(`SELECT action, reason, changes->'fields'->'slaClock' AS clock FROM audit_events WHERE resource_id = $1 AND action IN ('referral.pause', 'referral.resume') ORDER BY id`, [referral.id]);
      expect(audited).toEqual([
        { action: 'referral.pause', reason: 'child_ill', clock: { from: 'running', to: 'paused' } },
        { action: 'referral.resume', reason: null, clock: { from: 'paused', to: 'running' } },
      ]);
    });

    it('a pause left open ends when the referral moves on; the next clock starts fresh', async () => {
      at('2026-03-06 10:00');
      await act(t, room, referral.id, 'pause', { reason: 'guardian_unreachable' }).expect(200);
      at('2026-03-10 10:00');
      const accepted = await act(t, room, referral.id, 'accept').expect(200);
      // 10 working days from Tuesday 10 March: 11 12 13 16 17 18 19 20 | Nauryz | 26 27
      expect(accepted.body).toMatchObject({ slaDueAt: endOfDay('2026-03-27'), sla: { phase: 'start', paused: false } });
      const [pause] = await t.db.query(`SELECT resumed_at, resumed_by FROM referral_sla_pauses WHERE referral_id = $1 AND reason = 'guardian_unreachable'`, [referral.id]);
      expect(pause).toEqual({ resumed_at: almaty('2026-03-10 10:00'), resumed_by: null });
      // The start clock can be paused too, and only by the receiver.
      expect((await act(t, pmpc, referral.id, 'pause', { reason: 'family_away' })).status).toBe(403);
      await act(t, room, referral.id, 'pause', { reason: 'family_away' }).expect(200);
      const started = await act(t, room, referral.id, 'start', {}).expect(200);
      expect(started.body.sla).toMatchObject({ phase: null, paused: false });
    });

    it('the pause reasons come from a list', async () => {
      at('2026-03-11 10:00');
      const other = await sentReferral(t, pmpc, (await consentingChild(t, pmpc)).id, room.orgId);
      const res = await act(t, room, other.id, 'pause', { reason: 'holiday season' });
      expect(res.status).toBe(400);
      expect(res.body.errors[0]).toMatchObject({ field: 'reason', code: 'NOT_ALLOWED_VALUE' });
    });
  });

  describe('days the receiver cannot help', () => {
    it('a referral sent on a holiday starts counting on the next working day', async () => {
      at('2026-05-09 11:00'); // Victory Day, a Saturday; Monday 11 May is its day off
      const referral = await sentReferral(t, pmpc, (await consentingChild(t, pmpc)).id, room.orgId);
      // 12 13 14 15 18
      expect(referral.slaDueAt).toBe(endOfDay('2026-05-18'));
    });

    it('across New Year and Orthodox Christmas', async () => {
      at('2026-12-30 16:00'); // Wednesday
      const referral = await sentReferral(t, pmpc, (await consentingChild(t, pmpc)).id, room.orgId);
      // 31 | 1 2 New Year (Fri, Sat: 2 January 2027 is carried to Monday 4) | 5 6 | 7 Christmas | 8 11 12
      expect(referral.slaDueAt).toBe(endOfDay('2027-01-11'));
    });
  });

  describe('the calendar, edited', () => {
    const KURBAN_AIT = { kind: 'holiday', nameKk: 'Құрбан айт', nameRu: 'Курбан айт', nameEn: 'Kurban Ait' };
    /** What the admin route does after writing the row, without the route's (pending) permission. */
    const editDirectly = (date: string, sql: string, params: unknown[]) =>
      t.app.get(ClsService).run(() =>
        (t.app.get(TransactionHost) as Tx).withTransaction(async () => {
          await (t.app.get(TransactionHost) as Tx).tx.query(sql, params);
          return t.app.get(ReferralSlaService).recomputeRunning(date);
        }),
      );

    it('moves running deadlines when a day changes kind — Kurban Ait 2026 on Wednesday 27 May', async () => {
      at('2026-05-18 10:00'); // due Monday 25 May, before the day that changes
      const earlier = await sentReferral(t, pmpc, (await consentingChild(t, pmpc)).id, room.orgId);
      expect(earlier.slaDueAt).toBe(endOfDay('2026-05-25'));
      at('2026-05-25 10:00'); // Monday: 26 27 28 29 1 June
      const referral = await sentReferral(t, pmpc, (await consentingChild(t, pmpc)).id, room.orgId);
      expect(referral.slaDueAt).toBe(endOfDay('2026-06-01'));
      const later = await sentReferral(t, pmpc, (await consentingChild(t, pmpc)).id, room.orgId);
      at('2026-05-26 10:00');
      const moved = await editDirectly('2026-05-27', `INSERT INTO holidays (date, kind, name_kk, name_ru, name_en) VALUES ('2026-05-27', 'holiday', 'Құрбан айт', 'Курбан айт', 'Kurban Ait')`, []);
      expect(moved).toBeGreaterThanOrEqual(2);
      expect((await read(referral.id)).slaDueAt).toBe(endOfDay('2026-06-02'));
      expect((await read(later.id)).slaDueAt).toBe(endOfDay('2026-06-02'));
      // A deadline that ended before the day is left as it was.
      expect((await read(earlier.id)).slaDueAt).toBe(endOfDay('2026-05-25'));
      await editDirectly('2026-05-27', `DELETE FROM holidays WHERE date = '2026-05-27'`, []);
      expect((await read(referral.id)).slaDueAt).toBe(endOfDay('2026-06-01'));
    });

    it('PUT/DELETE /reference/holidays/:date are for the national admin only', async () => {
      const adminAuth = { Authorization: `Bearer ${(await admin(t)).token}` };
      const put = await t.http.put('/api/v1/reference/holidays/2026-05-27').set(adminAuth).send(KURBAN_AIT);
      expect(put.status).toBe(200);
      expect(put.body).toMatchObject({ date: '2026-05-27', kind: 'holiday', nameEn: 'Kurban Ait', deadlinesMoved: expect.any(Number) });
      await t.http.delete('/api/v1/reference/holidays/2026-05-27').set(adminAuth).expect(200);
      const byCaseWorker = await t.http.put('/api/v1/reference/holidays/2026-05-27').set(await room.auth()).send(KURBAN_AIT);
      expect(byCaseWorker.status).toBe(403);
      const [row] = await t.db.query(`SELECT count(*)::int AS n FROM holidays WHERE date = '2026-05-27'`);
      expect(row.n).toBe(0);
    });

    it.each([
      ['/api/v1/reference/holidays/2026-02-30', KURBAN_AIT, 'date'],
      ['/api/v1/reference/holidays/27.05.2026', KURBAN_AIT, 'date'],
      ['/api/v1/reference/holidays/2026-05-27', { ...KURBAN_AIT, kind: 'festival' }, 'kind'],
      ['/api/v1/reference/holidays/2026-05-27', { kind: 'holiday' }, 'nameKk'],
    ])('PUT %s with %j → 400 naming %s', async (url, body, field) => {
      const res = await t.http.put(url).set({ Authorization: `Bearer ${(await admin(t)).token}` }).send(body);
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });
  });
});
