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

  it('lets the user look up again once the window has passed', async () => {
    t.clock.advance(10 * 60_000 + 1_000);
    expect((await lookup(specialist)).status).toBe(200);
    expect((await search(specialist, 'Ахметова')).status).toBe(200);
  });
});
