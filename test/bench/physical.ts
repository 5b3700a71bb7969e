import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Pool, QueryConfig } from 'pg';
import { caseVisibleTo, orgInvolved, orgInvolvedProbe, viewerOrg, viewerOrgInvolved } from '../../libs/access/visibility';
import { isoTimestamp, jsonArray, jsonObject } from '../../libs/core/database/json-sql';
import { migrations } from '../../migrations';
import { maskChildIdentity } from '../../libs/core/text/mask-identity';
import { searchKey } from '../../libs/core/text/search-key';

/**
 * The physical floor: per endpoint the fewest statements that return the same data as the app and
 * write the same audit row — one named prepared statement each (planned once per connection), the
 * audit INSERT inside it as a CTE, visibility checked once. The case read and the searches answer the
 * app's JSON byte for byte (compare.ts checks it), the case's redaction decided in SQL from the actor's roles,
 * organisation and the child's consents. So do the worklist, the notifications, the roster, /health/ready
 * and the summary. Accept and start answer the referral in the app's shape (the same keys and types; ids
 * and times are each server's own), its SLA deadline counted in working days from the holidays table as
 * the app's clock does. Which worklist buckets a user gets is still taken from the app's own answer
 * (`shapes`), so the floor does the same amount of work.
 */

export interface FloorContext {
  pool: Pool;
  users: Record<string, { id: string; orgId: string }>;
  /** per bench user: the case sections and worklist buckets the app returned to it (the case read no longer uses them) */
  shapes: Record<string, { caseSections?: string[]; worklistBuckets?: string[] }>;
  /** what the app sent per route (floor-server.ts), for the summary's aggregates */
  captured: Record<string, { statements: { text: string; values: unknown[] }[] }>;
}

type Handler = (method: string, url: string, user: string, ids: string[]) => Promise<unknown>;

const notFound = (what: string) => Object.assign(new Error(`${what} not found`), { status: 404 });

const VISIBLE = (child: string, org: string, now: string) =>
  `EXISTS (SELECT 1 FROM involvements i WHERE i.child_id = ${child} AND i.org_id = ${org} AND i.kind <> 'break_glass' AND i.since <= ${now} AND (i.until IS NULL OR i.until > ${now}))`;

const AUDIT = (action: string, resourceType: string, resourceId: string, childId: string, changes: string, operation: string, from: string, actor = '$user') =>
  `INSERT INTO audit_events (at, actor_user_id, actor_org_id, action, resource_type, resource_id, child_id, outcome, request_id, ip, changes, operation)
   SELECT $now, ${actor}, $org, '${action}', '${resourceType}', ${resourceId}, ${childId}, 'allowed', $req, '127.0.0.1', ${changes}, '${operation}' ${from}`;

/**
 * The actor of the physical floor's search audit rows: not the benchmark's user, whose look-up
 * allowance (LOOKUP_LIMIT per minute, counted from the audit trail) the floor's ~500 searches a second
 * would otherwise use up, so that the app's next searches were answered 429. The row written is the same.
 * It still names $user: a parameter the text never uses has no type, and PostgreSQL refuses the statement.
 */
const SEARCH_FLOOR_ACTOR = `(SELECT '00000000-0000-4000-8000-00000000f100'::uuid WHERE $user IS NOT NULL)`;

/** Named statements with $now/$user/$org/$req spelled out, numbered after the statement's own parameters. */
function named(name: string, text: string, own: number): (values: unknown[], who: { id: string; orgId: string }) => QueryConfig {
  const sql = text.replace(/\$now/g, `$${own + 1}::timestamptz`).replace(/\$user/g, `$${own + 2}::uuid`).replace(/\$org/g, `$${own + 3}::uuid`).replace(/\$req/g, `$${own + 4}`);
  return (values, who) => ({ name, text: sql, values: [...values, new Date(), who.id, who.orgId, randomUUID()] });
}

const ts = isoTimestamp;
const day = (expr: string) => `to_char(${expr}, 'YYYY-MM-DD')`;
type Fields = Record<string, string>;

/** The case sections as the app's section providers build them (libs/children, assessments, placements, referrals). */
const GUARDIANS = jsonArray(
  jsonObject<Fields>({ id: 'g.id', iin: 'g.iin', fullName: 'g.full_name', relation: 'g.relation', phone: 'g.phone', active: 'g.ended_at IS NULL', endedAt: ts('g.ended_at'), version: 'g.version' }),
  'FROM guardians g WHERE g.child_id = h.id AND g.ended_at IS NULL',
  'g.ended_at NULLS FIRST, g.created_at, g.id',
);
const CONSENTS = jsonArray(
  jsonObject<Fields>({
    id: 'k.id', kind: 'k.kind', sector: 'k.sector', guardianId: 'k.guardian_id', grantedAt: ts('k.granted_at'), expiresAt: ts('k.expires_at'), withdrawnAt: ts('k.withdrawn_at'),
    active: '(k.withdrawn_at IS NULL AND k.granted_at <= $3::timestamptz AND (k.expires_at IS NULL OR k.expires_at > $3::timestamptz))',
  }),
  'FROM consents k WHERE k.child_id = h.id',
  'k.granted_at, k.id',
);
const SPECIALIST_ORDER = 's.position, s.user_id';
/**
 * Assessments as the app's sub-select has them, redacted as its presenter does: recommendations only for the
 * actor's sectors; protocol notes only for the PMPC that made the assessment, and then (the presenter puts them
 * back after the rest) as the last key.
 */
