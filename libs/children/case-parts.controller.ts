import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Audit } from '@qoldau/audit';
import { type Actor, CurrentActor } from '@qoldau/auth';
import { IfMatch, ParseIdPipe } from '@qoldau/core';
import { ConsentsService } from './consents/consents.service';
import { ConsentView, CreateConsentDto } from './dto/consent.dto';
import { GuardianInput, GuardianView, UpdateGuardianDto } from './dto/guardian.dto';
import { CreateDiagnosisDto, DiagnosisView, DisabilityView, RecordDisabilityDto } from './dto/health.dto';
import { TimelinePage, TimelineQuery } from './dto/timeline.dto';
import { GuardiansService } from './guardians/guardians.service';
import { HealthService } from './health/health.service';
import { TimelineService } from './timeline/timeline.service';

class DisabilityRecordView {
  @ApiProperty({ type: DisabilityView, nullable: true }) current: DisabilityView | null;
  @ApiProperty({ type: [DisabilityView], description: 'Newest first' }) history: DisabilityView[];
}

/** The parts of a case: guardians, consents, diagnoses, disability and the timeline. */
@ApiTags('children')
@ApiBearerAuth()
@Controller('children/:id')
export class CasePartsController {
  constructor(
    private readonly guardians: GuardiansService,
    private readonly consents: ConsentsService,
    private readonly health: HealthService,
    private readonly timeline: TimelineService,
  ) {}

  @Get('guardians')
  @ApiOperation({ summary: 'List legal representatives' })
  @Audit('child.guardians.list')
  @ApiOkResponse({ type: [GuardianView], description: 'Current and ended legal representatives' })
  listGuardians(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string) {
    return this.guardians.list(actor, id);
  }

  @Post('guardians')
  @ApiOperation({ summary: 'Add a legal representative' })
  @Audit('child.guardian.add')
  @ApiCreatedResponse({ type: GuardianView })
  addGuardian(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() body: GuardianInput) {
    return this.guardians.add(actor, id, body);
  }

  @Patch('guardians/:guardianId')
  @ApiOperation({ summary: "Change a legal representative's details" })
  @Audit('child.guardian.update')
  @ApiHeader({ name: 'If-Match', required: true, description: "ETag of the guardian's version" })
  @ApiOkResponse({ type: GuardianView })
  updateGuardian(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: string,
    @Param('guardianId', ParseIdPipe) guardianId: string,
    @IfMatch() version: number,
    @Body() body: UpdateGuardianDto,
  ) {
    return this.guardians.update(actor, id, guardianId, version, body);
  }

  @Delete('guardians/:guardianId')
  @ApiOperation({ summary: 'End a legal representation' })
  @Audit('child.guardian.end')
  @ApiOkResponse({ type: GuardianView, description: 'Ends the representation; the record and its consents stay' })
  endGuardian(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Param('guardianId', ParseIdPipe) guardianId: string) {
    return this.guardians.end(actor, id, guardianId);
  }

  @Get('consents')
  @ApiOperation({ summary: 'List consents' })
  @Audit('child.consents.list')
  @ApiOkResponse({ type: [ConsentView] })
  listConsents(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string) {
    return this.consents.list(actor, id);
  }

  @Post('consents')
  @ApiOperation({ summary: 'Record a consent' })
  @Audit('child.consent.grant')
  @ApiCreatedResponse({ type: ConsentView })
  grantConsent(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() body: CreateConsentDto) {
    return this.consents.grant(actor, id, body);
  }

  @Get('diagnoses')
  @ApiOperation({ summary: 'List diagnoses' })
  @Audit('child.diagnoses.list')
  @ApiOkResponse({ type: [DiagnosisView] })
  listDiagnoses(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string) {
    return this.health.diagnoses(actor, id);
  }

  @Post('diagnoses')
  @ApiOperation({ summary: 'Add a diagnosis' })
  @Audit('child.diagnosis.add')
  @ApiCreatedResponse({ type: DiagnosisView })
  addDiagnosis(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() body: CreateDiagnosisDto) {
    return this.health.addDiagnosis(actor, id, body);
  }

  @Get('disability')
  @ApiOperation({ operationId: 'getDisability', summary: 'Show the disability record' })
  @Audit('child.disability.read')
  @ApiOkResponse({ type: DisabilityRecordView })
  disability(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string) {
    return this.health.disability(actor, id);
  }

  @Put('disability')
  @ApiOperation({ summary: 'Record the disability status' })
  @Audit('child.disability.record')
  @ApiOkResponse({ type: DisabilityRecordView })
  recordDisability(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() body: RecordDisabilityDto) {
    return this.health.recordDisability(actor, id, body);
  }

  @Get('timeline')
  @ApiOperation({ operationId: 'getTimeline', summary: "Show the case's timeline" })
  @Audit('child.timeline')
  @ApiOkResponse({ type: TimelinePage })
  timelineOf(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Query() query: TimelineQuery) {
    return this.timeline.list(actor, id, query);
  }
}

@ApiTags('children')
@ApiBearerAuth()
@Controller('consents')
export class ConsentsController {
  constructor(private readonly consents: ConsentsService) {}

  @Post(':id/withdraw')
  @ApiOperation({ summary: 'Withdraw a consent' })
  @HttpCode(200)
  @Audit('consent.withdraw')
  @ApiOkResponse({ type: ConsentView, description: 'Takes effect at once; withdrawing again changes nothing' })
  withdraw(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string) {
    return this.consents.withdraw(actor, id);
  }
}
