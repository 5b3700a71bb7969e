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
    if (n === 0 && process.env.BENCH_DUMP_ANSWERS) {
      const { writeFileSync } = await import('node:fs');
      writeFileSync(`${process.env.BENCH_DUMP_ANSWERS}/${endpoint.key}.app.json`, JSON.stringify(app.body, null, 1));
      writeFileSync(`${process.env.BENCH_DUMP_ANSWERS}/${endpoint.key}.physical.json`, JSON.stringify(floor.body, null, 1));
    }
    const line = `${app.status}/${floor.status}, ${app.bytes}/${floor.bytes} bytes, ${difference ? `first difference at ${difference}` : 'the same JSON'}`;
    if (n === 0) first = line;
    if (difference || app.status !== floor.status || app.bytes !== floor.bytes) return count > 1 ? `${line} (request ${n + 1} of ${count}: ${path})` : line;
  }
  return count > 1 ? `${first} (all ${count} requests)` : first;
}