const ASSESSMENT_FIELDS = (notes: boolean): Fields => ({
  id: 'a.id', childId: 'a.child_id', status: 'a.status', pmpc: `json_build_object('id', a.pmpc_org_id, 'nameKk', o.name_kk, 'nameRu', o.name_ru)`,
  noSen: 'a.no_sen', senCategories: 'a.sen_categories', programme: 'a.programme', formOfEducation: 'a.form_of_education', specialConditions: 'a.special_conditions',
  recommendations: `(SELECT coalesce(json_object_agg(rs.sector, a.recommendations -> rs.sector ORDER BY rs.n), '{}'::json) FROM unnest(ARRAY['education', 'health', 'social']) WITH ORDINALITY rs(sector, n) WHERE rs.sector = ANY (act.sectors))`,
  reviewDate: day('a.review_date'), commission: 'm.commission',
  openedAt: ts('a.opened_at'), openedBy: `json_build_object('id', a.opened_by, 'fullName', ou.full_name)`, signedAt: ts('a.signed_at'),
  signedBy: `CASE WHEN a.signed_by IS NOT NULL THEN json_build_object('id', a.signed_by, 'fullName', coalesce(su.full_name, '')) END`,
  supersedesId: 'a.supersedes_id', supersededById: 'a.superseded_by_id', supersededAt: ts('a.superseded_at'), version: 'a.version',
  ...(notes && { protocolNotes: `json_build_object('text', a.protocol_notes, 'findings', m.findings)` }),
});
const ASSESSMENTS = jsonArray(
  `CASE WHEN act.pmpc AND a.pmpc_org_id = $org THEN ${jsonObject<Fields>(ASSESSMENT_FIELDS(true))} ELSE ${jsonObject<Fields>(ASSESSMENT_FIELDS(false))} END`,
  `FROM assessments a
     JOIN organizations o ON o.id = a.pmpc_org_id
     JOIN users ou ON ou.id = a.opened_by
     LEFT JOIN users su ON su.id = a.signed_by
     CROSS JOIN LATERAL (
       SELECT coalesce(json_agg(${jsonObject<Fields>({ userId: 's.user_id', fullName: 'u.full_name', specialty: 's.specialty', confirmedAt: ts('s.confirmed_at') })} ORDER BY ${SPECIALIST_ORDER}), '[]'::json) AS commission,
              coalesce(json_agg(${jsonObject<Fields>({ userId: 's.user_id', specialty: 's.specialty', text: 's.findings' })} ORDER BY ${SPECIALIST_ORDER}), '[]'::json) AS findings
         FROM assessment_specialists s JOIN users u ON u.id = s.user_id WHERE s.assessment_id = a.id) m
    WHERE a.child_id = h.id AND (a.status <> 'draft' OR (act.pmpc AND a.pmpc_org_id = $org))`,
  `CASE a.status WHEN 'signed' THEN 0 WHEN 'draft' THEN 1 ELSE 2 END, coalesce(a.signed_at, a.opened_at) DESC, a.id`,
);
const DIAGNOSES = jsonArray(
  jsonObject<Fields>({ id: 'x.id', icd10: 'x.icd10', date: day('x.date'), establishedByOrgId: 'x.established_by_org', establishedByOrgName: 'o.name_kk', recordedAt: ts('x.created_at') }),
  'FROM diagnoses x JOIN organizations o ON o.id = x.established_by_org WHERE x.child_id = h.id',
  'x.date, x.created_at, x.id',
);
const DISABILITY = `(SELECT ${jsonObject<Fields>({
  status: 'd.status', establishedOn: day('d.established_on'), reviewOn: day('d.review_on'), certificateNo: 'd.certificate_no', recordedAt: ts('d.recorded_at'), recordedByOrgId: 'd.recorded_by_org',
})} FROM disabilities d WHERE d.child_id = h.id ORDER BY d.recorded_at DESC, d.created_at DESC, d.id DESC LIMIT 1)`;
const PLAN = jsonObject<Fields>({
  id: 's.id', placementId: 'p.id', goals: `coalesce(s.goals, '[]'::jsonb)`, services: `coalesce(s.services, '[]'::jsonb)`, responsibleStaff: `coalesce(s.responsible_staff, '[]'::jsonb)`,
  reviewDate: day('s.review_date'), carriedFromId: 's.carried_from_id', updatedAt: ts('s.updated_at'), version: 's.version',
});
const PLACEMENTS = jsonArray(
  jsonObject<Fields>({
    id: 'p.id', childId: 'p.child_id', status: 'p.status', organization: jsonObject<Fields>({ id: 'p.org_id', type: 'o.type', nameKk: 'o.name_kk', nameRu: 'o.name_ru' }),
    form: 'p.form', classLabel: 'p.class_label', usesSupportRoom: 'p.uses_support_room', providedConditions: 'p.provided_conditions', applicationDate: day('p.application_date'),
    applicationDocument: 'p.application_document', startedOn: day('p.started_on'), endedOn: day('p.ended_on'), endReason: 'p.end_reason', endedAs: 'p.ended_as', referralId: 'p.referral_id',
    transferredFromId: 'p.transferred_from_id', transferredToId: '(SELECT n.id FROM placements n WHERE n.transferred_from_id = p.id)', assessmentId: 'p.assessment_id',
    proposedAt: ts('p.proposed_at'), activatedAt: ts('p.activated_at'), endedAt: ts('p.ended_at'), supportPlan: `CASE WHEN s.id IS NOT NULL THEN ${PLAN} END`, version: 'p.version',
  }),
  'FROM placements p JOIN organizations o ON o.id = p.org_id LEFT JOIN support_plans s ON s.placement_id = p.id WHERE p.child_id = h.id',
  `CASE p.status WHEN 'active' THEN 0 WHEN 'proposed' THEN 1 ELSE 2 END, p.proposed_at DESC, p.id`,
);
const QUEUE_KEY = (r: string) => `(CASE ${r}.priority WHEN 'urgent' THEN 0 ELSE 1 END, ${r}.sent_at, ${r}.created_at, ${r}.id)`;
const party = (o: string, id: string) => jsonObject<Fields>({ id, type: `${o}.type`, nameKk: `${o}.name_kk`, nameRu: `${o}.name_ru` });
/**
 * A referral as the app answers it (libs/referrals' view), from `r` with its organisations `fo` and `tor`,
 * its episode `e` and open SLA pause `p`, overdue at `now`; with the child's name (`c`) where the app
 * gives it (the write answers, not the case's section).
 */
const referralFields = (now: string, child = false): Fields => ({
  id: 'r.id', version: 'r.version', status: 'r.status', childId: 'r.child_id',
  ...(child && { child: jsonObject<Fields>({ id: 'c.id', lastName: 'c.last_name', firstName: 'c.first_name', patronymic: 'c.patronymic', birthDate: day('c.birth_date') }) }),
  fromOrgId: 'r.from_org_id', fromOrg: party('fo', 'r.from_org_id'),
  toOrgId: 'r.to_org_id', toOrg: party('tor', 'r.to_org_id'), serviceType: 'r.service_type', priority: 'r.priority', reason: 'r.reason', funding: 'r.funding',
  assessmentId: 'r.assessment_id', sentAt: ts('r.sent_at'), respondedAt: ts('r.responded_at'), declineReason: 'r.decline_reason', withdrawReason: 'r.withdraw_reason',
  closedAt: ts('r.closed_at'),
  waitlistPosition: `CASE WHEN r.status = 'waitlisted' THEN (SELECT count(*)::int + 1 FROM referrals w WHERE w.to_org_id = r.to_org_id AND w.status = 'waitlisted' AND ${QUEUE_KEY('w')} < ${QUEUE_KEY('r')}) END`,
  slaDueAt: ts('r.sla_due_at'),
  sla: jsonObject<Fields>({
    phase: 'r.sla_phase', startedAt: ts('r.sla_started_at'), dueAt: ts('r.sla_due_at'), paused: 'p.paused_at IS NOT NULL', pauseReason: 'p.reason', pausedAt: ts('p.paused_at'),
    overdue: `(r.sla_due_at IS NOT NULL AND r.sla_due_at < ${now})`, overdueSince: ts('r.overdue_at'),
  }),
  episode: `CASE WHEN e.id IS NOT NULL THEN ${jsonObject<Fields>({
    id: 'e.id', funding: 'e.funding', startedOn: day('e.started_on'), endedOn: day('e.ended_on'), sessions: 'e.sessions', attendedSessions: 'e.attended_sessions',
    outcome: 'e.outcome', outcomeSummary: 'e.outcome_summary', version: 'e.version',
  })} END`,
  createdAt: ts('r.created_at'), updatedAt: ts('r.updated_at'),
});
/** The referrals section: the viewer's organisation involved (break-glass does not open it), no one else's drafts; own_org audiences their own. */
const REFERRALS = jsonArray(
  jsonObject<Fields>(referralFields('$3::timestamptz')),
  `FROM referrals r
     JOIN organizations fo ON fo.id = r.from_org_id
     JOIN organizations tor ON tor.id = r.to_org_id
     LEFT JOIN service_episodes e ON e.referral_id = r.id
     LEFT JOIN referral_sla_pauses p ON p.referral_id = r.id AND p.resumed_at IS NULL
    WHERE r.child_id = h.id AND ${viewerOrgInvolved('h.id', '$2', '$3')} AND (r.status <> 'draft' OR r.from_org_id = ${viewerOrg('$2')})
      AND (act.pmpc OR r.from_org_id = $org OR r.to_org_id = $org)`,
  'r.created_at, r.id',
);

