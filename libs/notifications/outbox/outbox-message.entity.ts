import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

export const OUTBOX_CHANNELS = ['email', 'sms'] as const;
export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/**
 * A message to deliver outside the system (e-mail, SMS), written in the same transaction as the event
 * that caused it (the transactional outbox) and delivered later by the `notifications.outbox` job.
 * `key` is unique: the same message is never queued twice, and it is handed to the sender as the
 * provider's idempotency key, so a redelivery after a crash cannot reach a person twice.
 */
@Entity('outbox')
@Check('CHK_outbox_channel', `channel IN ('email', 'sms')`)
@Check('CHK_outbox_status', `status IN ('pending', 'sending', 'sent', 'failed')`)
@Index('IDX_outbox_due', ['status', 'nextAttemptAt'])
export class OutboxMessage {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_outbox' }) id: string;

  @Index('UQ_outbox_key', { unique: true })
  @Column({ type: 'text' }) key: string;

  @Column({ type: 'text' }) channel: string;
  @Column({ name: 'recipient_user_id', type: 'uuid' }) recipientUserId: string;
  @ManyToOne('User', { nullable: false })
  @JoinColumn({ name: 'recipient_user_id', foreignKeyConstraintName: 'FK_outbox_recipient_user' })
  recipient?: unknown;

  @Column({ type: 'text' }) kind: string;
  /** Codes and ids only, as the notification's; the sender renders the text in the user's language. */
  @Column({ type: 'jsonb', default: () => `'{}'` }) payload: Record<string, unknown>;

  @Column({ type: 'text', default: 'pending' }) status: OutboxStatus;
  @Column({ type: 'int', default: 0 }) attempts: number;
  @Column({ name: 'next_attempt_at', type: 'timestamptz' }) nextAttemptAt: Date;
  /** While `sending`: the claim's lease; a claim whose worker died is taken again after it. */
  @Column({ name: 'claimed_until', type: 'timestamptz', nullable: true }) claimedUntil: Date | null;
  /** The sender's error class and code, never its message body (it may quote the recipient). */
  @Column({ name: 'last_error', type: 'text', nullable: true }) lastError: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true }) sentAt: Date | null;
}
