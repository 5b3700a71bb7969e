import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './api';
import type { ImportMeasurement } from './import-bench';

export interface Summary {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  non2xx: number;
  errors: number;
  load1: number;
  /** The api's largest RSS while this endpoint drove it (app runs only). */
  maxRssMb?: number;
  /** CPU per request, ms: the server's Node process, and PostgreSQL's processes (absent in older results). */
  serverCpuMs?: number;
  dbCpuMs?: number;
}

export interface EndpointResult {
  key: string;
  title: string;
  connections: number;
  /** Statements the app sent for one request (one sequence for accept→start), as captured. */
  statements: number;
  app: Summary;
  same: Summary;
  physical: Summary;
  /** The physical floor's statements through bare NestJS on Fastify (absent in older results). */
  nest?: Summary;
}
export interface BenchResults {
  scale: number;
  children: number;
  counts: Record<string, number>;
  loadSeconds: number;
  seconds: number;
  rounds: number;
  startedAt: string;
  finishedAt: string;
  cpus: number;
  memoryGb: number;
  loadAtStart: number[];
  loadAtEnd: number[];
  coldStartMs: number;
  rssAtStartMb: number;
  rssUnderLoadMb: number;
  verify: { appMs: number; floorMs: number; rows: number; ok: boolean };
  /** The children import (older stored runs have none). */
  import?: ImportMeasurement | null;
  endpoints: EndpointResult[];
}

const f0 = (n: number | null) => (typeof n === 'number' && Number.isFinite(n) ? n.toFixed(0) : '–');
const f1 = (n: number | null) => (typeof n === 'number' && Number.isFinite(n) ? n.toFixed(1) : '–');
const f2 = (n: number | null | undefined) => (typeof n === 'number' && Number.isFinite(n) ? n.toFixed(2) : '–');
const ratio = (a: number, b: number) => (Number.isFinite(a) && b > 0 ? `${(a / b).toFixed(2)}×` : '–');
const verdict = (ok: boolean | undefined) => (ok === undefined ? 'not measured' : ok ? '**pass**' : '**miss**');

/** What the same statements reach through bare NestJS: the bound of any app on the project's framework. */
function nestBound(e: EndpointResult, percentile: 'p95' | 'p99'): string {
  if (!e.nest) return '';
  return `; NestJS floor ${ratio(e.nest.rps, e.physical.rps)} of the physical, ${percentile} ${f1(e.nest[percentile])} ms`;
}

