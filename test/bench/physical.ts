import { randomUUID } from 'node:crypto';
import type { Pool, QueryConfig } from 'pg';
import { searchKey } from '../../libs/core/text/search-key';

/**
 * The physical floor: per endpoint the fewest statements that return the same data as the app and
 * write the same audit row — one named prepared statement each (planned once per connection), the
 * audit INSERT inside it as a CTE, visibility checked once. Which case sections and worklist buckets a
 * user gets is taken from the app's own answer (`shapes`), so the floor does the same amount of work;
 * the JSON carries the same data, not byte for byte the app's field names.
 */

export interface FloorContext {
  pool: Pool;
  users: Record<string, { id: string; orgId: string }>;
  /** per bench user: the case sections and worklist buckets the app returned to it */
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

const CASE_READ = named(
  'case_read',
  `WITH h AS (SELECT c.* FROM children c WHERE c.id = $1 AND c.status <> 'merged' AND ${VISIBLE('c.id', '$org', '$now')}),
   k AS (SELECT k.* FROM consents k JOIN h ON k.child_id = h.id),
   audit AS (${AUDIT('child.read', 'child', 'h.id::text', 'h.id', 'NULL', 'read', 'FROM h')})
   SELECT json_build_object(
     'id', h.id, 'version', h.version, 'status', h.status, 'closedReason', h.closed_reason, 'closedAt', h.closed_at,
     'identity', CASE WHEN 'identity' = ANY($2) THEN json_build_object('iin', h.iin, 'iinPending', h.iin_pending, 'lastName', h.last_name, 'firstName', h.first_name, 'patronymic', h.patronymic,
        'birthDate', to_char(h.birth_date, 'YYYY-MM-DD'), 'sex', h.sex, 'kato', h.kato, 'address', h.address, 'registeredAt', h.registered_at, 'registeredByOrg', h.registered_by_org) END,
     'guardians', CASE WHEN 'guardians' = ANY($2) THEN (SELECT coalesce(json_agg(json_build_object('id', g.id, 'iin', g.iin, 'fullName', g.full_name, 'relation', g.relation, 'phone', g.phone, 'version', g.version) ORDER BY g.created_at, g.id), '[]')
        FROM guardians g WHERE g.child_id = h.id AND g.ended_at IS NULL) END,
     'consents', CASE WHEN 'consents' = ANY($2) THEN (SELECT coalesce(json_agg(json_build_object('id', k.id, 'kind', k.kind, 'sector', k.sector, 'guardianId', k.guardian_id, 'grantedAt', k.granted_at, 'expiresAt', k.expires_at, 'withdrawnAt', k.withdrawn_at,
        'active', k.withdrawn_at IS NULL AND k.granted_at <= $now AND (k.expires_at IS NULL OR k.expires_at > $now)) ORDER BY k.granted_at, k.id), '[]') FROM k) END,
     'assessments', CASE WHEN 'assessments' = ANY($2) THEN (SELECT coalesce(json_agg(json_build_object('id', a.id, 'status', a.status, 'pmpc', json_build_object('id', o.id, 'nameKk', o.name_kk, 'nameRu', o.name_ru), 'noSen', a.no_sen, 'senCategories', a.sen_categories,
        'programme', a.programme, 'formOfEducation', a.form_of_education, 'specialConditions', a.special_conditions, 'recommendations', a.recommendations, 'reviewDate', a.review_date, 'signedAt', a.signed_at, 'signedBy', su.full_name,
        'openedBy', ou.full_name, 'version', a.version) ORDER BY a.signed_at DESC, a.id), '[]')
        FROM assessments a JOIN organizations o ON o.id = a.pmpc_org_id JOIN users ou ON ou.id = a.opened_by LEFT JOIN users su ON su.id = a.signed_by WHERE a.child_id = h.id AND (a.status <> 'draft' OR a.pmpc_org_id = $org)) END,
     'diagnoses', CASE WHEN 'diagnoses' = ANY($2) THEN (SELECT coalesce(json_agg(json_build_object('id', x.id, 'icd10', x.icd10, 'date', x.date, 'establishedBy', json_build_object('id', o.id, 'name', o.name_kk)) ORDER BY x.date, x.id), '[]')
        FROM diagnoses x JOIN organizations o ON o.id = x.established_by_org WHERE x.child_id = h.id) END,
     'disability', CASE WHEN 'disability' = ANY($2) THEN (SELECT json_build_object('status', d.status, 'establishedOn', d.established_on, 'reviewOn', d.review_on, 'certificateNo', d.certificate_no)
        FROM disabilities d WHERE d.child_id = h.id ORDER BY d.recorded_at DESC, d.id DESC LIMIT 1) END,
     'placements', CASE WHEN 'placements' = ANY($2) THEN (SELECT coalesce(json_agg(json_build_object('id', p.id, 'org', json_build_object('id', o.id, 'type', o.type, 'nameKk', o.name_kk, 'nameRu', o.name_ru), 'status', p.status, 'form', p.form, 'classLabel', p.class_label,
        'providedConditions', p.provided_conditions, 'startedOn', p.started_on, 'version', p.version, 'plan', CASE WHEN s.id IS NULL THEN NULL ELSE json_build_object('id', s.id, 'goals', s.goals, 'services', s.services, 'reviewDate', s.review_date, 'version', s.version) END)
        ORDER BY p.proposed_at DESC, p.id), '[]') FROM placements p JOIN organizations o ON o.id = p.org_id LEFT JOIN support_plans s ON s.placement_id = p.id WHERE p.child_id = h.id) END,
     'referrals', CASE WHEN 'referrals' = ANY($2) THEN (SELECT coalesce(json_agg(json_build_object('id', r.id, 'status', r.status, 'from', json_build_object('id', fo.id, 'nameKk', fo.name_kk), 'to', json_build_object('id', tor.id, 'nameKk', tor.name_kk),
        'serviceType', r.service_type, 'priority', r.priority, 'sentAt', r.sent_at, 'slaDueAt', r.sla_due_at, 'episode', CASE WHEN e.id IS NULL THEN NULL ELSE json_build_object('id', e.id, 'startedOn', e.started_on, 'endedOn', e.ended_on, 'sessions', e.sessions) END)
        ORDER BY r.created_at DESC, r.id), '[]')
        FROM referrals r JOIN organizations fo ON fo.id = r.from_org_id JOIN organizations tor ON tor.id = r.to_org_id LEFT JOIN service_episodes e ON e.referral_id = r.id WHERE r.child_id = h.id AND r.status <> 'draft') END,
     'dataSharingSectors', (SELECT coalesce(array_agg(DISTINCT k.sector), '{}') FROM k WHERE k.kind = 'data_sharing' AND k.withdrawn_at IS NULL AND k.granted_at <= $now AND (k.expires_at IS NULL OR k.expires_at > $now))
   ) AS body FROM h`,
  2,
);

/**
 * Name search as the app does it (children-search.repository.ts `byName`): the page from the keys of
 * word similarity 1, found by their words in the organisation's term ranges of org_search_terms; only
 * when that is less than a page, the organisation's trigram matches from org_search_keys (org_id, search_key).
 * $1 = the key, $2 = its distinct words.
 */
const SEARCH_NAME = named(
  'search_name',
  `WITH top AS MATERIALIZED (
     SELECT c.id, c.version, c.status, c.iin, c.last_name, c.first_name, c.patronymic, c.birth_date, c.sex, 1::real AS score
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
       SELECT c.id, c.version, c.status, c.iin, c.last_name, c.first_name, c.patronymic, c.birth_date, c.sex,
              word_similarity($1, c.search_key) AS score
         FROM children c
        WHERE c.id IN (SELECT s.child_id FROM org_search_keys s WHERE s.org_id = $org AND ($1 <% s.search_key OR s.search_key LIKE $1 || '%') AND ${VISIBLE('s.child_id', '$org', '$now')})
          AND c.status <> 'merged'
        ORDER BY score DESC, c.id LIMIT 21) near
      WHERE (SELECT count(*) FROM top) < 21),
   audit AS (${AUDIT('child.search', 'child', 'NULL', 'NULL', `jsonb_build_object('query', jsonb_build_object('q', 'name'), 'resultIds', (SELECT coalesce(jsonb_agg(id), '[]') FROM (SELECT id FROM hits ORDER BY score DESC, id LIMIT 20) x))`, 'read', '', SEARCH_FLOOR_ACTOR)})
   SELECT coalesce(json_agg(json_build_object('id', id, 'version', version, 'status', status, 'identity', json_build_object('iin', iin, 'lastName', last_name, 'firstName', first_name, 'patronymic', patronymic, 'birthDate', birth_date, 'sex', sex)) ORDER BY score DESC, id), '[]') AS items FROM hits`,
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
     SELECT c.id, c.version, c.status, c.iin, c.last_name, c.first_name, c.patronymic, c.birth_date, c.sex
       FROM children c
      WHERE c.id IN (SELECT t.child_id FROM org_search_terms t WHERE t.org_id = $org AND t.term >= $1::text AND t.term < $1::text || '~' AND ${VISIBLE('t.child_id', '$org', '$now')})
        AND c.iin LIKE $1 || '%' AND c.status <> 'merged'
      ORDER BY c.iin, c.id LIMIT 21),
   audit AS (${AUDIT('child.search', 'child', 'NULL', 'NULL', `jsonb_build_object('query', jsonb_build_object('iin', 'iin_prefix'), 'resultIds', (SELECT coalesce(jsonb_agg(id), '[]') FROM (SELECT id FROM hits ORDER BY iin, id LIMIT 20) x))`, 'read', '', SEARCH_FLOOR_ACTOR)})
   SELECT coalesce(json_agg(json_build_object('id', id, 'version', version, 'status', status, 'identity', json_build_object('iin', iin, 'lastName', last_name, 'firstName', first_name, 'patronymic', patronymic, 'birthDate', birth_date, 'sex', sex)) ORDER BY iin, id), '[]') AS items FROM hits`,
  1,
);

/**
 * The worklist: every bucket counted up to the app's cap + 1 over an index on the organisation, and the first five rows,
 * visibility tested only on those five (expiring consents, whose set is every organisation's ever involved, per row as
 * read: with OFFSET 0, as the app's orgInvolvedProbe, or the planner collects and sorts the whole set — 5–6 req/s for
 * the PMPC and the correction room in one run). $1 = the buckets to compute.
 */
const WORKLIST = named(
  'worklist',
  `WITH
   incoming AS NOT MATERIALIZED (SELECT r.id, r.child_id, r.sla_due_at FROM referrals r WHERE 'incomingAwaitingResponse' = ANY($1) AND r.to_org_id = $org AND r.status = 'sent'),
   overdue AS NOT MATERIALIZED (SELECT r.id, r.child_id, r.sla_due_at FROM referrals r WHERE 'overdue' = ANY($1) AND r.to_org_id = $org AND r.sla_due_at < $now
               UNION SELECT r.id, r.child_id, r.sla_due_at FROM referrals r WHERE 'overdue' = ANY($1) AND r.from_org_id = $org AND r.sla_due_at < $now),
   accepted AS NOT MATERIALIZED (SELECT r.id, r.child_id, r.sla_due_at FROM referrals r WHERE 'acceptedNotStarted' = ANY($1) AND r.to_org_id = $org AND r.status = 'accepted'),
   reviews AS NOT MATERIALIZED (SELECT a.id, a.child_id, a.review_date FROM assessments a WHERE 'reviewsDue' = ANY($1) AND a.pmpc_org_id = $org AND a.status = 'signed' AND a.review_date <= ($now::date + 31)),
   noplan AS NOT MATERIALIZED (SELECT p.id, p.child_id, p.activated_at FROM placements p WHERE 'placementsWithoutPlan' = ANY($1) AND p.org_id = $org AND p.status = 'active' AND NOT EXISTS (SELECT 1 FROM support_plans s WHERE s.placement_id = p.id)),
   expiring AS NOT MATERIALIZED (SELECT e.consent_id AS id, e.child_id, e.expires_at FROM org_consent_expiries e
                WHERE 'consentsExpiring' = ANY($1) AND e.org_id = $org AND e.expires_at > $now AND e.expires_at <= $now + interval '30 days'
                  AND EXISTS (SELECT 1 FROM involvements i WHERE i.child_id = e.child_id AND i.org_id = $org AND i.kind <> 'break_glass' AND i.since <= $now AND (i.until IS NULL OR i.until > $now) OFFSET 0)),
   audit AS (${AUDIT('worklist.read', 'worklist', 'NULL', 'NULL', 'NULL', 'read', '')})
   SELECT json_build_object(
     'incomingAwaitingResponse', json_build_object('count', (SELECT count(*) FROM (SELECT 1 FROM incoming LIMIT 101) n), 'items', (SELECT coalesce(json_agg(x), '[]') FROM (SELECT * FROM incoming ORDER BY sla_due_at, id LIMIT 5) x)),
     'overdue', json_build_object('count', (SELECT count(*) FROM (SELECT 1 FROM overdue LIMIT 101) n), 'items', (SELECT coalesce(json_agg(x), '[]') FROM (SELECT * FROM overdue ORDER BY sla_due_at, id LIMIT 5) x)),
     'acceptedNotStarted', json_build_object('count', (SELECT count(*) FROM (SELECT 1 FROM accepted LIMIT 101) n), 'items', (SELECT coalesce(json_agg(x), '[]') FROM (SELECT * FROM accepted ORDER BY sla_due_at, id LIMIT 5) x)),
     'reviewsDue', json_build_object('count', (SELECT count(*) FROM (SELECT 1 FROM reviews LIMIT 101) n), 'items', (SELECT coalesce(json_agg(x), '[]') FROM (SELECT * FROM reviews ORDER BY review_date, id LIMIT 5) x)),
     'placementsWithoutPlan', json_build_object('count', (SELECT count(*) FROM (SELECT 1 FROM noplan LIMIT 101) n), 'items', (SELECT coalesce(json_agg(x), '[]') FROM (SELECT * FROM noplan ORDER BY activated_at, id LIMIT 5) x)),
     'consentsExpiring', json_build_object('count', (SELECT count(*) FROM (SELECT 1 FROM expiring LIMIT 101) n), 'items', (SELECT coalesce(json_agg(x), '[]') FROM (SELECT * FROM expiring ORDER BY expires_at, id LIMIT 5) x)),
     'transitionsDue', json_build_object('count', (SELECT count(*) FROM (SELECT 1 FROM transition_items t WHERE t.org_id = $org AND t.resolved_on IS NULL AND t.kind <> 'plan_review_due' LIMIT 101) n)),
     'planReviewsDue', json_build_object('count', (SELECT count(*) FROM (SELECT 1 FROM transition_items t WHERE t.org_id = $org AND t.resolved_on IS NULL AND t.kind = 'plan_review_due' LIMIT 101) n))
   ) AS buckets`,
  1,
);

const NOTIFICATIONS = named(
  'notifications',
  `WITH n AS (SELECT n.id, n.org_id, n.kind, n.child_id, n.referral_id, n.payload, n.created_at, n.read_at FROM notifications n WHERE n.user_id = $user ORDER BY n.created_at DESC, n.id DESC LIMIT 21),
   audit AS (${AUDIT('notification.list', 'notification', 'NULL', 'NULL', `jsonb_build_object('resultIds', (SELECT coalesce(jsonb_agg(id), '[]') FROM (SELECT id FROM n ORDER BY created_at DESC, id DESC LIMIT 20) x))`, 'read', '')})
   SELECT coalesce(json_agg(n ORDER BY n.created_at DESC, n.id DESC), '[]') AS items FROM n`,
  0,
);

const ROSTER = named(
  'roster',
  `WITH page AS (
     SELECT p.id, p.child_id, c.last_name, c.first_name, c.patronymic, c.birth_date, p.status, p.form, p.class_label, p.provided_conditions, p.started_on, p.version,
            a.id AS conclusion_id, a.form_of_education AS recommended_form, s.id IS NOT NULL AS plan_present, s.review_date AS plan_review_date
       FROM placements p JOIN children c ON c.id = p.child_id LEFT JOIN assessments a ON a.child_id = p.child_id AND a.status = 'signed' LEFT JOIN support_plans s ON s.placement_id = p.id
      WHERE p.org_id = $org AND p.status IN ('proposed', 'active') AND c.status <> 'merged'
      ORDER BY c.last_name, c.first_name, p.id LIMIT 21),
   audit AS (${AUDIT('placement.list', 'placement', 'NULL', 'NULL', `jsonb_build_object('resultIds', (SELECT coalesce(jsonb_agg(id), '[]') FROM (SELECT id FROM page ORDER BY last_name, first_name, id LIMIT 20) x))`, 'read', '')})
   SELECT coalesce(json_agg(page ORDER BY last_name, first_name, id), '[]') AS items FROM page`,
  0,
);

/** Accept: the referral, its event, timeline entry, notifications and audit row in one statement. */
const ACCEPT = named(
  'accept',
  `WITH org AS (SELECT o.capacity FROM organizations o WHERE o.id = $org FOR NO KEY UPDATE),
   r AS (UPDATE referrals r SET responded_at = $now, status = 'accepted', sla_phase = 'start', sla_started_at = $now, sla_due_at = $now + interval '14 days', sla_warned_due = NULL, overdue_at = NULL, version = version + 1, updated_at = now()
          WHERE r.id = $1 AND r.to_org_id = $org AND r.status IN ('sent', 'waitlisted')
            AND ((SELECT capacity FROM org) IS NULL OR (SELECT count(*) FROM service_episodes e WHERE e.org_id = $org AND e.ended_on IS NULL) + (SELECT count(*) FROM referrals w WHERE w.to_org_id = $org AND w.status = 'accepted') < (SELECT capacity FROM org))
          RETURNING r.*),
   ev AS (INSERT INTO referral_events (referral_id, at, event, from_status, to_status, actor_user_id, actor_org_id, details) SELECT r.id, $now, 'accept', 'sent', 'accepted', $user, $org, '{"fromWaitlist":false}' FROM r),
   tl AS (INSERT INTO timeline_entries (child_id, at, section, kind, org_id, counterpart_org_id, actor_user_id, details)
          SELECT r.child_id, $now, 'referrals', 'referral.accepted', $org, r.from_org_id, $user, jsonb_build_object('referralId', r.id, 'serviceType', r.service_type, 'from', 'sent', 'to', 'accepted') FROM r),
   nt AS (INSERT INTO notifications (user_id, org_id, kind, child_id, referral_id, payload, created_at)
          SELECT u.id, u.org_id, 'referral.accepted', r.child_id, r.id, jsonb_build_object('serviceType', r.service_type, 'status', 'accepted'), $now FROM r JOIN users u ON u.org_id = r.from_org_id AND u.active),
   audit AS (${AUDIT('referral.accept', 'referral', 'r.id::text', 'r.child_id', `'{"fields":{"status":{"from":"sent","to":"accepted"}}}'::jsonb`, 'change', 'FROM r')})
   SELECT json_build_object('id', r.id, 'version', r.version, 'status', r.status, 'childId', r.child_id, 'slaDueAt', r.sla_due_at) AS referral FROM r`,
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
   ep AS (INSERT INTO service_episodes (referral_id, child_id, org_id, funding, started_on) SELECT r.id, r.child_id, r.to_org_id, r.funding, ($now AT TIME ZONE 'Asia/Almaty')::date FROM r RETURNING id, referral_id),
   inv AS (INSERT INTO involvements (child_id, org_id, kind, source_id, since, created_by) SELECT r.child_id, $org, 'service', ep.id, $now, $user FROM r JOIN ep ON ep.referral_id = r.id),
   ev AS (INSERT INTO referral_events (referral_id, at, event, from_status, to_status, actor_user_id, actor_org_id, details) SELECT r.id, $now, 'start', 'accepted', 'in_progress', $user, $org, jsonb_build_object('episodeId', ep.id) FROM r JOIN ep ON ep.referral_id = r.id),
   tl AS (INSERT INTO timeline_entries (child_id, at, section, kind, org_id, counterpart_org_id, actor_user_id, details)
          SELECT r.child_id, $now, 'referrals', 'referral.started', $org, r.from_org_id, $user, jsonb_build_object('referralId', r.id, 'from', 'accepted', 'to', 'in_progress') FROM r),
   nt AS (INSERT INTO notifications (user_id, org_id, kind, child_id, referral_id, payload, created_at)
          SELECT u.id, u.org_id, 'referral.started', r.child_id, r.id, jsonb_build_object('serviceType', r.service_type, 'status', 'in_progress'), $now FROM r JOIN users u ON u.org_id = r.from_org_id AND u.active),
   audit AS (${AUDIT('referral.start', 'referral', 'r.id::text', 'r.child_id', `jsonb_build_object('fields', jsonb_build_object('episode', jsonb_build_object('to', (SELECT id FROM ep)), 'funding', jsonb_build_object('to', r.funding)))`, 'change', 'FROM r')})
   SELECT json_build_object('id', r.id, 'version', r.version, 'status', r.status, 'childId', r.child_id, 'episodeId', (SELECT id FROM ep)) AS referral FROM r`,
  1,
);

