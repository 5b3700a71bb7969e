import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { PageQuery } from '@qoldau/core';
import { Transform } from 'class-transformer';
import {
  IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateIf,
} from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const NO_CONTROL_CHARS = /^[^\p{Cc}]*$/u;
const KATO = /^\d{9}$/;
/**
 * Upper bounds well inside the `integer` columns (2^31 − 1), so that 1e308 or 2^53 + 1 is a 400, not
 * a PostgreSQL out-of-range 500; far above any real school or centre (the largest serve a few thousand).
 */
const MAX_PLACES = 100_000;
const MAX_SUPPORT_ROOMS = 1_000;
/** The one organisation type without a region: the ministry works nationwide. */
export const NATIONAL_ORGANIZATION_TYPE = 'ministry';
const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class CreateOrganizationDto {
  @ApiProperty({ example: 'correction_room', description: 'Organisation type code (GET /reference/organization-types)' })
  @IsString() @Matches(/^[a-z_]{2,40}$/, { message: 'type must be an organisation type code' })
  type: string;

  @ApiProperty({ example: 'Тараз қаласының №1 ПМПК' })
  @Transform(trim) @IsString() @MinLength(2) @MaxLength(300) @Matches(NO_CONTROL_CHARS, { message: 'nameKk must not contain control characters' })
  nameKk: string;

  @ApiProperty({ example: 'ПМПК №1 города Тараз' })
  @Transform(trim) @IsString() @MinLength(2) @MaxLength(300) @Matches(NO_CONTROL_CHARS, { message: 'nameRu must not contain control characters' })
  nameRu: string;

  @ApiPropertyOptional({ example: '310000000', description: 'KATO code of the region; required for every type but the national `ministry`, which has none' })
  @ValidateIf((o: CreateOrganizationDto) => o.type !== NATIONAL_ORGANIZATION_TYPE || o.kato !== undefined)
  @IsString() @Matches(KATO, { message: 'kato must be a 9-digit KATO code' })
  kato?: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional() @IsUUID()
  parentId?: string | null;

  @ApiPropertyOptional({ type: Number, minimum: 0, maximum: MAX_PLACES, nullable: true, description: 'Children served at once; omit for unlimited' })
  @IsOptional() @IsInt() @Min(0) @Max(MAX_PLACES)
  capacity?: number | null;

  @ApiPropertyOptional({ type: Number, minimum: 0, maximum: MAX_PLACES, nullable: true })
  @IsOptional() @IsInt() @Min(0) @Max(MAX_PLACES)
  stateOrderPlaces?: number | null;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_SUPPORT_ROOMS, description: 'Inclusion support rooms (mainstream schools and kindergartens)' })
  @IsOptional() @IsInt() @Min(0) @Max(MAX_SUPPORT_ROOMS)
  supportRooms?: number;

  @ApiPropertyOptional({ description: 'Conditions for SEN children created (mainstream schools and kindergartens)' })
  @IsOptional() @IsBoolean()
  senConditions?: boolean;

  @ApiPropertyOptional({ type: String, example: '2025-09-01', nullable: true })
  @IsOptional() @IsISO8601({ strict: true }) @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'senConditionsSince must be YYYY-MM-DD' })
  senConditionsSince?: string | null;

  @ApiPropertyOptional({ type: String, example: 'PPKK-AST-01', nullable: true, description: 'Identifier in the source register; unique' })
  @IsOptional() @Transform(trim) @IsString() @MinLength(1) @MaxLength(100) @Matches(/^[\p{L}\p{N}._\-/]+$/u, { message: 'externalId may hold letters, digits and . _ - /' })
  externalId?: string | null;
}

/** Everything but the type may change (a type change would invalidate its users' roles). */
export class UpdateOrganizationDto extends PartialType(
  PickType(CreateOrganizationDto, [
    'nameKk', 'nameRu', 'kato', 'parentId', 'capacity', 'stateOrderPlaces', 'supportRooms', 'senConditions', 'senConditionsSince', 'externalId',
  ] as const),
) {
  @ApiPropertyOptional({ description: 'False hides the organisation from new referrals and placements' })
  @IsOptional() @IsBoolean()
  active?: boolean;
}

export class OrganizationQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(/^[a-z_]{2,40}$/) type?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(KATO, { message: 'kato must be a 9-digit KATO code' }) kato?: string;
  @ApiPropertyOptional({ enum: ['education', 'health', 'social'] }) @IsOptional() @IsIn(['education', 'health', 'social']) sector?: string;
  @ApiPropertyOptional({ description: 'Part of the Kazakh or Russian name' })
  @IsOptional() @Transform(trim) @IsString() @MinLength(2) @MaxLength(100) @Matches(NO_CONTROL_CHARS) q?: string;
  @ApiPropertyOptional() @IsOptional() @Transform(toBoolean) @IsBoolean() active?: boolean;
}

export class OrganizationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() type: string;
  @ApiProperty({ enum: ['education', 'health', 'social'] }) sector: string;
  @ApiProperty() specialised: boolean;
  @ApiProperty() nameKk: string;
  @ApiProperty() nameRu: string;
  @ApiProperty({ nullable: true, type: String, description: 'null for the national ministry' }) kato: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) parentId: string | null;
  @ApiProperty({ type: Number, nullable: true }) capacity: number | null;
  @ApiProperty({ type: Number, nullable: true }) stateOrderPlaces: number | null;
  @ApiProperty() supportRooms: number;
  @ApiProperty() senConditions: boolean;
  @ApiProperty({ type: String, nullable: true }) senConditionsSince: string | null;
  @ApiProperty({ type: String, nullable: true }) externalId: string | null;
  @ApiProperty() active: boolean;
  @ApiProperty() version: number;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class OrganizationPage {
  @ApiProperty({ type: [OrganizationView] }) items: OrganizationView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

