import { Jobs } from '@qoldau/core';
import { SEAL_JOB } from '@qoldau/audit';
import { asAdmin, bearer } from '../support/factories';
import { eventually } from '../support/eventually';
import { startTestApp, TestApp } from '../support/test-app';

// pg-boss runs every asynchronous job, in the same PostgreSQL; a worker process (here the app itself,
// as in embedded mode) picks them up.
describe('jobs through pg-boss', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ worker: true, now: '2026-11-25T06:00:00Z' });
  });
  afterAll(() => t.close());

  it('seals the audit trail when the sealing job runs', async () => {
    const admin = await asAdmin(t);
    await t.http.get('/api/v1/me').set(bearer(admin)).expect(200);
    t.clock.advance(2 * 60_000);
    await t.app.get(Jobs).send(SEAL_JOB, {});
    const sealed = await eventually(async () => {
      const [row] = await t.db.query(`SELECT count(*)::int AS n FROM audit_events WHERE seal_hash IS NOT NULL`);
      return row.n > 0 ? row.n : undefined;
    });
    expect(sealed).toBeGreaterThanOrEqual(2); // the login and the read
    const state = await eventually(async () => {
      const [job] = await t.db.query(`SELECT state FROM pgboss.job WHERE name = $1 ORDER BY created_on DESC LIMIT 1`, [SEAL_JOB]);
      return job?.state === 'completed' ? job.state : undefined;
    });
    expect(state).toBe('completed');
  });

  it('schedules sealing every minute', async () => {
    const [schedule] = await t.db.query(`SELECT cron FROM pgboss.schedule WHERE name = $1`, [SEAL_JOB]);
    expect(schedule.cron).toBe('* * * * *');
  });
});
