import { Injectable } from '@nestjs/common';
import type { ScopeFilter } from '@qoldau/access';
import { decodeCursor, Page, SqlRepository, toPage } from '@qoldau/core';
import type { AccessLogEntry, BreakGlassView } from './dto';

/** The region (KATO of the region or city) a child belongs to, from its possibly finer KATO. */
const CHILD_REGION = `(left(c.kato, 2) || '0000000')`;
/** A use as auditors see it: joined to the child's region and the names its reason must not show. */
const USES = `FROM break_glass_uses b JOIN organizations o ON o.id = b.org_id JOIN children c ON c.id = b.child_id`;
const USE_COLUMNS = `b.*, o.kato AS org_kato, ${CHILD_REGION} AS child_region, c.last_name, c.first_name, c.patronymic`;

interface BreakGlassRow {
  id: string;
  child_id: string;
  user_id: string;
  org_id: string;
  reason: string;
  opened_at: Date;
  expires_at: Date;
  notified_org_ids: string[];
  verdict: string | null;
  review_comment: string | null;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  version: number;
}

export interface AuditedUse {
  view: BreakGlassView;
  /** Regions whose auditors oversee this use: the child's, and that of the organisation that used it. */
  regions: string[];
  childNames: (string | null)[];
}

const toView = (r: BreakGlassRow): BreakGlassView => ({
  id: r.id, childId: r.child_id, userId: r.user_id, orgId: r.org_id, reason: r.reason, openedAt: r.opened_at.toISOString(),
  expiresAt: r.expires_at.toISOString(), notifiedOrgIds: r.notified_org_ids, verdict: r.verdict, reviewComment: r.review_comment,
  reviewedBy: r.reviewed_by, reviewedAt: r.reviewed_at?.toISOString() ?? null, version: r.version,
});

type AuditedRow = BreakGlassRow & { org_kato: string | null; child_region: string | null; last_name: string; first_name: string; patronymic: string | null };

const toAudited = (r: AuditedRow): AuditedUse => ({
  view: toView(r),
  regions: [r.child_region, r.org_kato].filter((kato): kato is string => kato !== null),
  childNames: [r.last_name, r.first_name, r.patronymic],
});

/** SQL for break-glass uses and the guardian-facing access log. */
@Injectable()
export class OversightRepository extends SqlRepository {
  /** The child with this exact IIN, whoever it is visible to (break-glass is how the invisible is reached). */
  async childIdByIin(iin: string): Promise<string | null> {
    const rows = await this.rows<{ id: string }>(`SELECT id FROM children WHERE iin = $1 AND status <> 'merged'`, [iin]);
    return rows[0]?.id ?? null;
  }

  /** Organisations with an active involvement now, other than `exceptOrgId`. */
  async involvedOrganizations(childId: string, exceptOrgId: string, now: Date): Promise<string[]> {
    const rows = await this.rows<{ org_id: string }>(
      `SELECT DISTINCT org_id FROM involvements
        WHERE child_id = $1 AND org_id <> $2 AND since <= $3 AND (until IS NULL OR until > $3) ORDER BY org_id`,
      [childId, exceptOrgId, now],
    );
    return rows.map((r) => r.org_id);
  }

