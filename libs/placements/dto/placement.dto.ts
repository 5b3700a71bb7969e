import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { GuardianInput } from '@qoldau/children';
import { IsDateOnly, IsIin, IsSafeMultilineText, IsSafeText, PageQuery } from '@qoldau/core';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsDefined, IsIn, IsInt, IsOptional, IsUUID, Max, Min, ValidateNested,
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
    type: [String], example: ['tutor', 'speech_therapist'],
    description: 'Special conditions the placement provides (GET /reference/special-conditions); 400 UNKNOWN_SPECIAL_CONDITION otherwise',
  })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @ArrayUnique() @IsSafeText({ max: 64 }, { each: true }) providedConditions?: string[];

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The accepted school_placement referral of this child to this organisation that the placement answers (422 REFERRAL_NOT_FOR_PLACEMENT otherwise). Activating the placement completes it (outcome placed) and, if the child is placed elsewhere, transfers the child',
  })
  @IsOptional() @IsUUID() referralId?: string;
}

/** POST /placements/:id/activate: the body is optional; conditions given replace those recorded at the proposal. */
export class ActivatePlacementDto {
  @ApiPropertyOptional({ type: [String], example: ['tutor'], description: 'Replaces the special conditions the placement provides' })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @ArrayUnique() @IsSafeText({ max: 64 }, { each: true }) providedConditions?: string[];
}

/**
 * POST /placements/enrolments: a family brings its child to the school with a written application and
 * no referral. The child is found by exact IIN and birth date; the legal representative is a current
 * guardian (guardianId) or is named (guardian: matched by IIN, else added).
 */
export class EnrolmentDto {
  @ApiProperty({ example: '190514600011', description: "The child's exact IIN" }) @IsIin() iin: string;
  @ApiProperty({ example: '2019-05-14', description: 'Must be the birth date on record: otherwise 404, as for an unknown IIN' })
  @IsDateOnly() birthDate: string;

  @ApiPropertyOptional({ type: GuardianInput, description: 'The legal representative who applies; give this or guardianId' })
  @IsOptional() @ValidateNested() @Type(() => GuardianInput) guardian?: GuardianInput;

  @ApiPropertyOptional({ format: 'uuid', description: 'A current guardian of the child who applies; give this or guardian' })
  @IsOptional() @IsUUID() guardianId?: string;

  @ApiProperty({ example: '2026-11-20', description: 'The day of the written application; not in the future' }) @IsDateOnly() applicationDate: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: '№ 148', description: 'Its registration number' })
  @IsOptional() @IsSafeText({ max: 60 }) documentNumber?: string | null;

  @ApiProperty({ example: 'inclusive_class', description: 'A form of education your organisation offers' }) @IsSafeText({ max: 64 }) form: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: '1 «А»' }) @IsOptional() @IsSafeText({ max: 40 }) classLabel?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '2026-12-01' }) @IsOptional() @IsDateOnly() startedOn?: string | null;
  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean() usesSupportRoom?: boolean;
  @ApiPropertyOptional({ type: [String], example: ['assistant'] })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @ArrayUnique() @IsSafeText({ max: 64 }, { each: true }) providedConditions?: string[];
}

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

/** GET /placements: the roster. */
export class RosterQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: "The placing organisation; a school's coordinator: defaults to (and is limited to) their own" })
  @IsOptional() @IsUUID() orgId?: string;

  @ApiPropertyOptional({ enum: PLACEMENT_STATUSES, description: 'Absent: proposed and active' })
  @IsOptional() @IsIn(PLACEMENT_STATUSES) status?: string;

  @ApiPropertyOptional({ example: 'inclusive_class' }) @IsOptional() @IsSafeText({ max: 64 }) form?: string;

  @ApiPropertyOptional({ description: 'true: placements that honour the current conclusion; false: those that do not (without a conclusion: neither)' })
  @IsOptional() @Transform(toBoolean) @IsBoolean() matches?: boolean;

  @ApiPropertyOptional({ description: "The child's name in any script" }) @IsOptional() @IsSafeText({ max: 100 }) q?: string;
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

/**
 * A goal of a support plan. `id` names a goal of the plan's current version (kept when the plan is
 * rewritten, so reviews stay attached to it); a goal without one is new and is given one.
 */
export class PlanGoal {
  @ApiPropertyOptional({ format: 'uuid', description: 'A goal of the current version; omit for a new goal (400 UNKNOWN_GOAL otherwise)' })
  @IsOptional() @IsUUID() id?: string;
  @ApiProperty({ example: 'speech' }) @IsDefined() @IsSafeText({ max: 100 }) area: string;
  @ApiProperty({ example: 'Reads short texts aloud with support', description: 'The goal' }) @IsDefined() @IsSafeMultilineText({ max: 2000 }) description: string;
  @ApiProperty({ example: 'Reads 5 sentences aloud with at most one prompt, 3 lessons running', description: 'How achieving it is measured' })
  @IsDefined() @IsSafeMultilineText({ max: 1000 }) criterion: string;
  @ApiProperty({ example: '2027-05-31' }) @IsDefined() @IsDateOnly() targetDate: string;
}

