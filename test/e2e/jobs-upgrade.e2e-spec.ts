import { SEAL_JOB } from '@qoldau/audit';
import PgBossV10 from 'pg-boss-v10';
import { Client } from 'pg';
import { eventually } from '../support/eventually';
import { createTestDatabase } from '../support/test-database';
import { startTestApp, TestApp } from '../support/test-app';

// A database made before the move to pg-boss 12: the schema migrations up to placements, and a queue
// schema written by pg-boss 10 with jobs still waiting in it. Starting today's app on it must keep
// every waiting job (pg-boss 12 has no migration from pg-boss 10's schema).
describe('upgrading a database whose queue pg-boss 10 made', () => {
  let t: TestApp;
  let databaseUrl: string;
  const ids: Record<string, string> = {};

  async function sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      return (await client.query(text, params)).rows as T[];
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    databaseUrl = await createTestDatabase();
    // Before the upgrade, the migration that retires the old queue had not run.
    await sql(`DELETE FROM migrations WHERE name = 'RetirePgBossV10Queue1795581100000'`);
    const old = new PgBossV10({ connectionString: databaseUrl, schema: 'pgboss', supervise: false, schedule: false });
    await old.start();
    await old.createQueue(SEAL_JOB);
    await old.createQueue('imports.later');
    ids.seal = (await old.send(SEAL_JOB, {}))!;
    ids.later = (await old.send('imports.later', { file: 'orgs.csv' }, { startAfter: '2031-01-01T00:00:00Z', retryLimit: 5 }))!;
    const done = (await old.send('imports.later', { file: 'done.csv' }))!;
    const [job] = await old.fetch('imports.later');
    expect(job.id).toBe(done);
    await old.complete('imports.later', done);
    await old.stop({ graceful: true, wait: true });
    const [{ version }] = await sql<{ version: number }>(`SELECT version FROM pgboss.version`);
    expect(version).toBe(24);

    t = await startTestApp({ worker: true, databaseUrl, now: '2026-12-01T06:00:00Z' });
  });
  afterAll(() => t?.close());

  it('installs the current queue schema in place of the old one', async () => {
    const [{ version }] = await t.db.query(`SELECT version FROM pgboss.version`);
    expect(version).toBeGreaterThanOrEqual(25);
    const [{ gone }] = await t.db.query(`SELECT to_regnamespace('pgboss_v10') IS NULL AS gone`);
    expect(gone).toBe(true);
  });

  it('runs a job that was waiting, under its old id', async () => {
    const state = await eventually(async () => {
      const [job] = await t.db.query(`SELECT state FROM pgboss.job WHERE id = $1`, [ids.seal]);
      return job?.state === 'completed' ? job.state : undefined;
    });
    expect(state).toBe('completed');
  });

  it('keeps a job scheduled for later with its data, start time and retries, and drops finished ones', async () => {
    const rows = await t.db.query(`SELECT id, state, data, start_after, retry_limit FROM pgboss.job WHERE name = 'imports.later'`);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: ids.later, state: 'created', data: { file: 'orgs.csv' }, retry_limit: 5 });
    expect(new Date(rows[0].start_after).toISOString()).toBe('2031-01-01T00:00:00.000Z');
  });

  it('moves nothing twice when the app starts again', async () => {
    await t.close();
    t = await startTestApp({ worker: true, databaseUrl, now: '2026-12-01T06:00:00Z' });
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM pgboss.job WHERE id = ANY($1)`, [[ids.seal, ids.later]]);
    expect(n).toBe(2);
  });
});
