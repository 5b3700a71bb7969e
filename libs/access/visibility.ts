/**
 * Case visibility as SQL (DESIGN §5): an organisation sees a child only while it has an active
 * involvement with it. `authorize` decides one case from a `visible` flag; every query that returns
 * cases or parts of them (lists, search, timeline, sub-resources) composes this same fragment into
 * its WHERE clause, so nothing invisible is ever fetched and then filtered out.
 *
 * "Now" is a parameter, not the database's now(): services take it from the injected Clock, so the
 * same instant decides visibility, consent expiry and involvement start/end (tests move the clock).
 * An involvement is active from `since` (inclusive) until `until` (exclusive; null = open-ended).
 *
 * Only identifiers and positional parameters are accepted, so the fragment can never carry a value.
 */
const SQL_REFERENCE = /^[a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)?$/;
const SQL_PARAMETER = /^\$[1-9][0-9]*(?:::[a-z]+)?$/;

function checked(value: string, pattern: RegExp, what: string): string {
  if (!pattern.test(value)) throw new RangeError(`visibleToOrg: ${what} must be ${pattern.source}, got ${JSON.stringify(value)}`);
  return value;
}

/**
 * `EXISTS (…)` true when the organisation in `orgIdParam` has an active involvement with the child
 * whose id is `childIdSql` (a column reference such as `c.id`), at the instant in `nowParam`.
 * A null organisation (the national admin) sees nothing.
 *
 * @example visibleToOrg('c.id', '$2', '$3') with params [..., actorOrgId, clock.now()]
 */
export function visibleToOrg(childIdSql: string, orgIdParam: string, nowParam: string): string {
  const child = checked(childIdSql, SQL_REFERENCE, 'childIdSql');
  const org = checked(orgIdParam, SQL_PARAMETER, 'orgIdParam');
  const now = checked(nowParam, SQL_PARAMETER, 'nowParam');
  return (
    `EXISTS (SELECT 1 FROM involvements v WHERE v.child_id = ${child} AND v.org_id = ${org}::uuid` +
    ` AND v.since <= ${now}::timestamptz AND (v.until IS NULL OR v.until > ${now}::timestamptz))`
  );
}
