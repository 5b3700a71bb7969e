/**
 * Case visibility as SQL (DESIGN §5), owned by the access lib alone. An actor sees a child while its
 * organisation has an active involvement with it, or while the actor itself — the one user, not its
 * organisation — holds an unexpired break-glass on it. Break-glass makes a case visible for reading
 * only: what an actor may change is decided by the case gate from the `involved` flag, never from
 * this fragment. Every query that returns cases or parts of them (lists, search, timeline, sections)
 * composes this same fragment, so nothing invisible is fetched and then filtered out.
 *
 * "Now" is a parameter, not the database's now(): services take it from the injected Clock, so the
 * same instant decides visibility, consent expiry and involvement start/end (tests move the clock).
 * An involvement is active from `since` (inclusive) until `until` (exclusive; null = open-ended).
 *
 * Only identifiers and positional parameters are accepted, so the fragment can never carry a value.
 * Its own aliases (vis_i, vis_b) cannot shadow a caller's.
 */
const SQL_REFERENCE = /^[a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)?$/;
const SQL_PARAMETER = /^\$[1-9][0-9]*$/;

function checked(value: string, pattern: RegExp, what: string): string {
  if (!pattern.test(value)) throw new RangeError(`caseVisibleTo: ${what} must be ${pattern.source}, got ${JSON.stringify(value)}`);
  return value;
}

/**
 * Whose eyes a query looks through: the actor's organisation (null sees no case through involvements),
 * the actor's own user id (for personal break-glass), and the Clock's instant that decides which
 * involvements, break-glass uses and consents are active. `viewer` is what the SQL fragments take.
 */
export interface CaseScope {
  orgId: string | null;
  userId: string;
  now: Date;
  /** `[orgId, userId]`, the one parameter the visibility fragment reads both from. */
  viewer: readonly (string | null)[];
}

export function caseScope(orgId: string | null, userId: string, now: Date): CaseScope {
  return { orgId, userId, now, viewer: [orgId, userId] };
}

/** The involvement row `vis_i` makes the child visible to the organisation `orgSql` at `now`. */
function involvementActive(orgSql: string, now: string): string {
  return `vis_i.org_id = ${orgSql} AND vis_i.kind <> 'break_glass' AND vis_i.since <= ${now}::timestamptz AND (vis_i.until IS NULL OR vis_i.until > ${now}::timestamptz)`;
}

/** The break-glass use `vis_b` of the user `userSql` is open at `now`. */
function breakGlassOpen(userSql: string, now: string): string {
  return `vis_b.user_id = ${userSql} AND vis_b.opened_at <= ${now}::timestamptz AND vis_b.expires_at > ${now}::timestamptz`;
}

/** `probe`: kept a per-row probe (`OFFSET 0` stops the planner pulling it up into a join; orgInvolvedProbe). */
function involvementExists(child: string, orgSql: string, now: string, probe = false): string {
  return `EXISTS (SELECT 1 FROM involvements vis_i WHERE vis_i.child_id = ${child} AND ${involvementActive(orgSql, now)}${probe ? ' OFFSET 0' : ''})`;
}

/** The viewer parameter's organisation and user, as SQL (the parameter already checked). */
const orgOf = (viewer: string) => `(${viewer}::uuid[])[1]`;
const userOf = (viewer: string) => `(${viewer}::uuid[])[2]`;

/**
 * The viewer's own open break-glass cases that pass `test` (given the child's alias, vis_c) and that its
 * organisation is not also involved with, each once: the second arm of a search whose first arm is the
 * organisation's, so the two never overlap.
 */
function breakGlassOnlyArm(viewer: string, now: string, test: (child: string) => string): string {
  return (
    `SELECT DISTINCT vis_b.child_id FROM break_glass_uses vis_b JOIN children vis_c ON vis_c.id = vis_b.child_id` +
    ` WHERE ${breakGlassOpen(userOf(viewer), now)} AND ${test('vis_c')} AND NOT ${involvementExists('vis_b.child_id', orgOf(viewer), now)}`
  );
}

function breakGlassExists(child: string, userSql: string, now: string): string {
  return `EXISTS (SELECT 1 FROM break_glass_uses vis_b WHERE vis_b.child_id = ${child} AND ${breakGlassOpen(userSql, now)})`;
}

/**
 * The organisation in `orgParam` (a uuid) has an active involvement with the child: what an
 * organisation's own lists (worklists, referral boxes) are scoped by. Break-glass is no involvement.
 */
