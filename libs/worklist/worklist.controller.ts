import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor } from '@qoldau/auth';
import { Audit, ParseIdPipe } from '@qoldau/core';
import { WaitlistView } from '../dto/referral.dto';
import { WorklistQuery, WorklistView } from '../dto/worklist.dto';
import { WaitlistService } from '../episodes/waitlist.service';
import { WorklistService } from './worklist.service';

@ApiTags('worklist')
@ApiBearerAuth()
@Controller()
export class WorklistController {
  constructor(
    private readonly worklist: WorklistService,
    private readonly waitlists: WaitlistService,
  ) {}

  @Get('worklist')
  @Audit('worklist.read')
  @ApiOkResponse({ type: WorklistView })
  get(@CurrentActor() actor: Actor, @Query() query: WorklistQuery) {
    return this.worklist.get(actor, query.limit);
  }

  /** The organisation's waiting list (its own only), in order. */
  @Get('organizations/:id/waitlist')
  @Audit('referral.waitlist_read')
  @ApiOkResponse({ type: WaitlistView })
  waitlist(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string) {
    return this.waitlists.waitlist(actor, id);
  }
}
