export { OrganizationsModule } from './organizations.module';
export { Organization } from './organization.entity';
export { OrganizationsService } from './organizations.service';
export { OrganizationsRepository } from './organizations.repository';
export type { OrganizationView } from './dto/organization.dto';
export { CreateOrganizationDto, UpdateOrganizationDto } from './dto/organization.dto';