/**
 * The case read: the child's row when visible (caseVisibleTo: involvement or the user's own break-glass),
 * every section the actor's roles see (libs/access/redaction.ts SECTION_VISIBILITY, the consent cells decided
 * by the child's active data_sharing consents), omitted — not null — otherwise, in the order of SECTIONS.
 * $1 the child, $2 the viewer (organisation, user) as the app's CaseScope binds it.
 */
const CASE_READ = named(
  'case_read',
  `WITH h AS (SELECT c.* FROM children c WHERE c.id = $1 AND c.status <> 'merged' AND ${caseVisibleTo('c.id', '$2', '$3')}),
   audit AS (${AUDIT('child.read', 'child', 'h.id::text', 'h.id', 'NULL', 'read', 'FROM h')}),
   r AS (SELECT u.roles && ARRAY['pmpc_specialist', 'pmpc_head'] AS pmpc, u.roles && ARRAY['school_coordinator', 'correction_specialist', 'rehab_specialist'] AS education,
                'health_worker' = ANY (u.roles) AS health, 'social_worker' = ANY (u.roles) AS social,
                (SELECT coalesce(array_agg(DISTINCT k.sector), '{}') FROM consents k JOIN h ON k.child_id = h.id
                  WHERE k.kind = 'data_sharing' AND k.withdrawn_at IS NULL AND k.granted_at <= $now AND (k.expires_at IS NULL OR k.expires_at > $now)) AS shared
           FROM users u WHERE u.id = $user),
   act AS (SELECT r.*, r.pmpc OR r.education OR r.health OR r.social AS any,
                  array_remove(ARRAY[CASE WHEN r.pmpc OR r.education THEN 'education' END, CASE WHEN r.pmpc OR r.health THEN 'health' END, CASE WHEN r.pmpc OR r.social THEN 'social' END], NULL) AS sectors
             FROM r)
   SELECT (SELECT json_object_agg(f.key, f.value ORDER BY f.n) FROM (VALUES
       (1, 'id', true, to_json(h.id)), (2, 'version', true, to_json(h.version)), (3, 'status', true, to_json(h.status)),
       (4, 'closedReason', true, to_json(h.closed_reason)), (5, 'closedAt', true, to_json(${ts('h.closed_at')})),
       (6, 'identity', act.any, CASE WHEN act.any THEN ${jsonObject<Fields>({
         iin: 'h.iin', iinPending: 'h.iin_pending', lastName: 'h.last_name', firstName: 'h.first_name', patronymic: 'h.patronymic', birthDate: day('h.birth_date'),
         sex: 'h.sex', kato: 'h.kato', address: 'h.address', registeredAt: ts('h.registered_at'), registeredByOrgId: 'h.registered_by_org',
       })} END),
       (7, 'guardians', act.any, CASE WHEN act.any THEN ${GUARDIANS} END),
       (8, 'consents', act.any, CASE WHEN act.any THEN ${CONSENTS} END),
       (9, 'assessments', act.any, CASE WHEN act.any THEN ${ASSESSMENTS} END),
       (10, 'diagnoses', act.pmpc OR act.health OR ((act.education AND 'education' = ANY (act.shared)) OR (act.social AND 'social' = ANY (act.shared))),
        CASE WHEN act.pmpc OR act.health OR ((act.education AND 'education' = ANY (act.shared)) OR (act.social AND 'social' = ANY (act.shared))) THEN ${DIAGNOSES} END),
       (11, 'disability', act.pmpc OR act.health OR act.social OR (act.education AND 'education' = ANY (act.shared)),
        CASE WHEN act.pmpc OR act.health OR act.social OR (act.education AND 'education' = ANY (act.shared)) THEN ${DISABILITY} END),
       (12, 'placements', act.pmpc OR act.education OR (act.health AND 'health' = ANY (act.shared)) OR (act.social AND 'social' = ANY (act.shared)),
        CASE WHEN act.pmpc OR act.education OR (act.health AND 'health' = ANY (act.shared)) OR (act.social AND 'social' = ANY (act.shared)) THEN ${PLACEMENTS} END),
       (13, 'referrals', act.any, CASE WHEN act.any THEN ${REFERRALS} END)
     ) f(n, key, shown, value) WHERE f.shown) AS body
   FROM h CROSS JOIN act`,
  2,
);

/**
 * A search result as the app's `summary` gives it: id, version, status and the identity (toIdentity), which the
 * redactor keeps for the case audiences (libs/access/redaction.ts) and omits for any other.
 */
const SEARCH_ITEM = `CASE WHEN (SELECT u.roles && ARRAY['pmpc_specialist', 'pmpc_head', 'school_coordinator', 'correction_specialist', 'rehab_specialist', 'health_worker', 'social_worker'] FROM users u WHERE u.id = $user)
  THEN json_build_object('id', id, 'version', version, 'status', status, 'identity', ${jsonObject<Fields>({
    iin: 'iin', iinPending: 'iin_pending', lastName: 'last_name', firstName: 'first_name', patronymic: 'patronymic', birthDate: day('birth_date'),
    sex: 'sex', kato: 'kato', address: 'address', registeredAt: ts('registered_at'), registeredByOrgId: 'registered_by_org',
  })})
  ELSE json_build_object('id', id, 'version', version, 'status', status) END`;

/**
 * Name search as the app does it (children-search.repository.ts `byName`): the page from the keys of
 * word similarity 1, found by their words in the organisation's term ranges of org_search_terms; only
 * when that is less than a page, the organisation's trigram matches from org_search_keys (org_id, search_key).
 * $1 = the key, $2 = its distinct words.
 */
const SEARCH_NAME = named(
  'search_name',
  `WITH top AS MATERIALIZED (
     SELECT c.id, c.version, c.status, c.iin, c.iin_pending, c.last_name, c.first_name, c.patronymic, c.birth_date, c.sex, c.kato, c.address, c.registered_at, c.registered_by_org, 1::real AS score
       FROM children c
      WHERE c.id IN (SELECT m.child_id FROM (SELECT t.child_id FROM org_search_terms t WHERE t.org_id = $org AND t.term = ANY ($2::text[]) GROUP BY t.child_id HAVING count(*) = cardinality($2::text[])) m
                       JOIN org_search_keys s ON s.org_id = $org AND s.child_id = m.child_id
                      WHERE word_similarity($1, s.search_key) >= 1 AND ${VISIBLE('m.child_id', '$org', '$now')})
        AND c.status <> 'merged'
      ORDER BY c.id LIMIT 21),
   hits AS (
     SELECT * FROM top WHERE (SELECT count(*) FROM top) = 21
     UNION ALL
     SELECT * FROM (
       SELECT c.id, c.version, c.status, c.iin, c.iin_pending, c.last_name, c.first_name, c.patronymic, c.birth_date, c.sex, c.kato, c.address, c.registered_at, c.registered_by_org,
              word_similarity($1, c.search_key) AS score
         FROM children c
        WHERE c.id IN (SELECT s.child_id FROM org_search_keys s WHERE s.org_id = $org AND ($1 <% s.search_key OR s.search_key LIKE $1 || '%') AND ${VISIBLE('s.child_id', '$org', '$now')})
          AND c.status <> 'merged'
        ORDER BY score DESC, c.id LIMIT 21) near
      WHERE (SELECT count(*) FROM top) < 21),
   page AS (SELECT hits.*, row_number() OVER (ORDER BY score DESC, id) AS n FROM hits),
   audit AS (${AUDIT('child.search', 'child', 'NULL', 'NULL', `jsonb_build_object('query', jsonb_build_object('q', 'name'), 'resultIds', (SELECT coalesce(jsonb_agg(id), '[]') FROM (SELECT id FROM hits ORDER BY score DESC, id LIMIT 20) x))`, 'read', '', SEARCH_FLOOR_ACTOR)})
   SELECT coalesce(json_agg(${SEARCH_ITEM} ORDER BY score DESC, id) FILTER (WHERE n <= 20), '[]') AS items, (SELECT json_build_array('r', score, id) FROM page WHERE n = 20 AND (SELECT count(*) FROM page) > 20) AS after FROM page`,
  2,
);

