import { writeFileSync } from 'node:fs';
import type { Endpoint } from './drive';

/** Keys whose value is the moment of the answer, different in any two answers. */
const MOMENT_KEYS = new Set(['generatedAt']);

/** The first place where two JSON values differ, as a path (`$.consents[2].expiresAt`), or null. */
export function firstDifference(a: unknown, b: unknown, path = '$'): string | null {
  if (a === b) return null;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return path;
  if (Array.isArray(a) !== Array.isArray(b)) return path;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    for (let i = 0; i < Math.max(a.length, other.length); i++) {
      const found = firstDifference(a[i], other[i], `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  for (const key of new Set([...Object.keys(left), ...Object.keys(right)])) {
    if (MOMENT_KEYS.has(key)) continue;
    const found = firstDifference(left[key], right[key], `${path}.${key}`);
    if (found) return found;
  }
  return null;
}

/** BENCH_DUMP_ANSWERS=dir: both answers of an endpoint kept as `<key>.app.json` and `<key>.physical.json`. */
function dumpAnswers(key: string, app: unknown, floor: unknown): void {
  const dir = process.env.BENCH_DUMP_ANSWERS;
  if (!dir) return;
  writeFileSync(`${dir}/${key}.app.json`, JSON.stringify(app, null, 1));
  writeFileSync(`${dir}/${key}.physical.json`, JSON.stringify(floor, null, 1));
}

/**
 * One read endpoint's first request, asked of the app and of a floor: the sizes and where the answers
 * differ. A floor is a fair bound only while it answers what the app answers; the log says when not.
 */
export async function compareAnswers(appUrl: string, floorUrl: string, endpoint: Endpoint): Promise<string | null> {
  const request = endpoint.requests[0];
  if (endpoint.requests.length !== 1 || request.method !== 'GET') return null;
  const get = async (base: string, path: string) => {
    const res = await fetch(`${base}${path}`, { headers: { ...(endpoint.token && { authorization: `Bearer ${endpoint.token}` }) } });
    const text = await res.text();
    return { status: res.status, bytes: Buffer.byteLength(text), body: text ? (JSON.parse(text) as unknown) : null };
  };
  // BENCH_COMPARE_REQUESTS=n asks for the first n requests of the endpoint (the case read cycles through
  // children) and tells the first that differs; by default only the first.
  const count = Math.max(1, Number(process.env.BENCH_COMPARE_REQUESTS) || 1);
  let first: string | null = null;
  for (let n = 0; n < count; n++) {
    const path = request.path(n, {});
    const [app, floor] = [await get(appUrl, path), await get(floorUrl, path)];
    const difference = firstDifference(app.body, floor.body);
    if (n === 0) dumpAnswers(endpoint.key, app.body, floor.body);
    const line = `${app.status}/${floor.status}, ${app.bytes}/${floor.bytes} bytes, ${difference ? `first difference at ${difference}` : 'the same JSON'}`;
    if (n === 0) first = line;
    if (difference || app.status !== floor.status || app.bytes !== floor.bytes) return count > 1 ? `${line} (request ${n + 1} of ${count}: ${path})` : line;
  }
  return count > 1 ? `${first} (all ${count} requests)` : first;
}

/** A JSON value with every leaf replaced by its type: what two answers about different rows share. */
function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shapeOf);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shapeOf(v)]));
  return value === null ? 'null' : typeof value;
}

/**
 * A write endpoint's request sequence (accept → start), once against the app and once against a floor,
 * each on a referral of its own: their answers differ in ids and times, so what is compared is each
 * step's status and the shape of its answer (keys, order and types).
 */
export async function compareWriteShapes(appUrl: string, floorUrl: string, endpoint: Endpoint): Promise<string | null> {
  if (!endpoint.requests.some((r) => r.method !== 'GET')) return null;
  const run = async (base: string) => {
    const context: Record<string, unknown> = {};
    const answers: { status: number; bytes: number; body: unknown }[] = [];
    for (const request of endpoint.requests) {
      const res = await fetch(`${base}${request.path(0, context)}`, {
        method: request.method,
        headers: { 'content-type': 'application/json', ...(endpoint.token && { authorization: `Bearer ${endpoint.token}` }) },
        body: request.body,
      });
      const text = await res.text();
      answers.push({ status: res.status, bytes: Buffer.byteLength(text), body: text ? (JSON.parse(text) as unknown) : null });
    }
    return answers;
  };
  const [app, floor] = [await run(appUrl), await run(floorUrl)];
  dumpAnswers(endpoint.key, app.map((a) => a.body), floor.map((a) => a.body));
  return app
    .map((a, i) => {
      const f = floor[i];
      const difference = firstDifference(shapeOf(a.body), shapeOf(f.body));
      return `${endpoint.requests[i].method} ${i + 1}: ${a.status}/${f.status}, ${a.bytes}/${f.bytes} bytes, ${difference ? `first difference in shape at ${difference}` : 'the same shape'}`;
    })
    .join('; ');
}
