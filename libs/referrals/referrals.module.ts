import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AssessmentsModule } from '@qoldau/assessments';
import { ChildrenModule } from '@qoldau/children';
import { IdempotencyModule, Jobs } from '@qoldau/core';
import { NotificationsModule } from '@qoldau/notifications';
import { ReferralsCaseHooks } from './case/referrals-case-hooks';
import { ConclusionLinks } from './conclusion-links';
import { ReferralEventRow } from './entities/referral-event.entity';
import { ReferralSlaPause } from './entities/referral-sla-pause.entity';
import { Referral } from './entities/referral.entity';
import { ServiceEpisode } from './entities/service-episode.entity';
import { ServiceSession } from './entities/service-session.entity';
import { ServiceTypeRow } from './entities/service-type.entity';
import { HolidaysController } from './holidays/holidays.controller';
import { HolidaysRepository } from './holidays/holidays.repository';
import { HolidaysService } from './holidays/holidays.service';
import { EpisodesRepository } from './episodes/episodes.repository';
import { EpisodeRecordsService } from './episodes/episode-records.service';
import { EpisodesService } from './episodes/episodes.service';
import { WaitlistService } from './episodes/waitlist.service';
import { PlacesRepository } from './episodes/places.repository';
import { ServiceEpisodesController } from './episodes/service-episodes.controller';
import { ReferralLookup } from './referral-lookup';
import { ReferralRecorder } from './referral-recorder';
import { ReferralResponsesService } from './referral-responses.service';
import { ReferralsController } from './referrals.controller';
import { ReferralsRepository } from './referrals.repository';
import { ReferralsService } from './referrals.service';
import { ServiceDeliveryService } from './service-delivery.service';
import { CalendarRepository } from './sla/calendar.repository';
import { PausesRepository } from './sla/pauses.repository';
import { ReferralSlaService, SLA_JOB } from './sla/referral-sla.service';
import { SlaClock } from './sla/sla-clock';
import { SlaPausesService } from './sla/sla-pauses.service';
import { SlaRepository } from './sla/sla.repository';
import { WaitlistController } from './episodes/waitlist.controller';
import { ReferralBuckets } from './referral-buckets';
import { PlacementReferrals } from './placement-referrals';
import { ReferralFundingDefault } from './entities/referral-funding-default.entity';

/**
 * Referrals between organisations (issue 9): the state machine, capacity and waiting lists, service
 * episodes and sessions, working-day SLAs with the `referrals.sla` job, the referrals
 * section of the case view and its merge step.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([ServiceTypeRow, Referral, ReferralEventRow, ReferralSlaPause, ServiceEpisode, ServiceSession, ReferralFundingDefault]),
    ChildrenModule,
    AssessmentsModule,
    NotificationsModule,
    IdempotencyModule,
  ],
  controllers: [ReferralsController, ServiceEpisodesController, WaitlistController, HolidaysController],
  providers: [
    ReferralsRepository,
    ReferralLookup,
    ReferralRecorder,
    ReferralsService,
    ReferralResponsesService,
    ServiceDeliveryService,
    EpisodesService,
    EpisodeRecordsService,
    WaitlistService,
    SlaPausesService,
    EpisodesRepository,
    PlacesRepository,
    ConclusionLinks,
    CalendarRepository,
    PausesRepository,
    SlaClock,
    SlaRepository,
    ReferralSlaService,
    ReferralBuckets,
    PlacementReferrals,
    ReferralsCaseHooks,
    HolidaysRepository,
    HolidaysService,
  ],
  exports: [ReferralSlaService, ReferralsService, ReferralBuckets, PlacementReferrals, EpisodeRecordsService],
})
export class ReferralsModule implements OnModuleInit {
  constructor(
    private readonly jobs: Jobs,
    private readonly sla: ReferralSlaService,
  ) {}

  onModuleInit(): void {
    this.jobs.register(SLA_JOB, async () => {
      await this.sla.run();
    }, { cron: '*/5 * * * *' });
  }
}
