import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor } from '@qoldau/auth';
import { Audit, Idempotent, NoAudit, ParseIdPipe, pickLocale } from '@qoldau/core';
import {
  CompleteServiceDto, CreateReferralDto, DeclineReferralDto, PauseSlaDto, ProviderPage, ProviderQuery, ReferralEventList, ReferralPage, ReferralQuery, ReferralView,
  ServiceTypeView, StartServiceDto, WithdrawReferralDto,
} from './dto/referral.dto';
import { ReferralResponsesService } from './referral-responses.service';
import { ReferralsService } from './referrals.service';
import { ServiceDeliveryService } from './service-delivery.service';
import { SlaPausesService } from './sla/sla-pauses.service';

/** Referrals: create, read, and one route per transition of the state machine. */
@ApiTags('referrals')
@ApiBearerAuth()
@Controller('referrals')
export class ReferralsController {
  constructor(
    private readonly referrals: ReferralsService,
    private readonly responses: ReferralResponsesService,
    private readonly pauses: SlaPausesService,
    private readonly delivery: ServiceDeliveryService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Create a referral' })
  @Idempotent()
  @Audit('referral.create')
  @ApiCreatedResponse({ type: ReferralView })
  create(@CurrentActor() actor: Actor, @Body() body: CreateReferralDto) {
    return this.referrals.create(actor, body);
  }

  @Get()
  @ApiOperation({ summary: 'List referrals' })
  @Audit('referral.list')
  @ApiOkResponse({ type: ReferralPage })
  list(@CurrentActor() actor: Actor, @Query() query: ReferralQuery) {
    return this.referrals.list(actor, query);
  }

  @Get('service-types')
  @ApiOperation({ operationId: 'listServiceTypes', summary: 'List service types' })
  @NoAudit()
  @ApiOkResponse({ type: [ServiceTypeView] })
  serviceTypes(@Headers('accept-language') language?: string) {
    return this.referrals.serviceTypes(pickLocale(language));
  }

  @Get('providers')
  @ApiOperation({ operationId: 'listReferralProviders', summary: 'List organisations that provide a service' })
  @NoAudit()
  @ApiOkResponse({ type: ProviderPage, description: 'Active providers of the service type with free places, waiting list and region; your own organisation left out' })
  providers(@CurrentActor() actor: Actor, @Query() query: ProviderQuery, @Headers('accept-language') language?: string) {
    return this.referrals.providers(actor, query, pickLocale(language));
  }

  @Get(':id')
  @ApiOperation({ summary: 'Open a referral' })
  @Audit('referral.read')
  @ApiOkResponse({ type: ReferralView })
  get(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string) {
    return this.referrals.get(actor, id);
  }

  @Get(':id/events')
  @ApiOperation({ operationId: 'listReferralEvents', summary: "Show a referral's history" })
  @Audit('referral.events')
  @ApiOkResponse({ type: ReferralEventList })
  events(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string) {
    return this.referrals.events(actor, id);
  }

  @Post(':id/send')
  @ApiOperation({ summary: 'Send a referral' })
  @HttpCode(200)
  @Audit('referral.send')
  @ApiOkResponse({ type: ReferralView })
  send(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string) {
    return this.responses.send(actor, id);
  }

  @Post(':id/accept')
  @ApiOperation({ summary: 'Accept a referral' })
  @HttpCode(200)
  @Audit('referral.accept')
  @ApiOkResponse({ type: ReferralView })
  accept(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string) {
    return this.responses.accept(actor, id);
  }

  @Post(':id/decline')
  @ApiOperation({ summary: 'Decline a referral' })
  @HttpCode(200)
  @Audit('referral.decline')
  @ApiOkResponse({ type: ReferralView })
  decline(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() body: DeclineReferralDto) {
    return this.responses.decline(actor, id, body.reason);
  }

  @Post(':id/waitlist')
  @ApiOperation({ summary: 'Put a referral on the waiting list' })
  @HttpCode(200)
  @Audit('referral.waitlist')
  @ApiOkResponse({ type: ReferralView })
  waitlist(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string) {
    return this.responses.waitlist(actor, id);
  }

  @Post(':id/withdraw')
  @ApiOperation({ summary: 'Withdraw a referral' })
  @HttpCode(200)
  @Audit('referral.withdraw')
  @ApiOkResponse({ type: ReferralView })
  withdraw(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() body: WithdrawReferralDto) {
    return this.responses.withdraw(actor, id, body.reason ?? null);
  }

  @Post(':id/pause')
  @ApiOperation({ summary: "Pause a referral's deadline" })
  @HttpCode(200)
  @Audit('referral.pause')
  @ApiOkResponse({ type: ReferralView })
  pause(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() body: PauseSlaDto) {
    return this.pauses.pause(actor, id, body.reason);
  }

  @Post(':id/resume')
  @ApiOperation({ summary: "Resume a referral's deadline" })
  @HttpCode(200)
  @Audit('referral.resume')
  @ApiOkResponse({ type: ReferralView })
  resume(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string) {
    return this.pauses.resume(actor, id);
  }

  @Post(':id/start')
  @ApiOperation({ summary: 'Start the service' })
  @HttpCode(200)
  @Audit('referral.start')
  @ApiOkResponse({ type: ReferralView })
  start(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() body: StartServiceDto) {
    return this.delivery.start(actor, id, body);
  }

  @Post(':id/complete')
  @ApiOperation({ summary: 'Complete the service' })
  @HttpCode(200)
  @Audit('referral.complete')
  @ApiOkResponse({ type: ReferralView })
  complete(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() body: CompleteServiceDto) {
    return this.delivery.complete(actor, id, body);
  }
}