export function orgInvolved(childIdSql: string, orgParam: string, nowParam: string): string {
  const org = checked(orgParam, SQL_PARAMETER, 'orgParam');
  return involvementExists(checked(childIdSql, SQL_REFERENCE, 'childIdSql'), `${org}::uuid`, checked(nowParam, SQL_PARAMETER, 'nowParam'));
}

/**
 * orgInvolved for a set read from an index on the organisation in the page's order and cut at a page or
 * a capped count (the worklist's buckets): the same test, kept a probe of each row as it is read. As a
 * plain EXISTS the planner turns it into a semi-join and estimates it from the organisation's share of
 * all children — not knowing that an organisation's own placements, conclusions or consents are nearly
 * all of cases it sees — so it expects a few dozen rows, collects the whole set (every involvement of
 * a PMPC that sees 50 000 children) and sorts it. `OFFSET 0` keeps the sub-select from being pulled up
 * into a join, so the set is read in index order and stops at the page. Also for a column of the rows of
 * a page (the referral view's child summary), where a generic plan would otherwise hash the whole set.
 */
export function orgInvolvedProbe(childIdSql: string, orgParam: string, nowParam: string): string {
  const org = checked(orgParam, SQL_PARAMETER, 'orgParam');
  return involvementExists(checked(childIdSql, SQL_REFERENCE, 'childIdSql'), `${org}::uuid`, checked(nowParam, SQL_PARAMETER, 'nowParam'), true);
}

/**
 * `(…)` true when the viewer in `viewerParam` (a CaseScope's `viewer`) may read the child whose id is
 * `childIdSql` (a column reference such as `c.id`) at the instant in `nowParam`: through its
 * organisation's involvement, or its own unexpired break-glass.
 *
 * @example caseVisibleTo('c.id', '$2', '$3') with params [..., scope.viewer, scope.now]
 */
export function caseVisibleTo(childIdSql: string, viewerParam: string, nowParam: string): string {
  const child = checked(childIdSql, SQL_REFERENCE, 'childIdSql');
  const viewer = checked(viewerParam, SQL_PARAMETER, 'viewerParam');
  const now = checked(nowParam, SQL_PARAMETER, 'nowParam');
  return `(${involvementExists(child, orgOf(viewer), now)} OR ${breakGlassExists(child, userOf(viewer), now)})`;
}

/** The viewer's organisation (null: none) as SQL, read from the viewer parameter (a CaseScope's `viewer`). */
export function viewerOrg(viewerParam: string): string {
  return orgOf(checked(viewerParam, SQL_PARAMETER, 'viewerParam'));
}

/**
 * orgInvolved for the viewer's organisation, read from the viewer parameter (a CaseScope's `viewer`):
 * for a statement that already binds the viewer to check caseVisibleTo and needs the involvement
 * alone for one part of it (the case view's referrals, which break-glass does not open).
 */
export function viewerOrgInvolved(childIdSql: string, viewerParam: string, nowParam: string): string {
  return caseAccessColumns(childIdSql, viewerParam, nowParam).involved;
}

/** The two halves of caseVisibleTo, apart: the case gate tells reading from changing by them. */
export function caseAccessColumns(childIdSql: string, viewerParam: string, nowParam: string): { involved: string; breakGlass: string } {
  const child = checked(childIdSql, SQL_REFERENCE, 'childIdSql');
  const viewer = checked(viewerParam, SQL_PARAMETER, 'viewerParam');
  const now = checked(nowParam, SQL_PARAMETER, 'nowParam');
  return { involved: involvementExists(child, orgOf(viewer), now), breakGlass: breakGlassExists(child, userOf(viewer), now) };
}

/**
 * `(SELECT child_id, search_key …)`: the children visible to the viewer, exactly as caseVisibleTo
 * decides, whose search key passes `matches`, each once with its key (to rank by without reading the
 * child) — for name search, where testing visibility after matching would first match the name
 * across the whole country. The organisation's arm reads `org_search_keys` (one
 * row per organisation and child it was ever involved with, with a copy of the child's key, kept by
 * triggers: migration 1795583100000) through its GIN index on (org_id, search_key), so only the
 * organisation's own matches are read, and keeps those with an active involvement at `now` (the same
 * test as caseVisibleTo, an index-only probe each). The viewer's own open break-glass uses (a handful)
 * are the second arm, matched on the child's key.
 *
 * `matches` is the caller's name test, given the key column to apply it to; like the other arguments
 * it may hold positional parameters, never values.
 *
 * @example `FROM ${visibleSearchCandidates('$1', '$2', (key) => `$3 <% ${key}`)} vis JOIN children c ON c.id = vis.child_id`
 */
