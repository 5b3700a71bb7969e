import { Organization } from '@qoldau/organizations';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Child } from './child.entity';

/** An ICD-10 diagnosis, established by an organisation on a date (health section). */
@Entity('diagnoses')
export class Diagnosis {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Index('IDX_diagnoses_child')
  @Column({ name: 'child_id', type: 'uuid' }) childId: string;
  @ManyToOne(() => Child, { nullable: false })
  @JoinColumn({ name: 'child_id', foreignKeyConstraintName: 'FK_diagnoses_child' })
  child?: Child;

  @Column({ type: 'text' }) icd10: string;
  /** The date the diagnosis was established (YYYY-MM-DD). */
  @Column({ type: 'date' }) date: string;

  @Column({ name: 'established_by_org', type: 'uuid' }) establishedByOrg: string;
  @ManyToOne(() => Organization, { nullable: false })
  @JoinColumn({ name: 'established_by_org', foreignKeyConstraintName: 'FK_diagnoses_established_by_org' })
  establishedBy?: Organization;
  @Column({ name: 'recorded_by_user', type: 'uuid' }) recordedByUser: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
