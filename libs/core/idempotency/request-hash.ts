import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every level: the same body always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** What an Idempotency-Key is bound to: the method, the path as requested and the body (not headers). */
export function requestHash(method: string, path: string, body: unknown): string {
  return createHash('sha256').update(`${method.toUpperCase()} ${path}\n${canonicalJson(body)}`).digest('hex');
}

const KEY = /^[\x21-\x7e]{1,255}$/;

/** A key is 1–255 visible ASCII characters (a UUID is the usual choice). */
export function isValidIdempotencyKey(value: unknown): value is string {
  return typeof value === 'string' && KEY.test(value);
}
