import { User } from '@qoldau/auth';
import { Child } from '@qoldau/children';
import { Organization } from '@qoldau/organizations';
import { EducationForm } from '@qoldau/reference';
import {
  Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn,
} from 'typeorm';
import type { Recommendations } from '../assessment.vocabulary';

/**
 * A PMPC assessment of one child and, once signed, its conclusion (DESIGN §3, §4). Drafts are edited by
 * the PMPC that opened them; a signed conclusion never changes again and becomes `superseded` when a
 * newer one of the same child is signed (both links kept). Nothing is deleted.
 *
 * SEN categories and special conditions are arrays of reference codes (sen_categories,
 * special_conditions), checked by the service: PostgreSQL cannot reference array elements.
 */
@Entity('assessments')
@Index('IDX_assessments_signed_at', { synchronize: false })
@Index('IDX_assessments_child', ['childId'])
// At most one current (signed) conclusion per child, and one draft per child and PMPC.
@Index('UQ_assessments_current', ['childId'], { unique: true, where: `status = 'signed'` })
@Index('UQ_assessments_draft', ['childId', 'pmpcOrgId'], { unique: true, where: `status = 'draft'` })
// Reviews due: a PMPC's signed conclusions by review date (AssessmentReviews).
@Index('IDX_assessments_reviews', ['pmpcOrgId', 'reviewDate', 'id'], { where: `status = 'signed'` })
@Check('CHK_assessments_status', `status IN ('draft', 'signed', 'superseded')`)
@Check('CHK_assessments_programme', `programme IS NULL OR programme IN ('general', 'adapted', 'special', 'individual')`)
@Check('CHK_assessments_no_sen', `NOT (no_sen AND cardinality(sen_categories) > 0)`)
@Check('CHK_assessments_signed', `(status = 'draft') = (signed_at IS NULL) AND (signed_at IS NULL) = (signed_by IS NULL)`)
@Check('CHK_assessments_superseded', `(status = 'superseded') = (superseded_at IS NOT NULL)`)
export class Assessment {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Column({ name: 'child_id', type: 'uuid' }) childId: string;
  @ManyToOne(() => Child, { nullable: false })
  @JoinColumn({ name: 'child_id', foreignKeyConstraintName: 'FK_assessments_child' })
  child?: Child;

  @Column({ name: 'pmpc_org_id', type: 'uuid' }) pmpcOrgId: string;
  @ManyToOne(() => Organization, { nullable: false })
  @JoinColumn({ name: 'pmpc_org_id', foreignKeyConstraintName: 'FK_assessments_pmpc_org' })
  pmpc?: Organization;

  @Column({ type: 'text', default: 'draft' }) status: string;

  /** The explicit "no special educational needs" outcome; excludes categories. */
  @Column({ name: 'no_sen', type: 'boolean', default: false }) noSen: boolean;
  @Column({ name: 'sen_categories', type: 'text', array: true, default: () => "'{}'" }) senCategories: string[];
  @Column({ type: 'text', nullable: true }) programme: string | null;

  @Column({ name: 'form_of_education', type: 'text', nullable: true }) formOfEducation: string | null;
  @ManyToOne(() => EducationForm, { nullable: true })
  @JoinColumn({ name: 'form_of_education', referencedColumnName: 'code', foreignKeyConstraintName: 'FK_assessments_form_of_education' })
  form?: EducationForm;

  @Column({ name: 'special_conditions', type: 'text', array: true, default: () => "'{}'" }) specialConditions: string[];
  /** Free text per receiving sector: {education, health, social}. */
  @Column({ type: 'jsonb', default: () => `'{}'` }) recommendations: Partial<Recommendations>;
  /** The commission's protocol notes: PMPC-only (the redactor strips them for every other sector). */
  @Column({ name: 'protocol_notes', type: 'text', nullable: true }) protocolNotes: string | null;
  @Column({ name: 'review_date', type: 'date', nullable: true }) reviewDate: string | null;

  @Column({ name: 'opened_at', type: 'timestamptz' }) openedAt: Date;
  @Column({ name: 'opened_by', type: 'uuid' }) openedBy: string;
  @ManyToOne(() => User, { nullable: false })
  @JoinColumn({ name: 'opened_by', foreignKeyConstraintName: 'FK_assessments_opened_by' })
  opener?: User;

  @Column({ name: 'signed_at', type: 'timestamptz', nullable: true }) signedAt: Date | null;
  @Column({ name: 'signed_by', type: 'uuid', nullable: true }) signedBy: string | null;
  @ManyToOne(() => User, { nullable: true })
  @JoinColumn({ name: 'signed_by', foreignKeyConstraintName: 'FK_assessments_signed_by' })
  signer?: User;

  /** The conclusion this one replaced when it was signed. */
  @Column({ name: 'supersedes_id', type: 'uuid', nullable: true }) supersedesId: string | null;
  @ManyToOne(() => Assessment, { nullable: true })
  @JoinColumn({ name: 'supersedes_id', foreignKeyConstraintName: 'FK_assessments_supersedes' })
  supersedes?: Assessment;

  /** The conclusion that replaced this one. */
  @Column({ name: 'superseded_by_id', type: 'uuid', nullable: true }) supersededById: string | null;
  @ManyToOne(() => Assessment, { nullable: true })
  @JoinColumn({ name: 'superseded_by_id', foreignKeyConstraintName: 'FK_assessments_superseded_by' })
  supersededBy?: Assessment;
  @Column({ name: 'superseded_at', type: 'timestamptz', nullable: true }) supersededAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
  @VersionColumn({ type: 'int', default: 1 }) version: number;
}
