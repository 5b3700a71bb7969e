export { ReferenceModule } from './reference.module';
export { ReferenceService } from './reference.service';
export { Region, OrganizationType, SenCategory, EducationForm, SpecialCondition, Holiday, Icd10Code, SECTORS, HOLIDAY_KINDS } from './reference.entities';
export type { Sector } from './reference.entities';
