import { EducationForm, OrganizationType } from '@qoldau/reference';
import { Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/**
 * Which forms of education each placing organisation type offers (FORM_NOT_OFFERED): kindergarten forms
 * in kindergartens, `special_school` only in special schools. Seeded by the PlacementProvision migration.
 */
@Entity('organization_type_forms')
export class OrganizationTypeForm {
  @PrimaryColumn({ name: 'org_type', type: 'text', primaryKeyConstraintName: 'PK_organization_type_forms' }) orgType: string;
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_organization_type_forms' }) form: string;

  @ManyToOne(() => OrganizationType, { nullable: false })
  @JoinColumn({ name: 'org_type', referencedColumnName: 'code', foreignKeyConstraintName: 'FK_organization_type_forms_type' })
  organizationType?: OrganizationType;

  @ManyToOne(() => EducationForm, { nullable: false })
  @JoinColumn({ name: 'form', referencedColumnName: 'code', foreignKeyConstraintName: 'FK_organization_type_forms_form' })
  educationForm?: EducationForm;
}
