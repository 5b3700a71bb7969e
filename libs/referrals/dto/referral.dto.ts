import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { IsDateOnly, IsSafeMultilineText, IsSafeText, PageQuery } from '@qoldau/core';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import {
  COMPLETION_OUTCOMES, FUNDING_SOURCES, OUTCOMES, PAUSE_REASONS, PRIORITIES, REFERRAL_STATUSES, SERVICE_TYPES, SLA_PHASES,
} from '../referral.vocabulary';

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);


export class CreateReferralDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() childId: string;

  @ApiProperty({ format: 'uuid', description: 'The organisation asked to provide the service; its type must provide it (GET /referrals/service-types)' })
  @IsUUID() toOrgId: string;

  @ApiProperty({ enum: SERVICE_TYPES }) @IsIn(SERVICE_TYPES) serviceType: string;

  @ApiProperty({ maxLength: 2000, description: 'Why the child is referred' })
  @IsSafeMultilineText({ max: 2000 }) reason: string;

  @ApiPropertyOptional({ enum: PRIORITIES, default: 'normal' }) @IsOptional() @IsIn(PRIORITIES) priority?: string;

  @ApiPropertyOptional({
    enum: FUNDING_SOURCES,
    description: 'The funding asked for; decided when the service starts. Defaults by service type and receiver (referral_funding_defaults): state_order for psychological-pedagogical support from specialised providers, other for social protection, health, mainstream schools and school placement',
  })
  @IsOptional() @IsIn(FUNDING_SOURCES) funding?: string;

  @ApiPropertyOptional({ format: 'uuid', description: "The child's signed PMPC conclusion behind the referral" })
  @IsOptional() @IsUUID() assessmentId?: string;
}

export class DeclineReferralDto {
  @ApiProperty({ maxLength: 1000, description: 'Why the organisation cannot take the child (shown to the referring organisation)' })
  @IsSafeMultilineText({ max: 1000 }) reason: string;
}

export class WithdrawReferralDto {
  @ApiPropertyOptional({ maxLength: 1000 }) @IsOptional() @IsSafeMultilineText({ max: 1000 }) reason?: string;
}

export class PauseSlaDto {
  @ApiProperty({ enum: PAUSE_REASONS }) @IsIn(PAUSE_REASONS) reason: string;
}

export class StartServiceDto {
  @ApiPropertyOptional({ enum: FUNDING_SOURCES, description: "Defaults to the referral's funding" })
  @IsOptional() @IsIn(FUNDING_SOURCES) funding?: string;

  @ApiPropertyOptional({ example: '2026-12-01', description: 'Defaults to today (Asia/Almaty); not in the future' })
  @IsOptional() @IsDateOnly() startedOn?: string;
}

export class CompleteServiceDto {
  @ApiProperty({ enum: COMPLETION_OUTCOMES, description: 'Without a logged session only `discontinued`, with a summary (422 NO_SESSIONS_LOGGED)' })
  @IsIn(COMPLETION_OUTCOMES) outcome: string;

  @ApiPropertyOptional({ maxLength: 2000 }) @IsOptional() @IsSafeMultilineText({ max: 2000 }) summary?: string;

  @ApiPropertyOptional({ example: '2027-03-01', description: 'Defaults to today (Asia/Almaty); not before the start, not in the future' })
  @IsOptional() @IsDateOnly() endedOn?: string;
}

export class ReferralQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['incoming', 'outgoing'], description: 'incoming: to your organisation (drafts excluded); outgoing: from it; absent: both' })
  @IsOptional() @IsIn(['incoming', 'outgoing']) box?: 'incoming' | 'outgoing';

  @ApiPropertyOptional({ enum: REFERRAL_STATUSES }) @IsOptional() @IsIn(REFERRAL_STATUSES) status?: string;

  @ApiPropertyOptional({ description: 'true: only referrals whose running SLA deadline has passed' })
  @IsOptional() @Transform(toBoolean) @IsBoolean() overdue?: boolean;

  @ApiPropertyOptional({ enum: SERVICE_TYPES }) @IsOptional() @IsIn(SERVICE_TYPES) serviceType?: string;

  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() childId?: string;
}

