import autocannon from 'autocannon';
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';

/** One endpoint as every server under test is asked for it: the same paths, headers and bodies. */
export interface Endpoint {
  key: string;
  title: string;
  /** Autocannon connections; the issue measures the worklist with 2, the rest with 10. */
  connections: number;
  /** The request sequence one connection repeats (one item for reads; accept then start for the write). */
  requests: { method: 'GET' | 'POST'; path: (n: number, context: Record<string, unknown>) => string; body?: string }[];
  token?: string;
  /** Tokens the requests take in turn instead of `token` (the searches: see run.ts SEARCHERS). */
  tokens?: string[];
}

export interface RunResult {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
  load1: number;
  maxRssMb?: number;
  /** CPU per request served, in ms: the server's process, and its database server's processes. */
  serverCpuMs?: number;
  dbCpuMs?: number;
  /** Bytes per response, headers included. */
  responseBytes?: number;
}

const TICKS_PER_SECOND = 100; // USER_HZ: /proc reports CPU time in these on every Linux the bench runs on

/** The fields of /proc/<pid>/stat after the command name (which may hold spaces), or null once it is gone. */
function statFields(pid: number | string): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** The sum of two tick counts of stat's fields, in ms. */
const ticksMs = (fields: string[], a: number, b: number): number => ((Number(fields[a]) + Number(fields[b])) * 1000) / TICKS_PER_SECOND;

/** utime + stime (fields 14 and 15) of stat's fields, in ms. */
const cpuMsOf = (fields: string[] | null): number => (fields ? ticksMs(fields, 11, 12) : 0);

/**
 * CPU of a PostgreSQL server in ms: its postmaster, every process it runs (backends, parallel workers,
 * checkpointer) and those that have exited. Without a postmaster (DATABASE_URL), every process named
 * `postgres` on the machine, and a backend that exits during a run takes its CPU with it.
 */
export function postgresCpuMs(postmaster?: number): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFields(entry);
    if (!fields) continue;
    if (postmaster && Number(entry) === postmaster) {
      // The postmaster's own CPU, and (cutime + cstime, fields 16 and 17) that of the children it has reaped.
      total += cpuMsOf(fields) + ticksMs(fields, 13, 14);
    } else if (postmaster ? Number(fields[1]) === postmaster : readComm(entry) === 'postgres') {
      total += cpuMsOf(fields);
    }
  }
  return total;
}

function readComm(pid: string): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** A server under test: its process (CPU, and RSS for the api), and the postmaster of its database. */
export interface MeasuredServer {
  pid: number;
  rssMb?: () => number;
  postmaster?: number;
}

/**
 * Drives one server with autocannon in this process for `seconds`. Latencies are taken per response
 * (autocannon's own summary has no p95). `sampleRss` is called every 250 ms while it runs.
 */
export async function drive(baseUrl: string, endpoint: Endpoint, seconds: number, server?: MeasuredServer): Promise<RunResult> {
  const sampleRss = server?.rssMb;
  let counter = 0;
  const latencies: number[] = [];
  let maxRss = 0;
  const timer = sampleRss ? setInterval(() => (maxRss = Math.max(maxRss, sampleRss())), 250) : undefined;
  const loads: number[] = [];
  const loadTimer = setInterval(() => loads.push(loadavg()[0]), 1000);
  const cpuBefore = server && { server: cpuMsOf(statFields(server.pid)), db: postgresCpuMs(server.postmaster) };
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(endpoint.token && { authorization: `Bearer ${endpoint.token}` }) };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: baseUrl,
        connections: endpoint.connections,
        duration: seconds,
        headers,
        requests: endpoint.requests.map((r, index) => ({
          method: r.method,
          body: r.body,
          setupRequest: (req: autocannon.Request, context: Record<string, unknown>) => {
            const n = index === 0 ? counter++ : (context.n as number);
            context.n = n;
            const path = r.path(n, context);
            return endpoint.tokens ? { ...req, path, headers: { ...req.headers, authorization: `Bearer ${endpoint.tokens[n % endpoint.tokens.length]}` } } : { ...req, path };
          },
        })),
      } as autocannon.Options,
      (error, res) => (error ? reject(error) : resolve(res)),
    );
    instance.on('response', (_client: unknown, _status: number, _bytes: number, time: number) => latencies.push(time));
  });
  if (timer) clearInterval(timer);
  clearInterval(loadTimer);
  const served = Math.max(1, result.requests.total);
  latencies.sort((a, b) => a - b);
  return {
    rps: result.requests.total / (result.duration || seconds),
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    responseBytes: result.throughput.total / served,
    load1: loads.length ? loads.reduce((a, b) => a + b, 0) / loads.length : loadavg()[0],
    ...(sampleRss && { maxRssMb: maxRss }),
    ...(server &&
      cpuBefore && { serverCpuMs: (cpuMsOf(statFields(server.pid)) - cpuBefore.server) / served, dbCpuMs: (postgresCpuMs(server.postmaster) - cpuBefore.db) / served }),
  };
}

export const median = (values: number[]): number => {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
