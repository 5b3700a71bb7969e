import { Injectable } from '@nestjs/common';
import { orgInvolvedProbe, viewerOrg, viewerOrgInvolved } from '@qoldau/access';
import { type CappedCount, cappedCount, cappedCountSql, COUNT_CAP, decodeCursor, InvalidInputError, isoTimestamp, jsonArray, jsonObject, type Locale, Page, SqlRepository, toPage } from '@qoldau/core';
import type { EpisodeSummary, ProviderView, ReferralEventView, ReferralParty, ReferralView, SlaView } from './dto/referral.dto';

/** A referral row as the use cases work with it (locked for a change). */
export interface ReferralRecord {
  id: string;
  version: number;
  status: string;
  childId: string;
  fromOrgId: string;
  toOrgId: string;
  serviceType: string;
  priority: string;
  funding: string;
  sentAt: Date | null;
  slaPhase: string | null;
  slaStartedAt: Date | null;
  slaDueAt: Date | null;
  overdueAt: Date | null;
}

/** Column values as the services hand them over (snake_case keys are the table's). */
export interface ReferralColumns {
  child_id?: string;
  from_org_id?: string;
  to_org_id?: string;
  service_type?: string;
  reason?: string;
  priority?: string;
  funding?: string;
  assessment_id?: string | null;
  created_by_user?: string;
  status?: string;
  sent_at?: Date | null;
  responded_at?: Date | null;
  decline_reason?: string | null;
  withdraw_reason?: string | null;
  closed_at?: Date | null;
  sla_phase?: string | null;
  sla_started_at?: Date | null;
  sla_due_at?: Date | null;
  sla_warned_due?: Date | null;
  overdue_at?: Date | null;
}

export interface NewReferralEvent {
  referralId: string;
  at: Date;
  event: string;
  fromStatus: string | null;
  toStatus: string;
  actorUserId: string | null;
  actorOrgId: string | null;
  reason?: string | null;
  details?: Record<string, unknown>;
}

/** Whose eyes: the actor's organisation and the Clock's instant (for case visibility and overdue). */
export interface ReferralScope {
  orgId: string | null;
  now: Date;
}

export interface ReferralFilter {
  orgId: string;
  box?: 'incoming' | 'outgoing';
  status?: string;
  overdue?: boolean;
  serviceType?: string;
  childId?: string;
  limit: number;
  cursor?: string;
}

interface ViewRow {
  id: string;
  version: number;
  status: string;
  child_id: string;
  from_org_id: string;
  from_type: string;
  from_name_kk: string;
  from_name_ru: string;
  to_org_id: string;
  to_type: string;
  to_name_kk: string;
  to_name_ru: string;
  service_type: string;
  priority: string;
  reason: string;
  funding: string;
  assessment_id: string | null;
  sent_at: Date | null;
  responded_at: Date | null;
  decline_reason: string | null;
  withdraw_reason: string | null;
  closed_at: Date | null;
  sla_phase: string | null;
  sla_started_at: Date | null;
  sla_due_at: Date | null;
  overdue_at: Date | null;
  pause_reason: string | null;
  paused_at: Date | null;
  waitlist_position: number | null;
  created_at: Date;
  updated_at: Date;
  child_visible: boolean;
  last_name: string;
  first_name: string;
  patronymic: string | null;
  birth_date: string;
  episode_id: string | null;
  episode_funding: string | null;
  started_on: string | null;
  ended_on: string | null;
  sessions: number | null;
  attended_sessions: number | null;
  outcome: string | null;
  outcome_summary: string | null;
  episode_version: number | null;
}

/** Urgent first, then by sending time: the waiting list's order (and its keyset). */
const QUEUE_KEY = (r: string) => `(CASE ${r}.priority WHEN 'urgent' THEN 0 ELSE 1 END, ${r}.sent_at, ${r}.created_at, ${r}.id)`;

/** Where a waitlisted referral `r` stands in its receiver's waiting list; null otherwise. */
const WAITLIST_POSITION = `CASE WHEN r.status = 'waitlisted' THEN
           (SELECT count(*)::int + 1 FROM referrals w WHERE w.to_org_id = r.to_org_id AND w.status = 'waitlisted' AND ${QUEUE_KEY('w')} < ${QUEUE_KEY('r')})
         END`;

