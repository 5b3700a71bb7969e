import { Injectable } from '@nestjs/common';
import { SqlRepository } from '@qoldau/core';
import type { OutboxEnvelope } from './outbox-sender';

interface ClaimedRow {
  id: string;
  key: string;
  channel: string;
  recipient_user_id: string;
  kind: string;
  payload: Record<string, unknown>;
  attempts: number;
}

export interface ClaimedMessage extends OutboxEnvelope {
  id: string;
}

@Injectable()
export class OutboxRepository extends SqlRepository {
  /**
   * Claims up to `limit` messages due at `now` — pending ones, and `sending` ones whose claim lapsed
   * (a worker died mid-delivery) — for `leaseMs`. SKIP LOCKED: two workers never claim one message.
   */
  async claim(now: Date, leaseMs: number, limit: number): Promise<ClaimedMessage[]> {
    // TypeORM answers an UPDATE with [rows, count].
    const [rows] = (await this.tx.query(
      `UPDATE outbox o SET status = 'sending', attempts = o.attempts + 1, claimed_until = $2
        WHERE o.id IN (
          SELECT id FROM outbox
           WHERE (status = 'pending' AND next_attempt_at <= $1) OR (status = 'sending' AND claimed_until <= $1)
           ORDER BY next_attempt_at, id
           LIMIT $3
           FOR UPDATE SKIP LOCKED)
        RETURNING o.id, o.key, o.channel, o.recipient_user_id, o.kind, o.payload, o.attempts`,
      [now, new Date(now.getTime() + leaseMs), limit],
    )) as [ClaimedRow[], number];
    return rows.map((r) => ({
      id: r.id, key: r.key, channel: r.channel, recipientUserId: r.recipient_user_id, kind: r.kind, payload: r.payload, attempt: r.attempts,
    }));
  }

  /** Only a message still claimed by this attempt is marked: a lapsed claim taken over elsewhere is left alone. */
  async markSent(id: string, attempt: number, at: Date): Promise<void> {
    await this.affected(
      `UPDATE outbox SET status = 'sent', sent_at = $3, claimed_until = NULL, last_error = NULL WHERE id = $1 AND status = 'sending' AND attempts = $2`,
      [id, attempt, at],
    );
  }

  async markFailed(id: string, attempt: number, error: string, retryAt: Date | null): Promise<void> {
    await this.affected(
      `UPDATE outbox SET status = CASE WHEN $4::timestamptz IS NULL THEN 'failed' ELSE 'pending' END,
                         next_attempt_at = coalesce($4::timestamptz, next_attempt_at), claimed_until = NULL, last_error = $3
        WHERE id = $1 AND status = 'sending' AND attempts = $2`,
      [id, attempt, error, retryAt],
    );
  }
}
