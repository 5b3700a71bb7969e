import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor } from '@qoldau/auth';
import { Audit, PageQuery, ParseIdPipe } from '@qoldau/core';
import { AccessLogService } from './access-log.service';
import { BreakGlassService } from './break-glass.service';
import { AccessLogPage, BreakGlassPage, BreakGlassQuery, BreakGlassRequest, BreakGlassReview, BreakGlassView } from './dto';

@ApiTags('oversight')
@ApiBearerAuth()
@Controller()
export class OversightController {
  constructor(
    private readonly breakGlass: BreakGlassService,
    private readonly accessLog: AccessLogService,
  ) {}

  @Post('break-glass')
  @ApiOperation({ operationId: 'openBreakGlass', summary: 'Open a case in an emergency (break-glass)' })
  @Audit('child.break_glass')
  @ApiCreatedResponse({ type: BreakGlassView, description: 'The case is open to your organisation until expiresAt' })
  open(@CurrentActor() actor: Actor, @Body() body: BreakGlassRequest) {
    return this.breakGlass.open(actor, body);
  }

  @Get('break-glass')
  @ApiOperation({ operationId: 'listBreakGlass', summary: 'List emergency accesses' })
  @Audit('break_glass.list')
  @ApiOkResponse({ type: BreakGlassPage })
  list(@CurrentActor() actor: Actor, @Query() query: BreakGlassQuery) {
    return this.breakGlass.list(actor, query);
  }

  @Post('break-glass/:id/review')
  @ApiOperation({ operationId: 'reviewBreakGlass', summary: 'Review an emergency access' })
  @HttpCode(200)
  @Audit('break_glass.review')
  @ApiOkResponse({ type: BreakGlassView })
  review(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() body: BreakGlassReview) {
    return this.breakGlass.review(actor, id, body);
  }

  @Get('children/:id/access-log')
  @ApiOperation({ operationId: 'getAccessLog', summary: "Show who accessed a child's case" })
  @Audit('child.access_log')
  @ApiOkResponse({ type: AccessLogPage })
  log(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Query() query: PageQuery) {
    return this.accessLog.list(actor, id, query);
  }
}
