import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor } from '@qoldau/auth';
import { IfMatch, ParseIdPipe } from '@qoldau/core';
import { CreateOrganizationDto, OrganizationPage, OrganizationQuery, OrganizationView, UpdateOrganizationDto } from './dto/organization.dto';
import { OrganizationsService } from './organizations.service';

@ApiTags('organizations')
@ApiBearerAuth()
@Controller('organizations')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Get()
  @ApiOperation({ summary: 'List organisations' })
  @ApiOkResponse({ type: OrganizationPage })
  list(@CurrentActor() actor: Actor, @Query() query: OrganizationQuery) {
    return this.organizations.list(actor, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Show an organisation' })
  @ApiOkResponse({ type: OrganizationView })
  get(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string) {
    return this.organizations.get(actor, id);
  }

  @Post()
  @ApiOperation({ summary: 'Add an organisation' })
  @ApiCreatedResponse({ type: OrganizationView })
  create(@CurrentActor() actor: Actor, @Body() body: CreateOrganizationDto) {
    return this.organizations.create(actor, body);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change an organisation' })
  @ApiHeader({ name: 'If-Match', required: true, description: 'ETag of the version being changed' })
  @ApiOkResponse({ type: OrganizationView })
  update(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @IfMatch() version: number, @Body() body: UpdateOrganizationDto) {
    return this.organizations.update(actor, id, version, body);
  }
}
