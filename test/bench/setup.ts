import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { call, startApi } from './api';
import { copyRows, DAY, loadAudit, loadCaseData, NationalDataset, uuid, type Users } from './dataset';

export const PASSWORD = 'bench-password-0123456789';

/** Who the benchmark signs in as: one user per role, in the busiest organisation of its kind in region 0. */
export const BENCH_USERS = {
  pmpcSpecialist: { username: 'bench.pmpc', roles: ['pmpc_specialist'], org: 'pmpc' },
  pmpcHead: { username: 'bench.pmpchead', roles: ['pmpc_head'], org: 'pmpc' },
  schoolCoordinator: { username: 'bench.school', roles: ['school_coordinator'], org: 'school' },
  correctionSpecialist: { username: 'bench.correction', roles: ['correction_specialist'], org: 'correctionRoom' },
  socialWorker: { username: 'bench.social', roles: ['social_worker'], org: 'social' },
  healthWorker: { username: 'bench.health', roles: ['health_worker'], org: 'polyclinic' },
  analyst: { username: 'bench.analyst', roles: ['analyst'], org: 'ministry' },
  auditor: { username: 'bench.auditor', roles: ['auditor'], org: 'ministry' },
} as const;
export type BenchUser = keyof typeof BENCH_USERS;

export interface Loaded {
  scale: number;
  children: number;
  now: number;
  loadSeconds: number;
  counts: Record<string, number>;
  userIds: Record<BenchUser, string>;
  orgs: { pmpc: string; school: string; correctionRoom: string; polyclinic: string; social: string; ministry: string };
}

/**
 * Loads the dataset into an empty database once; the result (counts, user ids) is kept beside the
 * data in `<dataDir>/loaded.json`, so later runs reuse it. Order: the api migrates the empty database
 * and creates its admin; the organisations go in by COPY; the benchmark's users are created through
 * the API as an admin would; then, with the api stopped, everything else by COPY, and ANALYZE.
 */
export async function ensureLoaded(options: { dataDir: string; databaseUrl: string; scale: number; port: number; jwtSecret: string; log: (m: string) => void }): Promise<Loaded> {
  const marker = join(options.dataDir, 'loaded.json');
  if (existsSync(marker)) return JSON.parse(readFileSync(marker, 'utf8')) as Loaded;
  const { log } = options;
  const started = Date.now();
  const children = Math.max(100, Math.round(1_000_000 * options.scale));
  log(`loading ${children.toLocaleString('en')} children (scale ${options.scale}) into ${options.dataDir}`);
  // The organisations and the users are set up once; setup.json lets an interrupted load resume after them.
  const setupFile = join(options.dataDir, 'setup.json');
  const client = new Client({ connectionString: options.databaseUrl });
  let api: Awaited<ReturnType<typeof startApi>> | undefined;
  try {
    let setup: (Pick<Loaded, 'now' | 'userIds' | 'orgs'> & { regions: string[] }) | undefined;
    if (existsSync(setupFile)) setup = JSON.parse(readFileSync(setupFile, 'utf8'));
    await client.connect();
    // A load interrupted before setup.json was kept: the users are there, recover it from them.
    const users = await client.query(`SELECT id, username, created_at FROM users WHERE username LIKE 'bench.%'`).catch(() => ({ rows: [] }));
    if (!setup && users.rows.length === Object.keys(BENCH_USERS).length) {
      const regions: string[] = (await client.query(`SELECT kato FROM regions ORDER BY kato`)).rows.map((r: { kato: string }) => r.kato);
      const byName = new Map(users.rows.map((u: { username: string; id: string }) => [u.username, u.id]));
      const userIds = Object.fromEntries(Object.entries(BENCH_USERS).map(([k, u]) => [k, byName.get(u.username)])) as Record<BenchUser, string>;
      const draft = new NationalDataset(children, Math.min(...users.rows.map((u: { created_at: Date }) => u.created_at.getTime())), regions, uuid('0b', 1), {} as Users);
      const bench = draft.benchOrgs;
      setup = { now: draft.now, userIds, regions, orgs: { pmpc: bench.pmpc.id, school: bench.school.id, correctionRoom: bench.correctionRoom.id, polyclinic: bench.polyclinic.id, social: bench.social.id, ministry: draft.ministryId } };
      writeFileSync(setupFile, JSON.stringify(setup, null, 2));
    }
    if (!setup) {
      api = await startApi({ databaseUrl: options.databaseUrl, port: options.port, adminPassword: PASSWORD, jwtSecret: options.jwtSecret });
      const regions: string[] = (await client.query(`SELECT kato FROM regions ORDER BY kato`)).rows.map((r: { kato: string }) => r.kato);
      const draft = new NationalDataset(children, Date.now(), regions, uuid('0b', 1), {} as Users);
      const ministry = draft.ministryId;
      await copyRows(
        client,
        'organizations',
        ['id', 'type', 'name_kk', 'name_ru', 'kato', 'support_rooms', 'sen_conditions'],
        [[ministry, 'ministry', 'Оқу-ағарту министрлігі (bench)', 'Министерство просвещения (bench)', null, 0, false],
          ...draft.orgs.map((o, n) => [o.id, o.type, `Ұйым ${n + 1}`, `Организация ${n + 1}`, o.kato, o.type === 'school' ? 2 : 0, o.type === 'school'])],
      );
      const bench = draft.benchOrgs;
      const orgs = { pmpc: bench.pmpc.id, school: bench.school.id, correctionRoom: bench.correctionRoom.id, polyclinic: bench.polyclinic.id, social: bench.social.id, ministry };
      const admin = await call<{ accessToken: string }>(api.url, '/auth/login', { method: 'POST', body: { username: 'admin', password: PASSWORD } });
      const userIds = {} as Record<BenchUser, string>;
      for (const [key, user] of Object.entries(BENCH_USERS) as [BenchUser, (typeof BENCH_USERS)[BenchUser]][]) {
        const created = await call<{ id: string }>(api.url, '/users', {
          method: 'POST',
          token: admin.body.accessToken,
          body: { username: user.username, password: PASSWORD, fullName: 'Бенчмарк Пайдаланушы', orgId: orgs[user.org], roles: user.roles },
        });
        userIds[key] = created.body.id;
      }
      await api.stop();
      setup = { now: draft.now, userIds, orgs, regions };
      writeFileSync(setupFile, JSON.stringify(setup, null, 2));
    }
    // Bulk load: the rows are generated consistent, so the foreign-key triggers are skipped while copying
    // (as pg_restore --disable-triggers does); needs a superuser, which the embedded server's user is.
    await client.query(`SET session_replication_role = replica`).catch(() => log('  (not a superuser: foreign keys are checked row by row)'));
    const { now, userIds, orgs, regions } = setup;
    const data = new NationalDataset(children, now, regions, orgs.ministry, userIds as unknown as Users);
    const counts = await loadCaseData(client, data, log);
    counts.organizations = data.orgs.length + 1;
    // Notifications of the benchmark's users: a few hundred each, a third unread.
    const notified = (await client.query(`SELECT EXISTS (SELECT 1 FROM notifications) AS e`)).rows[0].e;
    if (!notified) await client.query(
      `INSERT INTO notifications (user_id, org_id, kind, child_id, payload, created_at, read_at)
       SELECT u.id, u.org_id, 'referral_received', NULL, '{}'::jsonb, now() - g * interval '1 hour', CASE WHEN g % 3 = 0 THEN NULL ELSE now() END
         FROM users u CROSS JOIN generate_series(1, 300) g WHERE u.username LIKE 'bench.%'`,
    );
    counts.audit_events = await loadAudit(client, data, log);
    // What autovacuum would have done by now: statistics, and the visibility map index-only scans need.
    log('  VACUUM ANALYZE');
    await client.query('VACUUM ANALYZE');
    const loaded: Loaded = { scale: options.scale, children, now, loadSeconds: Math.round((Date.now() - started) / 1000), counts, userIds, orgs };
    writeFileSync(marker, JSON.stringify(loaded, null, 2));
    log(`loaded in ${loaded.loadSeconds} s`);
    return loaded;
  } finally {
    await client.end().catch(() => undefined);
    await api?.stop();
  }
}