  async insertUse(use: { childId: string; userId: string; orgId: string; reason: string; openedAt: Date; expiresAt: Date; notifiedOrgIds: string[] }): Promise<BreakGlassView> {
    const [row] = await this.rows<BreakGlassRow>(
      `INSERT INTO break_glass_uses (child_id, user_id, org_id, reason, opened_at, expires_at, notified_org_ids)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
      [use.childId, use.userId, use.orgId, use.reason, use.openedAt, use.expiresAt, use.notifiedOrgIds],
    );
    return toView(row);
  }

  /** A use with the regions whose auditors oversee it (the auditor's scope key) and the child's names. */
  async findUse(id: string, options: { lock?: boolean } = {}): Promise<AuditedUse | null> {
    const rows = await this.rows<AuditedRow>(`SELECT ${USE_COLUMNS} ${USES} WHERE b.id = $1${options.lock ? ' FOR UPDATE OF b' : ''}`, [id]);
    return rows[0] ? toAudited(rows[0]) : null;
  }

  async review(id: string, review: { verdict: string; comment: string; reviewedBy: string; reviewedAt: Date }): Promise<void> {
    await this.affected(
      `UPDATE break_glass_uses SET verdict = $2, review_comment = $3, reviewed_by = $4, reviewed_at = $5, version = version + 1 WHERE id = $1`,
      [id, review.verdict, review.comment, review.reviewedBy, review.reviewedAt],
    );
  }

  /**
   * Uses within the auditor's scope — on a child of its region or by an organisation of its region —
   * newest first; `olderThan` keeps only those opened before it.
   */
  async listUses(scope: ScopeFilter, filter: { reviewed?: boolean; olderThan?: Date; limit: number; cursor?: string }): Promise<Page<AuditedUse> & { total: number }> {
    const params: unknown[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const where: string[] = [];
    if (!scope.all) where.push(scope.regionKato ? `(${CHILD_REGION} = ${p(scope.regionKato)} OR o.kato = $${params.length})` : 'false');
    if (filter.reviewed !== undefined) where.push(filter.reviewed ? 'b.reviewed_at IS NOT NULL' : 'b.reviewed_at IS NULL');
    if (filter.olderThan) where.push(`b.opened_at < ${p(filter.olderThan)}`);
    const base = `${USES} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
    const [{ total }] = await this.rows<{ total: number }>(`SELECT count(*)::int AS total ${base}`, [...params]);
    if (filter.cursor) {
      const [openedAt, id] = decodeCursor(filter.cursor, 2);
      where.push(`(b.opened_at, b.id) < (${p(openedAt)}::timestamptz, ${p(id)}::uuid)`);
    }
    const rows = await this.rows<AuditedRow>(
      `SELECT ${USE_COLUMNS} ${USES} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY b.opened_at DESC, b.id DESC LIMIT ${p(filter.limit + 1)}`,
      params,
    );
    return { ...toPage(rows, filter.limit, (r) => [r.opened_at.toISOString(), r.id], toAudited), total };
  }

  /** Merge step: the break-glass history follows the child to the surviving record. */
  async moveChild(fromChildId: string, toChildId: string): Promise<void> {
    await this.affected(`UPDATE break_glass_uses SET child_id = $2 WHERE child_id = $1`, [fromChildId, toChildId]);
  }

  /**
   * Which organisations read or changed the case (including records merged into it), when and why — from the audit trail, organisations
   * only (never the persons), allowed acts only.
   */
  async accessLog(childId: string, limit: number, cursor?: string): Promise<Page<AccessLogEntry>> {
    const params: unknown[] = [childId];
    let after = '';
    if (cursor) {
      params.push(decodeCursor(cursor, 1)[0]);
      after = `AND e.id < $${params.length}::bigint`;
    }
    params.push(limit + 1);
    const rows = await this.rows<{ id: string; at: Date; org_id: string | null; name_kk: string | null; name_ru: string | null; action: string; reason: string | null; is_read: boolean }>(
      `SELECT e.id, e.at, e.actor_org_id AS org_id, o.name_kk, o.name_ru, e.action, e.reason, e.operation = 'read' AS is_read
         FROM audit_events e LEFT JOIN organizations o ON o.id = e.actor_org_id
        WHERE e.child_id IN (SELECT $1::uuid UNION ALL SELECT id FROM children WHERE merged_into = $1)
          AND e.outcome = 'allowed' ${after}
        ORDER BY e.id DESC LIMIT $${params.length}`,
      params,
    );
    return toPage(rows, limit, (r) => [r.id], (r) => ({
      at: r.at.toISOString(),
      organizationId: r.org_id,
      organizationNameKk: r.name_kk,
      organizationNameRu: r.name_ru,
      kind: r.action === 'child.break_glass' ? 'break_glass' : r.is_read ? 'read' : 'change',
      action: r.action,
      reason: r.action === 'child.break_glass' ? r.reason : null,
    }));
  }
}
