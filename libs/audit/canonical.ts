import { createHash } from 'node:crypto';

/** The columns that are sealed, in this order; changing it would break every existing chain. */
export interface SealableRow {
  id: string;
  at: Date;
  actor_user_id: string | null;
  actor_org_id: string | null;
  action: string;
  resource_type: string | null;
  resource_id: string | null;
  child_id: string | null;
  outcome: string;
  reason: string | null;
  request_id: string | null;
  ip: string | null;
  changes: unknown;
  /** Added after the first rows were sealed: included only when set, so earlier seals still verify. */
  operation?: string | null;
}

/** JSON with object keys sorted at every depth, so the same data always gives the same bytes. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function canonicalRow(row: SealableRow): string {
  return canonicalJson([
    String(row.id), row.at.toISOString(), row.actor_user_id, row.actor_org_id, row.action, row.resource_type,
    row.resource_id, row.child_id, row.outcome, row.reason, row.request_id, row.ip, row.changes ?? null,
    ...(row.operation ? [row.operation] : []),
  ]);
}

/** hash_n = sha256(hash_{n-1} || canonical(row_n)); the chain starts from the empty string. */
export function sealHash(previousHash: string, row: SealableRow): string {
  return createHash('sha256').update(previousHash).update(canonicalRow(row)).digest('hex');
}