/**
 * Fresh `sent` referrals to the benchmark's correction room for accept→start to consume (each run
 * uses some up): children of region 0's PMPC with an active services consent, each with the
 * receiving room's involvement that sending creates. Fixture SQL, not part of any measurement.
 */
export async function topUpReferrals(databaseUrl: string, loaded: Loaded, count: number): Promise<string[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { orgs, userIds } = loaded;
    // Room for every start: the state-order quota above what is in use (a full quota answers 422).
    await client.query(
      `UPDATE organizations SET state_order_places = (SELECT count(*) FROM service_episodes WHERE org_id = $1 AND ended_on IS NULL) + $2 WHERE id = $1`,
      [orgs.correctionRoom, count + 1000],
    );
    const rows = await client.query(
      `WITH kids AS (
         SELECT c.id FROM children c
          WHERE c.registered_by_org = $1
            -- Not the children whose case reads are measured (those placed at the bench school): a read of a
            -- child given a few hundred referrals over the runs measures the benchmark, not a case.
            AND NOT EXISTS (SELECT 1 FROM placements p WHERE p.child_id = c.id AND p.org_id = $6)
            AND EXISTS (SELECT 1 FROM consents k WHERE k.child_id = c.id AND k.kind = 'services' AND k.withdrawn_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > now() + interval '30 days'))
          ORDER BY c.id LIMIT $4),
       picks AS (SELECT k.id AS child_id, gen_random_uuid() AS id, g FROM kids k CROSS JOIN generate_series(1, CEIL($5::numeric / GREATEST((SELECT count(*) FROM kids), 1))::int) g LIMIT $5),
       refs AS (
         INSERT INTO referrals (id, child_id, from_org_id, to_org_id, service_type, reason, status, created_by_user, sent_at, sla_phase, sla_started_at, sla_due_at)
         SELECT id, child_id, $1, $2, 'speech_therapy', 'bench', 'sent', $3, now(), 'respond', now(), now() + interval '7 days' FROM picks
         RETURNING id, child_id),
       inv AS (INSERT INTO involvements (child_id, org_id, kind, source_id, since) SELECT child_id, $2, 'referral', id, now() - interval '1 minute' FROM refs)
       SELECT id, child_id FROM refs`,
      [orgs.pmpc, orgs.correctionRoom, userIds.pmpcSpecialist, 5000, count, orgs.school],
    );
    return rows.rows.map((r: { id: string; child_id: string }) => `${r.id}/${r.child_id}`);
  } finally {
    await client.end();
  }
}

export { DAY };
