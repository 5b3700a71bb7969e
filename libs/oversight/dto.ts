import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIin, IsSafeMultilineText, PageQuery } from '@qoldau/core';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, Max, Min, MinLength } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class BreakGlassRequest {
  @ApiProperty({ example: '190514600122', description: 'Exact IIN of the child' })
  @IsIin()
  iin: string;

  @ApiProperty({ minLength: 20, description: 'Why the case must be opened now (shown to the guardians and to auditors)' })
  @Transform(trim) @MinLength(20, { message: 'reason must say why, in at least 20 characters' }) @IsSafeMultilineText({ max: 2000 })
  reason: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 72, default: 24, description: 'Hours the case stays open to you' })
  @IsOptional() @IsInt() @Min(1) @Max(72)
  hours?: number;
}

export class BreakGlassReview {
  @ApiProperty({ enum: ['justified', 'unjustified'] })
  @IsIn(['justified', 'unjustified'])
  verdict: 'justified' | 'unjustified';

  @ApiProperty({ description: "The auditor's comment" })
  @Transform(trim) @MinLength(3) @IsSafeMultilineText({ max: 2000 })
  comment: string;
}

export class BreakGlassQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'false = the review queue' })
  @IsOptional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean()
  reviewed?: boolean;
}

export class BreakGlassView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) childId: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ format: 'uuid' }) orgId: string;
  @ApiProperty() reason: string;
  @ApiProperty() openedAt: string;
  @ApiProperty() expiresAt: string;
  @ApiProperty({ type: [String] }) notifiedOrgIds: string[];
  @ApiProperty({ nullable: true, enum: ['justified', 'unjustified'] }) verdict: string | null;
  @ApiProperty({ type: String, nullable: true }) reviewComment: string | null;
  @ApiProperty({ type: String, nullable: true }) reviewedBy: string | null;
  @ApiProperty({ type: String, nullable: true }) reviewedAt: string | null;
  @ApiProperty() version: number;
}

export class BreakGlassPage {
  @ApiProperty({ type: [BreakGlassView] }) items: BreakGlassView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class AccessLogEntry {
  @ApiProperty() at: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) organizationId: string | null;
  @ApiProperty({ type: String, nullable: true }) organizationNameKk: string | null;
  @ApiProperty({ type: String, nullable: true }) organizationNameRu: string | null;
  @ApiProperty({ enum: ['read', 'change', 'break_glass'] }) kind: string;
  @ApiProperty({ description: 'What was done, e.g. child.read, assessment.sign' }) action: string;
  @ApiProperty({ type: String, nullable: true, description: 'The reason given (break-glass)' }) reason: string | null;
}

export class AccessLogPage {
  @ApiProperty({ type: [AccessLogEntry] }) items: AccessLogEntry[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
