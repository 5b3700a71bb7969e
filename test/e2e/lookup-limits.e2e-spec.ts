import pg from 'pg';
import { CaseWorker, makeIin, newCaseWorker } from '../support/children';
import { asAdmin, PAVLODAR } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Per-user limits on IIN look-ups and on name searches (LOOKUP_LIMIT per LOOKUP_WINDOW_MINUTES; 5 per
 * 10 minutes here to keep the test short, 30 by default): walking serial numbers is stopped with a
 * 429 problem+json and Retry-After, and every look-up that ran is in the audit trail.
 */
describe('look-up limits', () => {
  let t: TestApp;
  let specialist: CaseWorker;
  let colleague: CaseWorker;
  let auditor: CaseWorker;
  let elsewhere: CaseWorker;
  const LIMIT = 5;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-25T06:00:00Z', env: { LOOKUP_LIMIT: String(LIMIT), LOOKUP_WINDOW_MINUTES: '10' } });
    const admin = await asAdmin(t);
    specialist = await newCaseWorker(t, admin, 'pmpc', ['pmpc_specialist']);
    colleague = await newCaseWorker(t, admin, 'pmpc', ['pmpc_specialist'], undefined, specialist.orgId);
    auditor = await newCaseWorker(t, admin, 'education_department', ['auditor']);
    elsewhere = await newCaseWorker(t, admin, 'education_department', ['auditor'], PAVLODAR);
  });
  afterAll(() => t.close());

  const lookup = async (who: CaseWorker) => t.http.get('/api/v1/children/lookup').query({ iin: makeIin('2019-05-14', 'female') }).set(await who.auth());
  const search = async (who: CaseWorker, q: string) => t.http.get('/api/v1/children').query({ q }).set(await who.auth());
  const missAlerts = async (who: CaseWorker) =>
    ((await t.http.get('/api/v1/notifications').set(await who.auth())).body.items as { kind: string; payload: Record<string, unknown> }[]).filter((n) => n.kind === 'lookup.misses');
  const audited = async (who: CaseWorker, action: string) =>
    Number((await t.db.query(`SELECT count(*) AS n FROM audit_events WHERE actor_user_id = $1 AND action = $2`, [who.userId, action]))[0].n);

  it('walking IINs: the look-up after the limit is a 429 problem with Retry-After; every attempt is audited, the refused one as denied', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT; i++) statuses.push((await lookup(specialist)).status);
    expect(statuses).toEqual(Array(LIMIT).fill(200));
    const refused = await lookup(specialist);
    expect([refused.status, refused.body.code]).toEqual([429, 'RATE_LIMITED']);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(600);
    expect(await audited(specialist, 'child.lookup_by_iin')).toBe(LIMIT + 1);
    const [{ outcome }] = await t.db.query(`SELECT outcome FROM audit_events WHERE actor_user_id = $1 AND action = 'child.lookup_by_iin' ORDER BY id DESC LIMIT 1`, [specialist.userId]);
    expect(outcome).toBe('denied');
  });

  it('a burst of misses tells the auditors of the region once (ids and counts only), not those elsewhere', async () => {
    // Every look-up above found nobody: the LIMIT-th miss reached the alert (min(10, LIMIT)).
    const alerts = await missAlerts(auditor);
    expect(alerts).toHaveLength(1);
    expect(alerts[0].payload).toEqual({ userId: specialist.userId, orgId: specialist.orgId, misses: LIMIT });
    expect(await missAlerts(elsewhere)).toEqual([]);
    expect(await missAlerts(colleague)).toEqual([]);
  });

  it('limits name searches on their own, and only searches with a term', async () => {
    for (let i = 0; i < LIMIT; i++) expect((await search(specialist, `Ахмет${'а'.repeat(i)}`)).status).toBe(200);
    expect((await search(specialist, 'Ахметова')).status).toBe(429);
    // A plain list of the children one works with is not a look-up.
    expect((await t.http.get('/api/v1/children').set(await specialist.auth())).status).toBe(200);
  });

  it('is per user: a colleague in the same organisation still looks up', async () => {
    expect((await lookup(colleague)).status).toBe(200);
  });

  it('a search plans its statements once per connection, and counts the allowance from the look-ups\' own index whoever searches (issue 16)', async () => {
    const auth = await colleague.auth();
    const sent: { text: string; values: unknown[] }[] = [];
    const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
    pg.Client.prototype.query = function (this: unknown, ...args: unknown[]) {
      const config = args[0] as string | { text?: string; values?: unknown[] };
      const values = (typeof config === 'object' && config?.values) || (args[1] as unknown[]) || [];
      sent.push({ text: typeof config === 'string' ? config : (config?.text ?? ''), values });
      return query.apply(this, args);
    } as typeof pg.Client.prototype.query;
    try {
      expect((await t.http.get('/api/v1/children').query({ q: 'Ахметова' }).set(auth)).status).toBe(200);
    } finally {
      pg.Client.prototype.query = query as typeof pg.Client.prototype.query;
    }
    expect(sent[0].text).toBe('START TRANSACTION; SET LOCAL plan_cache_mode = force_generic_plan');
    const count = sent.find((s) => /count\(\*\).*FROM audit_events/s.test(s.text));
    expect(count).toBeDefined();
    // On its generic plan, which cannot see the user or the action, the count must still be able to read
    // the partial index of allowed look-ups (migration 1795585400000) rather than the national time index:
    // with sequential scans off, a plan on any other index means the count's condition no longer implies
    // the index's predicate.
    const plan = await t.db.transaction(async (m) => {
      await m.query(`SET LOCAL plan_cache_mode = force_generic_plan`);
      await m.query(`SET LOCAL enable_seqscan = off`);
      await m.query(`PREPARE lookup_count AS ${count!.text}`);
      const values = count!.values.map((v) => pg.escapeLiteral(v instanceof Date ? v.toISOString() : String(v)));
      const rows: { 'QUERY PLAN': string }[] = await m.query(`EXPLAIN EXECUTE lookup_count(${values.join(', ')})`);
      await m.query(`DEALLOCATE lookup_count`);
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('IDX_audit_events_lookups');
  });

  it('lets the user look up again once the window has passed', async () => {
    t.clock.advance(10 * 60_000 + 1_000);
    expect((await lookup(specialist)).status).toBe(200);
    expect((await search(specialist, 'Ахметова')).status).toBe(200);
  });
});
