import { User } from '@qoldau/auth';
import { Child } from '@qoldau/children';
import { Organization } from '@qoldau/organizations';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { GoalProgress, PlanGoal, PlanService, ResponsibleStaff } from '../dto/placement.dto';
import { SupportPlan } from './support-plan.entity';

/** Every version of a support plan, whole, appended in the transaction that wrote it. Never updated. */
@Entity('support_plan_versions')
@Index('UQ_support_plan_versions_version', ['planId', 'version'], { unique: true })
@Check('CHK_support_plan_versions_change', `change IN ('created', 'updated', 'reviewed')`)
export class SupportPlanVersion {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Column({ name: 'plan_id', type: 'uuid' }) planId: string;
  @ManyToOne(() => SupportPlan, { nullable: false })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'FK_support_plan_versions_plan' })
  plan?: SupportPlan;

  @Column({ type: 'int' }) version: number;
  /** created, updated (a PUT) or reviewed (a review set the next review date). */
  @Column({ type: 'text' }) change: string;
  @Column({ type: 'jsonb' }) goals: PlanGoal[];
  @Column({ type: 'jsonb' }) services: PlanService[];
  @Column({ name: 'responsible_staff', type: 'jsonb' }) responsibleStaff: ResponsibleStaff[];
  @Column({ name: 'review_date', type: 'date' }) reviewDate: string;
  @Column({ name: 'changed_at', type: 'timestamptz' }) changedAt: Date;

  /** Null only for versions copied in by the migration that introduced this table. */
  @Column({ name: 'changed_by', type: 'uuid', nullable: true }) changedBy: string | null;
  @ManyToOne(() => User, { nullable: true })
  @JoinColumn({ name: 'changed_by', foreignKeyConstraintName: 'FK_support_plan_versions_changed_by' })
  changer?: User;
}

/** A review of a support plan: progress per goal of the version reviewed, and the next review date. */
@Entity('support_plan_reviews')
@Index('IDX_support_plan_reviews_plan', ['planId', 'reviewedOn'])
@Check('CHK_support_plan_reviews_next', `next_review_date > reviewed_on`)
export class SupportPlanReview {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Column({ name: 'plan_id', type: 'uuid' }) planId: string;
  @ManyToOne(() => SupportPlan, { nullable: false })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'FK_support_plan_reviews_plan' })
  plan?: SupportPlan;

  @Column({ name: 'plan_version', type: 'int' }) planVersion: number;
  @Column({ name: 'reviewed_on', type: 'date' }) reviewedOn: string;
  @Column({ type: 'jsonb' }) goals: GoalProgress[];
  @Column({ name: 'next_review_date', type: 'date' }) nextReviewDate: string;

  @Column({ name: 'recorded_by', type: 'uuid' }) recordedBy: string;
  @ManyToOne(() => User, { nullable: false })
  @JoinColumn({ name: 'recorded_by', foreignKeyConstraintName: 'FK_support_plan_reviews_recorded_by' })
  recorder?: User;

  @Column({ name: 'recorded_at', type: 'timestamptz' }) recordedAt: Date;
}

/** An item the daily transitions job put into an organisation's worklist (libs/placements/transitions). */
@Entity('transition_items')
@Index('UQ_transition_items_item', ['orgId', 'childId', 'kind', 'dueOn'], { unique: true })
@Index('IDX_transition_items_open', ['orgId', 'kind', 'dueOn'], { where: 'resolved_on IS NULL' })
@Check('CHK_transition_items_kind', `kind IN ('school_entry_due', 'grade_9_or_11_finish', 'conclusion_review_due', 'plan_review_due')`)
export class TransitionItem {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Column({ name: 'org_id', type: 'uuid' }) orgId: string;
  @ManyToOne(() => Organization, { nullable: false })
  @JoinColumn({ name: 'org_id', foreignKeyConstraintName: 'FK_transition_items_org' })
  organization?: Organization;

  @Column({ name: 'child_id', type: 'uuid' }) childId: string;
  @ManyToOne(() => Child, { nullable: false })
  @JoinColumn({ name: 'child_id', foreignKeyConstraintName: 'FK_transition_items_child' })
  child?: Child;

  @Column({ type: 'text' }) kind: string;
  @Column({ name: 'due_on', type: 'date' }) dueOn: string;
  /** The placement, conclusion or plan the item is about, when there is one. */
  @Column({ name: 'subject_id', type: 'uuid', nullable: true }) subjectId: string | null;
  @Column({ name: 'first_seen_on', type: 'date' }) firstSeenOn: string;
  @Column({ name: 'last_seen_on', type: 'date' }) lastSeenOn: string;
  @Column({ name: 'resolved_on', type: 'date', nullable: true }) resolvedOn: string | null;
}
