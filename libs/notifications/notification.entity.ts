import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An in-app notification for one user. `payload` holds codes and ids only (never names, IINs or free
 * text), so a notification can be shown, listed and copied to the outbox without leaking case content.
 * Related records are named, not imported: this lib sits just right of auth so that any lib (access'
 * break-glass included) may notify without an import cycle.
 */
@Entity('notifications')
@Index('IDX_notifications_user', ['userId', 'createdAt', 'id'])
// One notification per (user, dedupe key): a job that runs again, or two runs at once, notify once.
@Index('UQ_notifications_user_dedupe', ['userId', 'dedupeKey'], { unique: true })
export class Notification {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_notifications' }) id: string;

  @Column({ name: 'user_id', type: 'uuid' }) userId: string;
  @ManyToOne('User', { nullable: false })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_notifications_user' })
  user?: unknown;

  /** The organisation of the user when notified (null for the national admin, who has none). */
  @Column({ name: 'org_id', type: 'uuid', nullable: true }) orgId: string | null;
  @ManyToOne('Organization', { nullable: true })
  @JoinColumn({ name: 'org_id', foreignKeyConstraintName: 'FK_notifications_org' })
  organization?: unknown;

  /** What happened, `<thing>.<event>`: referral.received, referral.sla_breached, break_glass.used… */
  @Column({ type: 'text' }) kind: string;
  /** No foreign keys to case records: a notification outlives a merge and says what it said. */
  @Column({ name: 'child_id', type: 'uuid', nullable: true }) childId: string | null;
  @Column({ name: 'referral_id', type: 'uuid', nullable: true }) referralId: string | null;
  @Column({ type: 'jsonb', default: () => `'{}'` }) payload: Record<string, unknown>;
  @Column({ name: 'dedupe_key', type: 'text', nullable: true }) dedupeKey: string | null;

  /** The Clock's instant, so tests that move time see notifications in their order. */
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'read_at', type: 'timestamptz', nullable: true }) readAt: Date | null;
}