/**
 * IIN prefix search: the organisation's own range of IIN terms in org_search_terms, in IIN order. The
 * prefix is also stated on children, as the app's statement does: without it the planner may walk the
 * national IIN order to the LIMIT instead (100 000 rows at 0.1).
 */
const SEARCH_IIN = named(
  'search_iin',
  `WITH hits AS (
     SELECT c.id, c.version, c.status, c.iin, c.iin_pending, c.last_name, c.first_name, c.patronymic, c.birth_date, c.sex, c.kato, c.address, c.registered_at, c.registered_by_org
       FROM children c
      WHERE c.id IN (SELECT t.child_id FROM org_search_terms t WHERE t.org_id = $org AND t.term >= $1::text AND t.term < $1::text || '~' AND ${VISIBLE('t.child_id', '$org', '$now')})
        AND c.iin LIKE $1 || '%' AND c.status <> 'merged'
      ORDER BY c.iin, c.id LIMIT 21),
   page AS (SELECT hits.*, row_number() OVER (ORDER BY iin, id) AS n FROM hits),
   audit AS (${AUDIT('child.search', 'child', 'NULL', 'NULL', `jsonb_build_object('query', jsonb_build_object('iin', 'iin_prefix'), 'resultIds', (SELECT coalesce(jsonb_agg(id), '[]') FROM (SELECT id FROM hits ORDER BY iin, id LIMIT 20) x))`, 'read', '', SEARCH_FLOOR_ACTOR)})
   SELECT coalesce(json_agg(${SEARCH_ITEM} ORDER BY iin, id) FILTER (WHERE n <= 20), '[]') AS items, (SELECT json_build_array('i', iin, id) FROM page WHERE n = 20 AND (SELECT count(*) FROM page) > 20) AS after FROM page`,
  1,
);

/** The worklist statement's $now and $org as named() numbers them (one own parameter), for the app's visibility helpers, which take only `$n`. */
const WL_NOW = '$2';
const WL_ORG = '$4';
const CHILD_NAME = (c: string, withId: boolean) =>
  `json_build_object(${withId ? `'id', ${c}.id, ` : ''}'lastName', ${c}.last_name, 'firstName', ${c}.first_name, 'patronymic', ${c}.patronymic, 'birthDate', to_char(${c}.birth_date, 'YYYY-MM-DD'))`;
/** Today in Kazakhstan (UTC+5, as the app's Clock.today()). */
const TODAY = `(($now AT TIME ZONE 'UTC') + interval '5 hours')::date`;
/** `{count, countCapped}` of a count taken up to 101, as the app's cappedCount. */
const CAPPED = (n: string) => `'count', least(${n}, 100), 'countCapped', ${n} > 100`;

const TRANSITION_ITEM = `json_build_object('childId', x.child_id, 'kind', x.kind, 'dueOn', to_char(x.due_on, 'YYYY-MM-DD'), 'overdue', x.due_on < ${TODAY},
   'subjectId', x.subject_id, 'since', to_char(x.first_seen_on, 'YYYY-MM-DD'), 'child', json_build_object('lastName', c.last_name, 'firstName', c.first_name, 'patronymic', c.patronymic, 'birthDate', to_char(c.birth_date, 'YYYY-MM-DD')))`;

/**
 * Break-glass uses older than 7 days not yet reviewed, in the auditor's region (its organisation's KATO:
 * the child's region or the using organisation's; every region when it has none), newest first, counted
 * whole as the app does. The reason is masked in JS by the app's own maskChildIdentity: `names` is
 * taken off the item there.
 */
const BREAK_GLASS_BUCKET = `CASE WHEN 'breakGlassToReview' = ANY($1) THEN (SELECT json_build_object('count', least(count(*), 100), 'countCapped', count(*) > 100, 'items',
     coalesce(json_agg(json_build_object('id', b.id, 'childId', b.child_id, 'userId', b.user_id, 'orgId', b.org_id, 'reason', b.reason, 'openedAt', ${ts('b.opened_at')},
       'expiresAt', ${ts('b.expires_at')}, 'notifiedOrgIds', b.notified_org_ids, 'verdict', b.verdict, 'reviewComment', b.review_comment, 'reviewedBy', b.reviewed_by,
       'reviewedAt', ${ts('b.reviewed_at')}, 'version', b.version, 'names', json_build_array(c.last_name, c.first_name, c.patronymic)) ORDER BY b.opened_at DESC, b.id DESC)
       FILTER (WHERE b.rank <= 5), '[]'))
   FROM (SELECT b.*, row_number() OVER (ORDER BY b.opened_at DESC, b.id DESC) AS rank FROM break_glass_uses b JOIN organizations o ON o.id = b.org_id JOIN children c ON c.id = b.child_id
          WHERE b.reviewed_at IS NULL AND b.opened_at < $now - interval '7 days'
            AND (SELECT a.kato IS NULL OR left(c.kato, 2) || '0000000' = a.kato OR o.kato = a.kato FROM organizations a WHERE a.id = $org)) b
   JOIN children c ON c.id = b.child_id) END`;

