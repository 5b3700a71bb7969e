import type { Response } from 'supertest';
import { CaseWorker, newCaseWorker, newChild } from '../support/children';
import { asAdmin } from '../support/factories';
import { proposePlacement } from '../support/placements';
import { consentingChild, sentReferral, serviceProvider, worker } from '../support/referrals';
import { startTestApp, TestApp } from '../support/test-app';
import { record } from './support/run';

/**
 * Concurrency (issue 20): many requests racing for one row or one place, all at once, against the real
 * PostgreSQL (DATABASE_URL's in CI). Whatever the interleaving, exactly the allowed number win, the
 * rest get a 4xx problem with a code, none a 5xx, and the database agrees with the answers.
 */
jest.setTimeout(180_000);

describe('reliability: concurrency on one database', () => {
  let t: TestApp;
  let pmpc: CaseWorker;

  beforeAll(async () => {
    t = await startTestApp();
    pmpc = await worker(t, 'pmpc', ['pmpc_specialist']);
  });
  afterAll(() => t.close());

  const count = async (sql: string, params: unknown[] = []) => (await t.db.query(`SELECT count(*)::int AS n FROM ${sql}`, params))[0].n as number;
  const tally = (answers: Response[]) => answers.reduce<Record<number, number>>((acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }), {});
  const describeTally = (answers: Response[]) => Object.entries(tally(answers)).map(([status, n]) => `${n} × ${status}`).join(', ');
  const expectProblems = (answers: Response[]) => {
    for (const r of answers.filter((a) => a.status >= 400)) {
      expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(typeof r.body.code).toBe('string');
    }
  };

  it('50 writers on one If-Match: 1 success, 49 × 412, and the version counts the winners (two rounds)', async () => {
    const child = await newChild(t, pmpc);
    const headers = await pmpc.auth();
    let version = child.version;
    for (const round of [1, 2]) {
      const answers: Response[] = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          t.http.patch(`/api/v1/children/${child.id}`).set(headers).set('If-Match', `"${version}"`).send({ address: `Тараз, ${round}-${i}` }),
        ),
      );
      expect(tally(answers)).toEqual({ 200: 1, 412: 49 });
      expectProblems(answers);
      for (const r of answers.filter((a) => a.status === 412)) expect(r.body.code).toBe('VERSION_CONFLICT');
      const winner = answers.find((a) => a.status === 200)!;
      expect(winner.body.version).toBe(version + 1);
      version += 1;
      const [row] = await t.db.query(`SELECT version, address FROM children WHERE id = $1`, [child.id]);
      expect(row).toEqual({ version, address: winner.body.identity.address });
      record('load', `50 concurrent PATCH /children/:id with one If-Match (round ${round})`, 50, describeTally(answers));
    }
    expect(version).toBe(child.version + 2);
    expect(await count(`audit_events WHERE resource_id = $1 AND action = 'child.update' AND outcome = 'allowed'`, [child.id])).toBe(2);
  });

  it('30 concurrent accepts of one referral: exactly 1 wins, one event, one audit row', async () => {
    const room = await serviceProvider(t, 'correction_room', ['correction_specialist'], { capacity: 40, stateOrderPlaces: 30 });
    const kid = await consentingChild(t, pmpc);
    const referral = await sentReferral(t, pmpc, kid.id, room.orgId);
    const headers = await room.auth();
    const answers: Response[] = await Promise.all(Array.from({ length: 30 }, () => t.http.post(`/api/v1/referrals/${referral.id}/accept`).set(headers).send({})));
    expect(answers.filter((r) => r.status === 200)).toHaveLength(1);
    expect(answers.filter((r) => r.status !== 200).every((r) => r.status === 409 || r.status === 422)).toBe(true);
    expectProblems(answers);
    expect(await count(`referral_events WHERE referral_id = $1 AND event = 'accept'`, [referral.id])).toBe(1);
    expect(await count(`audit_events WHERE resource_id = $1 AND action = 'referral.accept' AND outcome = 'allowed'`, [referral.id])).toBe(1);
    const [row] = await t.db.query(`SELECT status, version FROM referrals WHERE id = $1`, [referral.id]);
    expect(row).toEqual({ status: 'accepted', version: referral.version + 1 });
    record('load', '30 concurrent accepts of one referral', 30, describeTally(answers));
  });

  it('capacity 3 under 20 concurrent accepts of 20 referrals: exactly 3 accepted, 17 × CAPACITY_FULL', async () => {
    const small = await serviceProvider(t, 'correction_room', ['correction_specialist'], { capacity: 3, stateOrderPlaces: 3 });
    const referrals = [];
    for (let i = 0; i < 20; i++) referrals.push(await sentReferral(t, pmpc, (await consentingChild(t, pmpc)).id, small.orgId));
    const headers = await small.auth();
    const answers: Response[] = await Promise.all(referrals.map((r) => t.http.post(`/api/v1/referrals/${r.id}/accept`).set(headers).send({})));
    expect(tally(answers)).toEqual({ 200: 3, 422: 17 });
    expectProblems(answers);
    for (const r of answers.filter((a) => a.status === 422)) expect(r.body.code).toBe('CAPACITY_FULL');
    expect(await count(`referrals WHERE to_org_id = $1 AND status = 'accepted'`, [small.orgId])).toBe(3);
    expect(await count(`referral_events e JOIN referrals r ON r.id = e.referral_id WHERE r.to_org_id = $1 AND e.event = 'accept'`, [small.orgId])).toBe(3);
    record('load', 'capacity 3, 20 concurrent accepts of different referrals', 20, describeTally(answers));
  });

  it('two concurrent placement activations of one child: 1 active placement', async () => {
    const admin = await asAdmin(t);
    const school = await newCaseWorker(t, admin, 'school', ['school_coordinator']);
    const kindergarten = await newCaseWorker(t, admin, 'kindergarten', ['school_coordinator']);
    const outcomes: string[] = [];
    for (let round = 0; round < 5; round++) {
      const child = await newChild(t, school);
      const a = await proposePlacement(t, school, child.id);
      const b = await proposePlacement(t, school, child.id, { orgId: kindergarten.orgId, form: 'inclusive_group' });
      const answers: Response[] = await Promise.all([
        t.http.post(`/api/v1/placements/${a.id}/activate`).set(await school.auth()),
        t.http.post(`/api/v1/placements/${b.id}/activate`).set(await kindergarten.auth()),
      ]);
      expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
      expectProblems(answers);
      expect(answers.find((r) => r.status === 409)!.body.code).toBe('ACTIVE_PLACEMENT_EXISTS');
      expect(await count(`placements WHERE child_id = $1 AND status = 'active'`, [child.id])).toBe(1);
      outcomes.push(describeTally(answers));
    }
    record('load', 'two concurrent activations of placements of one child (5 children)', 10, `each: ${[...new Set(outcomes)].join('; ')}; 1 active`);
  });
});
