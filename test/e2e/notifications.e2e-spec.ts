import { Logger } from '@nestjs/common';
import {
  LogOutboxSender, NotificationMessage, NotificationsService, OUTBOX_MAX_ATTEMPTS, OutboxDelivery, OutboxEnvelope, outboxRetryDelayMs,
} from '@qoldau/notifications';
import { ClsService } from 'nestjs-cls';
import type { CaseWorker } from '../support/children';
import { colleague, member, worker } from '../support/referrals';
import { startTestApp, TestApp } from '../support/test-app';

const NOW = '2026-11-25T06:00:00Z';

/** A sender that records what it was given, and fails for the keys it is told to. */
class FakeSender {
  sent: OutboxEnvelope[] = [];
  failing = new Set<string>();
  delayMs = 0;
  async send(message: OutboxEnvelope): Promise<void> {
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
    if (this.failing.has(message.key)) throw Object.assign(new Error(`mailbox of ${message.recipientUserId} is full`), { code: 'MAILBOX_FULL' });
    this.sent.push(message);
  }
  keys(prefix: string[] = []) {
    return this.sent.map((m) => m.key).filter((k) => prefix.length === 0 || prefix.includes(k));
  }
}

describe('notifications and the outbox', () => {
  let t: TestApp;
  let office: CaseWorker;
  let colleagueInOffice: CaseWorker;
  let inactiveUserId: string;
  let sender: FakeSender;

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    office = await worker(t, 'social_protection_office', ['social_worker']);
    colleagueInOffice = await colleague(t, office, 'social_protection_office', ['social_worker']);
    const inactive = await member(t, office.orgId, ['social_worker']);
    inactiveUserId = inactive.userId;
    await t.db.query(`UPDATE users SET active = false WHERE id = $1`, [inactiveUserId]);
    sender = new FakeSender();
    t.app.get(OutboxDelivery).useSender(sender);
  });
  afterAll(() => t.close());

  const notifyOrg = (orgId: string, message: NotificationMessage) =>
    t.app.get(ClsService).run(() => t.app.get(NotificationsService).notifyOrganization(orgId, message));
  const notifyUsers = (ids: string[], message: NotificationMessage) =>
    t.app.get(ClsService).run(() => t.app.get(NotificationsService).notifyUsers(ids, message));
  const deliver = () => t.app.get(OutboxDelivery).deliverDue();
  const list = async (who: CaseWorker, query: Record<string, unknown> = {}) =>
    (await t.http.get('/api/v1/notifications').query(query).set(await who.auth()).expect(200)).body;
  const outboxOf = async (notificationIds: string[]) =>
    t.db.query(`SELECT key, status, attempts, last_error, payload, recipient_user_id FROM outbox WHERE key = ANY($1) ORDER BY key`, [notificationIds.map((id) => `notification:${id}`)]);

  describe('in-app', () => {
    it('notifies every active user of the organisation — not the deactivated one — once per dedupe key', async () => {
      const message = { kind: 'break_glass.used', childId: '6f1c3f7e-1c2a-4d8e-9f10-0a1b2c3d4e5f', payload: { reason: 'emergency' }, dedupeKey: 'bg:1' };
      expect((await notifyOrg(office.orgId, message)).sort()).toEqual([office.userId, colleagueInOffice.userId].sort());
      expect(await notifyOrg(office.orgId, message)).toEqual([]);
      const [mine] = (await list(office)).items;
      expect(mine).toMatchObject({ kind: 'break_glass.used', orgId: office.orgId, childId: message.childId, referralId: null, payload: { reason: 'emergency' }, readAt: null });
      const rows = await t.db.query(`SELECT user_id FROM notifications WHERE dedupe_key = 'bg:1'`);
      expect(rows.map((r: { user_id: string }) => r.user_id)).not.toContain(inactiveUserId);
      expect(rows).toHaveLength(2);
    });

    it('concurrent calls with one dedupe key notify each user once', async () => {
      const message = { kind: 'referral.sla_breached', payload: {}, dedupeKey: 'race:1' };
      await Promise.all(Array.from({ length: 6 }, () => notifyOrg(office.orgId, message)));
      const [row] = await t.db.query(`SELECT count(*)::int AS n FROM notifications WHERE dedupe_key = 'race:1'`);
      expect(row.n).toBe(2);
    });

    it('lists only the user’s own, newest first, paged by keyset, filtered by unread', async () => {
      const other = await worker(t, 'polyclinic', ['health_worker']);
      for (let i = 0; i < 5; i++) {
        t.clock.advance(1000);
        await notifyUsers([office.userId], { kind: 'test.numbered', payload: { n: i } });
      }
      await notifyUsers([other.userId], { kind: 'test.someone_else', payload: {} });
      const seen: number[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: { kind: string; payload: { n?: number } }[]; nextCursor: string | null } = await list(office, { limit: 2, ...(cursor ? { cursor } : {}) });
        seen.push(...page.items.filter((n) => n.kind === 'test.numbered').map((n) => n.payload.n as number));
        expect(page.items.map((n) => n.kind)).not.toContain('test.someone_else');
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual([4, 3, 2, 1, 0]);
      expect((await list(other)).items.map((n: { kind: string }) => n.kind)).toEqual(['test.someone_else']);
    });

    it('marks one read (keeping the first time), refuses someone else’s with 404, and marks all read', async () => {
      const before = (await t.http.get('/api/v1/notifications/unread-count').set(await office.auth()).expect(200)).body.unread;
      expect(before).toBeGreaterThanOrEqual(7);
      const [first] = (await list(office, { unread: true })).items;
      const read = await t.http.post(`/api/v1/notifications/${first.id}/read`).set(await office.auth()).expect(200);
      expect(read.body).toMatchObject({ id: first.id, readAt: t.clock.now().toISOString() });
      t.clock.advance(5000);
      const again = await t.http.post(`/api/v1/notifications/${first.id}/read`).set(await office.auth()).expect(200);
      expect(again.body.readAt).toBe(read.body.readAt);
      const stranger = await t.http.post(`/api/v1/notifications/${first.id}/read`).set(await colleagueInOffice.auth());
      expect(stranger.status).toBe(404);
      expect((await list(office, { unread: false })).items.map((n: { id: string }) => n.id)).toEqual([first.id]);
      expect((await list(office, { unread: true })).items.map((n: { id: string }) => n.id)).not.toContain(first.id);
      const all = await t.http.post('/api/v1/notifications/read-all').set(await office.auth()).expect(200);
      expect(all.body.marked).toBe(before - 1);
      expect((await t.http.get('/api/v1/notifications/unread-count').set(await office.auth()).expect(200)).body).toEqual({ unread: 0 });
      expect((await list(office, { unread: true })).items).toEqual([]);
    });

    it.each([
      ['GET', '/api/v1/notifications?unread=maybe', 'unread'],
      ['GET', '/api/v1/notifications?limit=0', 'limit'],
      ['GET', '/api/v1/notifications?cursor=nonsense', 'cursor'],
      ['POST', '/api/v1/notifications/not-an-id/read', 'id'],
    ])('%s %s → 400 naming %s', async (method, url, field) => {
      const req = method === 'GET' ? t.http.get(url) : t.http.post(url).send({});
      const res = await req.set(await office.auth());
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });

    it('needs a signed-in user', async () => {
      await t.http.get('/api/v1/notifications').expect(401);
    });
  });

  describe('the outbox', () => {
    it('queues one message per new notification, keyed by it, carrying codes and ids only', async () => {
      const ids = await t.db.query(`SELECT id FROM notifications WHERE dedupe_key = 'bg:1' ORDER BY id`);
      const rows = await outboxOf(ids.map((r: { id: string }) => r.id));
      expect(rows).toHaveLength(2);
      for (const row of rows) {
        expect(row).toMatchObject({ status: 'pending', attempts: 0, last_error: null });
        expect(row.payload).toEqual({ notificationId: expect.any(String), childId: '6f1c3f7e-1c2a-4d8e-9f10-0a1b2c3d4e5f', reason: 'emergency' });
      }
    });

    it('delivers each due message once: running again, or twice at once, sends nothing more', async () => {
      sender.delayMs = 3;
      const [first, second] = await Promise.all([deliver(), deliver()]);
      sender.delayMs = 0;
      const total = await t.db.query(`SELECT count(*)::int AS n FROM outbox`);
      expect(first.sent + second.sent).toBe(total[0].n);
      expect(new Set(sender.keys()).size).toBe(sender.sent.length);
      const again = await deliver();
      expect(again).toEqual({ sent: 0, retried: 0, failed: 0 });
      const pending = await t.db.query(`SELECT count(*)::int AS n FROM outbox WHERE status <> 'sent'`);
      expect(pending[0].n).toBe(0);
      const [message] = sender.sent;
      expect(message).toMatchObject({ channel: 'email', attempt: 1, key: expect.stringMatching(/^notification:/) });
    });

    it('retries a failing message with back-off and gives up after the last attempt, recording no message text', async () => {
      const [userId] = await notifyUsers([office.userId], { kind: 'test.flaky', payload: {} });
      expect(userId).toBe(office.userId);
      const [row] = await t.db.query(`SELECT key FROM outbox WHERE kind = 'test.flaky'`);
      sender.failing.add(row.key);
      const state = async () => (await t.db.query(`SELECT status, attempts, last_error, next_attempt_at FROM outbox WHERE key = $1`, [row.key]))[0];

      expect(await deliver()).toEqual({ sent: 0, retried: 1, failed: 0 });
      expect(await state()).toMatchObject({ status: 'pending', attempts: 1, last_error: 'Error:MAILBOX_FULL', next_attempt_at: new Date(t.clock.now().getTime() + 60_000) });
      t.clock.advance(30_000);
      expect(await deliver()).toEqual({ sent: 0, retried: 0, failed: 0 }); // not due yet
      for (let attempt = 1; attempt < OUTBOX_MAX_ATTEMPTS; attempt++) {
        t.clock.advance(outboxRetryDelayMs(attempt) as number);
        const result = await deliver();
        expect(result).toEqual(attempt + 1 < OUTBOX_MAX_ATTEMPTS ? { sent: 0, retried: 1, failed: 0 } : { sent: 0, retried: 0, failed: 1 });
      }
      expect(await state()).toMatchObject({ status: 'failed', attempts: OUTBOX_MAX_ATTEMPTS, last_error: 'Error:MAILBOX_FULL' });
      t.clock.advance(7 * 24 * 3600_000);
      expect(await deliver()).toEqual({ sent: 0, retried: 0, failed: 0 });
      expect(sender.keys([row.key])).toEqual([]);
    });

    it('recovers: a message that failed once goes out on the next attempt', async () => {
      await notifyUsers([colleagueInOffice.userId], { kind: 'test.recovers', payload: {} });
      const [row] = await t.db.query(`SELECT key FROM outbox WHERE kind = 'test.recovers'`);
      sender.failing.add(row.key);
      await deliver();
      sender.failing.delete(row.key);
      t.clock.advance(60_000);
      expect(await deliver()).toEqual({ sent: 1, retried: 0, failed: 0 });
      expect(sender.sent.filter((m) => m.key === row.key).map((m) => m.attempt)).toEqual([2]);
    });

    it('takes over the claim of a worker that died mid-delivery, once its lease has lapsed', async () => {
      await notifyUsers([office.userId], { kind: 'test.orphaned', payload: {} });
      const [row] = await t.db.query(`SELECT key FROM outbox WHERE kind = 'test.orphaned'`);
      await t.db.query(`UPDATE outbox SET status = 'sending', attempts = 1, claimed_until = $2 WHERE key = $1`, [row.key, new Date(t.clock.now().getTime() + 5 * 60_000)]);
      expect((await deliver()).sent).toBe(0); // still claimed
      t.clock.advance(5 * 60_000 + 1);
      expect((await deliver()).sent).toBe(1);
      expect(sender.sent.filter((m) => m.key === row.key).map((m) => m.attempt)).toEqual([2]);
    });

    it('the default log sender names the key, kind and channel — never the recipient or the payload', async () => {
      const spy = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
      try {
        await new LogOutboxSender().send({
          key: 'notification:k1', channel: 'email', recipientUserId: office.userId, kind: 'referral.received', payload: { childId: 'c-1', secret: 'Ахметова' }, attempt: 1,
        });
        const logged = JSON.stringify(spy.mock.calls);
        expect(logged).toContain('notification:k1');
        expect(logged).toContain('referral.received');
        expect(logged).not.toContain(office.userId);
        expect(logged).not.toContain('Ахметова');
        expect(logged).not.toContain('c-1');
      } finally {
        spy.mockRestore();
      }
    });
  });
});