export function visibleSearchCandidates(viewerParam: string, nowParam: string, matches: (searchKeySql: string) => string): string {
  const viewer = checked(viewerParam, SQL_PARAMETER, 'viewerParam');
  const now = checked(nowParam, SQL_PARAMETER, 'nowParam');
  const org = orgOf(viewer);
  return (
    `(SELECT vis_s.child_id, vis_s.search_key FROM org_search_keys vis_s WHERE vis_s.org_id = ${org} AND ${matches('vis_s.search_key')}` +
    ` AND ${involvementExists('vis_s.child_id', org, now)}` +
    ` UNION SELECT vis_b.child_id, vis_c.search_key FROM break_glass_uses vis_b JOIN children vis_c ON vis_c.id = vis_b.child_id` +
    ` WHERE ${breakGlassOpen(userOf(viewer), now)} AND ${matches('vis_c.search_key')})`
  );
}

/**
 * `(SELECT child_id …)`: the children visible to the viewer (as caseVisibleTo decides) that have every
 * one of the terms in `termsParam` (a text[] of distinct words of a search key) and whose key passes
 * `matches`, each once — for the top of the name ranking, the keys holding the query's words. The
 * organisation's arm intersects its own ranges of `org_search_terms` (org_id, term, child_id), one per
 * word (kept by triggers: migration 1795584100000), reads each such child's key from org_search_keys by
 * its primary key and tests an active involvement at `now`; the viewer's own open break-glass cases
 * not also involved are the second arm, so the two never overlap.
 */
export function visibleTermMatches(viewerParam: string, nowParam: string, termsParam: string, matches: (searchKeySql: string) => string): string {
  const viewer = checked(viewerParam, SQL_PARAMETER, 'viewerParam');
  const now = checked(nowParam, SQL_PARAMETER, 'nowParam');
  const terms = `${checked(termsParam, SQL_PARAMETER, 'termsParam')}::text[]`;
  const org = orgOf(viewer);
  return (
    `(SELECT vis_m.child_id FROM (SELECT vis_t.child_id FROM org_search_terms vis_t WHERE vis_t.org_id = ${org} AND vis_t.term = ANY (${terms})` +
    ` GROUP BY vis_t.child_id HAVING count(*) = cardinality(${terms})) vis_m JOIN org_search_keys vis_s ON vis_s.org_id = ${org} AND vis_s.child_id = vis_m.child_id` +
    ` WHERE ${matches('vis_s.search_key')} AND ${involvementExists('vis_m.child_id', org, now)}` +
    ` UNION ALL ${breakGlassOnlyArm(viewer, now, (c) => `string_to_array(${c}.search_key, ' ') @> ${terms} AND ${matches(`${c}.search_key`)}`)})`
  );
}

/**
 * `(SELECT child_id …)`: the children visible to the viewer whose IIN starts with the digits in
 * `prefixParam`, each once: the organisation's one range of IIN terms in `org_search_terms`, each
 * tested for an active involvement at `now`, and the viewer's own open break-glass cases not also
 * involved. IIN terms are digits and words are letters, so the range holds IINs only.
 */
export function visibleIinPrefix(viewerParam: string, nowParam: string, prefixParam: string): string {
  const viewer = checked(viewerParam, SQL_PARAMETER, 'viewerParam');
  const now = checked(nowParam, SQL_PARAMETER, 'nowParam');
  const prefix = checked(prefixParam, SQL_PARAMETER, 'prefixParam');
  const org = orgOf(viewer);
  // '~' sorts after every digit and letter in the column's "C" collation: the range is the prefix's.
  return (
    `(SELECT vis_t.child_id FROM org_search_terms vis_t WHERE vis_t.org_id = ${org} AND vis_t.term >= ${prefix}::text AND vis_t.term < ${prefix}::text || '~'` +
    ` AND ${involvementExists('vis_t.child_id', org, now)}` +
    ` UNION ALL ${breakGlassOnlyArm(viewer, now, (c) => `starts_with(${c}.iin, ${prefix}::text)`)})`
  );
}