/** A referral as the app's toView shows it to the organisation $org (ReferralView, its key order). */
const REFERRAL_VIEW = `json_build_object('id', r.id, 'version', r.version, 'status', r.status, 'childId', r.child_id,
     'child', CASE WHEN ${orgInvolved('r.child_id', WL_ORG, WL_NOW)} THEN ${CHILD_NAME('c', true)} END,
     'fromOrgId', r.from_org_id, 'fromOrg', json_build_object('id', r.from_org_id, 'type', fo.type, 'nameKk', fo.name_kk, 'nameRu', fo.name_ru),
     'toOrgId', r.to_org_id, 'toOrg', json_build_object('id', r.to_org_id, 'type', tor.type, 'nameKk', tor.name_kk, 'nameRu', tor.name_ru),
     'serviceType', r.service_type, 'priority', r.priority, 'reason', r.reason, 'funding', r.funding, 'assessmentId', r.assessment_id,
     'sentAt', ${ts('r.sent_at')}, 'respondedAt', ${ts('r.responded_at')}, 'declineReason', r.decline_reason, 'withdrawReason', r.withdraw_reason,
     'closedAt', ${ts('r.closed_at')},
     'waitlistPosition', CASE WHEN r.status = 'waitlisted' THEN (SELECT count(*)::int + 1 FROM referrals w WHERE w.to_org_id = r.to_org_id AND w.status = 'waitlisted' AND ${QUEUE_KEY('w')} < ${QUEUE_KEY('r')}) END,
     'slaDueAt', ${ts('r.sla_due_at')},
     'sla', json_build_object('phase', r.sla_phase, 'startedAt', ${ts('r.sla_started_at')}, 'dueAt', ${ts('r.sla_due_at')}, 'paused', p.paused_at IS NOT NULL,
        'pauseReason', p.reason, 'pausedAt', ${ts('p.paused_at')}, 'overdue', r.sla_due_at IS NOT NULL AND r.sla_due_at < $now, 'overdueSince', ${ts('r.overdue_at')}),
     'episode', CASE WHEN e.id IS NOT NULL THEN json_build_object('id', e.id, 'funding', e.funding, 'startedOn', to_char(e.started_on, 'YYYY-MM-DD'), 'endedOn', to_char(e.ended_on, 'YYYY-MM-DD'),
        'sessions', e.sessions, 'attendedSessions', e.attended_sessions, 'outcome', e.outcome, 'outcomeSummary', e.outcome_summary, 'version', e.version) END,
     'createdAt', ${ts('r.created_at')}, 'updatedAt', ${ts('r.updated_at')})`;

/**
 * A referral bucket of the worklist as the app's ReferralsRepository.bucket reads it: each arm cut on its
 * own (the first page in the bucket's order, and 101 for the count), the page joined to the view.
 */
function referralBucket(name: string, arms: string[], order: string): string {
  const firstOf = (limit: number) => arms.map((arm) => `(${arm} ORDER BY ${order.replace(/%/g, 'r')} LIMIT ${limit})`).join(' UNION ALL ');
  return `CASE WHEN '${name}' = ANY($1) THEN (SELECT json_build_object(${CAPPED('n.n')}, 'items',
       (SELECT coalesce(json_agg(${REFERRAL_VIEW} ORDER BY ${order.replace(/%/g, 'r')}), '[]')
          FROM referrals r JOIN organizations fo ON fo.id = r.from_org_id JOIN organizations tor ON tor.id = r.to_org_id
          LEFT JOIN service_episodes e ON e.referral_id = r.id LEFT JOIN referral_sla_pauses p ON p.referral_id = r.id AND p.resumed_at IS NULL
          JOIN children c ON c.id = r.child_id
         WHERE r.id IN (SELECT b.id FROM (${firstOf(5)}) b ORDER BY ${order.replace(/%/g, 'b')} LIMIT 5)))
     FROM (SELECT count(*)::int AS n FROM (SELECT 1 FROM (${firstOf(101)}) b LIMIT 101) b) n) END`;
}

/**
 * A bucket read from the set `set` (a NOT MATERIALIZED CTE): its capped count and its first five rows
 * in `order`, joined to the child `c` and shown as `item`.
 */
const setBucket = (name: string, set: string, order: string, item: string) =>
  `CASE WHEN '${name}' = ANY($1) THEN json_build_object(${CAPPED(`(SELECT count(*)::int FROM (SELECT 1 FROM ${set} ORDER BY ${order} LIMIT 101) n)`)}, 'items',
     (SELECT coalesce(json_agg(${item} ORDER BY ${order.replace(/\b\w+\./g, 'x.')}), '[]') FROM (SELECT * FROM ${set} ORDER BY ${order} LIMIT 5) x JOIN children c ON c.id = x.child_id)) END`;

/**
 * The worklist: the buckets in $1 (those the app gave the user, in its order), each as the app reads
 * it — a capped count (101 rows) and the first five rows over an index on the organisation, visibility
 * probed per row as read (orgInvolvedProbe) — and the whole answer built here; the audit row as a CTE.
 */
const WORKLIST = named(
  'worklist',
  `WITH
   reviews AS NOT MATERIALIZED (SELECT a.* FROM assessments a JOIN children c ON c.id = a.child_id
      WHERE a.pmpc_org_id = $org AND a.status = 'signed' AND a.review_date <= ${TODAY} + 30 AND c.status = 'open' AND ${orgInvolvedProbe('a.child_id', WL_ORG, WL_NOW)}),
   noplan AS NOT MATERIALIZED (SELECT p.* FROM placements p JOIN children c ON c.id = p.child_id
      WHERE p.org_id = $org AND p.status = 'active' AND NOT p.has_support_plan AND c.status = 'open'
        AND ${orgInvolvedProbe('p.child_id', WL_ORG, WL_NOW)}),
   expiring AS NOT MATERIALIZED (SELECT e.consent_id AS id, e.child_id, k.kind, k.sector, e.expires_at
      FROM org_consent_expiries e JOIN consents k ON k.id = e.consent_id
     WHERE e.org_id = $org AND e.expires_at > $now AND e.expires_at <= $now + make_interval(days => 30)
       AND k.withdrawn_at IS NULL AND k.granted_at <= $now AND ${orgInvolvedProbe('e.child_id', WL_ORG, WL_NOW)}
       AND EXISTS (SELECT 1 FROM children o WHERE o.id = e.child_id AND o.status = 'open')
       AND NOT EXISTS (SELECT 1 FROM consents n WHERE n.child_id = k.child_id AND n.kind = k.kind AND n.sector IS NOT DISTINCT FROM k.sector AND n.id <> k.id
                          AND n.withdrawn_at IS NULL AND n.granted_at <= $now AND (n.expires_at IS NULL OR n.expires_at > k.expires_at))),
   transitions AS NOT MATERIALIZED (SELECT i.child_id, i.kind, i.due_on, i.subject_id, i.first_seen_on FROM transition_items i JOIN children c ON c.id = i.child_id
      WHERE i.org_id = $org AND i.resolved_on IS NULL AND i.kind IN ('school_entry_due', 'grade_9_or_11_finish', 'conclusion_review_due') AND c.status = 'open'
        AND ${orgInvolvedProbe('i.child_id', WL_ORG, WL_NOW)}),
   planreviews AS NOT MATERIALIZED (SELECT i.child_id, i.kind, i.due_on, i.subject_id, i.first_seen_on FROM transition_items i JOIN children c ON c.id = i.child_id
      WHERE i.org_id = $org AND i.resolved_on IS NULL AND i.kind IN ('plan_review_due') AND c.status = 'open'
        AND ${orgInvolvedProbe('i.child_id', WL_ORG, WL_NOW)}),
   audit AS (${AUDIT('worklist.read', 'worklist', 'NULL', 'NULL', 'NULL', 'read', '')})
   SELECT json_build_object('orgId', $org, 'generatedAt', ${ts('$now')}, 'buckets', (SELECT coalesce(json_object_agg(b.key, b.value ORDER BY b.ord), '{}') FROM (VALUES
     (1, 'incomingAwaitingResponse', ${referralBucket('incomingAwaitingResponse', [`SELECT r.id, r.sla_due_at, r.sent_at FROM referrals r WHERE r.to_org_id = $org AND r.status = 'sent'`], '%.sla_due_at ASC NULLS LAST, %.sent_at, %.id')}),
     (2, 'overdue', ${referralBucket('overdue', [
       `SELECT r.id, r.sla_due_at FROM referrals r WHERE r.to_org_id = $org AND r.sla_due_at < $now`,
       `SELECT r.id, r.sla_due_at FROM referrals r WHERE r.from_org_id = $org AND r.to_org_id <> $org AND r.sla_due_at < $now`,
     ], '%.sla_due_at, %.id')}),
     (3, 'acceptedNotStarted', ${referralBucket('acceptedNotStarted', [`SELECT r.id, r.sla_due_at, r.responded_at FROM referrals r WHERE r.to_org_id = $org AND r.status = 'accepted'`], '%.sla_due_at ASC NULLS LAST, %.responded_at, %.id')}),
     (4, 'reviewsDue', ${setBucket('reviewsDue', 'reviews', 'reviews.review_date, reviews.id',
       `json_build_object('assessmentId', x.id, 'childId', x.child_id, 'reviewDate', to_char(x.review_date, 'YYYY-MM-DD'), 'overdue', x.review_date < ${TODAY}, 'signedAt', ${ts('x.signed_at')},
          'noSen', x.no_sen, 'senCategories', x.sen_categories, 'formOfEducation', x.form_of_education, 'child', ${CHILD_NAME('c', false)})`)}),
     (5, 'placementsWithoutPlan', ${setBucket('placementsWithoutPlan', 'noplan', 'noplan.activated_at, noplan.id',
       `json_build_object('placementId', x.id, 'childId', x.child_id, 'form', x.form, 'classLabel', x.class_label, 'startedOn', to_char(x.started_on, 'YYYY-MM-DD'),
          'activatedAt', ${ts('x.activated_at')}, 'child', ${CHILD_NAME('c', false)})`)}),
     (6, 'consentsExpiring', ${setBucket('consentsExpiring', 'expiring', 'expiring.expires_at, expiring.id',
       `json_build_object('consentId', x.id, 'childId', x.child_id, 'child', ${CHILD_NAME('c', true)}, 'kind', x.kind, 'sector', x.sector, 'expiresAt', ${ts('x.expires_at')})`)}),
     (7, 'transitionsDue', ${setBucket('transitionsDue', 'transitions', 'transitions.due_on, transitions.child_id, transitions.kind', TRANSITION_ITEM)}),
     (8, 'planReviewsDue', ${setBucket('planReviewsDue', 'planreviews', 'planreviews.due_on, planreviews.child_id, planreviews.kind', TRANSITION_ITEM)}),
     (9, 'breakGlassToReview', ${BREAK_GLASS_BUCKET})
   ) b(ord, key, value) WHERE b.key = ANY($1))) AS body`,
  1,
);

