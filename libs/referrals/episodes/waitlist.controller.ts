import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor } from '@qoldau/auth';
import { Audit, ParseIdPipe } from '@qoldau/core';
import { WaitlistView } from '../dto/referral.dto';
import { WaitlistService } from './waitlist.service';

@ApiTags('referrals')
@ApiBearerAuth()
@Controller()
export class WaitlistController {
  constructor(private readonly waitlists: WaitlistService) {}

  /** The organisation's waiting list (its own only), in order. */
  @Get('organizations/:id/waitlist')
  @ApiOperation({ operationId: 'getWaitlist', summary: "Show an organisation's waiting list" })
  @Audit('referral.waitlist_read')
  @ApiOkResponse({ type: WaitlistView })
  waitlist(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string) {
    return this.waitlists.waitlist(actor, id);
  }
}
