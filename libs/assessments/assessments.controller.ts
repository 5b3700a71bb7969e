import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor } from '@qoldau/auth';
import { Audit, IfMatch, ParseIdPipe } from '@qoldau/core';
import { AssessmentsService } from './assessments.service';
import { ConclusionService } from './conclusion/conclusion.service';
import { AssessmentDraftDto, AssessmentView, ConclusionQuery, ConfirmationDto } from './dto/assessment.dto';
import { SigningService } from './signing.service';

@ApiTags('assessments')
@ApiBearerAuth()
@Controller()
export class AssessmentsController {
  constructor(
    private readonly assessments: AssessmentsService,
    private readonly signing: SigningService,
    private readonly conclusions: ConclusionService,
  ) {}

  @Post('children/:id/assessments')
  @ApiOperation({ summary: 'Start a PMPC assessment' })
  @Audit('assessment.create')
  @ApiCreatedResponse({ type: AssessmentView, description: 'A draft; the PMPC gets an assessment involvement. 422 CONSENT_REQUIRED, 409 ASSESSMENT_DRAFT_EXISTS' })
  open(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) childId: string, @Body() body: AssessmentDraftDto) {
    return this.assessments.open(actor, childId, body);
  }

  @Get('assessments/:id')
  @ApiOperation({ summary: 'Open an assessment' })
  @Audit('assessment.read')
  @ApiOkResponse({ type: AssessmentView })
  read(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string) {
    return this.assessments.read(actor, id);
  }

  @Patch('assessments/:id')
  @ApiOperation({ summary: 'Change a draft assessment' })
  @Audit('assessment.update')
  @ApiHeader({ name: 'If-Match', required: true, description: 'ETag of the version being changed' })
  @ApiOkResponse({ type: AssessmentView, description: '422 ASSESSMENT_SIGNED once signed' })
  update(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @IfMatch() version: number, @Body() body: AssessmentDraftDto) {
    return this.assessments.update(actor, id, version, body);
  }

  @Post('assessments/:id/confirmations')
  @ApiOperation({ summary: 'Confirm my findings as a commission member' })
  @Audit('assessment.confirm')
  @ApiCreatedResponse({ type: AssessmentView, description: "The caller's findings recorded and confirmed (a listed specialist only)" })
  confirm(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() body: ConfirmationDto) {
    return this.signing.confirm(actor, id, body.findings);
  }

  @Post('assessments/:id/sign')
  @ApiOperation({ summary: 'Sign the conclusion' })
  @HttpCode(200)
  @Audit('assessment.sign')
  @ApiHeader({ name: 'If-Match', required: false, description: 'ETag of the version the head read: 412 VERSION_CONFLICT if the draft has changed since' })
  @ApiOkResponse({ type: AssessmentView, description: '422 ASSESSMENT_INCOMPLETE, CONFIRMATIONS_MISSING, CONSENT_REQUIRED or TRANSITION_NOT_ALLOWED' })
  sign(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @IfMatch({ optional: true }) version?: number) {
    return this.signing.sign(actor, id, version);
  }

  @Get('assessments/:id/conclusion.pdf')
  @ApiOperation({ operationId: 'downloadConclusionPdf', summary: 'Download the conclusion as PDF' })
  @Audit('assessment.conclusion_pdf')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' }, description: 'The printable conclusion in Kazakh (default) or Russian' })
  async conclusion(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Query() query: ConclusionQuery) {
    const file = await this.conclusions.pdf(actor, id, query.lang ?? 'kk');
    return new StreamableFile(file.content, { type: 'application/pdf', disposition: `attachment; filename="${file.fileName}"`, length: file.content.length });
  }
}
