import type { Changes } from '@qoldau/audit';

/**
 * Audit changes without personal values: personal fields (names, IIN, address, phone, birth date,
 * certificate numbers) appear by name only (`{}`); other fields carry `{ from, to }`.
 */
const PERSONAL = new Set([
  'iin', 'lastName', 'firstName', 'patronymic', 'fullName', 'birthDate', 'address', 'phone', 'certificateNo', 'reason',
]);

export function changesOf(before: Record<string, unknown>, after: Record<string, unknown>): Changes {
  const changes: Changes = {};
  for (const [field, to] of Object.entries(after)) {
    if (to === undefined) continue;
    const from = before[field] ?? null;
    if (JSON.stringify(from) === JSON.stringify(to)) continue;
    changes[field] = PERSONAL.has(field) ? {} : { from, to };
  }
  return changes;
}

/** The changes of a new record: every field set, personal ones by name only. */
export function createdWith(values: Record<string, unknown>): Changes {
  return changesOf({}, Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null && v !== undefined)));
}
