import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn, Check } from 'typeorm';
import { Child } from './child.entity';

/** A legal representative of a child. Ending one keeps the row (and the consents it gave). */
@Entity('guardians')
@Check('CHK_guardians_relation', `relation IN ('mother', 'father', 'guardian', 'trustee', 'foster_parent', 'grandparent', 'other')`)
export class Guardian {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Index('IDX_guardians_child')
  @Column({ name: 'child_id', type: 'uuid' }) childId: string;
  @ManyToOne(() => Child, { nullable: false })
  @JoinColumn({ name: 'child_id', foreignKeyConstraintName: 'FK_guardians_child' })
  child?: Child;

  @Column({ type: 'text', nullable: true }) iin: string | null;
  @Column({ name: 'full_name', type: 'text' }) fullName: string;
  @Column({ type: 'text' }) relation: string;
  @Column({ type: 'text', nullable: true }) phone: string | null;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true }) endedAt: Date | null;
  @Column({ name: 'end_reason', type: 'text', nullable: true }) endReason: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
  @VersionColumn({ type: 'int', default: 1 }) version: number;
}
