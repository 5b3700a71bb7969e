import { Body, Controller, Get, Headers, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor } from '@qoldau/auth';
import { Audit, Idempotent, ParseIdPipe } from '@qoldau/core';
import {
  ActivatePlacementDto, EndPlacementDto, EnrolmentDto, PlacementResult, PlacementView, ProposePlacementDto, RosterPage, RosterQuery, SupportPlanDto,
  SupportPlanHistoryView, SupportPlanReviewDto, SupportPlanView, TransferPlacementDto, TransferResult,
} from './dto/placement.dto';
import { TransitionsView } from './dto/transitions.dto';
import { EnrolmentsService } from './enrolments.service';
import { PlacementActivationService } from './placement-activation.service';
import { optionalVersion } from './optional-version';
import { PlacementsService } from './placements.service';
import { RosterService } from './roster.service';
import { SupportPlanReviewsService } from './support-plan-reviews.service';
import { SupportPlansService } from './support-plans.service';
import { TransitionsService } from './transitions/transitions.service';

@ApiTags('placements')
@ApiBearerAuth()
@Controller()
export class PlacementsController {
  constructor(
    private readonly placements: PlacementsService,
    private readonly activation: PlacementActivationService,
    private readonly plans: SupportPlansService,
    private readonly reviews: SupportPlanReviewsService,
    private readonly transitions: TransitionsService,
    private readonly roster: RosterService,
    private readonly enrolments: EnrolmentsService,
  ) {}

  @Get('placements')
  @ApiOperation({ operationId: 'listPlacements', summary: "The roster: the organisation's SEN pupils and how their placements honour the conclusion" })
  @Audit('placement.list')
  @ApiOkResponse({ type: RosterPage, description: "A school: its own organisation's placements (orgId defaults to it). A PMPC: those of children whose current conclusion it signed. 400 UNKNOWN_ORGANIZATION" })
  list(@CurrentActor() actor: Actor, @Query() query: RosterQuery) {
    return this.roster.list(actor, query);
  }

  @Post('placements/enrolments')
  @ApiOperation({ operationId: 'enrolChild', summary: "Enrol a child without a referral, on the legal representative's written application" })
  @Audit('placement.enrol')
  @Idempotent()
  @ApiCreatedResponse({
    type: PlacementResult,
    description: 'A proposal at your organisation, which now sees the case. 404 when no child has this IIN and birth date; 422 FORM_NOT_OFFERED; warnings[]',
  })
  enrol(@CurrentActor() actor: Actor, @Body() body: EnrolmentDto) {
    return this.enrolments.enrol(actor, body);
  }

  @Post('children/:id/placements')
  @ApiOperation({ summary: 'Propose a placement in a school or kindergarten' })
  @Audit('placement.create')
  @ApiCreatedResponse({
    type: PlacementResult,
    description: 'A proposal. 400 UNKNOWN_FORM, 422 PLACEMENT_ORGANIZATION_NOT_ELIGIBLE, 422 FORM_NOT_OFFERED; warnings[] FORM_DIFFERS_FROM_CONCLUSION, CONDITION_NOT_PROVIDED, NO_SIGNED_CONCLUSION',
  })
  propose(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) childId: string, @Body() body: ProposePlacementDto) {
    return this.placements.propose(actor, childId, body);
  }

  @Get('placements/:id')
  @ApiOperation({ summary: 'Open a placement' })
  @Audit('placement.read')
  @ApiOkResponse({ type: PlacementView })
  read(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string) {
    return this.placements.read(actor, id);
  }

  @Post('placements/:id/activate')
  @ApiOperation({ summary: 'Confirm a placement: the child is enrolled' })
  @HttpCode(200)
  @Audit('placement.activate')
  @ApiOkResponse({
    type: PlacementResult,
    description: 'The placing organisation gets a placement involvement. 409 ACTIVE_PLACEMENT_EXISTS, unless the placement answers a school_placement referral: then the placement elsewhere ends as transferred. The referral is completed (outcome placed)',
  })
  activate(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() body: ActivatePlacementDto) {
    return this.activation.activate(actor, id, body ?? {});
  }

  @Post('placements/:id/transfer')
  @ApiOperation({ summary: 'Transfer the child to another school or kindergarten' })
  @HttpCode(200)
  @Audit('placement.transfer')
  @ApiOkResponse({
    type: TransferResult,
    description: 'The placement ends as transferred, an active one begins at toOrgId with the support plan carried over. 422 TRANSFER_TO_SAME_ORGANIZATION, PLACEMENT_ORGANIZATION_NOT_ELIGIBLE, TRANSITION_NOT_ALLOWED (not active), ENDED_BEFORE_START',
  })
  transfer(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() body: TransferPlacementDto) {
    return this.activation.transferTo(actor, id, body);
  }

  @Post('placements/:id/end')
  @ApiOperation({ summary: 'End or cancel a placement' })
  @HttpCode(200)
  @Audit('placement.end')
  @ApiOkResponse({ type: PlacementView, description: 'Ends an active placement or cancels a proposed one' })
  end(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() body: EndPlacementDto) {
    return this.placements.end(actor, id, body);
  }

  @Put('placements/:id/support-plan')
  @ApiOperation({ operationId: 'saveSupportPlan', summary: 'Save the support plan' })
  @Audit('placement.support_plan')
  @ApiHeader({ name: 'If-Match', required: false, description: "The plan's ETag; required once the plan exists" })
  @ApiOkResponse({ type: SupportPlanView, description: '400 PLAN_REVIEW_DATE_OUT_OF_RANGE, UNKNOWN_GOAL, UNKNOWN_ORGANIZATION; every version is kept' })
  supportPlan(
    @CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Headers('if-match') ifMatch: string | undefined, @Body() body: SupportPlanDto,
  ) {
    return this.plans.put(actor, id, optionalVersion(ifMatch), body);
  }

  @Get('support-plans/:id')
  @ApiOperation({ operationId: 'getSupportPlan', summary: 'A support plan with every version and every review' })
  @Audit('support_plan.read')
  @ApiOkResponse({ type: SupportPlanHistoryView })
  readSupportPlan(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string) {
    return this.reviews.read(actor, id);
  }

  @Post('support-plans/:id/reviews')
  @ApiOperation({ operationId: 'reviewSupportPlan', summary: "Record a review: each goal's progress and the next review date" })
  @Audit('support_plan.review')
  @ApiCreatedResponse({ type: SupportPlanHistoryView, description: '400 UNKNOWN_GOAL, PLAN_REVIEW_DATE_OUT_OF_RANGE, DATE_IN_FUTURE' })
  reviewSupportPlan(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() body: SupportPlanReviewDto) {
    return this.reviews.review(actor, id, body);
  }

  @Get('children/:id/transitions')
  @ApiOperation({ operationId: 'getChildTransitions', summary: "The child's life stage and the transitions due next" })
  @Audit('child.transitions')
  @ApiOkResponse({ type: TransitionsView })
  childTransitions(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string) {
    return this.transitions.of(actor, id);
  }
}
