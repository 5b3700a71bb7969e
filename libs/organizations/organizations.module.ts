import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '@qoldau/auth';
import { MeController, MeService } from './me.controller';
import { Organization } from './organization.entity';
import { OrganizationsController } from './organizations.controller';
import { OrganizationsRepository } from './organizations.repository';
import { OrganizationsService } from './organizations.service';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

/** The organisation directory, user administration and GET /me. */
@Module({
  imports: [TypeOrmModule.forFeature([Organization]), AuthModule],
  controllers: [OrganizationsController, UsersController, MeController],
  providers: [OrganizationsRepository, OrganizationsService, UsersRepository, UsersService, MeService],
  exports: [OrganizationsRepository, OrganizationsService],
})
export class OrganizationsModule {}
