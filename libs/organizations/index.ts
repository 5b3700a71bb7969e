export { OrganizationsModule } from './organizations.module';
export { Organization } from './organization.entity';