export class PlanService {
  @ApiProperty({ example: 'speech_therapy', description: 'The type of service' }) @IsDefined() @IsSafeText({ max: 200 }) service: string;
  @ApiProperty({ format: 'uuid', description: 'The organisation providing it (400 UNKNOWN_ORGANIZATION)' }) @IsDefined() @IsUUID() providerOrgId: string;
  @ApiProperty({ minimum: 1, maximum: 40 }) @IsDefined() @IsInt() @Min(1) @Max(40) hoursPerWeek: number;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'support room', description: 'Where, in words' }) @IsOptional() @IsSafeText({ max: 200 }) provider?: string | null;
}

export class ResponsibleStaff {
  @ApiProperty({ example: 'Ахметова Айгүл' }) @IsDefined() @IsSafeText({ max: 200 }) fullName: string;
  @ApiProperty({ example: 'speech therapist' }) @IsDefined() @IsSafeText({ max: 100 }) role: string;
}

export class SupportPlanDto {
  @ApiProperty({ type: [PlanGoal], minItems: 1 })
  @IsDefined() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => PlanGoal) goals: PlanGoal[];

  @ApiProperty({ type: [PlanService] })
  @IsDefined() @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => PlanService) services: PlanService[];

  @ApiProperty({ type: [ResponsibleStaff], minItems: 1 })
  @IsDefined() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => ResponsibleStaff) responsibleStaff: ResponsibleStaff[];

  @ApiProperty({ example: '2027-01-15', description: 'After today and within 12 months (400 PLAN_REVIEW_DATE_OUT_OF_RANGE)' })
  @IsDefined() @IsDateOnly() reviewDate: string;
}

export class PlanGoalView {
  @ApiProperty({ format: 'uuid', description: 'Stable within the plan across its versions' }) id: string;
  @ApiProperty() area: string;
  @ApiProperty() description: string;
  @ApiProperty() criterion: string;
  @ApiProperty() targetDate: string;
}

export class PlanServiceView {
  @ApiProperty() service: string;
  @ApiProperty({ format: 'uuid' }) providerOrgId: string;
  @ApiProperty() hoursPerWeek: number;
  @ApiPropertyOptional({ type: String, nullable: true }) provider?: string | null;
}

export class SupportPlanView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) placementId: string;
  @ApiProperty({ type: [PlanGoalView] }) goals: PlanGoalView[];
  @ApiProperty({ type: [PlanServiceView] }) services: PlanServiceView[];
  @ApiProperty({ type: [ResponsibleStaff] }) responsibleStaff: ResponsibleStaff[];
  @ApiProperty() reviewDate: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: "The previous school's plan this one was carried over from by a transfer" })
  carriedFromId: string | null;
  @ApiProperty() updatedAt: string;
  @ApiProperty({ description: 'Send it back in If-Match to change the plan' }) version: number;
}

export const GOAL_PROGRESS = ['achieved', 'progressing', 'not_yet'] as const;

export class GoalProgress {
  @ApiProperty({ format: 'uuid', description: "A goal of the plan's current version (400 UNKNOWN_GOAL)" }) @IsDefined() @IsUUID() goalId: string;
  @ApiProperty({ enum: GOAL_PROGRESS }) @IsDefined() @IsIn(GOAL_PROGRESS) progress: (typeof GOAL_PROGRESS)[number];
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsSafeMultilineText({ max: 2000 }) note?: string | null;
}

export class SupportPlanReviewDto {
  @ApiProperty({ example: '2027-01-10', description: 'Not in the future (400 DATE_IN_FUTURE)' }) @IsDefined() @IsDateOnly() reviewedOn: string;
  @ApiProperty({ type: [GoalProgress], minItems: 1 })
  @IsDefined() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => GoalProgress) goals: GoalProgress[];
  @ApiProperty({ example: '2027-06-10', description: 'After today and the review, within 12 months of the review (400 PLAN_REVIEW_DATE_OUT_OF_RANGE)' })
  @IsDefined() @IsDateOnly() nextReviewDate: string;
}

export class SupportPlanVersionView {
  @ApiProperty() version: number;
  @ApiProperty({ enum: ['created', 'updated', 'reviewed', 'carried'] }) change: string;
  @ApiProperty({ type: [PlanGoalView] }) goals: PlanGoalView[];
  @ApiProperty({ type: [PlanServiceView] }) services: PlanServiceView[];
  @ApiProperty({ type: [ResponsibleStaff] }) responsibleStaff: ResponsibleStaff[];
  @ApiProperty() reviewDate: string;
  @ApiProperty() changedAt: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) changedBy: string | null;
}

export class GoalProgressView {
  @ApiProperty({ format: 'uuid' }) goalId: string;
  @ApiProperty({ enum: GOAL_PROGRESS }) progress: string;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
}

