import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor } from '@qoldau/auth';
import { Audit, Idempotent, PageQuery, ParseIdPipe } from '@qoldau/core';
import { EpisodeView, ServiceSessionDto, SessionPage, SessionView } from '../dto/referral.dto';
import { EpisodesService } from './episodes.service';

/** Service episodes, read and logged by the organisation that serves the child. */
@ApiTags('referrals')
@ApiBearerAuth()
@Controller('service-episodes')
export class ServiceEpisodesController {
  constructor(private readonly episodes: EpisodesService) {}

  @Get(':id')
  @ApiOperation({ summary: 'Open a service episode' })
  @Audit('service_episode.read')
  @ApiOkResponse({ type: EpisodeView })
  get(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string) {
    return this.episodes.episode(actor, id);
  }

  @Get(':id/sessions')
  @ApiOperation({ operationId: 'listEpisodeSessions', summary: 'List the sessions of a service episode' })
  @Audit('service_episode.sessions')
  @ApiOkResponse({ type: SessionPage })
  sessions(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Query() query: PageQuery) {
    return this.episodes.sessions(actor, id, query);
  }

  @Post(':id/sessions')
  @ApiOperation({ operationId: 'logEpisodeSession', summary: 'Log a session' })
  @Idempotent()
  @Audit('service_episode.log_session')
  @ApiCreatedResponse({ type: SessionView })
  logSession(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() body: ServiceSessionDto) {
    return this.episodes.logSession(actor, id, body);
  }
}