const SUMMARY_AUDIT = named('summary_audit', AUDIT('report.summary', 'report', "'summary'", 'NULL', 'NULL', 'read', ''), 0);

export function physicalHandlers(context: FloorContext): Handler {
  const { pool } = context;
  const one = async (config: QueryConfig): Promise<Record<string, unknown> | undefined> => (await pool.query(config)).rows[0];
  return async (method, url, user, ids) => {
    const who = context.users[user];
    const [path, query = ''] = url.split('?');
    const params = new URLSearchParams(query);
    if (path === '/health/ready') {
      await pool.query({ name: 'ready', text: 'SELECT 1' });
      return { status: 'ok' };
    }
    if (!who) throw Object.assign(new Error('unauthorised'), { status: 401 });
    const shape = context.shapes[user] ?? {};
    if (method === 'GET' && /^\/api\/v1\/children\/[^/]+$/.test(path)) {
      const row = await one(CASE_READ([ids[0], shape.caseSections ?? []], who));
      if (!row) throw notFound('Child');
      return row.body;
    }
    if (method === 'GET' && path === '/api/v1/children') {
      const q = params.get('q');
      const iin = params.get('iin');
      const key = q ? searchKey(q) : '';
      const row = q ? await one(SEARCH_NAME([key, [...new Set(key.split(' '))]], who)) : await one(SEARCH_IIN([iin], who));
      return { items: (row?.items as unknown[]).slice(0, 20), nextCursor: null };
    }
    if (method === 'GET' && path === '/api/v1/worklist') {
      const row = await one(WORKLIST([shape.worklistBuckets ?? []], who));
      const buckets = row?.buckets as Record<string, unknown>;
      return { orgId: who.orgId, generatedAt: new Date().toISOString(), buckets: Object.fromEntries((shape.worklistBuckets ?? []).map((b) => [b, buckets[b]])) };
    }
    if (method === 'GET' && path === '/api/v1/notifications') {
      const row = await one(NOTIFICATIONS([], who));
      return { items: (row?.items as unknown[]).slice(0, 20), nextCursor: null };
    }
    if (method === 'GET' && path === '/api/v1/placements') {
      const row = await one(ROSTER([], who));
      return { items: (row?.items as unknown[]).slice(0, 20), nextCursor: null };
    }
    if (method === 'GET' && path === '/api/v1/reports/summary') {
      // The floor runs the app's own SELECTs of a served request (the regions and the snapshot, captured
      // after the first request computed it), at once on separate connections, and the audit row.
      const statements = (context.captured[`GET ${url}|${user}`]?.statements ?? []).filter((q) => /^\s*SELECT/i.test(q.text));
      const results = await Promise.all([...statements.map((q) => pool.query(q.text, q.values)), pool.query(SUMMARY_AUDIT([], who))]);
      return results.map((r) => r.rows);
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
