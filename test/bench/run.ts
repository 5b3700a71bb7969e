import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../../libs/core/database/embedded-postgres';
import { sealHash } from '../../libs/audit/canonical';
import { call, ROOT, startApi, startWorker, type RunningApi } from './api';
import { importAsNewSchool, type ImportMeasurement } from './import-bench';
import { compareAnswers, compareWriteShapes } from './compare';
import { drive, median, type Endpoint, type RunResult } from './drive';
import { routeKey, type Captured, type FloorConfig } from './floor-server';
import { KAZAKH_QUERIES, LATIN_QUERIES, RUSSIAN_QUERIES } from './names';
import { writeReport, type BenchResults, type EndpointResult } from './report';
import { BENCH_USERS, type BenchUser, ensureLoaded, PASSWORD, topUpReferrals } from './setup';

/**
 * `npm run bench [-- --scale 0.01] [--seconds 5] [--rounds 3] [--cpu-prof] [--api-node-args "--flag …"] [--no-doc]`
 *
 * 1. the synthetic national dataset at `--scale` × 1 M children, loaded once into
 *    .data/bench-<scale> (embedded PostgreSQL) or the empty database in DATABASE_URL;
 * 2. the api in production mode on it, and the three floor servers (floor-server.ts);
 * 3. each endpoint driven by autocannon against the app, the same-SQL, physical and NestJS floors in
 *    turn, `--rounds` times, medians reported;
 * 4. docs/performance.md (for scales of 0.01 and up; the CI smoke at 0.001 writes only
 *    .data/bench-results). It asserts nothing about speed.
 */

interface Args {
  scale: number;
  seconds: number;
  rounds: number;
  cpuProf: boolean;
  doc: boolean;
  only?: string;
  loadOnly: boolean;
  explain?: string;
  verify: boolean;
  importRows: number;
  /** Node flags for the measured api after API_NODE_FLAGS (later flags win), e.g. to try a heap setting. */
  apiNodeArgs: string[];
}

function parseArgs(argv: string[]): Args {
  const value = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const scale = Number(value('scale') ?? '0.01');
  if (!(scale > 0 && scale <= 1)) throw new Error('--scale must be in (0, 1]');
  return {
    scale,
    seconds: Number(value('seconds') ?? (scale <= 0.001 ? 0.5 : 5)),
    rounds: Number(value('rounds') ?? (scale <= 0.001 ? 1 : 3)),
    cpuProf: argv.includes('--cpu-prof'),
    doc: !argv.includes('--no-doc') && scale >= 0.01,
    only: value('only'),
    loadOnly: argv.includes('--load-only'),
    explain: value('explain'),
    verify: !argv.includes('--skip-verify'),
    apiNodeArgs: (value('api-node-args') ?? '').split(' ').filter(Boolean),
    // The issue's file is 100 000 rows; smaller datasets import proportionally fewer (the CI smoke 100).
    importRows: Number(value('import-rows') ?? (scale >= 0.1 ? 100_000 : Math.max(100, Math.round(1_000_000 * scale)))),
  };
}

const log = (message: string) => process.stdout.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** The case sections of DESIGN §5, as the case view names them. */
const SECTIONS = ['identity', 'guardians', 'consents', 'diagnoses', 'disability', 'assessments', 'placements', 'referrals', 'services', 'supportPlans'];

const JWT_SECRET = 'bench-jwt-secret-that-is-long-enough-0123456789';
/**
 * The embedded server sized as a dedicated database server of this machine would be (24 GB RAM: the
 * usual quarter of it for shared_buffers). With the default 128 MB, every index probe of an 8 GB
 * national dataset is a read from the OS cache, which measures the default, not the design.
 */
const SERVER_SETTINGS = { shared_buffers: '4GB', effective_cache_size: '16GB', work_mem: '16MB' };

/**
 * Users the searches rotate through. A user's look-up allowance is checked by counting their look-ups in
 * the window (up to LOOKUP_LIMIT audit rows, api.ts); one user making every search would have the app
 * count thousands of rows per search where production (30 per 10 minutes) counts at most 30.
 */
const SEARCHERS = 100;

