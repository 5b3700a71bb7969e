/**
 * SQL that builds an API value as JSON in the database, for a read that returns a whole aggregate in
 * one statement (the case view: the child and every section as sub-selects, issue 16). What these
 * produce must read exactly as the row mappers' output for the same rows, so timestamps are formatted
 * here the way `Date.prototype.toISOString` prints what node-postgres reads from them.
 */

const JSON_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * A timestamptz expression as the text `toISOString()` gives for the Date node-postgres makes of it:
 * UTC, milliseconds (the driver drops microseconds, as `MS` does), `Z`; NULL stays NULL. Independent of
 * the session's TimeZone, unlike json's own rendering of timestamps.
 */
export function isoTimestamp(expr: string): string {
  return `to_char((${expr}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/**
 * `json_build_object(…)` with the keys of `fields` in their order, each the SQL expression given. Every
 * key of `T` must be given (a field added to the view is a compile error here until the SQL has it too),
 * and in the order the view's other mapper produces them, so the JSON reads the same byte for byte.
 */
export function jsonObject<T>(fields: { [K in keyof T]-?: string }): string {
  const pairs = Object.entries<string>(fields).map(([key, sql]) => {
    if (!JSON_KEY.test(key)) throw new RangeError(`jsonObject: ${JSON.stringify(key)} is not a plain key`);
    return `'${key}', ${sql}`;
  });
  return `json_build_object(${pairs.join(', ')})`;
}

/**
 * `(SELECT …)`: `item` for every row of `from` (a FROM … WHERE … clause) as one json array in `orderBy`
 * order, `[]` when there is none.
 */
export function jsonArray(item: string, from: string, orderBy: string): string {
  return `(SELECT coalesce(json_agg(${item} ORDER BY ${orderBy}), '[]'::json) ${from})`;
}
