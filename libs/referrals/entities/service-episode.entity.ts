import { Child } from '@qoldau/children';
import { Organization } from '@qoldau/organizations';
import {
  Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn,
} from 'typeorm';
import { Referral } from './referral.entity';

/**
 * The service delivered on an accepted referral: created by `start`, sessions logged against it,
 * closed by `complete` with an outcome. Active (ended_on IS NULL) episodes take the receiving
 * organisation's places (capacity, and state-order places when state-order funded).
 */
@Entity('service_episodes')
@Check('CHK_service_episodes_funding', `funding IN ('state_order', 'paid', 'other')`)
@Check('CHK_service_episodes_outcome', `outcome IS NULL OR outcome IN ('goals_met', 'goals_partly_met', 'goals_not_met', 'discontinued', 'placed')`)
@Check('CHK_service_episodes_period', `ended_on IS NULL OR ended_on >= started_on`)
@Check('CHK_service_episodes_ended', `(ended_on IS NULL) = (outcome IS NULL)`)
@Index('IDX_service_episodes_state_order_between', { synchronize: false })
@Index('IDX_service_episodes_org_active', ['orgId', 'endedOn', 'funding'])
@Index('IDX_service_episodes_child', ['childId'])
// One episode per referral: `start` runs once.
@Index('UQ_service_episodes_referral', ['referralId'], { unique: true })
export class ServiceEpisode {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_service_episodes' }) id: string;

  @Column({ name: 'referral_id', type: 'uuid' }) referralId: string;
  @ManyToOne(() => Referral, { nullable: false })
  @JoinColumn({ name: 'referral_id', foreignKeyConstraintName: 'FK_service_episodes_referral' })
  referral?: Referral;

  @Column({ name: 'child_id', type: 'uuid' }) childId: string;
  @ManyToOne(() => Child, { nullable: false })
  @JoinColumn({ name: 'child_id', foreignKeyConstraintName: 'FK_service_episodes_child' })
  child?: Child;

  @Column({ name: 'org_id', type: 'uuid' }) orgId: string;
  @ManyToOne(() => Organization, { nullable: false })
  @JoinColumn({ name: 'org_id', foreignKeyConstraintName: 'FK_service_episodes_org' })
  organization?: Organization;

  @Column({ type: 'text' }) funding: string;
  @Column({ name: 'started_on', type: 'date' }) startedOn: string;
  @Column({ name: 'ended_on', type: 'date', nullable: true }) endedOn: string | null;
  /** Sessions logged, and of those attended (kept with the sessions under the episode's lock). */
  @Column({ type: 'int', default: 0 }) sessions: number;
  @Column({ name: 'attended_sessions', type: 'int', default: 0 }) attendedSessions: number;
  @Column({ type: 'text', nullable: true }) outcome: string | null;
  @Column({ name: 'outcome_summary', type: 'text', nullable: true }) outcomeSummary: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
  @VersionColumn({ type: 'int', default: 1 }) version: number;
}
