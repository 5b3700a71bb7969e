import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateOnly, IsSafeMultilineText, IsSafeText } from '@qoldau/core';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsBoolean, IsInt, IsOptional, IsUUID, Max, Min, ValidateNested,
} from 'class-validator';
import { PLACEMENT_END_KINDS, PLACEMENT_STATUSES } from '../placement.vocabulary';

export class ProposePlacementDto {
  @ApiProperty({ format: 'uuid', description: 'The placing school, kindergarten, special school or special kindergarten' })
  @IsUUID() orgId: string;

  @ApiProperty({ description: 'A form of education (GET /reference/education-forms); 400 UNKNOWN_FORM otherwise', example: 'inclusive_class' })
  @IsSafeText({ max: 64 }) form: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: '2 «Б»' })
  @IsOptional() @IsSafeText({ max: 40 }) classLabel?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '2026-09-01', description: 'Defaults to the day of activation' })
  @IsOptional() @IsDateOnly() startedOn?: string | null;

  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean() usesSupportRoom?: boolean;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The accepted school_placement referral of this child to this organisation that the placement answers (422 REFERRAL_NOT_FOR_PLACEMENT otherwise). Activating the placement completes it (outcome placed) and, if the child is placed elsewhere, transfers the child',
  })
  @IsOptional() @IsUUID() referralId?: string;
}

export class TransferPlacementDto {
  @ApiProperty({ format: 'uuid', description: 'The new school or kindergarten (422 TRANSFER_TO_SAME_ORGANIZATION for the current one)' })
  @IsUUID() toOrgId: string;

  @ApiProperty({ example: '2027-01-12', description: 'The first day at the new school; the current placement ends that day (not before it started)' })
  @IsDateOnly() startedOn: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: '3 «А»' })
  @IsOptional() @IsSafeText({ max: 40 }) classLabel?: string | null;

  @ApiProperty({ description: 'A form of education (GET /reference/education-forms); 400 UNKNOWN_FORM otherwise', example: 'inclusive_class' })
  @IsSafeText({ max: 64 }) form: string;

  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean() usesSupportRoom?: boolean;
}

export class EndPlacementDto {
  @ApiProperty({ example: 'Moved to another region' }) @IsSafeText({ max: 500 }) reason: string;
  @ApiPropertyOptional({ example: '2027-05-31', description: "Defaults to today (Asia/Almaty)" }) @IsOptional() @IsDateOnly() endedOn?: string;
}

export class PlanGoal {
  @ApiProperty({ example: 'Reads short texts aloud with support' }) @IsSafeMultilineText({ max: 2000 }) description: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'speech' }) @IsOptional() @IsSafeText({ max: 100 }) area?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '2027-05-31' }) @IsOptional() @IsDateOnly() targetDate?: string | null;
}

export class PlanService {
  @ApiProperty({ example: 'Speech therapist sessions' }) @IsSafeText({ max: 200 }) service: string;
  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 0, maximum: 40 }) @IsOptional() @IsInt() @Min(0) @Max(40) hoursPerWeek?: number | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'support room' }) @IsOptional() @IsSafeText({ max: 200 }) provider?: string | null;
}

export class SupportPlanDto {
  @ApiProperty({ type: [PlanGoal] })
  @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => PlanGoal) goals: PlanGoal[];

  @ApiProperty({ type: [PlanService] })
  @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => PlanService) services: PlanService[];

  @ApiProperty({ example: '2027-01-15' }) @IsDateOnly() reviewDate: string;
}

export class SupportPlanView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) placementId: string;
  @ApiProperty({ type: [PlanGoal] }) goals: PlanGoal[];
  @ApiProperty({ type: [PlanService] }) services: PlanService[];
  @ApiProperty() reviewDate: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: "The previous school's plan this one was carried over from by a transfer" })
  carriedFromId: string | null;
  @ApiProperty() updatedAt: string;
  @ApiProperty({ description: 'Send it back in If-Match to change the plan' }) version: number;
}

export class PlacementWarning {
  @ApiProperty({ example: 'FORM_DIFFERS_FROM_CONCLUSION' }) code: string;
  @ApiProperty() message: string;
  @ApiPropertyOptional({ format: 'uuid' }) assessmentId?: string;
  @ApiPropertyOptional({ type: String, nullable: true }) recommendedForm?: string | null;
  @ApiPropertyOptional() form?: string;
}

export class PlacementOrganization {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() type: string;
  @ApiProperty() nameKk: string;
  @ApiProperty() nameRu: string;
}

export class PlacementView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) childId: string;
  @ApiProperty({ enum: PLACEMENT_STATUSES }) status: string;
  @ApiProperty({ type: PlacementOrganization }) organization: PlacementOrganization;
  @ApiProperty() form: string;
  @ApiProperty({ type: String, nullable: true }) classLabel: string | null;
  @ApiProperty() usesSupportRoom: boolean;
  @ApiProperty({ type: String, nullable: true }) startedOn: string | null;
  @ApiProperty({ type: String, nullable: true }) endedOn: string | null;
  @ApiProperty({ type: String, nullable: true }) endReason: string | null;
  @ApiProperty({ type: String, enum: PLACEMENT_END_KINDS, nullable: true, description: 'How an ended placement ended; null while proposed or active' })
  endedAs: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'The school_placement referral this placement answers' }) referralId: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'The placement at the previous school a transfer ended' })
  transferredFromId: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'The placement at the next school, for one ended as transferred' })
  transferredToId: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'The current conclusion when proposed' }) assessmentId: string | null;
  @ApiProperty() proposedAt: string;
  @ApiProperty({ type: String, nullable: true, description: 'Null on an ended placement: it was cancelled before it started' }) activatedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) endedAt: string | null;
  @ApiProperty({ type: SupportPlanView, nullable: true }) supportPlan: SupportPlanView | null;
  @ApiProperty() version: number;
}

/** A proposal or activation answers with the placement and what deserves a second look. */
export class PlacementResult extends PlacementView {
  @ApiProperty({ type: [PlacementWarning], description: 'Not refusals: FORM_DIFFERS_FROM_CONCLUSION' }) warnings: PlacementWarning[];
}

/** A transfer answers with the placement it ended and the one it began. */
export class TransferResult {
  @ApiProperty({ type: PlacementView, description: 'The placement at the previous school, ended as transferred' }) ended: PlacementView;
  @ApiProperty({ type: PlacementResult, description: 'The active placement at the new school, with the support plan carried over' }) placement: PlacementResult;
}
