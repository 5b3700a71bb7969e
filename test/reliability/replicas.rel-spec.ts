import { Client } from 'pg';
import type { Response } from 'supertest';
import { newCaseWorker, type CaseWorker } from '../support/children';
import { eventually } from '../support/eventually';
import { asAdmin, newUser, type Session } from '../support/factories';
import { consentingChild, sentReferral, serviceProvider, walk, type ReferralBody } from '../support/referrals';
import { createTestDatabase } from '../support/test-database';
import { startApi, startWorker, stopAll, type ApiProcess } from './support/api-process';
import { record, usedChild } from './support/run';

/**
 * Two api replicas and two workers, each its own OS process running the built app, on one database —
 * the production shape (docs/operations.md). What one replica does, the other must see, and what must
 * happen once happens once: revocation, idempotency keys, waiting-list positions, jobs, the audit seal.
 */
jest.setTimeout(240_000);

/** Audit events written before the replicas start, old enough (10 min) for the sealer's settle time. */
const BACKLOG = 3_000;

describe('reliability: two api replicas and two workers on one database', () => {
  let databaseUrl: string;
  let a: ApiProcess;
  let b: ApiProcess;
  let admin: Session;
  let pmpc: CaseWorker;

  const sql = async <T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> => {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      return (await client.query(text, params)).rows as T[];
    } finally {
      await client.end();
    }
  };
  const count = async (text: string, params: unknown[] = []) => Number((await sql<{ n: string }>(`SELECT count(*) AS n FROM ${text}`, params))[0].n);

  beforeAll(async () => {
    databaseUrl = await createTestDatabase();
    await sql(
      `INSERT INTO audit_events (at, action, resource_type, outcome, operation)
       SELECT now() - interval '10 minutes' + g * interval '1 millisecond', 'reliability.backlog', 'Test', 'allowed', 'read' FROM generate_series(1, $1) g`,
      [BACKLOG],
    );
    // Two api replicas and two workers (stopped by stopAll), all loading the app at once.
    [a, b] = await Promise.all([startApi(databaseUrl), startApi(databaseUrl), startWorker(databaseUrl), startWorker(databaseUrl)]);
    admin = await asAdmin(a.app);
    pmpc = await newCaseWorker(a.app, admin, 'pmpc', ['pmpc_specialist']);
  });
  afterAll(() => stopAll());

  it('a session revoked on one replica is refused by the other, at once or within seconds', async () => {
    const results: number[] = [];
    for (let round = 0; round < 5; round++) {
      const user = await newUser(a.app, admin, pmpc.orgId, ['pmpc_specialist']);
      const tokens = (await a.app.http.post('/api/v1/auth/login').send({ username: user.username, password: user.password }).expect(200)).body;
      await b.app.http.get('/api/v1/me').set('Authorization', `Bearer ${tokens.accessToken}`).expect(200);
      const started = Date.now();
      await a.app.http.post('/api/v1/auth/logout').set('Authorization', `Bearer ${tokens.accessToken}`).expect(204);
      await a.app.http.get('/api/v1/me').set('Authorization', `Bearer ${tokens.accessToken}`).expect(401);
      await eventually(async () => ((await b.app.http.get('/api/v1/me').set('Authorization', `Bearer ${tokens.accessToken}`)).status === 401 ? true : undefined), 5_000);
      results.push(Date.now() - started);
      const refresh = await b.app.http.post('/api/v1/auth/refresh').send({ refreshToken: tokens.refreshToken });
      expect(refresh.status).toBe(401);
    }
    record('load', 'sessions revoked on replica A, refused by replica B', results.length, `all refused by B within ${Math.max(...results)} ms`);
  });

  it('one Idempotency-Key sent to both replicas at once creates one referral', async () => {
    const room = await serviceProvider(a.app, 'correction_room', ['correction_specialist'], { capacity: 10, stateOrderPlaces: 10 });
    const child = await consentingChild(a.app, pmpc);
    usedChild(child);
    const body = { childId: child.id, toOrgId: room.orgId, serviceType: 'speech_therapy', reason: 'Нарушение звукопроизношения', priority: 'normal' };
    const headers = await pmpc.auth();
    const key = `reliability-${Date.now()}`;
    const answers: Response[] = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).app.http.post('/api/v1/referrals').set(headers).set('Idempotency-Key', key).send(body)),
    );
    expect(answers.filter((r) => r.status >= 500)).toEqual([]);
    const created = answers.filter((r) => r.status === 201);
    expect(created.length).toBeGreaterThan(0);
    expect(new Set(created.map((r) => r.body.id)).size).toBe(1);
    for (const r of answers.filter((x) => x.status !== 201)) expect([409]).toContain(r.status);
    expect(await count(`referrals WHERE child_id = $1`, [child.id])).toBe(1);
    const reused = await b.app.http.post('/api/v1/referrals').set(headers).set('Idempotency-Key', key).send({ ...body, priority: 'urgent' });
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    record('load', 'one Idempotency-Key, 20 concurrent POST /referrals over 2 replicas', 20, `${created.length} × 201 (one referral), ${answers.length - created.length} × 409; other body → 422`);
  });

  it('waiting-list positions stay one queue when both replicas waitlist at once', async () => {
    const room = await serviceProvider(a.app, 'correction_room', ['correction_specialist'], { capacity: 1, stateOrderPlaces: 1 });
    const first = await sentReferral(a.app, pmpc, (await consentingChild(a.app, pmpc)).id, room.orgId);
    await walk(a.app, first.id, [[room, 'accept']]);
    const waiting: ReferralBody[] = [];
    for (let i = 0; i < 12; i++) {
      const child = await consentingChild(i % 2 ? b.app : a.app, pmpc);
      usedChild(child);
      waiting.push(await sentReferral(a.app, pmpc, child.id, room.orgId));
    }
    const headers = await room.auth();
    const answers: Response[] = await Promise.all(waiting.map((r, i) => (i % 2 ? a : b).app.http.post(`/api/v1/referrals/${r.id}/waitlist`).set(headers).send({})));
    expect(answers.map((r) => r.status)).toEqual(waiting.map(() => 200));
    const lists = await Promise.all([a, b].map(async (p) => (await p.app.http.get(`/api/v1/organizations/${room.orgId}/waitlist`).set(headers).expect(200)).body));
    for (const list of lists) {
      expect(list.items.map((i: { position: number }) => i.position)).toEqual(waiting.map((_, i) => i + 1));
      // Same priority: the queue is in sending order, whichever replica waitlisted each.
      expect(list.items.map((i: { referral: { id: string } }) => i.referral.id)).toEqual(waiting.map((r) => r.id));
    }
    const positions = await Promise.all(waiting.map(async (r, i) => (await (i % 2 ? b : a).app.http.get(`/api/v1/referrals/${r.id}`).set(headers).expect(200)).body.waitlistPosition));
    expect(positions).toEqual(waiting.map((_, i) => i + 1));
    record('load', '12 concurrent waitlistings over 2 replicas (capacity 1, full)', 12, 'positions 1–12 in sending order, the same on both replicas');
  });

  it('jobs run exactly once with two workers: each queued import is applied once', async () => {
    const headers = { Authorization: `Bearer ${admin.token}` };
    const stamp = Date.now().toString(36);
    const files = [a, b, a, b].map((_, f) =>
      ['external_id,type,name_kk,name_ru,kato,parent_external_id,capacity', ...Array.from({ length: 25 }, (_, i) => `REL-${stamp}-${f}-${i},correction_room,Кабинет ${f}-${i},Кабинет ${f}-${i},310000000,,5`)].join('\n'),
    );
    const uploads = await Promise.all(files.map((file, f) => (f % 2 ? b : a).app.http.post('/api/v1/imports/organizations').set(headers).attach('file', Buffer.from(file), `orgs-${f}.csv`)));
    expect(uploads.map((r) => r.status)).toEqual([202, 202, 202, 202]);
    for (const upload of uploads) {
      const done = await eventually(async () => {
        const view = (await a.app.http.get(`/api/v1/imports/${upload.body.id}`).set(headers).expect(200)).body;
        return view.status === 'done' ? view : undefined;
      }, 60_000);
      expect(done).toMatchObject({ rowsDone: 25, created: 25, updated: 0, unchanged: 0, failed: 0 });
    }
    expect(await count(`organizations WHERE external_id LIKE $1`, [`REL-${stamp}-%`])).toBe(100);
    const appliedBy = await sql<{ resource_id: string; n: string }>(`SELECT resource_id, count(*) AS n FROM audit_events WHERE action = 'import.organizations' GROUP BY 1`);
    expect(appliedBy.map((r) => r.resource_id).sort()).toEqual(uploads.map((u) => u.body.id).sort());
    const jobs = await sql<{ state: string; n: string }>(`SELECT state, count(*) AS n FROM pgboss.job WHERE name = 'imports.apply' GROUP BY 1`);
    record('load', '4 imports (100 organisations) queued on 2 replicas, run by 2 workers', 4, `each applied once: 100 created, 0 updated; pg-boss jobs ${jobs.map((j) => `${j.n} ${j.state}`).join(', ')}`);
  });

  it('concurrent sealers on both replicas (and the workers’ cron) seal each audit event once; the chain verifies', async () => {
    const auditor = await (await newCaseWorker(a.app, admin, 'education_department', ['auditor'])).auth();
    const answers: Response[] = await Promise.all(Array.from({ length: 16 }, (_, i) => (i % 2 ? a : b).app.http.post('/api/v1/audit/seal').set(auditor)));
    expect(answers.map((r) => r.status)).toEqual(answers.map(() => 200));
    const sealedNow = answers.reduce((sum, r) => sum + r.body.sealed, 0);
    const sealed = await count(`audit_events WHERE seal_hash IS NOT NULL`);
    // Each sealer run took its own rows: the sum of what they sealed is what is sealed, minus what the workers' cron sealed.
    expect(sealed).toBeGreaterThanOrEqual(BACKLOG);
    expect(sealedNow).toBeLessThanOrEqual(sealed);
    const checkpoints = await sql<{ last_event_id: string }>(`SELECT last_event_id FROM audit_checkpoints ORDER BY id`);
    const ids = checkpoints.map((c) => BigInt(c.last_event_id));
    expect(ids.every((id, i) => i === 0 || id > ids[i - 1])).toBe(true);
    for (const p of [a, b]) {
      const verify = await p.app.http.get('/api/v1/audit/verify').query({ full: 'true' }).set(auditor).expect(200);
      expect(verify.body).toMatchObject({ ok: true });
      expect(verify.body.checked).toBe(sealed);
    }
    record('load', '16 concurrent audit seals over 2 replicas, 2 workers running the seal cron', 16, `${sealed} events sealed once each (${answers.filter((r) => r.body.sealed > 0).length} of the runs found work, the rest waited on the lock and found none), checkpoints in order; full verify ok on both`);
  });
});