/** SQL for the app's encodeCursor(values): base64url of the JSON array of the (text) values. */
const CURSOR = (...values: string[]) =>
  `rtrim(translate(replace(encode(convert_to('[' || concat_ws(',', ${values.map((v) => `to_json((${v})::text)::text`).join(', ')}) || ']', 'UTF8'), 'base64'), E'\n', ''), '+/', '-_'), '=')`;

/**
 * The page of a keyset list as the app's toPage: `$1` rows of `rows` (limit + 1 read, in `order`) as
 * `item`, and the cursor of the last when there is more.
 */
const PAGE = (rows: string, order: string, item: string, cursor: string[]) =>
  `json_build_object('items', (SELECT coalesce(json_agg(${item} ORDER BY ${order}), '[]') FROM (SELECT * FROM ${rows} x ORDER BY ${order} LIMIT $1) x),
     'nextCursor', (SELECT ${CURSOR(...cursor)} FROM ${rows} x WHERE (SELECT count(*) FROM ${rows}) > $1 ORDER BY ${order} OFFSET $1 - 1 LIMIT 1))`;

/** The user's notifications, newest first ($1 = the page size): the page, its cursor and the audit row of its ids. */
const NOTIFICATIONS = named(
  'notifications',
  `WITH n AS (SELECT n.id, n.org_id, n.kind, n.child_id, n.referral_id, n.payload, n.created_at, n.read_at FROM notifications n WHERE n.user_id = $user ORDER BY n.created_at DESC, n.id DESC LIMIT $1 + 1),
   audit AS (${AUDIT('notification.list', 'notification', 'NULL', 'NULL', `jsonb_build_object('resultIds', (SELECT coalesce(jsonb_agg(id ORDER BY created_at DESC, id DESC), '[]') FROM (SELECT id, created_at FROM n ORDER BY created_at DESC, id DESC LIMIT $1) x))`, 'read', '')})
   SELECT ${PAGE('n', 'x.created_at DESC, x.id DESC',
     `json_build_object('id', x.id, 'kind', x.kind, 'orgId', x.org_id, 'childId', x.child_id, 'referralId', x.referral_id, 'payload', x.payload,
        'createdAt', ${isoTimestamp('x.created_at')}, 'readAt', ${isoTimestamp('x.read_at')})`,
     [isoTimestamp('x.created_at'), 'x.id'])} AS body`,
  1,
);

/** The roster statement's $now and $org as named() numbers them (three own parameters), for orgInvolved. */
const ROSTER_NOW = '$4';
const ROSTER_ORG = '$6';
const ROSTER_VISIBLE = orgInvolved('p.child_id', ROSTER_ORG, ROSTER_NOW);
/** The provision status against the current signed conclusion `a` and the plan `s`, as the app's roster.repository.ts. */
const FORM_MATCHES = `CASE WHEN a.id IS NULL OR a.form_of_education IS NULL THEN NULL ELSE a.form_of_education = p.form END`;
const MISSING = `CASE WHEN a.id IS NULL THEN '{}'::text[] ELSE ARRAY(SELECT u.x FROM unnest(a.special_conditions) WITH ORDINALITY u(x, n) WHERE NOT (u.x = ANY(p.provided_conditions)) ORDER BY u.n) END`;
const PLAN_OVERDUE = `coalesce(s.review_date < ${TODAY}, false)`;

/**
 * The roster of a placing organisation (its own placements; the policy's own_org scope of `read
 * Placement`), $1 = the page size, $2 = the statuses, $3 = the audit's query: the page in the app's
 * keyset order (the child's name, empty while the organisation does not see the case), its cursor,
 * the provision status, and the audit row with the ids and the query asked.
 */
