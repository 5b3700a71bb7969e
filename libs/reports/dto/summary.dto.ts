import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateOnly } from '@qoldau/core';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';

/** GET /reports/summary: the national picture as of a date, for the whole country or one region. */
export class SummaryQuery {
  @ApiPropertyOptional({ example: '310000000', description: 'A region (KATO); absent: every region the caller may see, with a total row' })
  @IsOptional() @IsString() @Matches(/^\d{9}$/, { message: 'kato must be a 9-digit KATO code' }) kato?: string;

  @ApiPropertyOptional({ example: '2026-01-01', description: 'The date the figures describe (Asia/Almaty); absent: today' })
  @IsOptional() @IsDateOnly() asOf?: string;

  @ApiPropertyOptional({ enum: ['json', 'csv', 'xlsx'], default: 'json' }) @IsOptional() @IsIn(['json', 'csv', 'xlsx']) format?: 'json' | 'csv' | 'xlsx';
}

/**
 * One figure. Counts of children from 1 to 4 are never sent (`value` null, `suppressed` true), nor a
 * second count from which one could be worked out, nor a share computed from a suppressed count.
 */
export class Cell {
  @ApiProperty({ type: Number, nullable: true, description: 'null when suppressed (shown as "<5") or when there is nothing to compute from' }) value: number | null;
  @ApiProperty() suppressed: boolean;
}

export class OrganizationCounts {
  @ApiProperty({ type: Cell }) special_kindergarten: Cell;
  @ApiProperty({ type: Cell }) special_school: Cell;
  @ApiProperty({ type: Cell }) pmpc: Cell;
  @ApiProperty({ type: Cell }) correction_room: Cell;
  @ApiProperty({ type: Cell }) autism_centre: Cell;
  @ApiProperty({ type: Cell }) rehab_centre: Cell;
  @ApiProperty({ type: Cell, description: 'All six types: the specialised organisations' }) total: Cell;
}

export class WaitingTime {
  @ApiProperty({ example: 'speech_therapy' }) serviceType: string;
  @ApiProperty({ type: Cell, description: 'Referrals started in the year to asOf' }) started: Cell;
  @ApiProperty({ type: Cell, description: 'Median working days from sending to the start of the service' }) medianWorkingDays: Cell;
  @ApiProperty({ type: Cell, description: '90th percentile of the same' }) p90WorkingDays: Cell;
}

export class ReferralStatusCount {
  @ApiProperty({ example: 'waitlisted' }) status: string;
  @ApiProperty({ type: Cell }) count: Cell;
}

export class RegionFigures {
  @ApiProperty({ type: String, nullable: true, description: 'null on the total row' }) kato: string | null;
  @ApiProperty({ description: 'The region, or "total", in the language of the request' }) name: string;
  @ApiProperty() total: boolean;
  @ApiProperty({ type: OrganizationCounts }) organizations: OrganizationCounts;
  @ApiProperty({ type: Cell, description: 'Support rooms summed over mainstream schools' }) supportRooms: Cell;
  @ApiProperty({ type: Cell, description: 'Schools with conditions for SEN children ÷ all schools, %, one decimal' }) schoolsWithSenConditionsPercent: Cell;
  @ApiProperty({ type: Cell, description: 'Distinct children with an active inclusive_class or inclusive_group placement' }) childrenInInclusiveEducation: Cell;
  @ApiProperty({ type: Cell, description: 'Distinct children with a disability status and an active state-order service episode' }) childrenWithDisabilityUnderStateOrder: Cell;
  @ApiProperty({ type: Cell, description: 'Distinct children with a conclusion signed this calendar year' }) childrenAssessedThisYear: Cell;
  @ApiProperty({ type: [ReferralStatusCount] }) referralsByStatus: ReferralStatusCount[];
  @ApiProperty({ type: [WaitingTime] }) waitingTimes: WaitingTime[];
  @ApiProperty({ type: Cell, description: 'Referrals waiting for a place' }) waitlistLength: Cell;
  @ApiProperty({ type: Cell, description: "Children whose active placement provides their current conclusion's form and every special condition ÷ children with both, %" }) provisionHonouredPercent: Cell;
  @ApiProperty({ type: Cell, description: 'Current conclusions whose review date has passed' }) conclusionsOverdueForReview: Cell;
}

export class SuppressionRule {
  @ApiProperty({ example: 5, description: 'Counts of children below this (and above 0) are suppressed' }) threshold: number;
  @ApiProperty({ description: 'The rule in words, in the language of the request' }) text: string;
}

export class SummaryView {
  @ApiProperty({ example: '2026-01-01' }) asOf: string;
  @ApiProperty({
    description: 'When the figures were computed: they are kept for REPORT_CACHE_SECONDS (10 minutes by default) per asOf and set of regions, so they may be up to that much older than the request',
  })
  refreshedAt: string;
  @ApiProperty({ type: SuppressionRule }) suppression: SuppressionRule;
  @ApiProperty({ type: [RegionFigures], description: 'One row per region the caller may see, then the total row (with kato absent: every region)' }) rows: RegionFigures[];
}
