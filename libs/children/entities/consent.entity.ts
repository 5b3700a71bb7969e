import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Child } from './child.entity';
import { Guardian } from './guardian.entity';

/**
 * A consent given by a legal representative. Never deleted and never edited except to record its
 * withdrawal; it is active while granted, not expired and not withdrawn (per the Clock).
 */
@Entity('consents')
@Check('CHK_consents_kind', `kind IN ('assessment', 'data_sharing', 'services')`)
@Index('IDX_consents_expiring', { synchronize: false })
@Check('CHK_consents_sector', `(kind = 'data_sharing') = (sector IS NOT NULL) AND (sector IS NULL OR sector IN ('education', 'health', 'social'))`)
export class Consent {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Index('IDX_consents_child')
  @Column({ name: 'child_id', type: 'uuid' }) childId: string;
  @ManyToOne(() => Child, { nullable: false })
  @JoinColumn({ name: 'child_id', foreignKeyConstraintName: 'FK_consents_child' })
  child?: Child;

  @Column({ name: 'guardian_id', type: 'uuid' }) guardianId: string;
  @ManyToOne(() => Guardian, { nullable: false })
  @JoinColumn({ name: 'guardian_id', foreignKeyConstraintName: 'FK_consents_guardian' })
  guardian?: Guardian;

  @Column({ type: 'text' }) kind: string;
  /** For data_sharing: the sector the case is shared with. */
  @Column({ type: 'text', nullable: true }) sector: string | null;

  @Column({ name: 'granted_at', type: 'timestamptz' }) grantedAt: Date;
  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true }) expiresAt: Date | null;
  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true }) withdrawnAt: Date | null;

  @Column({ name: 'recorded_by_org', type: 'uuid' }) recordedByOrg: string;
  @Column({ name: 'recorded_by_user', type: 'uuid' }) recordedByUser: string;
  @Column({ name: 'withdrawn_by_user', type: 'uuid', nullable: true }) withdrawnByUser: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