const ROSTER = named(
  'roster',
  `WITH page AS (
     SELECT p.id, v.visible, CASE WHEN v.visible THEN c.last_name ELSE '' END AS sort_last, CASE WHEN v.visible THEN c.first_name ELSE '' END AS sort_first
       FROM placements p JOIN children c ON c.id = p.child_id CROSS JOIN LATERAL (SELECT ${ROSTER_VISIBLE} AS visible) v
      WHERE p.org_id = $org AND p.status = ANY($2::text[]) AND c.status <> 'merged'
      ORDER BY 3, 4, 1 LIMIT $1 + 1),
   audit AS (${AUDIT('placement.list', 'placement', 'NULL', 'NULL', `jsonb_build_object('query', $3::jsonb, 'resultIds', (SELECT coalesce(jsonb_agg(id ORDER BY sort_last, sort_first, id), '[]') FROM (SELECT * FROM page ORDER BY sort_last, sort_first, id LIMIT $1) x))`, 'read', '')})
   SELECT ${PAGE('page', 'x.sort_last, x.sort_first, x.id',
     `(SELECT json_build_object('id', p.id, 'childId', p.child_id,
        'child', CASE WHEN x.visible THEN json_build_object('id', c.id, 'lastName', c.last_name, 'firstName', c.first_name, 'patronymic', c.patronymic, 'birthDate', to_char(c.birth_date, 'YYYY-MM-DD')) END,
        'organization', json_build_object('id', o.id, 'type', o.type, 'nameKk', o.name_kk, 'nameRu', o.name_ru),
        'status', p.status, 'form', p.form, 'classLabel', p.class_label, 'usesSupportRoom', p.uses_support_room, 'providedConditions', p.provided_conditions,
        'tutor', 'tutor' = ANY(p.provided_conditions), 'assistant', 'assistant' = ANY(p.provided_conditions), 'startedOn', to_char(p.started_on, 'YYYY-MM-DD'),
        'planReviewDate', to_char(s.review_date, 'YYYY-MM-DD'),
        'provision', json_build_object('conclusionId', a.id, 'pmpcOrgId', a.pmpc_org_id, 'recommendedForm', a.form_of_education, 'formMatches', ${FORM_MATCHES},
          'missingConditions', ${MISSING}, 'planPresent', s.id IS NOT NULL, 'planOverdue', ${PLAN_OVERDUE},
          'honoured', CASE WHEN a.id IS NULL THEN NULL ELSE coalesce(${FORM_MATCHES}, true) AND cardinality(${MISSING}) = 0 AND s.id IS NOT NULL AND NOT ${PLAN_OVERDUE} END),
        'version', p.version)
        FROM placements p JOIN children c ON c.id = p.child_id JOIN organizations o ON o.id = p.org_id
        LEFT JOIN assessments a ON a.child_id = p.child_id AND a.status = 'signed' LEFT JOIN support_plans s ON s.placement_id = p.id
       WHERE p.id = x.id)`,
     ['x.sort_last', 'x.sort_first', 'x.id'])} AS body`,
  3,
);

/** Accept: the referral, its event, timeline entry, notifications and audit row in one statement. */
/**
 * The answer of accept and start, the referral as the app returns it, from the changed row `r`; `episodes`
 * is where its episode is read: the table, or (start) the statement's own INSERT, which the table does not
 * show yet within the same statement.
 */
const WRITE_ANSWER = (episodes: string) =>
  `SELECT ${jsonObject<Fields>(referralFields('$now', true))} AS referral
     FROM r JOIN children c ON c.id = r.child_id
     JOIN organizations fo ON fo.id = r.from_org_id
     JOIN organizations tor ON tor.id = r.to_org_id
     LEFT JOIN ${episodes} e ON e.referral_id = r.id
     LEFT JOIN referral_sla_pauses p ON p.referral_id = r.id AND p.resumed_at IS NULL`;

/**
 * The end (23:59:59.999, UTC+5) of the `days`-th working day after now's Almaty date, as the app's SLA
 * clock computes it (libs/referrals/sla/working-days.ts): weekdays, less the `holidays` table's holidays
 * and days off, plus its worked weekend days.
 */
const WORKING_DAYS_DUE = (days: number) =>
  `(SELECT (d + 1)::timestamp AT TIME ZONE 'Asia/Almaty' - interval '1 millisecond'
      FROM generate_series(($now AT TIME ZONE 'Asia/Almaty')::date + 1, ($now AT TIME ZONE 'Asia/Almaty')::date + ${days * 3 + 30}, interval '1 day') g(day)
      CROSS JOIN LATERAL (SELECT g.day::date AS d) x LEFT JOIN holidays h ON h.date = x.d
     WHERE CASE WHEN extract(isodow FROM x.d) >= 6 THEN h.kind = 'working_day' ELSE h.kind IS NULL OR h.kind = 'working_day' END
     ORDER BY x.d OFFSET ${days - 1} LIMIT 1)`;
/** SLA_START_DAYS as the bench's api runs it (the config's default). */
const SLA_START_DAYS = 10;

const ACCEPT = named(
  'accept',
  `WITH org AS (SELECT o.capacity FROM organizations o WHERE o.id = $org FOR NO KEY UPDATE),
   r AS (UPDATE referrals r SET responded_at = $now, status = 'accepted', sla_phase = 'start', sla_started_at = $now, sla_due_at = ${WORKING_DAYS_DUE(SLA_START_DAYS)}, sla_warned_due = NULL, overdue_at = NULL, version = version + 1, updated_at = now()
          WHERE r.id = $1 AND r.to_org_id = $org AND r.status IN ('sent', 'waitlisted')
            AND ((SELECT capacity FROM org) IS NULL OR (SELECT count(*) FROM service_episodes e WHERE e.org_id = $org AND e.ended_on IS NULL) + (SELECT count(*) FROM referrals w WHERE w.to_org_id = $org AND w.status = 'accepted') < (SELECT capacity FROM org))
          RETURNING r.*),
   ev AS (INSERT INTO referral_events (referral_id, at, event, from_status, to_status, actor_user_id, actor_org_id, details) SELECT r.id, $now, 'accept', 'sent', 'accepted', $user, $org, '{"fromWaitlist":false}' FROM r),
   tl AS (INSERT INTO timeline_entries (child_id, at, section, kind, org_id, counterpart_org_id, actor_user_id, details)
          SELECT r.child_id, $now, 'referrals', 'referral.accepted', $org, r.from_org_id, $user, jsonb_build_object('referralId', r.id, 'serviceType', r.service_type, 'from', 'sent', 'to', 'accepted') FROM r),
   nt AS (INSERT INTO notifications (user_id, org_id, kind, child_id, referral_id, payload, created_at)
          SELECT u.id, u.org_id, 'referral.accepted', r.child_id, r.id, jsonb_build_object('serviceType', r.service_type, 'status', 'accepted'), $now FROM r JOIN users u ON u.org_id = r.from_org_id AND u.active),
   audit AS (${AUDIT('referral.accept', 'referral', 'r.id::text', 'r.child_id', `'{"fields":{"status":{"from":"sent","to":"accepted"}}}'::jsonb`, 'change', 'FROM r')})
   ${WRITE_ANSWER('service_episodes')}`,
  1,
);