function targets(r: BenchResults): { target: string; measured: string; ok: boolean | undefined }[] {
  const by = (prefix: string) => r.endpoints.filter((e) => e.key.startsWith(prefix));
  const all = <T>(list: T[], test: (x: T) => boolean) => (list.length ? list.every(test) : undefined);
  // A latency of null/NaN (stored as null) means no request completed within a run: a miss, never a pass.
  const under = (value: number | null, limit: number) => typeof value === 'number' && Number.isFinite(value) && value <= limit;
  const cases = by('case.');
  const searches = by('search.');
  const worklists = by('worklist.');
  const write = by('referral.');
  const summary = by('reports.');
  return [
    {
      target: 'case read ≥ 0.6× the physical floor, p99 ≤ 25 ms',
      measured: cases.map((e) => `${e.key}: ${ratio(e.app.rps, e.physical.rps)}, p99 ${f1(e.app.p99)} ms (physical floor p99 ${f1(e.physical.p99)} ms${nestBound(e, 'p99')})`).join('; '),
      ok: all(cases, (e) => e.app.rps >= 0.6 * e.physical.rps && under(e.app.p99, 25)),
    },
    { target: 'search p95 ≤ 30 ms', measured: searches.map((e) => `${e.key}: ${f1(e.app.p95)} ms (physical floor ${f1(e.physical.p95)} ms${nestBound(e, 'p95')})`).join('; '), ok: all(searches, (e) => under(e.app.p95, 30)) },
    { target: 'worklist p95 ≤ 15 ms', measured: worklists.map((e) => `${e.key}: ${f1(e.app.p95)} ms (physical floor ${f1(e.physical.p95)} ms${nestBound(e, 'p95')})`).join('; '), ok: all(worklists, (e) => under(e.app.p95, 15)) },
    { target: 'accept→start ≥ 0.5× the physical floor', measured: write.map((e) => `${ratio(e.app.rps, e.physical.rps)} (${f0(e.app.rps)} vs ${f0(e.physical.rps)} req/s${nestBound(e, 'p95')})`).join('; '), ok: all(write, (e) => e.app.rps >= 0.5 * e.physical.rps) },
    { target: 'national summary ≤ 50 ms (p95)', measured: summary.map((e) => `${f1(e.app.p95)} ms (physical floor ${f1(e.physical.p95)} ms)`).join('; '), ok: all(summary, (e) => under(e.app.p95, 50)) },
    { target: 'API RSS ≤ 200 MB under load', measured: `${f0(r.rssUnderLoadMb)} MB (at start ${f0(r.rssAtStartMb)} MB)`, ok: r.rssUnderLoadMb <= 200 },
    { target: 'cold start to ready ≤ 2 s (initialised database)', measured: `${f0(r.coldStartMs)} ms`, ok: r.coldStartMs <= 2000 },
    {
      target: '100 k-row import ≤ 30 s',
      measured: r.import
        ? `${r.import.rows.toLocaleString('en')} rows in ${f1(r.import.seconds)} s (${f0(r.import.rowsPerSecond)} rows/s${r.import.rows < 100_000 ? `; 100 000 rows at that rate: ${f0(100_000 / r.import.rowsPerSecond)} s` : ''})`
        : 'not measured in this run',
      ok: r.import ? 100_000 / r.import.rowsPerSecond <= 30 : undefined,
    },
    { target: `full audit verify of 5 M rows ≤ 10 s`, measured: `${f1(r.verify.appMs / 1000)} s for ${r.verify.rows.toLocaleString('en')} rows (floor ${f1(r.verify.floorMs / 1000)} s)`, ok: r.verify.rows > 0 ? r.verify.appMs <= 10_000 * (r.verify.rows / 5_000_000) : undefined },
  ];
}