/** A referral `r` with its parties, its service episode and its open SLA pause: what every view of one reads. */
const VIEW_JOINS = `
    FROM referrals r
    JOIN organizations fo ON fo.id = r.from_org_id
    JOIN organizations tor ON tor.id = r.to_org_id
    LEFT JOIN service_episodes e ON e.referral_id = r.id
    LEFT JOIN referral_sla_pauses p ON p.referral_id = r.id AND p.resumed_at IS NULL`;

/**
 * The referral as shown to an organisation: `$1` is its organisation (for the child summary, shown only
 * while it sees the case) and `$2` the Clock's now. The summary's test is a probe of each row shown: a
 * plain EXISTS let a generic plan hash every involvement of the organisation (100 000 for a PMPC at
 * 1 M children, 35 ms) to answer it for a page of five.
 */
const VIEW_SELECT = `
  SELECT r.id, r.version, r.status, r.child_id,
         r.from_org_id, fo.type AS from_type, fo.name_kk AS from_name_kk, fo.name_ru AS from_name_ru,
         r.to_org_id, tor.type AS to_type, tor.name_kk AS to_name_kk, tor.name_ru AS to_name_ru,
         r.service_type, r.priority, r.reason, r.funding, r.assessment_id, r.sent_at, r.responded_at, r.decline_reason,
         r.withdraw_reason, r.closed_at, r.sla_phase, r.sla_started_at, r.sla_due_at, r.overdue_at, p.reason AS pause_reason, p.paused_at,
         ${WAITLIST_POSITION} AS waitlist_position,
         r.created_at, r.updated_at,
         ${orgInvolvedProbe('r.child_id', '$1', '$2')} AS child_visible,
         c.last_name, c.first_name, c.patronymic, to_char(c.birth_date, 'YYYY-MM-DD') AS birth_date,
         e.id AS episode_id, e.funding AS episode_funding, to_char(e.started_on, 'YYYY-MM-DD') AS started_on,
         to_char(e.ended_on, 'YYYY-MM-DD') AS ended_on, e.sessions, e.attended_sessions, e.outcome, e.outcome_summary,
         e.version AS episode_version
    ${VIEW_JOINS}
    JOIN children c ON c.id = r.child_id`;

/** A referral inside the child's case view: as GET /referrals gives it, without the child it is about. */
export type CaseReferral = Omit<ReferralView, 'child'>;

const party = (o: string, id: string) => jsonObject<ReferralParty>({ id, type: `${o}.type`, nameKk: `${o}.name_kk`, nameRu: `${o}.name_ru` });

/**
 * The case view's referrals section as a json sub-select (libs/children/sections): the child's referrals
 * as `toView` shows them (without the child), oldest first — only while the viewer's organisation itself
 * is involved with the case (break-glass does not open them), and none of other organisations' drafts.
 * `viewerParam` and `nowParam` are a CaseScope's `viewer` and `now`.
 */
