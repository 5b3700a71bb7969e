import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The services a referral may ask for (issue 9), labelled in the three languages, with the
 * organisation types that provide each: a referral goes only to an organisation whose type provides
 * the service. Seeded by the Referrals migration.
 */
@Entity('service_types')
export class ServiceTypeRow {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_service_types' }) code: string;
  @Column({ name: 'name_kk', type: 'text' }) nameKk: string;
  @Column({ name: 'name_ru', type: 'text' }) nameRu: string;
  @Column({ name: 'name_en', type: 'text' }) nameEn: string;
  /** organization_types codes. */
  @Column({ name: 'provider_types', type: 'text', array: true }) providerTypes: string[];
  @Column({ name: 'sort_order', type: 'int' }) sortOrder: number;
}