export class ServiceSessionDto {
  @ApiProperty({ example: '2026-12-03' }) @IsDateOnly() date: string;
  @ApiProperty({ minimum: 1, maximum: 480 }) @IsInt() @Min(1) @Max(480) durationMinutes: number;
  @ApiProperty() @IsBoolean() attended: boolean;
}

export class HolidayDto {
  @ApiProperty({ enum: ['holiday', 'day_off', 'working_day'] }) @IsIn(['holiday', 'day_off', 'working_day']) kind: string;
  @ApiProperty({ maxLength: 200 }) @IsSafeText({ max: 200 }) nameKk: string;
  @ApiProperty({ maxLength: 200 }) @IsSafeText({ max: 200 }) nameRu: string;
  @ApiProperty({ maxLength: 200 }) @IsSafeText({ max: 200 }) nameEn: string;
}

// ── Views ───────────────────────────────────────────────────────────────────────────────────────

export class ReferralParty {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() type: string;
  @ApiProperty() nameKk: string;
  @ApiProperty() nameRu: string;
}

export class ChildName {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() lastName: string;
  @ApiProperty() firstName: string;
  @ApiProperty({ type: String, nullable: true }) patronymic: string | null;
  @ApiProperty() birthDate: string;
}

export class EpisodeSummary {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: FUNDING_SOURCES }) funding: string;
  @ApiProperty() startedOn: string;
  @ApiProperty({ type: String, nullable: true }) endedOn: string | null;
  @ApiProperty() sessions: number;
  @ApiProperty() attendedSessions: number;
  @ApiProperty({ enum: OUTCOMES, nullable: true }) outcome: string | null;
  @ApiProperty({ type: String, nullable: true }) outcomeSummary: string | null;
  @ApiProperty() version: number;
}

export class SlaView {
  @ApiProperty({ enum: SLA_PHASES, nullable: true, description: 'respond while sent, start while accepted; null otherwise' }) phase: string | null;
  @ApiProperty({ type: String, nullable: true }) startedAt: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'End of the due working day (23:59:59.999 Asia/Almaty); null while paused or not running' })
  dueAt: string | null;
  @ApiProperty() paused: boolean;
  @ApiProperty({ enum: PAUSE_REASONS, nullable: true }) pauseReason: string | null;
  @ApiProperty({ type: String, nullable: true }) pausedAt: string | null;
  @ApiProperty({ description: 'The running deadline has passed' }) overdue: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'When the SLA job marked the running deadline as breached (and told both organisations)' })
  overdueSince: string | null;
}

export class ReferralView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() version: number;
  @ApiProperty({ enum: REFERRAL_STATUSES }) status: string;
  @ApiProperty({ format: 'uuid' }) childId: string;
  @ApiProperty({ type: ChildName, nullable: true, description: 'Null when your organisation no longer sees the case' }) child: ChildName | null;
  @ApiProperty({ format: 'uuid' }) fromOrgId: string;
  @ApiProperty({ type: ReferralParty }) fromOrg: ReferralParty;
  @ApiProperty({ format: 'uuid' }) toOrgId: string;
  @ApiProperty({ type: ReferralParty }) toOrg: ReferralParty;
  @ApiProperty({ enum: SERVICE_TYPES }) serviceType: string;
  @ApiProperty({ enum: PRIORITIES }) priority: string;
  @ApiProperty() reason: string;
  @ApiProperty({ enum: FUNDING_SOURCES }) funding: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) assessmentId: string | null;
  @ApiProperty({ type: String, nullable: true }) sentAt: string | null;
  @ApiProperty({ type: String, nullable: true }) respondedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) declineReason: string | null;
  @ApiProperty({ type: String, nullable: true }) withdrawReason: string | null;
  @ApiProperty({ type: String, nullable: true }) closedAt: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Place in the receiving organisation’s waiting list (urgent first, then by sending time); while waitlisted' })
  waitlistPosition: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'Same as sla.dueAt' }) slaDueAt: string | null;
  @ApiProperty({ type: SlaView }) sla: SlaView;
  @ApiProperty({ type: EpisodeSummary, nullable: true }) episode: EpisodeSummary | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

