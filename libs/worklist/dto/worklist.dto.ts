import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ChildName, ReferralView } from '@qoldau/referrals';

export class WorklistQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 20, default: 5, description: 'First items per bucket' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(20)
  limit: number = 5;
}

export class ReferralBucket {
  @ApiProperty({ description: 'How many; exact up to 100, 100 when there are more (then countCapped)', maximum: 100 }) count: number;
  @ApiProperty({ description: 'More than `count` (the count stopped at 100): show it as "100+"' }) countCapped: boolean;
  @ApiProperty({ type: [ReferralView] }) items: ReferralView[];
}

export class ExpiringConsent {
  @ApiProperty({ format: 'uuid' }) consentId: string;
  @ApiProperty({ format: 'uuid' }) childId: string;
  @ApiProperty({ type: ChildName }) child: ChildName;
  @ApiProperty({ enum: ['assessment', 'data_sharing', 'services'] }) kind: string;
  @ApiProperty({ type: String, nullable: true }) sector: string | null;
  @ApiProperty() expiresAt: string;
}

export class ConsentBucket {
  @ApiProperty({ description: 'How many; exact up to 100, 100 when there are more (then countCapped)', maximum: 100 }) count: number;
  @ApiProperty({ description: 'More than `count` (the count stopped at 100): show it as "100+"' }) countCapped: boolean;
  @ApiProperty({ type: [ExpiringConsent] }) items: ExpiringConsent[];
}

export class GenericBucket {
  @ApiProperty({ description: 'How many; exact up to 100, 100 when there are more (then countCapped)', maximum: 100 }) count: number;
  @ApiProperty({ description: 'More than `count` (the count stopped at 100): show it as "100+"' }) countCapped: boolean;
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } }) items: unknown[];
}

export class WorklistBuckets {
  @ApiPropertyOptional({ type: ReferralBucket, description: 'Incoming referrals not yet answered, the closest deadline first' })
  incomingAwaitingResponse?: ReferralBucket;
  @ApiPropertyOptional({ type: ReferralBucket, description: 'Referrals to or from your organisation whose deadline has passed' })
  overdue?: ReferralBucket;
  @ApiPropertyOptional({ type: ReferralBucket, description: 'Accepted referrals whose service has not started' })
  acceptedNotStarted?: ReferralBucket;
  @ApiPropertyOptional({ type: GenericBucket, description: 'Signed conclusions whose review is due within 30 days (PMPC)' })
  reviewsDue?: GenericBucket;
  @ApiPropertyOptional({ type: GenericBucket, description: 'Active placements of your school or kindergarten that have no support plan yet' })
  placementsWithoutPlan?: GenericBucket;
  @ApiPropertyOptional({ type: ConsentBucket, description: 'Consents that expire within 30 days on cases you see' })
  consentsExpiring?: ConsentBucket;
  @ApiPropertyOptional({
    type: GenericBucket,
    description: 'Children whose transition is due (school entry, finishing grade 9 or 11, conclusion review within 60 days), from the daily transitions job',
  })
  transitionsDue?: GenericBucket;
  @ApiPropertyOptional({ type: GenericBucket, description: 'Support plans to review within 14 days or overdue, from the daily transitions job' })
  planReviewsDue?: GenericBucket;
  @ApiPropertyOptional({ type: GenericBucket, description: 'Break-glass openings older than 7 days not yet reviewed (auditors)' })
  breakGlassToReview?: GenericBucket;
}

export class WorklistView {
  @ApiProperty({ format: 'uuid' }) orgId: string;
  @ApiProperty() generatedAt: string;
  @ApiProperty({ type: WorklistBuckets, description: 'Only the buckets your role works with' }) buckets: WorklistBuckets;
}
