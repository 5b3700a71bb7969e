import { Organization } from '@qoldau/organizations';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Child } from './child.entity';

/**
 * One thing that happened to a child, by which organisation, in which section of the case (the
 * section decides who may see it, exactly as in the case view). Appended by every lib through
 * CaseTimeline; never changed. `counterpart_org_id` is the other party of a referral-like event, for
 * sections visible only to the organisations involved ("own org's").
 */
@Entity('timeline_entries')
@Index('IDX_timeline_entries_child', ['childId', 'at', 'id'])
export class TimelineEntry {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id: string;

  @Column({ name: 'child_id', type: 'uuid' }) childId: string;
  @ManyToOne(() => Child, { nullable: false })
  @JoinColumn({ name: 'child_id', foreignKeyConstraintName: 'FK_timeline_entries_child' })
  child?: Child;

  @Column({ type: 'timestamptz' }) at: Date;
  @Column({ type: 'text' }) section: string;
  /** What happened, e.g. child.registered, consent.withdrawn, referral.accepted. */
  @Column({ type: 'text' }) kind: string;

  @Column({ name: 'org_id', type: 'uuid', nullable: true }) orgId: string | null;
  @ManyToOne(() => Organization, { nullable: true })
  @JoinColumn({ name: 'org_id', foreignKeyConstraintName: 'FK_timeline_entries_org' })
  organization?: Organization;
  @Column({ name: 'counterpart_org_id', type: 'uuid', nullable: true }) counterpartOrgId: string | null;
  @ManyToOne(() => Organization, { nullable: true })
  @JoinColumn({ name: 'counterpart_org_id', foreignKeyConstraintName: 'FK_timeline_entries_counterpart_org' })
  counterpart?: Organization;

  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true }) actorUserId: string | null;
  /** Non-personal facts about the event (codes, ids, statuses); never names or IINs. */
  @Column({ type: 'jsonb', default: () => `'{}'` }) details: Record<string, unknown>;
}
