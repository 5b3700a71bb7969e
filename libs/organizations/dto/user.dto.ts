import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ROLES, type Role } from '@qoldau/auth';
import { PageQuery } from '@qoldau/core';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const lower = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);
const FULL_NAME = /^[\p{L}][\p{L}\p{M} .'’-]*$/u;
export const LOCALES = ['kk', 'ru', 'en'];

class UserFields {
  @ApiProperty({ example: 'Айгерім Сейітқызы' })
  @Transform(trim) @IsString() @MinLength(2) @MaxLength(200) @Matches(FULL_NAME, { message: 'fullName may hold letters, spaces, hyphens and apostrophes' })
  fullName: string;

  @ApiProperty({ enum: ROLES, isArray: true, example: ['pmpc_specialist'] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(4) @ArrayUnique() @IsIn(ROLES, { each: true })
  roles: Role[];

  @ApiPropertyOptional({ enum: LOCALES, default: 'kk' })
  @IsOptional() @IsIn(LOCALES)
  locale?: string;
}

export class CreateUserDto extends UserFields {
  @ApiProperty({ example: 'aigerim.s', description: 'Lower-case letters, digits, dot, underscore, hyphen' })
  @Transform(lower) @IsString() @Matches(/^[a-z0-9][a-z0-9._-]{2,63}$/, { message: 'username must be 3–64 of a-z 0-9 . _ -' })
  username: string;

  @ApiProperty({ minLength: 12, description: 'At least 12 characters, not containing the username' })
  @IsString() @MaxLength(200)
  password: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  orgId: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @MinLength(2) @MaxLength(200) @Matches(FULL_NAME, { message: 'fullName may hold letters, spaces, hyphens and apostrophes' })
  fullName?: string;

  @ApiPropertyOptional({ enum: ROLES, isArray: true })
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(4) @ArrayUnique() @IsIn(ROLES, { each: true })
  roles?: Role[];

  @ApiPropertyOptional({ enum: LOCALES }) @IsOptional() @IsIn(LOCALES)
  locale?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Move the user to another organisation (its roles must fit)' })
  @IsOptional() @IsUUID()
  orgId?: string;
}

export class ResetPasswordDto {
  @ApiProperty({ minLength: 12 })
  @IsString() @MaxLength(200)
  password: string;
}

export class UserQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() orgId?: string;
  @ApiPropertyOptional({ enum: ROLES }) @IsOptional() @IsIn(ROLES) role?: Role;
  @ApiPropertyOptional({ description: 'Part of the username or full name' })
  @IsOptional() @Transform(trim) @IsString() @MinLength(2) @MaxLength(100) @Matches(/^[^\p{Cc}]*$/u) q?: string;
}

export class UserView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() username: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) orgId: string | null;
  @ApiProperty({ enum: ROLES, isArray: true }) roles: Role[];
  @ApiProperty({ enum: LOCALES }) locale: string;
  @ApiProperty() active: boolean;
  @ApiProperty({ type: String, nullable: true }) lockedUntil: string | null;
  @ApiProperty() version: number;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class UserPage {
  @ApiProperty({ type: [UserView] }) items: UserView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

/** PATCH /me: what a user may change about themselves — the language the app speaks to them. */
export class UpdateMeDto {
  @ApiProperty({ enum: LOCALES, example: 'kk' })
  @IsIn(LOCALES)
  locale: string;
}

/** POST /me/password: a user changes their own password, proving they know the current one. */
export class ChangeMyPasswordDto {
  @ApiProperty({ description: 'The password the user signs in with now' })
  @IsString() @MinLength(1) @MaxLength(200)
  currentPassword: string;

  @ApiProperty({ minLength: 12, description: 'At least 12 characters, not containing the username' })
  @IsString() @MaxLength(200)
  newPassword: string;
}
