import { Organization } from '@qoldau/organizations';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';

/**
 * One case record per child (DESIGN §3). A child without an IIN (newborn, foreign) is registered with
 * `iin_pending` and gets the IIN later. A merged duplicate stays as a tombstone (`status = 'merged'`,
 * `merged_into` the survivor); nothing is ever deleted.
 */
@Entity('children')
@Unique('UQ_children_iin', ['iin'])
@Check('CHK_children_status', `status IN ('open', 'closed', 'merged')`)
@Check('CHK_children_sex', `sex IN ('male', 'female')`)
@Check('CHK_children_iin_pending', `status = 'merged' OR (iin IS NULL) = iin_pending`)
@Check('CHK_children_merged_into', `(status = 'merged') = (merged_into IS NOT NULL)`)
// Name search (pg_trgm) and IIN prefix search; their operator classes are not something TypeORM can
// describe, so the migration owns them and the drift check ignores them.
// The summary report's region filter (migration ReportIndexes).
@Index('IDX_children_region', { synchronize: false })
@Index('IDX_children_search_key', { synchronize: false })
@Index('IDX_children_iin_prefix', { synchronize: false })
export class Child {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Column({ type: 'text', nullable: true }) iin: string | null;
  @Column({ name: 'iin_pending', type: 'boolean', default: false }) iinPending: boolean;

  @Column({ name: 'last_name', type: 'text' }) lastName: string;
  @Column({ name: 'first_name', type: 'text' }) firstName: string;
  @Column({ type: 'text', nullable: true }) patronymic: string | null;
  /** searchKey(last, first, patronymic): see search/search-key.ts. */
  @Column({ name: 'search_key', type: 'text' }) searchKey: string;

  @Index('IDX_children_birth_date')
  @Column({ name: 'birth_date', type: 'date' }) birthDate: string;
  @Column({ type: 'text' }) sex: string;
  /** KATO of where the child lives: a region, district or settlement code. */
  @Index('IDX_children_kato')
  @Column({ type: 'text' }) kato: string;
  @Column({ type: 'text', nullable: true }) address: string | null;

  @Column({ type: 'text', default: 'open' }) status: string;
  @Column({ name: 'closed_reason', type: 'text', nullable: true }) closedReason: string | null;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt: Date | null;

  @Column({ name: 'merged_into', type: 'uuid', nullable: true }) mergedInto: string | null;
  @ManyToOne(() => Child, { nullable: true })
  @JoinColumn({ name: 'merged_into', foreignKeyConstraintName: 'FK_children_merged_into' })
  survivor?: Child;
  @Column({ name: 'merged_at', type: 'timestamptz', nullable: true }) mergedAt: Date | null;

  @Column({ name: 'registered_at', type: 'timestamptz' }) registeredAt: Date;
  @Column({ name: 'registered_by_org', type: 'uuid' }) registeredByOrg: string;
  @ManyToOne(() => Organization, { nullable: false })
  @JoinColumn({ name: 'registered_by_org', foreignKeyConstraintName: 'FK_children_registered_by_org' })
  registeredBy?: Organization;
  @Column({ name: 'registered_by_user', type: 'uuid' }) registeredByUser: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
  @VersionColumn({ type: 'int', default: 1 }) version: number;
}
