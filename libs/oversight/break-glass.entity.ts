import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';

/**
 * One emergency opening of a case by someone not involved with it (DESIGN §5 break-glass): who, why,
 * for how long, whom it was told to, and an auditor's verdict. Never deleted.
 */
@Entity('break_glass_uses')
@Check('CHK_break_glass_verdict', `verdict IS NULL OR verdict IN ('justified', 'unjustified')`)
@Index('IDX_break_glass_unreviewed', ['openedAt'], { where: 'reviewed_at IS NULL' })
export class BreakGlassUse {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_break_glass_uses' }) id: string;
  @Column({ name: 'child_id', type: 'uuid' }) childId: string;
  @ManyToOne('Child', { nullable: false })
  @JoinColumn({ name: 'child_id', foreignKeyConstraintName: 'FK_break_glass_child' })
  child?: unknown;
  @Column({ name: 'user_id', type: 'uuid' }) userId: string;
  @ManyToOne('User', { nullable: false })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_break_glass_user' })
  user?: unknown;
  @Column({ name: 'org_id', type: 'uuid' }) orgId: string;
  @ManyToOne('Organization', { nullable: false })
  @JoinColumn({ name: 'org_id', foreignKeyConstraintName: 'FK_break_glass_organization' })
  organization?: unknown;
  @Column({ type: 'text' }) reason: string;
  @Column({ name: 'opened_at', type: 'timestamptz' }) openedAt: Date;
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt: Date;
  /** Organisations already involved with the case when it was opened; each was notified. */
  @Column({ name: 'notified_org_ids', type: 'uuid', array: true, default: () => "'{}'" }) notifiedOrgIds: string[];
  @Column({ name: 'reviewed_by', type: 'uuid', nullable: true }) reviewedBy: string | null;
  @Column({ name: 'reviewed_at', type: 'timestamptz', nullable: true }) reviewedAt: Date | null;
  @Column({ type: 'text', nullable: true }) verdict: 'justified' | 'unjustified' | null;
  @Column({ name: 'review_comment', type: 'text', nullable: true }) reviewComment: string | null;
  @VersionColumn({ type: 'int', default: 1 }) version: number;
}