/** Start: the state-order place check under the organisation's row lock, the episode, and the rest, in one statement. */
const START = named(
  'start',
  `WITH org AS (SELECT o.state_order_places FROM organizations o WHERE o.id = $org FOR NO KEY UPDATE),
   r AS (UPDATE referrals r SET status = 'in_progress', sla_phase = NULL, sla_started_at = NULL, sla_due_at = NULL, sla_warned_due = NULL, overdue_at = NULL, version = version + 1, updated_at = now()
          WHERE r.id = $1 AND r.to_org_id = $org AND r.status = 'accepted'
            AND EXISTS (SELECT 1 FROM consents k WHERE k.child_id = r.child_id AND k.kind = 'services' AND k.withdrawn_at IS NULL AND k.granted_at <= $now AND (k.expires_at IS NULL OR k.expires_at > $now))
            AND (r.funding <> 'state_order' OR (SELECT count(*) FROM service_episodes e WHERE e.org_id = $org AND e.ended_on IS NULL AND e.funding = 'state_order') < coalesce((SELECT state_order_places FROM org), 0))
          RETURNING r.*),
   ep AS (INSERT INTO service_episodes (referral_id, child_id, org_id, funding, started_on) SELECT r.id, r.child_id, r.to_org_id, r.funding, ($now AT TIME ZONE 'Asia/Almaty')::date FROM r RETURNING *),
   inv AS (INSERT INTO involvements (child_id, org_id, kind, source_id, since, created_by) SELECT r.child_id, $org, 'service', ep.id, $now, $user FROM r JOIN ep ON ep.referral_id = r.id),
   ev AS (INSERT INTO referral_events (referral_id, at, event, from_status, to_status, actor_user_id, actor_org_id, details) SELECT r.id, $now, 'start', 'accepted', 'in_progress', $user, $org, jsonb_build_object('episodeId', ep.id) FROM r JOIN ep ON ep.referral_id = r.id),
   tl AS (INSERT INTO timeline_entries (child_id, at, section, kind, org_id, counterpart_org_id, actor_user_id, details)
          SELECT r.child_id, $now, 'referrals', 'referral.started', $org, r.from_org_id, $user, jsonb_build_object('referralId', r.id, 'from', 'accepted', 'to', 'in_progress') FROM r),
   nt AS (INSERT INTO notifications (user_id, org_id, kind, child_id, referral_id, payload, created_at)
          SELECT u.id, u.org_id, 'referral.started', r.child_id, r.id, jsonb_build_object('serviceType', r.service_type, 'status', 'in_progress'), $now FROM r JOIN users u ON u.org_id = r.from_org_id AND u.active),
   audit AS (${AUDIT('referral.start', 'referral', 'r.id::text', 'r.child_id', `jsonb_build_object('fields', jsonb_build_object('episode', jsonb_build_object('to', (SELECT id FROM ep)), 'funding', jsonb_build_object('to', r.funding)))`, 'change', 'FROM r')})
   ${WRITE_ANSWER('ep')}`,
  1,
);

/**
 * The national summary as the app serves it: the regions the user may see (every region for a user
 * whose organisation has no region, else its own), today's snapshot of exactly that scope (the bench
 * computes it with its first request and keeps it for the run), and the audit row; the suppression
 * and presentation are the app's own buildSummary, per request as in the app.
 */
/**
 * The app's own buildSummary (suppression and labels), from the app's build in dist: imported
 * statically, its DTO (decorated, with path aliases) would be compiled into dist by the bench's tsc,
 * aliases unresolved, and the api built there would no longer start.
 */
type BuildSummary = (facts: unknown, options: { asOf: string; refreshedAt: string; withTotal: boolean; locale: 'kk' | 'ru' | 'en' }) => unknown;
const appBuildSummary = (): BuildSummary =>
  (createRequire(__filename)(join(__dirname, '..', '..', 'libs', 'reports', 'summary-builder.js')) as { buildSummary: BuildSummary }).buildSummary;

const SUMMARY = named(
  'summary',
  `WITH scope AS (SELECT coalesce(array_agg(r.kato ORDER BY r.kato), '{}') AS regions FROM regions r
                   WHERE (SELECT o.kato FROM organizations o WHERE o.id = $org) IS NULL OR r.kato = (SELECT o.kato FROM organizations o WHERE o.id = $org)),
   today AS (SELECT ${TODAY} AS day),
   audit AS (${AUDIT('report.summary', 'report', "'summary'", 'NULL', 'NULL', 'read', '')})
   SELECT to_char(today.day, 'YYYY-MM-DD') AS as_of, s.facts, ${isoTimestamp('s.computed_at')} AS computed_at
     FROM today CROSS JOIN scope LEFT JOIN summary_snapshots s ON s.as_of = today.day AND s.regions = scope.regions`,
  0,
);

export function physicalHandlers(context: FloorContext): Handler {
  const { pool } = context;
  let migrationsCurrent = false;
  const one = async (config: QueryConfig): Promise<Record<string, unknown> | undefined> => (await pool.query(config)).rows[0];
  return async (method, url, user, ids) => {
    const who = context.users[user];
    const [path, query = ''] = url.split('?');
    const params = new URLSearchParams(query);
    if (path === '/health/ready') {
      // As the app's HealthController: the migrations this build knows checked once per process, then a ping.
      if (!migrationsCurrent) {
        const names = migrations.map((m) => (new m() as { name?: string }).name ?? m.name);
        const { rows } = await pool.query<{ n: number }>({ name: 'migrations_current', text: 'SELECT count(*)::int AS n FROM migrations WHERE name = ANY($1)', values: [names] });
        if (rows[0].n !== names.length) throw Object.assign(new Error('The database does not answer, or its schema is not current'), { status: 503 });
        migrationsCurrent = true;
      }
      await pool.query({ name: 'ready', text: 'SELECT 1' });
      const up = { database: { status: 'up' }, migrations: { status: 'up' } };
      return { status: 'ok', info: up, error: {}, details: up };
    }
    if (!who) throw Object.assign(new Error('unauthorised'), { status: 401 });
    const shape = context.shapes[user] ?? {};
    if (method === 'GET' && /^\/api\/v1\/children\/[^/]+$/.test(path)) {
      const row = await one(CASE_READ([ids[0], [who.orgId, who.id]], who));
      if (!row) throw notFound('Child');
      return row.body;
    }
    if (method === 'GET' && path === '/api/v1/children') {
      const q = params.get('q');
      const iin = params.get('iin');
      const key = q ? searchKey(q) : '';
      const row = q ? await one(SEARCH_NAME([key, [...new Set(key.split(' '))]], who)) : await one(SEARCH_IIN([iin], who));
      // The next page's cursor as the app's encodeCursor makes it, from the last item's key the statement gives.
      return { items: row?.items, nextCursor: row?.after ? Buffer.from(JSON.stringify(row.after), 'utf8').toString('base64url') : null };
    }
    if (method === 'GET' && path === '/api/v1/worklist') {
      const body = (await one(WORKLIST([shape.worklistBuckets ?? []], who)))?.body as { buckets: Record<string, { items: Record<string, unknown>[] }> };
      for (const item of body.buckets.breakGlassToReview?.items ?? []) {
        item.reason = maskChildIdentity(item.reason as string, item.names as string[]);
        delete item.names;
      }
      return body;
    }
    if (method === 'GET' && path === '/api/v1/notifications') {
      return (await one(NOTIFICATIONS([Number(params.get('limit') ?? 20)], who)))?.body;
    }
    if (method === 'GET' && path === '/api/v1/placements') {
      // The audit row's query is what the app's RosterQuery holds, less the name and the cursor.
      const limit = Number(params.get('limit') ?? 20);
      const status = params.get('status');
      const asked = { limit, ...(status && { status }) };
      return (await one(ROSTER([limit, status ? [status] : ['proposed', 'active'], JSON.stringify(asked)], who)))?.body;
    }
    if (method === 'GET' && path === '/api/v1/reports/summary') {
      const row = await one(SUMMARY([], who));
      if (!row?.facts) throw Object.assign(new Error('no snapshot of the summary for today'), { status: 503 });
      return appBuildSummary()(row.facts, { asOf: row.as_of as string, refreshedAt: row.computed_at as string, withTotal: true, locale: 'kk' });
    }
    const write = /^\/api\/v1\/referrals\/([^/]+)\/(accept|start)$/.exec(path);
    if (method === 'POST' && write) {
      const row = await one((write[2] === 'accept' ? ACCEPT : START)([write[1]], who));
      if (!row) throw Object.assign(new Error('transition not allowed'), { status: 422 });
      return row.referral;
    }
    throw Object.assign(new Error(`no physical floor for ${method} ${url}`), { status: 404 });
  };
}