/** Sign in again after this long: access tokens last 15 minutes (AUTH_POLICY.accessTokenSeconds). */
const TOKEN_REFRESH_MS = 10 * 60_000;

const cpuText = (s: { serverCpuMs?: number; dbCpuMs?: number }) => `${(s.serverCpuMs ?? NaN).toFixed(2)}+${(s.dbCpuMs ?? NaN).toFixed(2)}`;

async function startFloor(config: FloorConfig, dir: string): Promise<{ url: string; pid: number; stop: () => Promise<void> }> {
  const file = join(dir, `floor-${config.mode}.json`);
  writeFileSync(file, JSON.stringify(config));
  const child: ChildProcess = spawn(join(ROOT, 'node_modules', '.bin', 'node'), [join(__dirname, 'floor-server.js'), file], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`floor ${config.mode} exited ${code}`)));
  });
  return {
    url: `http://127.0.0.1:${config.port}`,
    pid: child.pid as number,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

/** Newest modification time of the api's sources, to tell whether dist/ is older than them. */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** The api is measured from its build output: build it (without the web app) when sources are newer. */
function ensureApiBuilt(): void {
  if (!existsSync(join(ROOT, 'apps', 'web', 'dist', 'index.html'))) {
    log('building the web app the api serves (npm run build:web)');
    if (spawnSync('npm', ['run', '-s', 'build:web'], { cwd: ROOT, stdio: 'inherit' }).status !== 0) throw new Error('build:web failed');
  }
  const main = join(ROOT, 'dist', 'apps', 'api', 'src', 'main.js');
  const sources = Math.max(...['libs', 'apps/api/src', 'migrations'].map((d) => newestSource(join(ROOT, d))));
  if (existsSync(main) && statSync(main).mtimeMs >= sources) return;
  log('building the api (tsc, tsc-alias)');
  for (const [tool, project] of [['tsc', 'tsconfig.build.json'], ['tsc-alias', 'tsconfig.build.json']]) {
    const result = spawnSync(join(ROOT, 'node_modules', '.bin', tool), ['-p', project], { cwd: ROOT, stdio: 'inherit' });
    if (result.status !== 0) throw new Error(`${tool} failed`);
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (process.argv.includes('--report-only')) {
    // Rewrites docs/performance.md from the stored result of this scale (e.g. after editing findings.md).
    const resultsDir = join(ROOT, '.data', 'bench-results');
    writeReport(JSON.parse(readFileSync(join(resultsDir, `scale-${args.scale}.json`), 'utf8')) as BenchResults, resultsDir);
    log('wrote docs/performance.md');
    return;
  }
  ensureApiBuilt();
  const benchStarted = Date.now();
  const loadAtStart = loadavg();
  const dataDir = join(ROOT, '.data', `bench-${args.scale}`);
  mkdirSync(dataDir, { recursive: true });
  const external = process.env.DATABASE_URL;
  const db = external ? { url: external, stop: async () => undefined } : await startEmbeddedPostgres({ dataDir, settings: SERVER_SETTINGS });
  log(`database: ${external ? 'DATABASE_URL' : `embedded PostgreSQL in ${dataDir}`}`);
  const stops: (() => Promise<void>)[] = [() => db.stop()];
  try {
    const loaded = await ensureLoaded({ dataDir, databaseUrl: db.url, scale: args.scale, port: await freePort(), jwtSecret: JWT_SECRET, log });
    if (args.loadOnly) return;

    // Ids the endpoints use: children that both the PMPC and the school see, an IIN prefix of one of them.
    const client = new Client({ connectionString: db.url });
    await client.connect();
    const shared: string[] = (
      await client.query(
        `SELECT p.child_id FROM placements p JOIN children c ON c.id = p.child_id
          WHERE p.org_id = $1 AND p.status = 'active' AND c.registered_by_org = $2 ORDER BY p.child_id LIMIT 50`,
        [loaded.orgs.school, loaded.orgs.pmpc],
      )
    ).rows.map((r: { child_id: string }) => r.child_id);
    const iinPrefix: string = (await client.query(`SELECT left(iin, 6) AS p FROM children WHERE id = $1`, [shared[0]])).rows[0].p;
    // The searches are shared among SEARCHERS colleagues of the PMPC specialist (copies of that user), so
    // that each stays within a look-up allowance near production's and its check reads as few rows.
    await client.query(
      `INSERT INTO users SELECT (jsonb_populate_record(NULL::users, to_jsonb(u) || jsonb_build_object('id', gen_random_uuid(), 'username', 'bench.search.' || g))).*
         FROM users u CROSS JOIN generate_series(1, $1::int) g WHERE u.username = 'bench.pmpc'
       ON CONFLICT DO NOTHING`,
      [SEARCHERS],
    );
    await client.end();
    if (!shared.length) throw new Error('no child is seen by both the PMPC and the school: the dataset is too small');

    // Enough fresh referrals for accept→start on every server in every round (one more for the capture).
    const perRun = Math.ceil(args.seconds * 400);
    const referrals = await topUpReferrals(db.url, loaded, perRun * 3 * args.rounds + 1);
    const referralChildren = Object.fromEntries(referrals.map((r) => r.split('/')));
    const queue = referrals.map((r) => r.split('/')[0]);
    const captureReferral = queue.shift() as string;
    let nextReferral = 0;

    // Capture what the app sends per endpoint, from a second api instance with the SQL recorder (started
    // first: it also applies any pending migration, which the measured cold start must not include).
    const captureFile = join(dataDir, 'captured-sql.jsonl');
    rmSync(captureFile, { force: true });
    const capturer = await startApi({
      databaseUrl: db.url,
      port: await freePort(),
      adminPassword: PASSWORD,
      jwtSecret: JWT_SECRET,
      nodeArgs: ['--require', join(__dirname, 'capture-sql.js')],
      env: { BENCH_SQL_LOG: captureFile },
    });
    stops.unshift(() => capturer.stop());
    // Access tokens last 15 minutes and a run at a million children lasts longer: every user signs in
    // again before an endpoint once its tokens are TOKEN_REFRESH_MS old (and before the audit verify).
    // The floors know a user by the token's username, whatever token it is.
    const tokens = {} as Record<BenchUser, string>;
    const searchTokens: string[] = [];
    let signedInAt = 0;
    const signIn = async (url: string): Promise<void> => {
      const login = async (username: string) => (await call<{ accessToken: string }>(url, '/auth/login', { method: 'POST', body: { username, password: PASSWORD } })).body.accessToken;
      for (const [key, user] of Object.entries(BENCH_USERS) as [BenchUser, (typeof BENCH_USERS)[BenchUser]][]) tokens[key] = await login(user.username);
      for (let g = 1; g <= SEARCHERS; g++) searchTokens[g - 1] = await login(`bench.search.${g}`);
      signedInAt = Date.now();
    };
    const freshTokens = async (url: string): Promise<void> => {
      if (Date.now() - signedInAt > TOKEN_REFRESH_MS) await signIn(url);
    };
    await signIn(capturer.url);

    const q = (text: string) => encodeURIComponent(text);
    const caseRead = (): Endpoint['requests'] => [{ method: 'GET', path: (n) => `/api/v1/children/${shared[n % shared.length]}` }];
    const get = (path: string): Endpoint['requests'] => [{ method: 'GET', path: () => path }];
    const every: (Endpoint & { user?: BenchUser })[] = [
      { key: 'case.pmpc', title: 'case read (PMPC specialist)', connections: 10, user: 'pmpcSpecialist', requests: caseRead() },
      { key: 'case.school', title: 'case read (school coordinator, redacted)', connections: 10, user: 'schoolCoordinator', requests: caseRead() },
      { key: 'search.kk', title: `name search, Kazakh (“${KAZAKH_QUERIES[0]}”)`, connections: 10, user: 'pmpcSpecialist', requests: get(`/api/v1/children?q=${q(KAZAKH_QUERIES[0])}`) },
      { key: 'search.ru', title: `name search, Russian (“${RUSSIAN_QUERIES[0]}”)`, connections: 10, user: 'pmpcSpecialist', requests: get(`/api/v1/children?q=${q(RUSSIAN_QUERIES[0])}`) },
      { key: 'search.latin', title: `name search, Latin (“${LATIN_QUERIES[1]}”)`, connections: 10, user: 'pmpcSpecialist', requests: get(`/api/v1/children?q=${q(LATIN_QUERIES[1])}`) },
      { key: 'search.iin', title: 'IIN prefix search (6 digits)', connections: 10, user: 'pmpcSpecialist', requests: get(`/api/v1/children?iin=${iinPrefix}`) },
      { key: 'worklist.pmpc', title: 'worklist, PMPC specialist (2 connections)', connections: 2, user: 'pmpcSpecialist', requests: get('/api/v1/worklist') },
      { key: 'worklist.school', title: 'worklist, school coordinator', connections: 2, user: 'schoolCoordinator', requests: get('/api/v1/worklist') },
      { key: 'worklist.correction', title: 'worklist, correction room specialist', connections: 2, user: 'correctionSpecialist', requests: get('/api/v1/worklist') },
      { key: 'worklist.social', title: 'worklist, social worker', connections: 2, user: 'socialWorker', requests: get('/api/v1/worklist') },
      { key: 'worklist.health', title: 'worklist, health worker', connections: 2, user: 'healthWorker', requests: get('/api/v1/worklist') },
      { key: 'worklist.auditor', title: 'worklist, auditor', connections: 2, user: 'auditor', requests: get('/api/v1/worklist') },
      {
        key: 'referral.acceptStart',
        title: 'referral accept → start (write, audited)',
        connections: 10,
        user: 'correctionSpecialist',
        requests: [
          {
            method: 'POST',
            path: (_n, context) => {
              context.rid = queue[nextReferral++ % queue.length];
              return `/api/v1/referrals/${context.rid}/accept`;
            },
            body: '{}',
          },
          { method: 'POST', path: (_n, context) => `/api/v1/referrals/${context.rid}/start`, body: '{}' },
        ],
      },
      { key: 'notifications', title: 'notifications', connections: 10, user: 'pmpcSpecialist', requests: get('/api/v1/notifications') },
      { key: 'health.ready', title: '/health/ready', connections: 10, requests: get('/health/ready') },
      { key: 'reports.summary', title: 'national summary (GET /reports/summary, analyst)', connections: 2, user: 'analyst', requests: get('/api/v1/reports/summary') },
      { key: 'placements.roster', title: 'school roster (GET /placements)', connections: 10, user: 'schoolCoordinator', requests: get('/api/v1/placements') },
    ];
    const endpoints = every.filter((e) => !args.only || e.key.startsWith(args.only));
    const withTokens = (e: (typeof endpoints)[number]) => {
      if (e.user) e.token = tokens[e.user];
      if (e.key.startsWith('search.')) e.tokens = searchTokens;
    };
    endpoints.forEach(withTokens);

    const captured: FloorConfig['captured'] = {};
    const statementCounts: Record<string, number> = {};
    const shapes: FloorConfig['shapes'] = {};
    // The floors answer a searcher as the PMPC specialist it copies (same organisation and roles).
    const usernames: Record<string, string> = Object.fromEntries([
      ...Object.entries(BENCH_USERS).map(([k, u]) => [u.username, k]),
      ...Array.from({ length: SEARCHERS }, (_, g) => [`bench.search.${g + 1}`, 'pmpcSpecialist']),
    ]);
    const readCapture = (): (Captured & { at: number })[] => {
      try {
        return readFileSync(captureFile, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
      } catch {
        return [];
      }
    };
    for (const e of endpoints) {
      const context: Record<string, unknown> = {};
      // The summary's first request computes the snapshot every later one is served from (for
      // REPORT_CACHE_SECONDS): capture the second, so the floors replay what the measured app does.
      if (e.key === 'reports.summary') await (await fetch(`${capturer.url}${e.requests[0].path(0, context)}`, { headers: { authorization: `Bearer ${e.token}` } })).text();
      for (const [index, r] of e.requests.entries()) {
        const path = e.key === 'referral.acceptStart' ? `/api/v1/referrals/${captureReferral}/${index === 0 ? 'accept' : 'start'}` : r.path(0, context);
        const before = readCapture().length;
        const res = await fetch(`${capturer.url}${path}`, { method: r.method, headers: { 'content-type': 'application/json', ...(e.token && { authorization: `Bearer ${e.token}` }) }, body: r.body });
        const text = await res.text();
        if (res.status < 300 && e.user && e.key.startsWith('case.')) (shapes[e.user] ??= {}).caseSections = Object.keys(JSON.parse(text)).filter((k) => SECTIONS.includes(k));
        if (res.status < 300 && e.user && e.key.startsWith('worklist.')) (shapes[e.user] ??= {}).worklistBuckets = Object.keys(JSON.parse(text).buckets ?? {});
        await new Promise((resolve) => setTimeout(resolve, 50));
        if (res.status >= 300) {
          log(`  ${e.key}: the app answers ${r.method} ${path} with ${res.status}; left out`);
          (e as { skip?: boolean }).skip = true;
          continue;
        }
        const statements = readCapture().slice(before).map(({ text, values }) => ({ text, values }));
        const { key, ids } = routeKey(r.method, path, e.user ?? 'anonymous');
        captured[key] = { statements, ids };
        statementCounts[e.key] = (statementCounts[e.key] ?? 0) + statements.length;
        log(`  ${e.key}: ${r.method} ${path.split('?')[0]} sends ${statements.length} statements`);
      }
    }
    await capturer.stop();
    if (args.explain !== undefined) {
      await explainCaptured(db.url, captured, args.explain, join(dataDir, 'explain.txt'));
      log(`wrote ${join(dataDir, 'explain.txt')}`);
      return;
    }

    // The measured api: cold start on the initialised database, RSS at start.
    const profileDir = join(ROOT, '.data', 'bench-profiles');
    if (args.cpuProf) rmSync(profileDir, { recursive: true, force: true });
    const api = await startApi({ databaseUrl: db.url, port: await freePort(), adminPassword: PASSWORD, jwtSecret: JWT_SECRET, nodeArgs: [...args.apiNodeArgs, ...(args.cpuProf ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [])] });
    stops.unshift(() => api.stop());
    const rssAtStart = api.rssMb();
    log(`api ready in ${api.coldStartMs.toFixed(0)} ms, RSS ${rssAtStart.toFixed(0)} MB`);


    const poolSize = 20;
    const users = Object.fromEntries(Object.entries(loaded.userIds).map(([k, id]) => [k, { id, orgId: loaded.orgs[BENCH_USERS[k as BenchUser].org] }]));
    const floorBase = { databaseUrl: db.url, usernames, users, captured, referralChildren, poolSize, shapes };
    const same = await startFloor({ ...floorBase, mode: 'same', port: await freePort() }, dataDir);
    stops.unshift(() => same.stop());
    const physical = await startFloor({ ...floorBase, mode: 'physical', port: await freePort() }, dataDir);
    stops.unshift(() => physical.stop());
    const nest = await startFloor({ ...floorBase, mode: 'nest', port: await freePort() }, dataDir);
    stops.unshift(() => nest.stop());

    for (const e of endpoints.filter((x) => !(x as { skip?: boolean }).skip)) {
      const compared = (await compareAnswers(api.url, physical.url, e)) ?? (await compareWriteShapes(api.url, physical.url, e));
      if (compared) log(`  ${e.key}: app/physical floor answers ${compared}`);
    }
    // The embedded server's postmaster, whose processes' CPU each run reads (first line of postmaster.pid).
    const postmaster = external ? undefined : Number(readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
    // Warm-up (not in the CI smoke): one short run per endpoint against the app, so the first measured round is not the JIT's.
    const results: EndpointResult[] = [];
    let rssUnderLoad = 0;
    for (const e of endpoints.filter((x) => !(x as { skip?: boolean }).skip)) {
      await freshTokens(api.url);
      withTokens(e);
      if (args.scale > 0.001) await drive(api.url, e, Math.min(1, args.seconds));
      const runs: Record<'app' | 'same' | 'physical' | 'nest', RunResult[]> = { app: [], same: [], physical: [], nest: [] };
      for (let round = 0; round < args.rounds; round++) {
        runs.app.push(await drive(api.url, e, args.seconds, { pid: api.pid, rssMb: api.rssMb, postmaster }));
        runs.same.push(await drive(same.url, e, args.seconds, { pid: same.pid, postmaster }));
        runs.physical.push(await drive(physical.url, e, args.seconds, { pid: physical.pid, postmaster }));
        runs.nest.push(await drive(nest.url, e, args.seconds, { pid: nest.pid, postmaster }));
      }
      rssUnderLoad = Math.max(rssUnderLoad, ...runs.app.map((r) => r.maxRssMb ?? 0));
      const summary = (list: RunResult[]) => ({
        rps: median(list.map((r) => r.rps)),
        p50: median(list.map((r) => r.p50)),
        p95: median(list.map((r) => r.p95)),
        p99: median(list.map((r) => r.p99)),
        non2xx: list.reduce((a, r) => a + r.non2xx, 0),
        errors: list.reduce((a, r) => a + r.errors, 0),
        load1: median(list.map((r) => r.load1)),
        serverCpuMs: median(list.map((r) => r.serverCpuMs ?? NaN)),
        dbCpuMs: median(list.map((r) => r.dbCpuMs ?? NaN)),
      });
      const app = { ...summary(runs.app), maxRssMb: Math.max(...runs.app.map((r) => r.maxRssMb ?? 0)) };
      const result: EndpointResult = { key: e.key, title: e.title, connections: e.connections, statements: statementCounts[e.key] ?? 0, app, same: summary(runs.same), physical: summary(runs.physical), nest: summary(runs.nest) };
      results.push(result);
      log(`  ${e.key}: app ${result.app.rps.toFixed(0)} req/s p95 ${result.app.p95.toFixed(1)} ms | same-SQL ${result.same.rps.toFixed(0)} | physical ${result.physical.rps.toFixed(0)} | NestJS floor ${result.nest?.rps.toFixed(0)} (load ${result.app.load1.toFixed(1)}; RSS ≤ ${app.maxRssMb.toFixed(0)} MB; non-2xx ${result.app.non2xx}/${result.same.non2xx}/${result.physical.non2xx}/${result.nest?.non2xx}; CPU ms/req Node+PG app ${cpuText(result.app)}, physical ${cpuText(result.physical)}, NestJS floor ${cpuText(result.nest ?? {})}; bytes ${runs.app[0].responseBytes?.toFixed(0)}/${runs.physical[0].responseBytes?.toFixed(0)})`);
    }

    // Full audit verify: one request to the app, and the same chain walk in this process as its floor.
    let verifyResult = { appMs: NaN, floorMs: NaN, rows: 0, ok: false };
    if (args.verify) {
      await freshTokens(api.url);
      const verifyStarted = performance.now();
      const verify = await call<{ ok: boolean; checked: number }>(api.url, '/audit/verify?full=true', { token: tokens.auditor });
      verifyResult = { appMs: performance.now() - verifyStarted, floorMs: await verifyFloor(db.url), rows: verify.body.checked, ok: verify.body.ok };
      log(`  audit verify: app ${verifyResult.appMs.toFixed(0)} ms (${verify.body.checked} rows, ok=${verify.body.ok}), floor ${verifyResult.floorMs.toFixed(0)} ms`);
    }

    // A children file through POST /imports/children into a school of its own, applied by the separate
    // worker as in production (the measured api runs no jobs). Last, as it adds its rows to the dataset.
    let importResult: ImportMeasurement | null = null;
    if (args.importRows > 0 && (!args.only || 'import'.startsWith(args.only))) {
      const stopWorker = await startWorker({ databaseUrl: db.url, jwtSecret: JWT_SECRET, adminPassword: PASSWORD });
      stops.unshift(stopWorker);
      importResult = await importAsNewSchool(api.url, PASSWORD, args.importRows);
      log(`  import: ${importResult.rows} children rows in ${importResult.seconds} s (${importResult.rowsPerSecond} rows/s; upload ${importResult.uploadSeconds} s; created ${importResult.created}, failed ${importResult.failed})`);
    }

    const bench: BenchResults = {
      scale: args.scale,
      children: loaded.children,
      counts: loaded.counts,
      loadSeconds: loaded.loadSeconds,
      seconds: args.seconds,
      rounds: args.rounds,
      startedAt: new Date(benchStarted).toISOString(),
      finishedAt: new Date().toISOString(),
      cpus: cpus().length,
      memoryGb: totalmem() / 2 ** 30,
      loadAtStart,
      loadAtEnd: loadavg(),
      coldStartMs: api.coldStartMs,
      rssAtStartMb: rssAtStart,
      rssUnderLoadMb: rssUnderLoad,
      verify: verifyResult,
      import: importResult,
      endpoints: results,
    };
    const resultsDir = join(ROOT, '.data', 'bench-results');
    mkdirSync(resultsDir, { recursive: true });
    // Only a full run (every endpoint, audit verify, no profiler) stands for its scale in the document.
    const full = !args.only && args.verify && !args.cpuProf;
    writeFileSync(join(resultsDir, full ? `scale-${args.scale}.json` : `partial-${args.scale}.json`), JSON.stringify(bench, null, 2));
    if (args.doc && full) {
      writeReport(bench, resultsDir);
      log('wrote docs/performance.md');
    }
    log(`done in ${((Date.now() - benchStarted) / 1000).toFixed(0)} s`);
  } finally {
    for (const stop of stops) await stop().catch(() => undefined);
  }
}

/**
 * `--explain <route prefix>`: EXPLAIN (ANALYZE, BUFFERS) of every captured statement of the matching
 * routes (e.g. "GET /api/v1/worklist"), each in a transaction that is rolled back, slowest first; and
 * for each, the mean time of 20 executions as a named statement under plan_cache_mode auto (what the
 * app does by default) and under force_generic_plan, to check a route before it asks for generic plans.
 */
async function explainCaptured(url: string, captured: FloorConfig['captured'], prefix: string, file: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  const plans: { ms: number; text: string }[] = [];
  try {
    for (const [key, entry] of Object.entries(captured)) {
      if (!key.startsWith(prefix)) continue;
      for (const statement of entry.statements) {
        if (/^\s*(START|BEGIN|COMMIT|ROLLBACK|SET)/i.test(statement.text)) continue;
        await client.query('BEGIN');
        try {
          const { rows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${statement.text}`, statement.values);
          const plan = rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n');
          const ms = Number(/Execution Time: ([\d.]+)/.exec(plan)?.[1] ?? 0);
          const timing = await planModeTimes(client, statement);
          plans.push({ ms, text: `=== ${key} (${ms} ms; ${timing})\n${statement.text.replace(/\s+/g, ' ').slice(0, 600)}\n${plan}\n` });
        } catch (error) {
          plans.push({ ms: -1, text: `=== ${key}: ${String(error)}\n${statement.text.slice(0, 300)}\n` });
        } finally {
          await client.query('ROLLBACK');
        }
      }
    }
  } finally {
    await client.end();
  }
  writeFileSync(file, plans.sort((a, b) => b.ms - a.ms).map((p) => p.text).join('\n'));
}

let planProbe = 0;

/** Mean ms of 20 executions of a named statement under each plan_cache_mode, inside the caller's transaction. */
async function planModeTimes(client: Client, statement: { text: string; values: unknown[] }): Promise<string> {
  const times: string[] = [];
  for (const mode of ['auto', 'force_generic_plan']) {
    await client.query(`SET LOCAL plan_cache_mode = ${mode}`);
    const name = `plan_probe_${planProbe++}`;
    const started = performance.now();
    for (let i = 0; i < 20; i++) await client.query({ name, text: statement.text, values: statement.values });
    times.push(`${mode} ${((performance.now() - started) / 20).toFixed(2)} ms`);
  }
  return times.join(', ');
}

/** The floor of a full verification: read the chain in id order (one cursor) and recompute each seal. */
async function verifyFloor(url: string): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  const started = performance.now();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
    let previous = '';
    let cursor = '0';
    for (;;) {
      const { rows } = await client.query(
        `SELECT id, at, actor_user_id, actor_org_id, action, resource_type, resource_id, child_id, outcome, reason, request_id, ip, changes, operation, seal_hash
           FROM audit_events WHERE id > $1 ORDER BY id LIMIT 20000`,
        [cursor],
      );
      for (const row of rows) if (row.seal_hash) previous = sealHash(previous, row);
      if (rows.length < 20000) break;
      cursor = rows[rows.length - 1].id;
    }
    await client.query('COMMIT');
    return performance.now() - started;
  } finally {
    await client.end();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

export type { RunningApi };
