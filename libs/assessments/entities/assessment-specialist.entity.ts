import { User } from '@qoldau/auth';
import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Assessment } from './assessment.entity';

/**
 * A member of the commission present at an assessment (a user of the same PMPC), with their own
 * findings and when they confirmed them. The head signs only when every member has confirmed.
 */
@Entity('assessment_specialists')
@Check('CHK_assessment_specialists_specialty', `specialty IN ('psychologist', 'speech_therapist', 'special_teacher', 'doctor', 'social_pedagogue')`)
@Check('CHK_assessment_specialists_confirmed', `confirmed_at IS NULL OR findings IS NOT NULL`)
export class AssessmentSpecialist {
  @PrimaryColumn({ name: 'assessment_id', type: 'uuid' }) assessmentId: string;
  @ManyToOne(() => Assessment, { nullable: false })
  @JoinColumn({ name: 'assessment_id', foreignKeyConstraintName: 'FK_assessment_specialists_assessment' })
  assessment?: Assessment;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' }) userId: string;
  @ManyToOne(() => User, { nullable: false })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_assessment_specialists_user' })
  user?: User;

  @Column({ type: 'text' }) specialty: string;
  /** Order in which the commission is listed (and printed). */
  @Column({ type: 'int' }) position: number;
  /** The member's own findings: part of the PMPC-only protocol. */
  @Column({ type: 'text', nullable: true }) findings: string | null;
  @Column({ name: 'confirmed_at', type: 'timestamptz', nullable: true }) confirmedAt: Date | null;
}
