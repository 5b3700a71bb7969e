import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor } from '@qoldau/auth';
import { Audit, GenericPlans } from '@qoldau/core';
import { WorklistQuery, WorklistView } from './dto/worklist.dto';
import { WorklistService } from './worklist.service';

@ApiTags('worklist')
@ApiBearerAuth()
@Controller()
export class WorklistController {
  constructor(private readonly worklist: WorklistService) {}

  @Get('worklist')
  @ApiOperation({ summary: 'Show my worklist' })
  @Audit('worklist.read')
  @GenericPlans() // each statement timed both ways at 1 M children (docs/performance.md, "Worklist: generic plans")
  @ApiOkResponse({ type: WorklistView })
  get(@CurrentActor() actor: Actor, @Query() query: WorklistQuery) {
    return this.worklist.get(actor, query.limit);
  }
}
