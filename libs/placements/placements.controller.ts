import { Body, Controller, Get, Headers, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor } from '@qoldau/auth';
import { Audit, ParseIdPipe } from '@qoldau/core';
import {
  EndPlacementDto, PlacementResult, PlacementView, ProposePlacementDto, SupportPlanDto, SupportPlanView, TransferPlacementDto, TransferResult,
} from './dto/placement.dto';
import { PlacementActivationService } from './placement-activation.service';
import { optionalVersion } from './optional-version';
import { PlacementsService } from './placements.service';
import { SupportPlansService } from './support-plans.service';

@ApiTags('placements')
@ApiBearerAuth()
@Controller()
export class PlacementsController {
  constructor(
    private readonly placements: PlacementsService,
    private readonly activation: PlacementActivationService,
    private readonly plans: SupportPlansService,
  ) {}

  @Post('children/:id/placements')
  @ApiOperation({ summary: 'Propose a placement in a school or kindergarten' })
  @Audit('placement.create')
  @ApiCreatedResponse({ type: PlacementResult, description: 'A proposal. 400 UNKNOWN_FORM, 422 PLACEMENT_ORGANIZATION_NOT_ELIGIBLE; warnings[] FORM_DIFFERS_FROM_CONCLUSION' })
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
  activate(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string) {
    return this.activation.activate(actor, id);
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
  @ApiOkResponse({ type: SupportPlanView })
  supportPlan(
    @CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Headers('if-match') ifMatch: string | undefined, @Body() body: SupportPlanDto,
  ) {
    return this.plans.put(actor, id, optionalVersion(ifMatch), body);
  }
}
