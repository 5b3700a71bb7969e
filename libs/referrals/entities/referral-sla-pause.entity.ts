import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Referral } from './referral.entity';

/**
 * A stretch during which a referral's SLA clock stood still (child ill, family away, guardian not
 * reachable). Counted in whole Almaty days: the day of the pause does not count, the day of the
 * resume does (sla/working-days.ts). At most one open pause per referral (a partial unique index the
 * migration owns).
 */
@Entity('referral_sla_pauses')
@Check('CHK_referral_sla_pauses_reason', `reason IN ('child_ill', 'family_away', 'guardian_unreachable')`)
@Check('CHK_referral_sla_pauses_phase', `phase IN ('respond', 'start')`)
@Check('CHK_referral_sla_pauses_period', `resumed_at IS NULL OR resumed_at >= paused_at`)
@Index('IDX_referral_sla_pauses_referral', ['referralId', 'phase'])
@Index('UQ_referral_sla_pauses_open', { synchronize: false })
export class ReferralSlaPause {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_referral_sla_pauses' }) id: string;

  @Column({ name: 'referral_id', type: 'uuid' }) referralId: string;
  @ManyToOne(() => Referral, { nullable: false })
  @JoinColumn({ name: 'referral_id', foreignKeyConstraintName: 'FK_referral_sla_pauses_referral' })
  referral?: Referral;

  @Column({ type: 'text' }) phase: string;
  @Column({ type: 'text' }) reason: string;
  @Column({ name: 'paused_at', type: 'timestamptz' }) pausedAt: Date;
  @Column({ name: 'paused_by', type: 'uuid' }) pausedBy: string;
  @Column({ name: 'resumed_at', type: 'timestamptz', nullable: true }) resumedAt: Date | null;
  /** Null when the pause ended because the referral moved on (accepted, declined…) rather than by a resume. */
  @Column({ name: 'resumed_by', type: 'uuid', nullable: true }) resumedBy: string | null;
}
