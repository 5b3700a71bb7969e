import { Assessment } from '@qoldau/assessments';
import { User } from '@qoldau/auth';
import { Child } from '@qoldau/children';
import { Organization } from '@qoldau/organizations';
import { Referral } from '@qoldau/referrals';
import { EducationForm } from '@qoldau/reference';
import {
  Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn,
} from 'typeorm';

/**
 * A child's placement in a school or kindergarten (DESIGN §3, §4): proposed, then active, then ended
 * with a reason. Nothing is deleted; an ended placement is the child's history.
 */
@Entity('placements')
@Index('IDX_placements_active_between', { synchronize: false })
// The roster's placements of one organisation by status (migration RosterIndex, INCLUDE columns).
@Index('IDX_placements_org_status', { synchronize: false })
@Index('IDX_placements_child', ['childId'])
// One active placement per child: the backstop behind activation's row lock on the child.
@Index('UQ_placements_active', ['childId'], { unique: true, where: `status = 'active'` })
// An organisation's active placements in activation order (the worklist's bucket read it until migration 1795585300000).
@Index('IDX_placements_org_active', ['orgId', 'activatedAt', 'id'], { where: `status = 'active'` })
// The worklist's "active placements without a support plan" of one organisation (migration 1795585300000).
@Index('IDX_placements_org_awaiting_plan', { synchronize: false })
@Check('CHK_placements_status', `status IN ('proposed', 'active', 'ended')`)
@Check('CHK_placements_activated', `(status = 'proposed') = (activated_at IS NULL) OR status = 'ended'`)
@Check('CHK_placements_ended', `(status = 'ended') = (ended_at IS NOT NULL)`)
@Check('CHK_placements_ended_as', `(status = 'ended') = (ended_as IS NOT NULL) AND (ended_as IS NULL OR ended_as IN ('ended', 'cancelled', 'transferred'))`)
// A placement has at most one successor by transfer.
@Index('UQ_placements_transferred_from', ['transferredFromId'], { unique: true, where: `transferred_from_id IS NOT NULL` })
@Check('CHK_placements_dates', `ended_on IS NULL OR started_on IS NULL OR activated_at IS NULL OR ended_on >= started_on`)
export class Placement {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Column({ name: 'child_id', type: 'uuid' }) childId: string;
  @ManyToOne(() => Child, { nullable: false })
  @JoinColumn({ name: 'child_id', foreignKeyConstraintName: 'FK_placements_child' })
  child?: Child;

  /** The placing school or kindergarten. */
  @Column({ name: 'org_id', type: 'uuid' }) orgId: string;
  @ManyToOne(() => Organization, { nullable: false })
  @JoinColumn({ name: 'org_id', foreignKeyConstraintName: 'FK_placements_org' })
  organization?: Organization;

  @Column({ type: 'text', default: 'proposed' }) status: string;

  @Column({ type: 'text' }) form: string;
  @ManyToOne(() => EducationForm, { nullable: false })
  @JoinColumn({ name: 'form', referencedColumnName: 'code', foreignKeyConstraintName: 'FK_placements_form' })
  educationForm?: EducationForm;

  @Column({ name: 'class_label', type: 'text', nullable: true }) classLabel: string | null;
  @Column({ name: 'uses_support_room', type: 'boolean', default: false }) usesSupportRoom: boolean;
  /** The special conditions (reference `special_conditions`) the placement provides: tutor, assistant… */
  @Column({ name: 'provided_conditions', type: 'text', array: true, default: () => "'{}'" }) providedConditions: string[];
  @Column({ name: 'started_on', type: 'date', nullable: true }) startedOn: string | null;
  @Column({ name: 'ended_on', type: 'date', nullable: true }) endedOn: string | null;
  @Column({ name: 'end_reason', type: 'text', nullable: true }) endReason: string | null;
  /** How it ended (PLACEMENT_END_KINDS): ended, cancelled before it started, or transferred to another school. */
  @Column({ name: 'ended_as', type: 'text', nullable: true }) endedAs: string | null;

  /** The placement at the previous school that a transfer ended, for a placement that a transfer began. */
  @Column({ name: 'transferred_from_id', type: 'uuid', nullable: true }) transferredFromId: string | null;
  @ManyToOne(() => Placement, { nullable: true })
  @JoinColumn({ name: 'transferred_from_id', foreignKeyConstraintName: 'FK_placements_transferred_from' })
  transferredFrom?: Placement;

  /** The accepted `school_placement` referral this placement answers; activating it completes the referral (`placed`). */
  @Column({ name: 'referral_id', type: 'uuid', nullable: true }) referralId: string | null;
  @ManyToOne(() => Referral, { nullable: true })
  @JoinColumn({ name: 'referral_id', foreignKeyConstraintName: 'FK_placements_referral' })
  referral?: Referral;

  /** The child's current conclusion when the placement was proposed, if there was one. */
  @Column({ name: 'assessment_id', type: 'uuid', nullable: true }) assessmentId: string | null;
  @ManyToOne(() => Assessment, { nullable: true })
  @JoinColumn({ name: 'assessment_id', foreignKeyConstraintName: 'FK_placements_assessment' })
  assessment?: Assessment;

  /** An enrolment without a referral: the day of the legal representative's written application, and its number. */
  @Column({ name: 'application_date', type: 'date', nullable: true }) applicationDate: string | null;
  @Column({ name: 'application_document', type: 'text', nullable: true }) applicationDocument: string | null;

  @Column({ name: 'proposed_at', type: 'timestamptz' }) proposedAt: Date;
  @Column({ name: 'proposed_by', type: 'uuid' }) proposedBy: string;
  @ManyToOne(() => User, { nullable: false })
  @JoinColumn({ name: 'proposed_by', foreignKeyConstraintName: 'FK_placements_proposed_by' })
  proposer?: User;

  @Column({ name: 'activated_at', type: 'timestamptz', nullable: true }) activatedAt: Date | null;
  /** Whether the placement has a support plan: kept by a trigger on support_plans, never written by the app. */
  @Column({ name: 'has_support_plan', type: 'boolean', default: false, insert: false, update: false }) hasSupportPlan: boolean;
  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true }) endedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
  @VersionColumn({ type: 'int', default: 1 }) version: number;
}
