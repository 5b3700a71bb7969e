import { Injectable } from '@nestjs/common';
import { decodeCursor, InvalidInputError, Page, SqlRepository, toPage } from '@qoldau/core';
import type { NotificationView } from './dto/notification.dto';

export interface NotificationMessage {
  /** What happened, `<thing>.<event>`: referral.received, referral.sla_breached, break_glass.used… */
  kind: string;
  childId?: string | null;
  referralId?: string | null;
  /** Codes, ids, statuses and dates only — never names, IINs, addresses, phone numbers or free text. */
  payload?: Record<string, unknown>;
  /**
   * Makes the call idempotent per recipient: a second call with the same key notifies nobody who was
   * already notified with it (a job that runs again, two runs at once). Omit for one-off events.
   */
  dedupeKey?: string | null;
}

interface NotificationRow {
  id: string;
  org_id: string;
  kind: string;
  child_id: string | null;
  referral_id: string | null;
  payload: Record<string, unknown>;
  created_at: Date;
  read_at: Date | null;
}

const COLUMNS = `n.id, n.org_id, n.kind, n.child_id, n.referral_id, n.payload, n.created_at, n.read_at`;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function toView(row: NotificationRow): NotificationView {
  return {
    id: row.id,
    kind: row.kind,
    orgId: row.org_id,
    childId: row.child_id,
    referralId: row.referral_id,
    payload: row.payload,
    createdAt: row.created_at.toISOString(),
    readAt: row.read_at ? row.read_at.toISOString() : null,
  };
}

/**
 * Notifications and their outbox copies. Every insert runs in the caller's transaction: a notification
 * about a change exists exactly when the change was committed.
 */
@Injectable()
export class NotificationsRepository extends SqlRepository {
  /**
   * One notification per recipient (skipping those who already have one with the same dedupe key),
   * and for each new one an outbox message keyed by the notification. Returns the users notified.
   */
  async insertFor(recipients: { sql: string; params: unknown[] }, message: NotificationMessage, at: Date): Promise<string[]> {
    const base = recipients.params.length;
    const p = (i: number) => `$${base + i}`;
    const rows = await this.rows<{ user_id: string }>(
      `WITH recipients AS (${recipients.sql}),
       created AS (
         INSERT INTO notifications (user_id, org_id, kind, child_id, referral_id, payload, dedupe_key, created_at)
         SELECT r.user_id, r.org_id, ${p(1)}, ${p(2)}::uuid, ${p(3)}::uuid, ${p(4)}::jsonb, ${p(5)}, ${p(6)}::timestamptz FROM recipients r
         ON CONFLICT (user_id, dedupe_key) DO NOTHING
         RETURNING id, user_id, kind, child_id, referral_id
       ),
       queued AS (
         INSERT INTO outbox (key, channel, recipient_user_id, kind, payload, next_attempt_at, created_at)
         SELECT 'notification:' || c.id, 'email', c.user_id, c.kind,
                jsonb_strip_nulls(jsonb_build_object('notificationId', c.id, 'childId', c.child_id, 'referralId', c.referral_id)) || ${p(4)}::jsonb,
                ${p(6)}::timestamptz, ${p(6)}::timestamptz
           FROM created c
         ON CONFLICT (key) DO NOTHING
       )
       SELECT user_id FROM created`,
      [
        ...recipients.params,
        message.kind,
        message.childId ?? null,
        message.referralId ?? null,
        JSON.stringify(message.payload ?? {}),
        message.dedupeKey ?? null,
        at,
      ],
    );
    return rows.map((r) => r.user_id);
  }

  async page(userId: string, filter: { unread?: boolean; limit: number; cursor?: string }): Promise<Page<NotificationView>> {
    const params: unknown[] = [userId];
    const where = ['n.user_id = $1'];
    if (filter.unread === true) where.push('n.read_at IS NULL');
    if (filter.unread === false) where.push('n.read_at IS NOT NULL');
    if (filter.cursor) {
      const [at, id] = decodeCursor(filter.cursor, 2);
      if (typeof at !== 'string' || !TIMESTAMP.test(at) || typeof id !== 'string' || !UUID.test(id)) {
        throw new InvalidInputError('CURSOR_INVALID', 'The cursor is not one this API issued', [{ field: 'cursor', code: 'CURSOR_INVALID', message: 'cursor is invalid' }]);
      }
      params.push(at, id);
      where.push(`(n.created_at, n.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(filter.limit + 1);
    const rows = await this.rows<NotificationRow>(
      `SELECT ${COLUMNS} FROM notifications n WHERE ${where.join(' AND ')} ORDER BY n.created_at DESC, n.id DESC LIMIT $${params.length}`,
      params,
    );
    return toPage(rows, filter.limit, (r) => [r.created_at.toISOString(), r.id], toView);
  }

  /** Marks the user's own notification read (keeping the first reading time); null when it is not theirs. */
  async markRead(userId: string, id: string, at: Date): Promise<NotificationView | null> {
    // TypeORM answers an UPDATE with [rows, count].
    const [rows] = (await this.tx.query(
      `UPDATE notifications n SET read_at = coalesce(n.read_at, $3) WHERE n.id = $1 AND n.user_id = $2 RETURNING ${COLUMNS}`,
      [id, userId, at],
    )) as [NotificationRow[], number];
    return rows[0] ? toView(rows[0]) : null;
  }

  async markAllRead(userId: string, at: Date): Promise<number> {
    return this.affected(`UPDATE notifications SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL`, [userId, at]);
  }

  async unreadCount(userId: string): Promise<number> {
    const [row] = await this.rows<{ n: number }>(`SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL`, [userId]);
    return row.n;
  }
}
