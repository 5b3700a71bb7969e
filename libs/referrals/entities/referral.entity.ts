import { Child } from '@qoldau/children';
import { Organization } from '@qoldau/organizations';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { ServiceTypeRow } from './service-type.entity';

/**
 * A referral of a child from one organisation to another for a service (DESIGN §3, §4). Its status
 * changes only through the state machine (referral-transitions.ts), each change under the row's lock
 * and recorded in referral_events. `sla_*` describe the working-day deadline running now (respond
 * while sent, start while accepted): `sla_due_at` is null while no clock runs or while it is paused.
 */
@Entity('referrals')
@Check('CHK_referrals_status', `status IN ('draft', 'sent', 'accepted', 'declined', 'waitlisted', 'in_progress', 'completed', 'withdrawn')`)
@Check('CHK_referrals_priority', `priority IN ('normal', 'urgent')`)
@Check('CHK_referrals_funding', `funding IN ('state_order', 'paid', 'other')`)
@Check('CHK_referrals_sla_phase', `sla_phase IS NULL OR sla_phase IN ('respond', 'start')`)
@Check('CHK_referrals_parties', `from_org_id <> to_org_id`)
@Index('IDX_referrals_status', { synchronize: false })
@Index('IDX_referrals_to_org_sla_due', { synchronize: false })
@Index('IDX_referrals_from_org_sla_due', { synchronize: false })
@Index('IDX_referrals_child', ['childId'])
@Index('IDX_referrals_from_org', ['fromOrgId', 'createdAt', 'id'])
@Index('IDX_referrals_to_org', ['toOrgId', 'status', 'createdAt', 'id'])
@Index('IDX_referrals_to_org_status_due', ['toOrgId', 'status', 'slaDueAt'])
@Index('IDX_referrals_sla_due', ['slaDueAt'])
export class Referral {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_referrals' }) id: string;

  @Column({ name: 'child_id', type: 'uuid' }) childId: string;
  @ManyToOne(() => Child, { nullable: false })
  @JoinColumn({ name: 'child_id', foreignKeyConstraintName: 'FK_referrals_child' })
  child?: Child;

  @Column({ name: 'from_org_id', type: 'uuid' }) fromOrgId: string;
  @ManyToOne(() => Organization, { nullable: false })
  @JoinColumn({ name: 'from_org_id', foreignKeyConstraintName: 'FK_referrals_from_org' })
  fromOrg?: Organization;

  @Column({ name: 'to_org_id', type: 'uuid' }) toOrgId: string;
  @ManyToOne(() => Organization, { nullable: false })
  @JoinColumn({ name: 'to_org_id', foreignKeyConstraintName: 'FK_referrals_to_org' })
  toOrg?: Organization;

  @Column({ name: 'service_type', type: 'text' }) serviceType: string;
  @ManyToOne(() => ServiceTypeRow, { nullable: false })
  @JoinColumn({ name: 'service_type', referencedColumnName: 'code', foreignKeyConstraintName: 'FK_referrals_service_type' })
  serviceTypeRef?: ServiceTypeRow;

  @Column({ type: 'text' }) reason: string;
  @Column({ type: 'text', default: 'normal' }) priority: string;
  @Column({ type: 'text' }) status: string;
  /** The funding asked for; the episode's funding is decided when the service starts. */
  @Column({ type: 'text', default: 'state_order' }) funding: string;
  /** The signed PMPC conclusion behind the referral, when there is one. */
  @Column({ name: 'assessment_id', type: 'uuid', nullable: true }) assessmentId: string | null;

  @Column({ name: 'created_by_user', type: 'uuid' }) createdByUser: string;
  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true }) sentAt: Date | null;
  @Column({ name: 'responded_at', type: 'timestamptz', nullable: true }) respondedAt: Date | null;
  @Column({ name: 'decline_reason', type: 'text', nullable: true }) declineReason: string | null;
  @Column({ name: 'withdraw_reason', type: 'text', nullable: true }) withdrawReason: string | null;
  /** When it reached a terminal status (declined, withdrawn, completed). */
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt: Date | null;

  @Column({ name: 'sla_phase', type: 'text', nullable: true }) slaPhase: string | null;
  @Column({ name: 'sla_started_at', type: 'timestamptz', nullable: true }) slaStartedAt: Date | null;
  @Column({ name: 'sla_due_at', type: 'timestamptz', nullable: true }) slaDueAt: Date | null;
  /** The due instant the receiver was last warned about (one working day before it). */
  @Column({ name: 'sla_warned_due', type: 'timestamptz', nullable: true }) slaWarnedDue: Date | null;
  /** Set by the SLA job when the running deadline passed; cleared when the next phase starts. */
  @Column({ name: 'overdue_at', type: 'timestamptz', nullable: true }) overdueAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
  @VersionColumn({ type: 'int', default: 1 }) version: number;
}
