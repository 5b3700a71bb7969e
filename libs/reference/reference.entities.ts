import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Labels in the three languages of the product; the API picks one by Accept-Language. */
abstract class Labelled {
  @Column({ name: 'name_kk', type: 'text' }) nameKk: string;
  @Column({ name: 'name_ru', type: 'text' }) nameRu: string;
  @Column({ name: 'name_en', type: 'text' }) nameEn: string;
}

@Entity('regions')
export class Region extends Labelled {
  /** KATO code of the region or city of republican significance. */
  @PrimaryColumn({ type: 'text' }) kato: string;
}

export const SECTORS = ['education', 'health', 'social'] as const;
export type Sector = (typeof SECTORS)[number];

@Entity('organization_types')
export class OrganizationType extends Labelled {
  @PrimaryColumn({ type: 'text' }) code: string;
  @Column({ type: 'text' }) sector: Sector;
  /** One of the six specialised types counted in the national figure of 537. */
  @Column({ type: 'boolean' }) specialised: boolean;
  @Column({ name: 'sort_order', type: 'int' }) sortOrder: number;
}

@Entity('sen_categories')
export class SenCategory extends Labelled {
  @PrimaryColumn({ type: 'text' }) code: string;
  /** Groups degrees of one category (intellectual_mild/moderate/severe → intellectual). */
  @Column({ name: 'group_code', type: 'text' }) groupCode: string;
  @Column({ name: 'sort_order', type: 'int' }) sortOrder: number;
}

@Entity('education_forms')
export class EducationForm extends Labelled {
  @PrimaryColumn({ type: 'text' }) code: string;
  /** Where the form applies: school, kindergarten, or early (before kindergarten). */
  @Column({ type: 'text' }) level: string;
  @Column({ name: 'sort_order', type: 'int' }) sortOrder: number;
}

@Entity('special_conditions')
export class SpecialCondition extends Labelled {
  @PrimaryColumn({ type: 'text' }) code: string;
  @Column({ name: 'sort_order', type: 'int' }) sortOrder: number;
}

export const HOLIDAY_KINDS = ['holiday', 'day_off', 'working_day'] as const;

/**
 * The working-day calendar's exceptions: public holidays, days off moved by government decree, and
 * weekend days made working by the same decrees. Admin-editable; SLAs count on it.
 */
@Entity('holidays')
export class Holiday extends Labelled {
  @PrimaryColumn({ type: 'date' }) date: string;
  @Column({ type: 'text' }) kind: (typeof HOLIDAY_KINDS)[number];
}

/**
 * ICD-10 codes to pick a diagnosis from (the categories that bring a child to a PMPC, not the whole
 * classification): searched by code or by name in any of the three languages.
 */
@Entity('icd10_codes')
export class Icd10Code extends Labelled {
  @PrimaryColumn({ type: 'text' }) code: string;
}

export const REFERENCE_ENTITIES = [Region, OrganizationType, SenCategory, EducationForm, SpecialCondition, Holiday, Icd10Code];
