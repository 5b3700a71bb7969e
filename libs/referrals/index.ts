export { ReferralsModule } from './referrals.module';
export { ReferralSlaService, SLA_JOB } from './sla/referral-sla.service';
export type { SlaRunResult } from './sla/referral-sla.service';
export { ReferralsService } from './referrals.service';
export { REFERRAL_TRANSITIONS, REFERRAL_EVENTS, SLA_PHASE_OF, transition as referralTransition } from './referral-transitions';
export type { ReferralTransition, ReferralEvent, Side } from './referral-transitions';
export {
  REFERRAL_STATUSES, SERVICE_TYPES, PRIORITIES, FUNDING_SOURCES, OUTCOMES, COMPLETION_OUTCOMES, PAUSE_REASONS, SLA_PHASES,
} from './referral.vocabulary';
export type { ReferralStatus, ServiceType, Funding, Outcome, PauseReason, SlaPhase } from './referral.vocabulary';
export { Referral } from './entities/referral.entity';
export { ServiceEpisode } from './entities/service-episode.entity';
export { ReferralView, ChildName } from './dto/referral.dto';
export { ReferralBuckets } from './referral-buckets';
export type { WorklistReferralBucket } from './referrals.repository';
export { PlacementReferrals } from './placement-referrals';
export { ReferralFundingDefault } from './entities/referral-funding-default.entity';
export { EpisodeRecordsService } from './episodes/episode-records.service';
export type { RecordedEpisode, EpisodeCorrection, RecordedEpisodeState } from './episodes/episode-records.service';