/** docs/performance.md from this run, the stored runs at other scales, and test/bench/findings.md. */
export function writeReport(r: BenchResults, resultsDir: string): void {
  const others: BenchResults[] = existsSync(resultsDir)
    ? readdirSync(resultsDir)
        .filter((f) => /^scale-.*\.json$/.test(f))
        .map((f) => JSON.parse(readFileSync(join(resultsDir, f), 'utf8')) as BenchResults)
        .filter((x) => x.scale >= 0.01)
        .sort((a, b) => a.scale - b.scale)
    : [r];
  const lines: string[] = [];
  const out = (s = '') => lines.push(s);
  out('# Performance');
  out();
  out('Written by `npm run bench` (test/bench); do not edit by hand — the findings section comes from test/bench/findings.md.');
  out();
  out(`Run of ${r.startedAt.slice(0, 16).replace('T', ' ')}–${r.finishedAt.slice(11, 16)} UTC at scale ${r.scale}: **${r.children.toLocaleString('en')} children**.`);
  // Started on an idle machine: the load during the run is then the benchmark's own processes. The
  // 1-minute average at the start still shows the minute before (a preceding run's exit, a CLUSTER), so
  // anything above 3 is taken as other work.
  const quiet = r.loadAtStart[0] < 3;
  out(
    quiet
      ? `Machine: ${r.cpus} CPU cores, ${r.memoryGb.toFixed(0)} GB RAM, running nothing but the benchmark: the load average (${r.loadAtStart.map(f1).join(' / ')} at the start, ${r.loadAtEnd.map(f1).join(' / ')} at the end, 1/5/15 min; each endpoint's median during its app runs in the table) is the benchmark's own api, floors, PostgreSQL backends and parallel workers, and autocannon, sharing the 2 cores.`
      : `Machine: ${r.cpus} CPU cores, ${r.memoryGb.toFixed(0)} GB RAM, **shared**: the cores also ran other work during the run, so the load average was ${r.loadAtStart.map(f1).join(' / ')} (1/5/15 min) at the start and ${r.loadAtEnd.map(f1).join(' / ')} at the end; each endpoint's median 1-minute load during its app runs is in the table. With a load above 2 every process here waits for a core, the app and the floors alike, so ratios are more telling than absolute numbers.`,
  );
  out();
  out(`Method: the api's build output (\`dist/apps/api/src/main.js\`) on the project's Node in production mode, on the embedded PostgreSQL sized like a dedicated server of this machine (\`shared_buffers=4GB\`, \`effective_cache_size=16GB\`, \`work_mem=16MB\`; or \`DATABASE_URL\`); autocannon in the benchmark's process; per endpoint ${r.rounds} interleaved rounds of app → same-SQL floor → physical floor → NestJS floor, ${r.seconds} s each after a warm-up, medians of the rounds. The **same-SQL floor** is bare \`node:http\` + \`pg\` replaying exactly the statements the app sent for that request (recorded from a second api instance), the **physical floor** the fewest statements returning the same data and writing the same audit row (test/bench/physical.ts). The api runs with \`LOOKUP_LIMIT=300\` and \`LOOKUP_WINDOW_MINUTES=1\` (the production default of 30 searches per 10 minutes would answer the benchmark's searches with 429), and the searches rotate among 100 copies of the PMPC specialist, so each search counts its user's recent look-ups in the audit trail as in production — tens of rows, not the thousands one user making every search would have (the physical floor writes its search audit rows under a stand-in actor, so that they use up no user's allowance); and with \`REPORT_CACHE_SECONDS=3600\`: no worker runs while endpoints are measured, and in production its \`reports.summary\` job refreshes the summary's snapshot every five minutes, before it expires. Latencies in ms.`);
  out();
  out('## Endpoints');
  out();
  out('| endpoint | conn | SQL stmts | app req/s | p50 | p95 | p99 | same-SQL req/s | physical req/s | physical p95 / p99 | NestJS floor req/s | NestJS floor p95 / p99 | app ÷ same-SQL | app ÷ physical | NestJS floor ÷ physical | non-2xx | load |');
  out('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const e of r.endpoints) {
    out(`| ${e.title} | ${e.connections} | ${e.statements} | ${f0(e.app.rps)} | ${f1(e.app.p50)} | ${f1(e.app.p95)} | ${f1(e.app.p99)} | ${f0(e.same.rps)} | ${f0(e.physical.rps)} | ${f1(e.physical.p95)} / ${f1(e.physical.p99)} | ${e.nest ? f0(e.nest.rps) : '–'} | ${e.nest ? `${f1(e.nest.p95)} / ${f1(e.nest.p99)}` : '–'} | ${ratio(e.app.rps, e.same.rps)} | ${ratio(e.app.rps, e.physical.rps)} | ${e.nest ? ratio(e.nest.rps, e.physical.rps) : '–'} | ${e.app.non2xx}/${e.same.non2xx}/${e.physical.non2xx}${e.nest ? `/${e.nest.non2xx}` : ''} | ${f1(e.app.load1)} |`);
  }
  out();
  out('The **NestJS floor** runs the physical floor\'s statements behind one NestJS controller on Fastify, as the api is served, with nothing else (no guard, pipe, interceptor or logger): the most any app built on the project\'s framework can reach here.');
  out();
  out('non-2xx: app / same-SQL / physical / NestJS floor, summed over the rounds. 0 req/s with latencies “–”: no request completed within a run (each took longer than the run).');
  out();
  const withCpu = r.endpoints.filter((e) => Number.isFinite(e.app.serverCpuMs));
  if (withCpu.length) {
    out('### CPU per request');
    out();
    out(
      'Where each server spends the two cores: CPU time (ms) per request served, medians of the rounds, of the server\'s Node process and of PostgreSQL\'s processes (read from /proc before and after each run; 10 ms ticks, so a run of a few hundred requests is good to ~0.1 ms). Autocannon runs in the benchmark\'s own process beside them. A server whose Node + PostgreSQL CPU is twice another\'s can at best serve half its requests on the same cores.',
    );
    out();
    out('| endpoint | app Node | app PostgreSQL | same-SQL Node | same-SQL PostgreSQL | physical Node | physical PostgreSQL | NestJS floor Node | NestJS floor PostgreSQL | app ÷ physical, CPU |');
    out('|---|---|---|---|---|---|---|---|---|---|');
    const cpu = (s: Summary) => (s.serverCpuMs ?? NaN) + (s.dbCpuMs ?? NaN);
    for (const e of withCpu) {
      out(
        `| ${e.title} | ${f2(e.app.serverCpuMs)} | ${f2(e.app.dbCpuMs)} | ${f2(e.same.serverCpuMs)} | ${f2(e.same.dbCpuMs)} | ${f2(e.physical.serverCpuMs)} | ${f2(e.physical.dbCpuMs)} | ${f2(e.nest?.serverCpuMs)} | ${f2(e.nest?.dbCpuMs)} | ${Number.isFinite(cpu(e.app) / cpu(e.physical)) ? `${(cpu(e.app) / cpu(e.physical)).toFixed(1)}×` : '–'} |`,
      );
    }
    out();
  }
  out('## Targets');
  out();
  out(`At this run's scale (${r.children.toLocaleString('en')} children); the issue sets them for 1 M children.`);
  out();
  out('| target | measured | verdict |');
  out('|---|---|---|');
  for (const t of targets(r)) out(`| ${t.target} | ${t.measured} | ${verdict(t.ok)} |`);
  out();
  out('## Start-up, memory, audit verify');
  out();
  out(`- Cold start (spawn → first 200 from /health/ready, migrations already applied): ${f0(r.coldStartMs)} ms.`);
  const peak = r.endpoints.filter((e) => e.app.maxRssMb !== undefined).sort((a, b) => (b.app.maxRssMb ?? 0) - (a.app.maxRssMb ?? 0))[0];
  out(`- API RSS: ${f0(r.rssAtStartMb)} MB when ready, ${f0(r.rssUnderLoadMb)} MB at most while driven${peak ? ` (reached during ${peak.title}; the largest per endpoint: ${r.endpoints.filter((e) => e.app.maxRssMb !== undefined).map((e) => `${e.key} ${f0(e.app.maxRssMb ?? 0)}`).join(', ')} MB)` : ''}.`);
  out(`- Full audit verify (\`GET /audit/verify?full=true\`): ${f1(r.verify.appMs / 1000)} s for ${r.verify.rows.toLocaleString('en')} rows (ok: ${r.verify.ok}); the same chain walk with one 20 000-row query at a time in bare Node: ${f1(r.verify.floorMs / 1000)} s.`);
  if (r.import) {
    out(`- Children import (\`POST /imports/children\`, CSV, into a new school, applied by the separate worker): ${r.import.rows.toLocaleString('en')} rows (${f1(r.import.bytes / 1e6)} MB) in ${f1(r.import.seconds)} s from the start of the upload to \`done\` — ${f0(r.import.rowsPerSecond)} rows/s; the upload itself ${f1(r.import.uploadSeconds)} s; ${r.import.created} created, ${r.import.failed} failed.`);
  }
  out();
  out('## Dataset');
  out();
  out(`Loaded with COPY in ${r.loadSeconds} s (test/bench/dataset.ts): ${Object.entries(r.counts).map(([t, n]) => `${t} ${n.toLocaleString('en')}`).join(', ')}.`);
  out();
  out('## By scale');
  out();
  out('app req/s and p95 (ms) per endpoint at each scale measured (each its own run, with its own machine load).');
  out();
  out(`| endpoint | ${others.map((o) => `${o.children.toLocaleString('en')} children`).join(' | ')} |`);
  out(`|---|${others.map(() => '---').join('|')}|`);
  const keys = [...new Set(others.flatMap((o) => o.endpoints.map((e) => e.key)))];
  for (const key of keys) {
    const title = others.flatMap((o) => o.endpoints).find((e) => e.key === key)?.title ?? key;
    out(`| ${title} | ${others.map((o) => {
      const e = o.endpoints.find((x) => x.key === key);
      return e ? `${f0(e.app.rps)} req/s, p95 ${f1(e.app.p95)}` : '–';
    }).join(' | ')} |`);
  }
  out(`| cold start / RSS under load / load at start | ${others.map((o) => `${f0(o.coldStartMs)} ms / ${f0(o.rssUnderLoadMb)} MB / ${f1(o.loadAtStart[0])}`).join(' | ')} |`);
  out(`| full audit verify | ${others.map((o) => `${f1(o.verify.appMs / 1000)} s (${o.verify.rows.toLocaleString('en')} rows)`).join(' | ')} |`);
  out();
  const findings = join(ROOT, 'test', 'bench', 'findings.md');
  if (existsSync(findings)) out(readFileSync(findings, 'utf8').trim());
  out();
  writeFileSync(join(ROOT, 'docs', 'performance.md'), lines.join('\n'));
}
