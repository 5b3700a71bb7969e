import { NestFactory } from '@nestjs/core';
import { loadConfig, UseCaseRunner } from '@qoldau/core';
import { SUMMARY_JOB, SummarySnapshots } from '@qoldau/reports';
import { DataSource } from 'typeorm';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { SummarySnapshotsRepository } from '../../libs/reports/summary-snapshots.repository';
import { SummaryRepository } from '../../libs/reports/summary.repository';
import { makeIin } from '../support/children';
import { asAdmin, bearer, newOrganization, newUser, PAVLODAR, Session, ZHAMBYL } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';
import { createTestDatabase } from '../support/test-database';

/**
 * The summary's snapshots (issue 16, libs/reports/summary-snapshots.ts): the facts of one scope are
 * computed once and served until REPORT_CACHE_SECONDS have passed on the injected clock, one
 * computation per scope at a time, each scope only ever from its own snapshot. Counts are of children
 * with an active inclusive placement, seeded straight into the tables (5 is the first count shown).
 */

const API = '/api/v1';
const NOW = '2026-11-25T06:00:00Z';
const MINUTE = 60_000;

interface World {
  zhambylAnalyst: Session;
  ministryAnalyst: Session;
  /** Moves the test clock, signing the analysts in again (their access tokens expire by that clock). */
  advance(ms: number): Promise<void>;
  /** Places `n` more children of a region in an inclusive class of its school. */
  place(region: 'zhambyl' | 'pavlodar', n: number): Promise<void>;
}

async function world(t: TestApp): Promise<World> {
  const admin = await asAdmin(t);
  const department = await newOrganization(t, admin, { type: 'education_department', kato: ZHAMBYL });
  const ministry = await newOrganization(t, admin, { type: 'ministry', kato: undefined });
  const users = [await newUser(t, admin, department.id, ['analyst']), await newUser(t, admin, ministry.id, ['analyst'])];
  const w = { zhambylAnalyst: await users[0].session(), ministryAnalyst: await users[1].session() };
  const advance = async (ms: number) => {
    t.clock.advance(ms);
    w.zhambylAnalyst = await users[0].session();
    w.ministryAnalyst = await users[1].session();
  };
  const q = (sql: string, params: unknown[]) => t.db.query(sql, params);
  const [{ id: userId }] = await q(`SELECT id FROM users WHERE username = 'admin'`, []);
  const schools: Record<string, { id: string; kato: string }> = {};
  for (const [key, kato] of [['zhambyl', ZHAMBYL], ['pavlodar', PAVLODAR]]) {
    const [row] = await q(`INSERT INTO organizations (type, name_kk, name_ru, kato, created_at) VALUES ('school', $1, $1, $2, '2025-01-01T00:00:00Z') RETURNING id`, [`Снимок ${key}`, kato]);
    schools[key] = { id: row.id, kato };
  }
  let n = 0;
  const place = async (region: 'zhambyl' | 'pavlodar', count: number) => {
    for (let k = 0; k < count; k++) {
      n++;
      const birthDate = `2017-0${1 + (n % 9)}-${String(10 + (n % 18)).padStart(2, '0')}`;
      const [child] = await q(
        `INSERT INTO children (iin, last_name, first_name, search_key, birth_date, sex, kato, registered_at, registered_by_org, registered_by_user)
         VALUES ($1, 'Суретова', $2, $3, $4, 'female', $5, '2025-01-01T00:00:00Z', $6, $7) RETURNING id`,
        [makeIin(birthDate, 'female'), `Бала${n}`, `suretova ${n}`, birthDate, schools[region].kato, schools[region].id, userId],
      );
      await q(
        `INSERT INTO placements (child_id, org_id, status, form, started_on, proposed_at, proposed_by, activated_at)
         VALUES ($1, $2, 'active', 'inclusive_class', '2026-09-01', '2026-08-20T04:00:00Z', $3, '2026-09-01T04:00:00Z')`,
        [child.id, schools[region].id, userId],
      );
    }
  };
  return Object.assign(w, { advance, place });
}

const inclusive = (body: { rows: { kato: string | null; childrenInInclusiveEducation: { value: number | null } }[] }) =>
  Object.fromEntries(body.rows.map((row) => [row.kato ?? 'total', row.childrenInInclusiveEducation.value]));

