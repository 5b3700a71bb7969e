import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { API_NODE_FLAGS } from '../../apps/api/src/node-flags';

export const ROOT = join(__dirname, '..', '..', '..');
const NODE = join(ROOT, 'node_modules', '.bin', 'node');
const MAIN = join(ROOT, 'dist', 'apps', 'api', 'src', 'main.js');
const WORKER = join(ROOT, 'dist', 'apps', 'worker', 'src', 'main.js');

export interface RunningApi {
  url: string;
  pid: number;
  /** Spawn → first 200 from /health/ready, in ms. */
  coldStartMs: number;
  rssMb(): number;
  stop(): Promise<void>;
}

export interface ApiOptions {
  databaseUrl: string;
  port: number;
  adminPassword: string;
  jwtSecret: string;
  /** Extra node flags, e.g. the SQL-capturing preload or --cpu-prof. */
  nodeArgs?: string[];
  env?: Record<string, string>;
}

/** SIGTERM, and SIGKILL if the process has not exited 15 s later. */
async function stopChild(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

/** Resident set size of a process from /proc, in MB. */
export function rssOf(pid: number): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
    return line ? Number(line.replace(/\D+/g, '')) / 1024 : 0;
  } catch {
    return 0;
  }
}

/**
 * The api as production runs it: the build output on the project's Node with the api's Node flags
 * (API_NODE_FLAGS, as `npm start`), NODE_ENV=production, on the given database (DATABASE_URL, so no
 * embedded server and no in-process worker).
 */
export async function startApi(options: ApiOptions): Promise<RunningApi> {
  const started = performance.now();
  const child: ChildProcess = spawn(NODE, [...API_NODE_FLAGS, ...(options.nodeArgs ?? []), MAIN], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/root',
      NODE_ENV: 'production',
      DATABASE_URL: options.databaseUrl,
      PORT: String(options.port),
      JWT_SECRET: options.jwtSecret,
      QOLDAU_ADMIN_PASSWORD: options.adminPassword,
      LOG_LEVEL: 'warn',
      // The look-up limit (30 searches per user in 10 minutes) would answer the benchmark's thousands of
      // searches with 429. The searches rotate among 100 users (run.ts SEARCHERS), each making some 30–80
      // a minute; the limit is raised above that, not switched off: each search still counts the user's
      // recent look-ups in the audit trail — tens of rows, as in production, not thousands.
      LOOKUP_LIMIT: '300',
      LOOKUP_WINDOW_MINUTES: '1',
      // In production the worker's reports.summary job recomputes today's national figures every five
      // minutes, ahead of the snapshot's expiry, so no analyst's request computes them. The benchmark runs
      // no worker while it measures endpoints (a quarter of an hour at 1 M), so the snapshot the capture
      // computed is kept for the run: otherwise the measured summary requests found it expired and one of
      // them recomputed it (seconds of national aggregates) while they were being timed.
      REPORT_CACHE_SECONDS: '3600',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Only the tail is ever shown (when the api fails to start): the request log of a whole run is not kept
  // in the benchmark's own process, which also runs autocannon.
  let output = '';
  const keep = (d: Buffer) => (output = (output + d.toString()).slice(-3000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${options.port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`api exited with ${child.exitCode}:\n${output.slice(-3000)}`);
    try {
      const res = await fetch(`${url}/health/ready`);
      if (res.status === 200) break;
    } catch {
      /* not listening yet */
    }
    if (performance.now() - started > 600_000) throw new Error(`api not ready after 10 minutes:\n${output.slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  const coldStartMs = performance.now() - started;
  const pid = child.pid as number;
  return {
    url,
    pid,
    coldStartMs,
    rssMb: () => rssOf(pid),
    stop: () => stopChild(child, exited),
  };
}

/**
 * The separate worker production runs beside the api (pg-boss jobs: the import's apply job), on the same
 * database; resolves once it says it is running. Returns its stop.
 */
export async function startWorker(options: { databaseUrl: string; jwtSecret: string; adminPassword: string }): Promise<() => Promise<void>> {
  const child = spawn(NODE, [WORKER], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', NODE_ENV: 'production', DATABASE_URL: options.databaseUrl,
      JWT_SECRET: options.jwtSecret, QOLDAU_ADMIN_PASSWORD: options.adminPassword, LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const seen = (d: Buffer) => {
      output += d;
      if (output.includes('Qoldau worker is running')) resolve();
    };
    child.stdout?.on('data', seen);
    child.stderr?.on('data', (d) => (output += d));
    child.once('exit', (code) => reject(new Error(`worker exited with ${code}:\n${output.slice(-3000)}`)));
  });
  return () => stopChild(child, exited);
}

/** JSON over HTTP with a bearer token; throws with the body on an unexpected status. */
export async function call<T = unknown>(url: string, path: string, options: { token?: string; method?: string; body?: unknown; expect?: number[] } = {}): Promise<{ status: number; body: T }> {
  const res = await fetch(`${url}/api/v1${path}`, {
    method: options.method ?? 'GET',
    headers: { ...(options.token && { authorization: `Bearer ${options.token}` }), ...(options.body !== undefined && { 'content-type': 'application/json' }) },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await res.text();
  const body = (text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text) as T;
  if (!(options.expect ?? [200, 201]).includes(res.status)) throw new Error(`${options.method ?? 'GET'} ${path} → ${res.status} ${text.slice(0, 500)}`);
  return { status: res.status, body };
}
