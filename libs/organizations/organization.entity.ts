import { OrganizationType, Region } from '@qoldau/reference';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';

/**
 * An organisation of any type in DESIGN §1. Its sector comes from its type (organization_types), so it
 * cannot disagree with it. Mainstream schools and kindergartens carry support rooms and SEN conditions.
 */
@Entity('organizations')
@Check('CHK_organizations_capacity', 'capacity IS NULL OR capacity >= 0')
@Check('CHK_organizations_state_order', 'state_order_places IS NULL OR state_order_places >= 0')
@Check('CHK_organizations_support_rooms', 'support_rooms >= 0')
@Check('CHK_organizations_region', `(type = 'ministry') = (kato IS NULL)`)
export class Organization {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Index('IDX_organizations_type')
  @Column({ type: 'text' }) type: string;
  @ManyToOne(() => OrganizationType, { nullable: false })
  @JoinColumn({ name: 'type', referencedColumnName: 'code', foreignKeyConstraintName: 'FK_organizations_type' })
  typeRef?: OrganizationType;

  @Column({ name: 'name_kk', type: 'text' }) nameKk: string;
  @Column({ name: 'name_ru', type: 'text' }) nameRu: string;

  @Index('IDX_organizations_kato')
  /** The region; null only for the national ministry. */
  @Column({ type: 'text', nullable: true }) kato: string | null;
  @ManyToOne(() => Region, { nullable: true })
  @JoinColumn({ name: 'kato', referencedColumnName: 'kato', foreignKeyConstraintName: 'FK_organizations_region' })
  region?: Region;

  @Column({ name: 'parent_id', type: 'uuid', nullable: true }) parentId: string | null;
  @ManyToOne(() => Organization, { nullable: true })
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'FK_organizations_parent' })
  parent?: Organization;

  /** Children served at once (active service episodes); null = not limited. */
  @Column({ type: 'int', nullable: true }) capacity: number | null;
  /** Places funded by the state order; null = none. */
  @Column({ name: 'state_order_places', type: 'int', nullable: true }) stateOrderPlaces: number | null;
  @Column({ name: 'support_rooms', type: 'int', default: 0 }) supportRooms: number;
  @Column({ name: 'sen_conditions', type: 'boolean', default: false }) senConditions: boolean;
  @Column({ name: 'sen_conditions_since', type: 'date', nullable: true }) senConditionsSince: string | null;

  @Column({ name: 'external_id', type: 'text', nullable: true, unique: true }) externalId: string | null;
  @Column({ type: 'boolean', default: true }) active: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
  @VersionColumn({ type: 'int', default: 1 }) version: number;
}