describe('reports: summary snapshots', () => {
  let t: TestApp;
  let w: World;
  const get = (session: Session, query = '') => t.http.get(`${API}/reports/summary${query}`).set(bearer(session)).set('Accept-Language', 'en');
  const snapshots = async () =>
    (await t.db.query(`SELECT as_of::text AS as_of, regions, computed_at FROM summary_snapshots ORDER BY computed_at, regions`)) as { as_of: string; regions: string[]; computed_at: Date }[];

  beforeAll(async () => {
    t = await startTestApp({ now: NOW, env: { REPORT_CACHE_SECONDS: '600' } });
    w = await world(t);
    await w.place('zhambyl', 5);
    await w.place('pavlodar', 6);
  });
  afterAll(() => t?.close());
  afterEach(() => jest.restoreAllMocks());

  it('serves the figures computed once until REPORT_CACHE_SECONDS have passed, then computes them again', async () => {
    const computed = jest.spyOn(SummaryRepository.prototype, 'facts');
    const first = await get(w.zhambylAnalyst).expect(200);
    expect(inclusive(first.body)).toEqual({ [ZHAMBYL]: 5, total: 5 });
    expect(first.body.refreshedAt).toBe('2026-11-25T06:00:00.000Z');

    await w.place('zhambyl', 1);
    await w.advance(10 * MINUTE - 1_000);
    const cached = await get(w.zhambylAnalyst).expect(200);
    expect(inclusive(cached.body)).toEqual({ [ZHAMBYL]: 5, total: 5 });
    expect(cached.body.refreshedAt).toBe('2026-11-25T06:00:00.000Z');
    // The files are made from the same snapshot.
    const csv = await get(w.zhambylAnalyst, '?format=csv').expect(200);
    expect(csv.headers['content-disposition']).toBe('attachment; filename="summary-2026-11-25.csv"');
    expect(computed).toHaveBeenCalledTimes(1);

    await w.advance(1_000);
    const recomputed = await get(w.zhambylAnalyst).expect(200);
    expect(inclusive(recomputed.body)).toEqual({ [ZHAMBYL]: 6, total: 6 });
    expect(recomputed.body.refreshedAt).toBe('2026-11-25T06:10:00.000Z');
    expect(computed).toHaveBeenCalledTimes(2);
    expect(await snapshots()).toEqual([{ as_of: '2026-11-25', regions: [ZHAMBYL], computed_at: new Date('2026-11-25T06:10:00Z') }]);
  });

  it('keeps every scope to its own snapshot: a region never gets national figures, nor the nation a region’s', async () => {
    // Zhambyl's snapshot (6) is fresh; the nation's is computed now, with Pavlodar's 6 in it.
    const national = await get(w.ministryAnalyst).expect(200);
    expect(national.body.rows).toHaveLength(21);
    expect(inclusive(national.body)).toMatchObject({ [ZHAMBYL]: 6, [PAVLODAR]: 6, total: 12 });
    // Afterwards the regional analyst still gets a total of its region alone, and Pavlodar stays refused.
    const regional = await get(w.zhambylAnalyst).expect(200);
    expect(inclusive(regional.body)).toEqual({ [ZHAMBYL]: 6, total: 6 });
    expect((await get(w.zhambylAnalyst, `?kato=${PAVLODAR}`).expect(403)).body.code).toBe('OUTSIDE_REGION');
    // One region asked for by the ministry is that region's scope, without a total row.
    const pavlodar = await get(w.ministryAnalyst, `?kato=${PAVLODAR}`).expect(200);
    expect(inclusive(pavlodar.body)).toEqual({ [PAVLODAR]: 6 });
    const keys = (await snapshots()).map((row) => row.regions);
    expect(keys).toHaveLength(3);
    expect(keys).toEqual(expect.arrayContaining([[ZHAMBYL], [PAVLODAR], expect.arrayContaining([ZHAMBYL, PAVLODAR])]));
    expect(keys.find((regions) => regions.length > 1)).toHaveLength(20);
  });

  it('computes a scope once when many ask for it at the same time', async () => {
    const computed = jest.spyOn(SummaryRepository.prototype, 'facts');
    const asOf = '2026-11-20';
    const answers = await Promise.all(Array.from({ length: 6 }, () => get(w.ministryAnalyst, `?asOf=${asOf}`)));
    expect(answers.map((res) => res.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(new Set(answers.map((res) => JSON.stringify(res.body))).size).toBe(1);
    expect(computed).toHaveBeenCalledTimes(1);
    expect((await snapshots()).filter((row) => row.as_of === asOf)).toHaveLength(1);
  });

  it('serves the stale snapshot while another transaction computes it, and computes it once that is done', async () => {
    await w.place('zhambyl', 1);
    await w.advance(11 * MINUTE);
    const computed = jest.spyOn(SummaryRepository.prototype, 'facts');
    const { asOf, regions } = { asOf: '2026-11-25', regions: [ZHAMBYL] };
    // Another transaction holds the scope's lock (as a computation in flight would) while the analyst asks.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const holding = new Promise<void>((resolve) => (locked = resolve));
    let held: boolean | undefined;
    const holder = t.app.get(UseCaseRunner).run({ action: 'test.hold' }, async () => {
      held = await t.app.get(SummarySnapshotsRepository).tryLock(asOf, regions);
      locked();
      await released;
    });
    await holding;
    expect(held).toBe(true);
    const stale = await get(w.zhambylAnalyst).expect(200);
    expect(inclusive(stale.body)).toEqual({ [ZHAMBYL]: 6, total: 6 });
    expect(stale.body.refreshedAt).toBe('2026-11-25T06:10:00.000Z');
    expect(computed).not.toHaveBeenCalled();
    release();
    await holder;
    const fresh = await get(w.zhambylAnalyst).expect(200);
    expect(inclusive(fresh.body)).toEqual({ [ZHAMBYL]: 7, total: 7 });
    expect(fresh.body.refreshedAt).toBe('2026-11-25T06:21:00.000Z');
    expect(computed).toHaveBeenCalledTimes(1);
  });

  it("keeps today's national figures computed by the job ahead of the ministry, and forgets snapshots older than a day", async () => {
    const warm = () => t.app.get(SummarySnapshots).warm();
    const nationalAt = async () => (await snapshots()).find((row) => row.as_of === '2026-11-25' && row.regions.length === 20)!.computed_at.toISOString();
    await get(w.ministryAnalyst).expect(200); // 06:21: computed again, its snapshot of 06:10 being stale
    expect(await nationalAt()).toBe('2026-11-25T06:21:00.000Z');
    await t.db.query(`UPDATE summary_snapshots SET computed_at = computed_at - interval '2 days' WHERE as_of = '2026-11-20'`);
    const computed = jest.spyOn(SummaryRepository.prototype, 'facts');
    // Younger than half the lifetime (5 minutes): left as it is.
    await w.advance(4 * MINUTE);
    await warm();
    expect(computed).not.toHaveBeenCalled();
    // Older: computed again, so the ministry's next request is answered from it with what is new.
    await w.place('pavlodar', 1);
    await w.advance(2 * MINUTE);
    await warm();
    expect(computed).toHaveBeenCalledTimes(1);
    expect(await nationalAt()).toBe('2026-11-25T06:27:00.000Z');
    const national = await get(w.ministryAnalyst).expect(200);
    expect(inclusive(national.body)).toMatchObject({ [ZHAMBYL]: 7, [PAVLODAR]: 7, total: 14 });
    expect(national.body.refreshedAt).toBe('2026-11-25T06:27:00.000Z');
    expect(computed).toHaveBeenCalledTimes(1);
    expect((await snapshots()).filter((row) => row.as_of === '2026-11-20')).toEqual([]);
  });
});

describe('reports: REPORT_CACHE_SECONDS=0', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await startTestApp({ now: NOW, env: { REPORT_CACHE_SECONDS: '0' } });
    w = await world(t);
    await w.place('zhambyl', 5);
  });
  afterAll(() => t?.close());

  it('computes the figures on every request and keeps no snapshot', async () => {
    const get = () => t.http.get(`${API}/reports/summary`).set(bearer(w.zhambylAnalyst)).expect(200);
    expect(inclusive((await get()).body)).toEqual({ [ZHAMBYL]: 5, total: 5 });
    await w.place('zhambyl', 1);
    expect(inclusive((await get()).body)).toEqual({ [ZHAMBYL]: 6, total: 6 });
    await t.app.get(SummarySnapshots).warm();
    expect(await t.db.query(`SELECT count(*)::int AS n FROM summary_snapshots`)).toEqual([{ n: 0 }]);
  });
});

describe('reports: the worker keeps the national summary computed', () => {
  it('schedules reports.summary every five minutes in the worker process', async () => {
    const databaseUrl = await createTestDatabase();
    const config = { ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), databaseUrl, jwtSecret: 'test-only-jwt-secret-0123456789abcdef', embedded: false };
    const worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: false });
    try {
      const [schedule] = await worker.get(DataSource).query(`SELECT cron, options ->> 'tz' AS tz FROM pgboss.schedule WHERE name = $1`, [SUMMARY_JOB]);
      expect(schedule).toEqual({ cron: '*/5 * * * *', tz: 'Asia/Almaty' });
    } finally {
      await worker.close();
    }
  });
});