export function caseReferralsJson(childIdSql: string, viewerParam: string, nowParam: string): string {
  const now = `${nowParam}::timestamptz`;
  const sla = jsonObject<SlaView>({
    phase: 'r.sla_phase', startedAt: isoTimestamp('r.sla_started_at'), dueAt: isoTimestamp('r.sla_due_at'), paused: 'p.paused_at IS NOT NULL',
    pauseReason: 'p.reason', pausedAt: isoTimestamp('p.paused_at'), overdue: `(r.sla_due_at IS NOT NULL AND r.sla_due_at < ${now})`,
    overdueSince: isoTimestamp('r.overdue_at'),
  });
  const episode = jsonObject<EpisodeSummary>({
    id: 'e.id', funding: 'e.funding', startedOn: "to_char(e.started_on, 'YYYY-MM-DD')", endedOn: "to_char(e.ended_on, 'YYYY-MM-DD')",
    sessions: 'e.sessions', attendedSessions: 'e.attended_sessions', outcome: 'e.outcome', outcomeSummary: 'e.outcome_summary', version: 'e.version',
  });
  const referral = jsonObject<CaseReferral>({
    id: 'r.id',
    version: 'r.version',
    status: 'r.status',
    childId: 'r.child_id',
    fromOrgId: 'r.from_org_id',
    fromOrg: party('fo', 'r.from_org_id'),
    toOrgId: 'r.to_org_id',
    toOrg: party('tor', 'r.to_org_id'),
    serviceType: 'r.service_type',
    priority: 'r.priority',
    reason: 'r.reason',
    funding: 'r.funding',
    assessmentId: 'r.assessment_id',
    sentAt: isoTimestamp('r.sent_at'),
    respondedAt: isoTimestamp('r.responded_at'),
    declineReason: 'r.decline_reason',
    withdrawReason: 'r.withdraw_reason',
    closedAt: isoTimestamp('r.closed_at'),
    waitlistPosition: WAITLIST_POSITION,
    slaDueAt: isoTimestamp('r.sla_due_at'),
    sla,
    episode: `CASE WHEN e.id IS NOT NULL THEN ${episode} END`,
    createdAt: isoTimestamp('r.created_at'),
    updatedAt: isoTimestamp('r.updated_at'),
  });
  return jsonArray(
    referral,
    `${VIEW_JOINS}
      WHERE r.child_id = ${childIdSql} AND ${viewerOrgInvolved(childIdSql, viewerParam, nowParam)}
        AND (r.status <> 'draft' OR r.from_org_id = ${viewerOrg(viewerParam)})`,
    'r.created_at, r.id',
  );
}

export type WorklistReferralBucket = 'awaitingResponse' | 'overdue' | 'acceptedNotStarted';

/**
 * The referral buckets of the worklist: `$1` the organisation, `$2` now. Each arm yields referrals of
 * the bucket (id and the sort columns) from an index on the organisation; the bucket is counted with
 * count(*) and only its first page is joined to the view, so visibility and names are computed for the
 * rows returned, not for the whole bucket.
 */
