import { Organization } from '@qoldau/organizations';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Child } from './child.entity';

export const INVOLVEMENT_KINDS = ['registered', 'assessment', 'referral', 'placement', 'service', 'break_glass'] as const;
export type InvolvementKind = (typeof INVOLVEMENT_KINDS)[number];

/**
 * Why an organisation may see a child (DESIGN §5), from `since` until `until` (null = open-ended).
 * The source of case visibility: see libs/access/visibility.ts. Rows are ended, never deleted.
 */
@Entity('involvements')
@Index('IDX_involvements_child_org', ['childId', 'orgId'])
@Index('IDX_involvements_org_child', ['orgId', 'childId'])
// At most one open involvement per (child, organisation, kind, source): a partial unique index on an
// expression, so the migration owns it.
@Index('UQ_involvements_open', { synchronize: false })
@Index('IDX_involvements_child_org_visible', { synchronize: false })
@Index('IDX_involvements_org_child_visible', { synchronize: false })
@Check('CHK_involvements_kind', `kind IN ('registered', 'assessment', 'referral', 'placement', 'service', 'break_glass')`)
@Check('CHK_involvements_period', `until IS NULL OR until >= since`)
export class Involvement {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Column({ name: 'child_id', type: 'uuid' }) childId: string;
  @ManyToOne(() => Child, { nullable: false })
  @JoinColumn({ name: 'child_id', foreignKeyConstraintName: 'FK_involvements_child' })
  child?: Child;

  @Column({ name: 'org_id', type: 'uuid' }) orgId: string;
  @ManyToOne(() => Organization, { nullable: false })
  @JoinColumn({ name: 'org_id', foreignKeyConstraintName: 'FK_involvements_org' })
  organization?: Organization;

  @Column({ type: 'text' }) kind: InvolvementKind;
  /** The record that caused it (a referral, placement, assessment…), when there is one. */
  @Column({ name: 'source_id', type: 'uuid', nullable: true }) sourceId: string | null;

  @Column({ type: 'timestamptz' }) since: Date;
  @Column({ type: 'timestamptz', nullable: true }) until: Date | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
