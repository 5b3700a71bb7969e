import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateOnly, IsSafeMultilineText } from '@qoldau/core';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsBoolean, IsIn, IsObject, IsOptional, IsString, IsUUID, MaxLength, ValidateIf, ValidateNested,
} from 'class-validator';
import { ASSESSMENT_STATUSES, PROGRAMMES, SPECIALTIES } from '../assessment.vocabulary';

/** A field that may be left out but, when sent, may not be null (its column is NOT NULL). */
const Present = () => ValidateIf((_object, value) => value !== undefined);


const TEXT_MAX = 4000;
const NOTES_MAX = 20000;

export class RecommendationsInput {
  @ApiPropertyOptional({ type: String, nullable: true, description: 'For schools, kindergartens and correction rooms' })
  @IsOptional() @IsSafeMultilineText({ max: TEXT_MAX }) education?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'For polyclinics and rehabilitation' })
  @IsOptional() @IsSafeMultilineText({ max: TEXT_MAX }) health?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'For social protection' })
  @IsOptional() @IsSafeMultilineText({ max: TEXT_MAX }) social?: string | null;
}

export class SpecialistInput {
  @ApiProperty({ format: 'uuid', description: 'A user of the same PMPC' }) @IsUUID() userId: string;
  @ApiProperty({ enum: SPECIALTIES }) @IsIn(SPECIALTIES) specialty: string;
}

/**
 * The draft's fields; every one optional. On POST they are the draft's first content, on PATCH the
 * fields sent replace the stored ones (`recommendations` per sector; `specialists` as a whole list).
 */
export class AssessmentDraftDto {
  @ApiPropertyOptional({ description: 'The explicit "no special educational needs" outcome; excludes senCategories' })
  @Present() @IsBoolean() noSen?: boolean;

  @ApiPropertyOptional({
    type: [String], example: ['speech', 'intellectual_mild'],
    description: 'Codes from GET /reference/sen-categories; intellectual ones carry the degree (intellectual_mild|moderate|severe)',
  })
  @Present() @IsArray() @ArrayMaxSize(12) @IsString({ each: true }) @MaxLength(60, { each: true })
  senCategories?: string[];

  @ApiPropertyOptional({ enum: PROGRAMMES, nullable: true }) @IsOptional() @IsIn(PROGRAMMES) programme?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'inclusive_class', description: 'Code from GET /reference/education-forms' })
  @IsOptional() @IsString() @MaxLength(60) formOfEducation?: string | null;

  @ApiPropertyOptional({ type: [String], example: ['tutor', 'speech_therapist'], description: 'Codes from GET /reference/special-conditions' })
  @Present() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @MaxLength(60, { each: true })
  specialConditions?: string[];

  @ApiPropertyOptional({ type: RecommendationsInput, description: 'Per sector; a sector sent as null is cleared, one left out is kept' })
  @Present() @IsObject() @ValidateNested() @Type(() => RecommendationsInput)
  recommendations?: RecommendationsInput;

  @ApiPropertyOptional({ type: String, nullable: true, description: "The commission's protocol notes (seen only by PMPC)" })
  @IsOptional() @IsSafeMultilineText({ max: NOTES_MAX }) protocolNotes?: string | null;

  @ApiPropertyOptional({ type: [SpecialistInput], description: 'The commission present; confirmations of members kept in the list are kept' })
  @Present() @IsArray() @ArrayMaxSize(12) @ValidateNested({ each: true }) @Type(() => SpecialistInput)
  specialists?: SpecialistInput[];

  @ApiPropertyOptional({ type: String, nullable: true, example: '2027-11-25', description: 'After today and within 3 years' })
  @IsOptional() @IsDateOnly() reviewDate?: string | null;
}

export class ConfirmationDto {
  @ApiProperty({ description: "The confirming member's own findings (part of the PMPC-only protocol)" })
  @IsSafeMultilineText({ max: NOTES_MAX }) findings: string;
}

export class ConclusionQuery {
  @ApiPropertyOptional({ enum: ['kk', 'ru'], default: 'kk' }) @IsOptional() @IsIn(['kk', 'ru']) lang?: 'kk' | 'ru';
}

// ── Views ────────────────────────────────────────────────────────────────────────────────────────

export class PersonRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() fullName: string;
}

export class OrganizationRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() nameKk: string;
  @ApiProperty() nameRu: string;
}

export class CommissionMemberView {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ enum: SPECIALTIES }) specialty: string;
  @ApiProperty({ type: String, nullable: true, description: 'When the member confirmed their findings; null = not yet' }) confirmedAt: string | null;
}

export class FindingsView {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ enum: SPECIALTIES }) specialty: string;
  @ApiProperty({ type: String, nullable: true }) text: string | null;
}

export class ProtocolNotesView {
  @ApiProperty({ type: String, nullable: true }) text: string | null;
  @ApiProperty({ type: [FindingsView] }) findings: FindingsView[];
}

export class RecommendationsView {
  @ApiProperty({ type: String, nullable: true }) education: string | null;
  @ApiProperty({ type: String, nullable: true }) health: string | null;
  @ApiProperty({ type: String, nullable: true }) social: string | null;
}

export class AssessmentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) childId: string;
  @ApiProperty({ enum: ASSESSMENT_STATUSES, description: 'signed = the current conclusion of the child' }) status: string;
  @ApiProperty({ type: OrganizationRef }) pmpc: OrganizationRef;
  @ApiProperty() noSen: boolean;
  @ApiProperty({ type: [String] }) senCategories: string[];
  @ApiProperty({ enum: PROGRAMMES, nullable: true }) programme: string | null;
  @ApiProperty({ type: String, nullable: true }) formOfEducation: string | null;
  @ApiProperty({ type: [String] }) specialConditions: string[];
  @ApiProperty({ type: RecommendationsView }) recommendations: RecommendationsView;
  @ApiProperty({ type: String, nullable: true }) reviewDate: string | null;
  @ApiProperty({ type: [CommissionMemberView] }) commission: CommissionMemberView[];
  @ApiPropertyOptional({ type: ProtocolNotesView, description: 'PMPC only: left out for every other sector' }) protocolNotes?: ProtocolNotesView;
  @ApiProperty() openedAt: string;
  @ApiProperty({ type: PersonRef }) openedBy: PersonRef;
  @ApiProperty({ type: String, nullable: true }) signedAt: string | null;
  @ApiProperty({ type: PersonRef, nullable: true }) signedBy: PersonRef | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) supersedesId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) supersededById: string | null;
  @ApiProperty({ type: String, nullable: true }) supersededAt: string | null;
  @ApiProperty() version: number;
}
