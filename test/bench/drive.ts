import autocannon from 'autocannon';
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
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/**
 * Drives one server with autocannon in this process for `seconds`. Latencies are taken per response
 * (autocannon's own summary has no p95). `sampleRss` is called every 250 ms while it runs.
 */
export async function drive(baseUrl: string, endpoint: Endpoint, seconds: number, sampleRss?: () => number): Promise<RunResult> {
  let counter = 0;
  const latencies: number[] = [];
  let maxRss = 0;
  const timer = sampleRss ? setInterval(() => (maxRss = Math.max(maxRss, sampleRss())), 250) : undefined;
  const loads: number[] = [];
  const loadTimer = setInterval(() => loads.push(loadavg()[0]), 1000);
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
            return { ...req, path: r.path(n, context) };
          },
        })),
      } as autocannon.Options,
      (error, res) => (error ? reject(error) : resolve(res)),
    );
    instance.on('response', (_client: unknown, _status: number, _bytes: number, time: number) => latencies.push(time));
  });
  if (timer) clearInterval(timer);
  clearInterval(loadTimer);
  latencies.sort((a, b) => a - b);
  return {
    rps: result.requests.total / (result.duration || seconds),
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    load1: loads.length ? loads.reduce((a, b) => a + b, 0) / loads.length : loadavg()[0],
    ...(sampleRss && { maxRssMb: maxRss }),
  };
}

export const median = (values: number[]): number => {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