/** A referral inside the child's case view: as GET /referrals gives it, without the child it is about. */
export class CaseReferralView extends OmitType(ReferralView, ['child'] as const) {}

export class ReferralPage {
  @ApiProperty({ type: [ReferralView] }) items: ReferralView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class ReferralEventView {
  @ApiProperty() id: string;
  @ApiProperty() at: string;
  @ApiProperty({ example: 'accept' }) event: string;
  @ApiProperty({ type: String, nullable: true }) fromStatus: string | null;
  @ApiProperty() toStatus: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Null for the system (the SLA job)' }) actorUserId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) actorOrgId: string | null;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty({ type: Object, additionalProperties: true }) details: Record<string, unknown>;
}

export class ReferralEventList {
  @ApiProperty({ type: [ReferralEventView] }) items: ReferralEventView[];
}

export class ServiceTypeView {
  @ApiProperty() code: string;
  @ApiProperty() label: string;
  @ApiProperty({ type: [String], description: 'Organisation types that provide it' }) providerTypes: string[];
}

export class WaitlistItem {
  @ApiProperty() position: number;
  @ApiProperty({ type: ReferralView }) referral: ReferralView;
}

export class WaitlistView {
  @ApiProperty({ format: 'uuid' }) orgId: string;
  @ApiProperty({ type: Number, nullable: true }) capacity: number | null;
  @ApiProperty({ description: 'Active service episodes plus accepted referrals not yet started' }) placesTaken: number;
  @ApiProperty({ type: [WaitlistItem] }) items: WaitlistItem[];
}

export class SessionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) episodeId: string;
  @ApiProperty() date: string;
  @ApiProperty() durationMinutes: number;
  @ApiProperty() attended: boolean;
  @ApiProperty() recordedAt: string;
}

export class SessionPage {
  @ApiProperty({ type: [SessionView] }) items: SessionView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class EpisodeView extends EpisodeSummary {
  @ApiProperty({ format: 'uuid' }) referralId: string;
  @ApiProperty({ format: 'uuid' }) childId: string;
  @ApiProperty({ format: 'uuid' }) orgId: string;
  @ApiProperty({ enum: SERVICE_TYPES }) serviceType: string;
}

export class ProviderQuery extends PageQuery {
  @ApiProperty({ enum: SERVICE_TYPES, description: 'Only organisations whose type provides this service' })
  @IsIn(SERVICE_TYPES) serviceType: string;

  @ApiPropertyOptional({ example: '310000000', description: 'KATO code of the region' })
  @IsOptional() @IsString() @Matches(/^\d{9}$/, { message: 'kato must be a 9-digit KATO code' }) kato?: string;

  @ApiPropertyOptional({ description: 'Part of the Kazakh or Russian name' })
  @IsOptional() @IsString() @MaxLength(100) q?: string;
}

export class ProviderView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() type: string;
  @ApiProperty() nameKk: string;
  @ApiProperty() nameRu: string;
  @ApiProperty({ type: String, nullable: true }) kato: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The region in the language of the request' }) region: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Children served at once; null = unlimited' }) capacity: number | null;
  @ApiProperty({ description: 'Active service episodes plus accepted referrals not yet started' }) placesTaken: number;
  @ApiProperty({ type: Number, nullable: true, description: 'capacity − placesTaken (never below 0); null = unlimited' }) freePlaces: number | null;
  @ApiProperty({ description: 'Referrals waiting for a place' }) waitlistLength: number;
  @ApiProperty({ enum: FUNDING_SOURCES, description: 'The funding a referral of this service to this organisation gets when none is named' }) defaultFunding: string;
}

export class ProviderPage {
  @ApiProperty({ type: [ProviderView] }) items: ProviderView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
