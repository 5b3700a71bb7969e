import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIcd10, IsSafeText } from '@qoldau/core';
import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { DISABILITY_STATUSES } from '../child-case.vocabulary';
import { IsCalendarDate } from './validators';

export class CreateDiagnosisDto {
  @ApiProperty({ example: 'F84.0' }) @IsIcd10() icd10: string;
  @ApiProperty({ example: '2024-03-01', description: 'When it was established; not in the future' }) @IsCalendarDate() date: string;
  @ApiPropertyOptional({ format: 'uuid', description: "The organisation that established it; the actor's own by default" })
  @IsOptional() @IsUUID() establishedByOrgId?: string;
}

export class DiagnosisView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() icd10: string;
  @ApiProperty() date: string;
  @ApiProperty({ format: 'uuid' }) establishedByOrgId: string;
  @ApiProperty() establishedByOrgName: string;
  @ApiProperty() recordedAt: string;
}

export class RecordDisabilityDto {
  @ApiProperty({ enum: DISABILITY_STATUSES }) @IsIn(DISABILITY_STATUSES) status: string;
  @ApiPropertyOptional({ type: String, example: '2024-02-01', nullable: true, description: 'Required when status is established' })
  @IsOptional() @IsCalendarDate() establishedOn?: string | null;
  @ApiPropertyOptional({ type: String, example: '2026-02-01', nullable: true, description: 'Next review; not before establishedOn' })
  @IsOptional() @IsCalendarDate() reviewOn?: string | null;
  @ApiPropertyOptional({ type: String, example: 'МСЭ-0012345', nullable: true })
  @IsOptional() @IsSafeText({ max: 50 }) @Matches(/^[\p{L}\p{N}\-/ №.]+$/u, { message: 'certificateNo may hold letters, digits, spaces and - / № .' })
  certificateNo?: string | null;
}

export class DisabilityView {
  @ApiProperty({ enum: DISABILITY_STATUSES }) status: string;
  @ApiProperty({ type: String, nullable: true }) establishedOn: string | null;
  @ApiProperty({ type: String, nullable: true }) reviewOn: string | null;
  @ApiProperty({ type: String, nullable: true }) certificateNo: string | null;
  @ApiProperty() recordedAt: string;
  @ApiProperty({ format: 'uuid' }) recordedByOrgId: string;
}
