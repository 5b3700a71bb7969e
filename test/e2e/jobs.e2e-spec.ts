import { Jobs, UseCaseRunner } from '@qoldau/core';
import { AuditTrail, SEAL_JOB } from '@qoldau/audit';
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

  it('keeps the audit notes of a use case run outside HTTP, in its transaction, under the job\'s action', async () => {
    const runner = t.app.get(UseCaseRunner);
    const trail = t.app.get(AuditTrail);
    await runner.run({ action: 'job.test.noted' }, async () => {
      trail.note({ resourceType: 'organization', resourceId: 'org-1', changes: { active: { from: true, to: false } } });
    });
    const [event] = await t.db.query(`SELECT action, resource_type, resource_id, operation, outcome FROM audit_events WHERE action = 'job.test.noted'`);
    expect(event).toEqual({ action: 'job.test.noted', resource_type: 'organization', resource_id: 'org-1', operation: 'change', outcome: 'allowed' });
    // A use case that fails leaves neither its work nor its audit event.
    await expect(
      runner.run({ action: 'job.test.failed' }, async () => {
        trail.note({ resourceType: 'organization', resourceId: 'org-2' });
        await t.db.query(`SELECT 1`);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const failed = await t.db.query(`SELECT 1 FROM audit_events WHERE action = 'job.test.failed'`);
    expect(failed).toEqual([]);
  });
});
