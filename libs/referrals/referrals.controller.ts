import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor } from '@qoldau/auth';
import { Audit, Idempotent, NoAudit, ParseIdPipe, pickLocale } from '@qoldau/core';
import {
  CompleteServiceDto, CreateReferralDto, DeclineReferralDto, PauseSlaDto, ReferralEventList, ReferralPage, ReferralQuery, ReferralView,
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
  @Idempotent()
  @Audit('referral.create')
  @ApiCreatedResponse({ type: ReferralView })
  create(@CurrentActor() actor: Actor, @Body() body: CreateReferralDto) {
    return this.referrals.create(actor, body);
  }

  @Get()
  @Audit('referral.list')
  @ApiOkResponse({ type: ReferralPage })
  list(@CurrentActor() actor: Actor, @Query() query: ReferralQuery) {
    return this.referrals.list(actor, query);
  }

  @Get('service-types')
  @NoAudit()
  @ApiOkResponse({ type: [ServiceTypeView] })
  serviceTypes(@Headers('accept-language') language?: string) {
    return this.referrals.serviceTypes(pickLocale(language));
  }

  @Get(':id')
  @Audit('referral.read')
  @ApiOkResponse({ type: ReferralView })
  get(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string) {
    return this.referrals.get(actor, id);
  }

  @Get(':id/events')
  @Audit('referral.events')
  @ApiOkResponse({ type: ReferralEventList })
  events(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string) {
    return this.referrals.events(actor, id);
  }

  @Post(':id/send')
  @HttpCode(200)
  @Audit('referral.send')
  @ApiOkResponse({ type: ReferralView })
  send(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string) {
    return this.responses.send(actor, id);
  }

  @Post(':id/accept')
  @HttpCode(200)
  @Audit('referral.accept')
  @ApiOkResponse({ type: ReferralView })
  accept(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string) {
    return this.responses.accept(actor, id);
  }

  @Post(':id/decline')
  @HttpCode(200)
  @Audit('referral.decline')
  @ApiOkResponse({ type: ReferralView })
  decline(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() body: DeclineReferralDto) {
    return this.responses.decline(actor, id, body.reason);
  }

  @Post(':id/waitlist')
  @HttpCode(200)
  @Audit('referral.waitlist')
  @ApiOkResponse({ type: ReferralView })
  waitlist(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string) {
    return this.responses.waitlist(actor, id);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Audit('referral.withdraw')
  @ApiOkResponse({ type: ReferralView })
  withdraw(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() body: WithdrawReferralDto) {
    return this.responses.withdraw(actor, id, body.reason ?? null);
  }

  @Post(':id/pause')
  @HttpCode(200)
  @Audit('referral.pause')
  @ApiOkResponse({ type: ReferralView })
  pause(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() body: PauseSlaDto) {
    return this.pauses.pause(actor, id, body.reason);
  }

  @Post(':id/resume')
  @HttpCode(200)
  @Audit('referral.resume')
  @ApiOkResponse({ type: ReferralView })
  resume(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string) {
    return this.pauses.resume(actor, id);
  }

  @Post(':id/start')
  @HttpCode(200)
  @Audit('referral.start')
  @ApiOkResponse({ type: ReferralView })
  start(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() body: StartServiceDto) {
    return this.delivery.start(actor, id, body);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @Audit('referral.complete')
  @ApiOkResponse({ type: ReferralView })
  complete(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() body: CompleteServiceDto) {
    return this.delivery.complete(actor, id, body);
  }
}