export class SupportPlanReviewView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'The plan version that was reviewed' }) planVersion: number;
  @ApiProperty() reviewedOn: string;
  @ApiProperty({ type: [GoalProgressView] }) goals: GoalProgressView[];
  @ApiProperty() nextReviewDate: string;
  @ApiProperty({ format: 'uuid' }) recordedBy: string;
  @ApiProperty() recordedAt: string;
}

/** A plan with its history: every version, oldest first, and every review, oldest first. */
export class SupportPlanHistoryView extends SupportPlanView {
  @ApiProperty({ format: 'uuid' }) childId: string;
  @ApiProperty({ type: [SupportPlanVersionView] }) versions: SupportPlanVersionView[];
  @ApiProperty({ type: [SupportPlanReviewView] }) reviews: SupportPlanReviewView[];
}

export class PlacementWarning {
  @ApiProperty({ example: 'FORM_DIFFERS_FROM_CONCLUSION' }) code: string;
  @ApiProperty() message: string;
  @ApiPropertyOptional({ format: 'uuid' }) assessmentId?: string;
  @ApiPropertyOptional({ type: String, nullable: true }) recommendedForm?: string | null;
  @ApiPropertyOptional() form?: string;
  @ApiPropertyOptional({ description: 'CONDITION_NOT_PROVIDED: the special condition of the conclusion the placement does not provide' }) condition?: string;
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
  @ApiProperty({ type: [String], description: 'Special conditions the placement provides' }) providedConditions: string[];
  @ApiProperty({ type: String, nullable: true, description: 'An enrolment without a referral: the day of the written application' }) applicationDate: string | null;
  @ApiProperty({ type: String, nullable: true }) applicationDocument: string | null;
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
  @ApiProperty({ type: [PlacementWarning], description: 'Not refusals: FORM_DIFFERS_FROM_CONCLUSION, CONDITION_NOT_PROVIDED, NO_SIGNED_CONCLUSION' })
  warnings: PlacementWarning[];
}

export class RosterChild {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() lastName: string;
  @ApiProperty() firstName: string;
  @ApiProperty({ type: String, nullable: true }) patronymic: string | null;
  @ApiProperty({ example: '2019-05-14' }) birthDate: string;
}

/** How the placement honours the child's current signed conclusion. */
export class ProvisionStatus {
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'The current signed conclusion; null: none' }) conclusionId: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'The PMPC that signed it' }) pmpcOrgId: string | null;
  @ApiProperty({ type: String, nullable: true }) recommendedForm: string | null;
  @ApiProperty({ type: Boolean, nullable: true, description: 'null: no conclusion, or it recommends no form' }) formMatches: boolean | null;
  @ApiProperty({ type: [String], description: 'Special conditions of the conclusion the placement does not provide' }) missingConditions: string[];
  @ApiProperty() planPresent: boolean;
  @ApiProperty({ description: "The support plan's review date has passed (Asia/Almaty)" }) planOverdue: boolean;
  @ApiProperty({
    type: Boolean, nullable: true,
    description: 'The form matches (or none is recommended), no condition is missing, a plan exists and is not overdue; null without a conclusion',
  })
  honoured: boolean | null;
}

export class RosterItem {
  @ApiProperty({ format: 'uuid', description: 'The placement' }) id: string;
  @ApiProperty({ format: 'uuid' }) childId: string;
  @ApiProperty({ type: RosterChild, nullable: true, description: 'Null while your organisation does not see the case (a proposal not yet activated)' })
  child: RosterChild | null;
  @ApiProperty({ type: PlacementOrganization }) organization: PlacementOrganization;
  @ApiProperty({ enum: PLACEMENT_STATUSES }) status: string;
  @ApiProperty() form: string;
  @ApiProperty({ type: String, nullable: true }) classLabel: string | null;
  @ApiProperty() usesSupportRoom: boolean;
  @ApiProperty({ type: [String] }) providedConditions: string[];
  @ApiProperty({ description: "The placement provides a tutor (special condition 'tutor')" }) tutor: boolean;
  @ApiProperty({ description: "The placement provides an assistant (special condition 'assistant')" }) assistant: boolean;
  @ApiProperty({ type: String, nullable: true }) startedOn: string | null;
  @ApiProperty({ type: String, nullable: true }) planReviewDate: string | null;
  @ApiProperty({ type: ProvisionStatus }) provision: ProvisionStatus;
  @ApiProperty() version: number;
}

export class RosterPage {
  @ApiProperty({ type: [RosterItem] }) items: RosterItem[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

/** A transfer answers with the placement it ended and the one it began. */
export class TransferResult {
  @ApiProperty({ type: PlacementView, description: 'The placement at the previous school, ended as transferred' }) ended: PlacementView;
  @ApiProperty({ type: PlacementResult, description: 'The active placement at the new school, with the support plan carried over' }) placement: PlacementResult;
}