const BUCKETS: Record<WorklistReferralBucket, { arms: string[]; order: string }> = {
  // Incoming, not yet answered: the deadline closest first (paused ones, which have none, last).
  awaitingResponse: {
    arms: [`SELECT r.id, r.sla_due_at, r.sent_at FROM referrals r WHERE r.to_org_id = $1 AND r.status = 'sent'`],
    order: '%.sla_due_at ASC NULLS LAST, %.sent_at, %.id',
  },
  // Either side's running deadline has passed: the receiver must act, the sender may chase. Two
  // indexed arms (receiver's, sender's) rather than an OR over two columns, which no index serves;
  // disjoint, since the sender's leaves out what the receiver's has.
  overdue: {
    arms: [
      `SELECT r.id, r.sla_due_at FROM referrals r WHERE r.to_org_id = $1 AND r.sla_due_at < $2`,
      `SELECT r.id, r.sla_due_at FROM referrals r WHERE r.from_org_id = $1 AND r.to_org_id <> $1 AND r.sla_due_at < $2`,
    ],
    order: '%.sla_due_at, %.id',
  },
  // Accepted, service not started: the start deadline closest first.
  acceptedNotStarted: {
    arms: [`SELECT r.id, r.sla_due_at, r.responded_at FROM referrals r WHERE r.to_org_id = $1 AND r.status = 'accepted'`],
    order: '%.sla_due_at ASC NULLS LAST, %.responded_at, %.id',
  },
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function toView(row: ViewRow, now: Date): ReferralView {
  return {
    id: row.id,
    version: row.version,
    status: row.status,
    childId: row.child_id,
    child: row.child_visible
      ? { id: row.child_id, lastName: row.last_name, firstName: row.first_name, patronymic: row.patronymic, birthDate: row.birth_date }
      : null,
    fromOrgId: row.from_org_id,
    fromOrg: { id: row.from_org_id, type: row.from_type, nameKk: row.from_name_kk, nameRu: row.from_name_ru },
    toOrgId: row.to_org_id,
    toOrg: { id: row.to_org_id, type: row.to_type, nameKk: row.to_name_kk, nameRu: row.to_name_ru },
    serviceType: row.service_type,
    priority: row.priority,
    reason: row.reason,
    funding: row.funding,
    assessmentId: row.assessment_id,
    sentAt: iso(row.sent_at),
    respondedAt: iso(row.responded_at),
    declineReason: row.decline_reason,
    withdrawReason: row.withdraw_reason,
    closedAt: iso(row.closed_at),
    waitlistPosition: row.waitlist_position,
    slaDueAt: iso(row.sla_due_at),
    sla: {
      phase: row.sla_phase,
      startedAt: iso(row.sla_started_at),
      dueAt: iso(row.sla_due_at),
      paused: row.paused_at !== null,
      pauseReason: row.pause_reason,
      pausedAt: iso(row.paused_at),
      overdue: row.sla_due_at !== null && row.sla_due_at < now,
      overdueSince: iso(row.overdue_at),
    },
    episode: row.episode_id
      ? {
          id: row.episode_id,
          funding: row.episode_funding as string,
          startedOn: row.started_on as string,
          endedOn: row.ended_on,
          sessions: row.sessions as number,
          attendedSessions: row.attended_sessions as number,
          outcome: row.outcome,
          outcomeSummary: row.outcome_summary,
          version: row.episode_version as number,
        }
      : null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function cursorAfter(cursor: string): [string, string] {
  const [at, id] = decodeCursor(cursor, 2);
  if (typeof at === 'string' && TIMESTAMP.test(at) && typeof id === 'string' && UUID.test(id)) return [at, id];
  throw new InvalidInputError('CURSOR_INVALID', 'The cursor is not one this API issued', [{ field: 'cursor', code: 'CURSOR_INVALID', message: 'cursor is invalid' }]);
}

/** SQL for referrals and their history. No business rules: the services decide, this reads and writes. */
@Injectable()
export class ReferralsRepository extends SqlRepository {
  /** The parties of a referral, without a lock (they never change): enough to authorize. */
  async parties(id: string): Promise<{ id: string; childId: string; fromOrgId: string; toOrgId: string; status: string } | null> {
    const rows = await this.rows<{ id: string; child_id: string; from_org_id: string; to_org_id: string; status: string }>(
      `SELECT id, child_id, from_org_id, to_org_id, status FROM referrals WHERE id = $1`,
      [id],
    );
    const row = rows[0];
    return row ? { id: row.id, childId: row.child_id, fromOrgId: row.from_org_id, toOrgId: row.to_org_id, status: row.status } : null;
  }

  /** The row under its lock: every transition of one referral is serialized here. */
  async lock(id: string): Promise<ReferralRecord> {
    const [row] = await this.rows<Record<string, unknown>>(
      `SELECT id, version, status, child_id, from_org_id, to_org_id, service_type, priority, funding, sent_at, sla_phase, sla_started_at,
              sla_due_at, overdue_at
         FROM referrals WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return {
      id: row.id as string,
      version: row.version as number,
      status: row.status as string,
      childId: row.child_id as string,
      fromOrgId: row.from_org_id as string,
      toOrgId: row.to_org_id as string,
      serviceType: row.service_type as string,
      priority: row.priority as string,
      funding: row.funding as string,
      sentAt: row.sent_at as Date | null,
      slaPhase: row.sla_phase as string | null,
      slaStartedAt: row.sla_started_at as Date | null,
      slaDueAt: row.sla_due_at as Date | null,
      overdueAt: row.overdue_at as Date | null,
    };
  }

  async insert(columns: ReferralColumns): Promise<string> {
    return (await this.insertRow('referrals', { ...columns })) as string;
  }

  /** Applies a change to a row the caller holds locked, and bumps its version. */
  async update(id: string, columns: ReferralColumns): Promise<void> {
    await this.updateVersioned('referrals', id, null, { ...columns });
  }

  async appendEvent(event: NewReferralEvent): Promise<void> {
    await this.rows(
      `INSERT INTO referral_events (referral_id, at, event, from_status, to_status, actor_user_id, actor_org_id, reason, details)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        event.referralId, event.at, event.event, event.fromStatus, event.toStatus, event.actorUserId, event.actorOrgId,
        event.reason ?? null, JSON.stringify(event.details ?? {}),
      ],
    );
  }

  async events(referralId: string): Promise<ReferralEventView[]> {
    const rows = await this.rows<{
      id: string; at: Date; event: string; from_status: string | null; to_status: string; actor_user_id: string | null;
      actor_org_id: string | null; reason: string | null; details: Record<string, unknown>;
    }>(
      `SELECT e.id::text AS id, e.at, e.event, e.from_status, e.to_status, e.actor_user_id, e.actor_org_id, e.reason, e.details
         FROM referral_events e WHERE e.referral_id = $1 ORDER BY e.id`,
      [referralId],
    );
    return rows.map((r) => ({
      id: r.id, at: r.at.toISOString(), event: r.event, fromStatus: r.from_status, toStatus: r.to_status,
      actorUserId: r.actor_user_id, actorOrgId: r.actor_org_id, reason: r.reason, details: r.details,
    }));
  }

  async view(id: string, scope: ReferralScope): Promise<ReferralView | null> {
    const rows = await this.rows<ViewRow>(`${VIEW_SELECT} WHERE r.id = $3`, [scope.orgId, scope.now, id]);
    return rows[0] ? toView(rows[0], scope.now) : null;
  }

  /** The organisation's referrals (incoming never shows drafts: they are the sender's own until sent). */
  async page(filter: ReferralFilter, now: Date): Promise<Page<ReferralView>> {
    const params: unknown[] = [filter.orgId, now];
    const where: string[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace(/\?/g, `$${params.length}`));
    };
    if (filter.box === 'incoming') where.push(`r.to_org_id = $1 AND r.status <> 'draft'`);
    else if (filter.box === 'outgoing') where.push(`r.from_org_id = $1`);
    else where.push(`(r.from_org_id = $1 OR (r.to_org_id = $1 AND r.status <> 'draft'))`);
    if (filter.status) add('r.status = ?', filter.status);
    if (filter.serviceType) add('r.service_type = ?', filter.serviceType);
    if (filter.childId) add('r.child_id = ?::uuid', filter.childId);
    if (filter.overdue === true) where.push('r.sla_due_at < $2');
    if (filter.overdue === false) where.push('(r.sla_due_at IS NULL OR r.sla_due_at >= $2)');
    if (filter.cursor) {
      const [at, id] = cursorAfter(filter.cursor);
      params.push(at, id);
      where.push(`(r.created_at, r.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(filter.limit + 1);
    const rows = await this.rows<ViewRow>(
      `${VIEW_SELECT} WHERE ${where.join(' AND ')} ORDER BY r.created_at DESC, r.id DESC LIMIT $${params.length}`,
      params,
    );
    return toPage(rows, filter.limit, (r) => [r.created_at.toISOString(), r.id], (r) => toView(r, now));
  }

  /**
   * A worklist bucket: the first `limit` referrals of the organisation matching `bucket`, with how many
   * match in all (a window count, one query).
   */
  async bucket(bucket: WorklistReferralBucket, orgId: string, now: Date, limit: number): Promise<CappedCount & { items: ReferralView[] }> {
    const { arms, order } = BUCKETS[bucket];
    // Each arm is cut on its own — its first page in the bucket's order, and the cap for the count — so
    // it is read from its index and stops early. PostgreSQL does not merge a UNION ALL of ordered index
    // scans for an ORDER BY … LIMIT here: it collected and sorted every arm's rows (a PMPC's 4 800
    // overdue referrals at a million children, for five).
    // The count's arms are ordered too: cut at the cap without an order, the planner may pick a sequential
    // scan of all referrals that it expects to meet the cap early, and that walks the whole table for an
    // organisation with fewer.
    const firstOf = (limit: string) => arms.map((arm) => `(${arm} ORDER BY ${order.replace(/%/g, 'r')} LIMIT ${limit})`).join(' UNION ALL ');
    const rows = await this.rows<ViewRow & { total: number }>(
      `WITH page AS (SELECT b.id FROM (${firstOf('$3')}) b ORDER BY ${order.replace(/%/g, 'b')} LIMIT $3)
       SELECT v.*, ${cappedCountSql(`SELECT 1 FROM (${firstOf(String(COUNT_CAP + 1))}) b`)} AS total
         FROM (${VIEW_SELECT} WHERE r.id IN (SELECT id FROM page)) v
        ORDER BY ${order.replace(/%/g, 'v')}`,
      [orgId, now, limit],
    );
    return { ...cappedCount(rows[0]?.total ?? 0), items: rows.map((r) => toView(r, now)) };
  }

  /** The organisation's waiting list in order (urgent first, then by sending time). */
  async waitlist(orgId: string, now: Date): Promise<ReferralView[]> {
    const rows = await this.rows<ViewRow>(
      `${VIEW_SELECT} WHERE r.to_org_id = $1 AND r.status = 'waitlisted' ORDER BY ${QUEUE_KEY('r')}`,
      [orgId, now],
    );
    return rows.map((r) => toView(r, now));
  }

  /** Where the referral stands (or would stand) in its receiver's waiting list: 1 + those ahead of it. */
  async queuePosition(referralId: string): Promise<number> {
    const [row] = await this.rows<{ position: number }>(
      `SELECT count(w.id)::int + 1 AS position
         FROM referrals r
         LEFT JOIN referrals w ON w.to_org_id = r.to_org_id AND w.status = 'waitlisted' AND w.id <> r.id AND ${QUEUE_KEY('w')} < ${QUEUE_KEY('r')}
        WHERE r.id = $1`,
      [referralId],
    );
    return row.position;
  }

  async waitlistLength(orgId: string): Promise<number> {
    const [row] = await this.rows<{ n: number }>(`SELECT count(*)::int AS n FROM referrals WHERE to_org_id = $1 AND status = 'waitlisted'`, [orgId]);
    return row.n;
  }

  /** Merge: the duplicate's referrals and episodes become the survivor's. */
  async moveChild(fromChildId: string, toChildId: string): Promise<number> {
    const moved = await this.affected(`UPDATE referrals SET child_id = $2, version = version + 1, updated_at = now() WHERE child_id = $1`, [fromChildId, toChildId]);
    await this.affected(`UPDATE service_episodes SET child_id = $2, version = version + 1, updated_at = now() WHERE child_id = $1`, [fromChildId, toChildId]);
    return moved;
  }

  async serviceType(code: string): Promise<{ providerTypes: string[] } | null> {
    const rows = await this.rows<{ provider_types: string[] }>(`SELECT provider_types FROM service_types WHERE code = $1`, [code]);
    return rows[0] ? { providerTypes: rows[0].provider_types } : null;
  }

  /** The funding a referral of `serviceType` to an organisation of `receiverType` gets when none is named (null: no row). */
  async defaultFunding(serviceType: string, receiverType: string): Promise<string | null> {
    const rows = await this.rows<{ funding: string }>(
      `SELECT funding FROM referral_funding_defaults WHERE service_type = $1 AND receiver_type = $2`,
      [serviceType, receiverType],
    );
    return rows[0]?.funding ?? null;
  }

  /** Whether the referral is an accepted `school_placement` referral of this child to this organisation. */
  async isAcceptedPlacementReferral(id: string, childId: string, orgId: string): Promise<boolean> {
    const rows = await this.rows(
      `SELECT 1 FROM referrals WHERE id = $1 AND child_id = $2 AND to_org_id = $3 AND service_type = 'school_placement' AND status = 'accepted'`,
      [id, childId, orgId],
    );
    return rows.length > 0;
  }

  async serviceTypes(): Promise<{ code: string; nameKk: string; nameRu: string; nameEn: string; providerTypes: string[] }[]> {
    const rows = await this.rows<{ code: string; name_kk: string; name_ru: string; name_en: string; provider_types: string[] }>(
      `SELECT code, name_kk, name_ru, name_en, provider_types FROM service_types ORDER BY sort_order`,
    );
    return rows.map((r) => ({ code: r.code, nameKk: r.name_kk, nameRu: r.name_ru, nameEn: r.name_en, providerTypes: r.provider_types }));
  }

  /**
   * Active organisations whose type provides the service, with their places and waiting list, in
   * Kazakh name order. Counted the way accepting counts (PlacesRepository.count), without the lock.
   */
  async providers(filter: { serviceType: string; providerTypes: string[]; excludeOrgId: string | null; kato?: string; q?: string; locale: Locale; limit: number; cursor?: string }): Promise<Page<ProviderView>> {
    const params: unknown[] = [filter.providerTypes, filter.excludeOrgId];
    const where = ['o.active', 'o.type = ANY($1::text[])', 'o.id IS DISTINCT FROM $2::uuid'];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replaceAll('?', `$${params.length}`));
    };
    if (filter.kato) add('o.kato = ?', filter.kato);
    if (filter.q) add('(o.name_kk ILIKE ? OR o.name_ru ILIKE ?)', `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    if (filter.cursor) {
      const [name, id] = decodeCursor(filter.cursor, 2);
      params.push(name, id);
      where.push(`(o.name_kk, o.id) > ($${params.length - 1}, $${params.length}::uuid)`);
    }
    params.push(filter.limit + 1);
    const regionName = filter.locale === 'ru' ? 'g.name_ru' : filter.locale === 'en' ? 'g.name_en' : 'g.name_kk';
    const rows = await this.rows<{
      id: string; type: string; name_kk: string; name_ru: string; kato: string | null; region: string | null;
      capacity: number | null; taken: number; waiting: number; default_funding: string;
    }>(
      `SELECT o.id, o.type, o.name_kk, o.name_ru, o.kato, ${regionName} AS region, o.capacity,
              coalesce((SELECT d.funding FROM referral_funding_defaults d WHERE d.service_type = $${params.length + 1} AND d.receiver_type = o.type), 'state_order') AS default_funding,
              (SELECT count(*)::int FROM service_episodes e WHERE e.org_id = o.id AND e.ended_on IS NULL)
                + (SELECT count(*)::int FROM referrals a WHERE a.to_org_id = o.id AND a.status = 'accepted') AS taken,
              (SELECT count(*)::int FROM referrals w WHERE w.to_org_id = o.id AND w.status = 'waitlisted') AS waiting
         FROM organizations o LEFT JOIN regions g ON g.kato = o.kato
        WHERE ${where.join(' AND ')}
        ORDER BY o.name_kk, o.id LIMIT $${params.length}`,
      [...params, filter.serviceType],
    );
    return toPage(rows, filter.limit, (r) => [r.name_kk, r.id], (r) => ({
      id: r.id, type: r.type, nameKk: r.name_kk, nameRu: r.name_ru, kato: r.kato, region: r.region, capacity: r.capacity,
      placesTaken: r.taken, freePlaces: r.capacity === null ? null : Math.max(0, r.capacity - r.taken), waitlistLength: r.waiting,
      defaultFunding: r.default_funding,
    }));
  }

  /**
   * The episode an organisation recorded from its register (EpisodeRecordsService) for a child at a
   * provider, by the register's natural key: child, provider, service type and first day.
   */
  async recordedEpisode(
    fromOrgId: string, key: { childId: string; toOrgId: string; serviceType: string; startedOn: string },
  ): Promise<RecordedEpisodeRow | null> {
    // Recorded ones are those whose history starts with a `record` event (a recorded referral may have a sent_at too).
    const rows = await this.rows<RecordedEpisodeRow>(
      `SELECT e.id AS "episodeId", r.id AS "referralId", e.funding, to_char(e.ended_on, 'YYYY-MM-DD') AS "endedOn", e.outcome, e.sessions,
              to_char((r.sent_at AT TIME ZONE 'UTC') + interval '5 hours', 'YYYY-MM-DD') AS "referredOn"
         FROM referrals r JOIN service_episodes e ON e.referral_id = r.id
        WHERE r.from_org_id = $1 AND r.child_id = $2 AND r.to_org_id = $3 AND r.service_type = $4 AND e.started_on = $5
          AND EXISTS (SELECT 1 FROM referral_events ev WHERE ev.referral_id = r.id AND ev.event = 'record' AND ev.from_status IS NULL)
        ORDER BY r.created_at LIMIT 1 FOR UPDATE OF r, e`,
      [fromOrgId, key.childId, key.toOrgId, key.serviceType, key.startedOn],
    );
    return rows[0] ?? null;
  }

  async organization(id: string): Promise<{ id: string; type: string; active: boolean } | null> {
    const rows = await this.rows<{ id: string; type: string; active: boolean }>(`SELECT id, type, active FROM organizations WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }
}

interface RecordedEpisodeRow {
  episodeId: string;
  referralId: string;
  funding: string;
  endedOn: string | null;
  outcome: string | null;
  sessions: number;
  referredOn: string | null;
}
