import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * In-app notifications and the outbox (issue 9). Notifications are per user and carry codes and ids
 * only; each one queues an outbox message (e-mail/SMS) in the same transaction, delivered after commit
 * by the `notifications.outbox` job with retries. Constraint names are the entities' own.
 */
export class Notifications1795580700000 implements MigrationInterface {
  name = 'Notifications1795580700000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notifications (
        id          uuid        NOT NULL DEFAULT gen_random_uuid(),
        user_id     uuid        NOT NULL,
        org_id      uuid,
        kind        text        NOT NULL,
        child_id    uuid,
        referral_id uuid,
        payload     jsonb       NOT NULL DEFAULT '{}',
        dedupe_key  text,
        created_at  timestamptz NOT NULL,
        read_at     timestamptz,
        CONSTRAINT "PK_notifications" PRIMARY KEY (id),
        CONSTRAINT "FK_notifications_user" FOREIGN KEY (user_id) REFERENCES users(id),
        CONSTRAINT "FK_notifications_org" FOREIGN KEY (org_id) REFERENCES organizations(id)
      )`);
    // A user's list, newest first.
    await q.query(`CREATE INDEX "IDX_notifications_user" ON notifications (user_id, created_at, id)`);
    // Idempotent notifying: one notification per user and dedupe key (NULL keys never collide).
    await q.query(`CREATE UNIQUE INDEX "UQ_notifications_user_dedupe" ON notifications (user_id, dedupe_key)`);

    await q.query(`
      CREATE TABLE outbox (
        id                uuid        NOT NULL DEFAULT gen_random_uuid(),
        key               text        NOT NULL,
        channel           text        NOT NULL,
        recipient_user_id uuid        NOT NULL,
        kind              text        NOT NULL,
        payload           jsonb       NOT NULL DEFAULT '{}',
        status            text        NOT NULL DEFAULT 'pending',
        attempts          integer     NOT NULL DEFAULT 0,
        next_attempt_at   timestamptz NOT NULL,
        claimed_until     timestamptz,
        last_error        text,
        created_at        timestamptz NOT NULL,
        sent_at           timestamptz,
        CONSTRAINT "PK_outbox" PRIMARY KEY (id),
        CONSTRAINT "CHK_outbox_channel" CHECK (channel IN ('email', 'sms')),
        CONSTRAINT "CHK_outbox_status" CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
        CONSTRAINT "FK_outbox_recipient_user" FOREIGN KEY (recipient_user_id) REFERENCES users(id)
      )`);
    // The message key is the provider's idempotency key: one row per message, ever.
    await q.query(`CREATE UNIQUE INDEX "UQ_outbox_key" ON outbox (key)`);
    // The delivery job's scan: due pending messages and lapsed claims.
    await q.query(`CREATE INDEX "IDX_outbox_due" ON outbox (status, next_attempt_at)`);
  }

  public async down(): Promise<void> {
    throw new Error('Qoldau migrations are forward-only; restore from backup to go back.');
  }
}
