import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Referral } from './referral.entity';

/**
 * The history of one referral: every transition (who, for which organisation, when, from, to, why),
 * every pause and resume of its SLA clock, and the SLA job's marks. Appended, never changed.
 * `actor_user_id` is null for the system (the SLA job).
 */
@Entity('referral_events')
@Index('IDX_referral_events_referral', ['referralId', 'id'])
export class ReferralEventRow {
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'PK_referral_events' }) id: string;

  @Column({ name: 'referral_id', type: 'uuid' }) referralId: string;
  @ManyToOne(() => Referral, { nullable: false })
  @JoinColumn({ name: 'referral_id', foreignKeyConstraintName: 'FK_referral_events_referral' })
  referral?: Referral;

  @Column({ type: 'timestamptz' }) at: Date;
  /** created, send, accept, …, pause, resume, sla_due_soon, sla_breached. */
  @Column({ type: 'text' }) event: string;
  @Column({ name: 'from_status', type: 'text', nullable: true }) fromStatus: string | null;
  @Column({ name: 'to_status', type: 'text' }) toStatus: string;
  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true }) actorUserId: string | null;
  @Column({ name: 'actor_org_id', type: 'uuid', nullable: true }) actorOrgId: string | null;
  /** The reason given: decline/withdraw text, or a pause reason code. */
  @Column({ type: 'text', nullable: true }) reason: string | null;
  /** Codes, ids and dates (funding, outcome, due dates, position). */
  @Column({ type: 'jsonb', default: () => `'{}'` }) details: Record<string, unknown>;
}
