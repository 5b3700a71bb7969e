import { Organization } from '@qoldau/organizations';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Child } from './child.entity';

/**
 * Disability status as established by social protection (or health). Append-only: each record replaces
 * the previous one as "current", and the history stays for the timeline and the audit.
 */
@Entity('disabilities')
@Index('IDX_disabilities_child', ['childId', 'recordedAt'])
@Check('CHK_disabilities_status', `status IN ('under_review', 'established', 'not_established', 'ended')`)
export class Disability {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Column({ name: 'child_id', type: 'uuid' }) childId: string;
  @ManyToOne(() => Child, { nullable: false })
  @JoinColumn({ name: 'child_id', foreignKeyConstraintName: 'FK_disabilities_child' })
  child?: Child;

  @Column({ type: 'text' }) status: string;
  @Column({ name: 'established_on', type: 'date', nullable: true }) establishedOn: string | null;
  @Column({ name: 'review_on', type: 'date', nullable: true }) reviewOn: string | null;
  @Column({ name: 'certificate_no', type: 'text', nullable: true }) certificateNo: string | null;

  @Column({ name: 'recorded_at', type: 'timestamptz' }) recordedAt: Date;
  @Column({ name: 'recorded_by_org', type: 'uuid' }) recordedByOrg: string;
  @ManyToOne(() => Organization, { nullable: false })
  @JoinColumn({ name: 'recorded_by_org', foreignKeyConstraintName: 'FK_disabilities_recorded_by_org' })
  recordedBy?: Organization;
  @Column({ name: 'recorded_by_user', type: 'uuid' }) recordedByUser: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
