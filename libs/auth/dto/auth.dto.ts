import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { ROLES } from '../roles';
import { PASSWORD_MAX_LENGTH } from '../password-policy';

export class LoginDto {
  @ApiProperty({ example: 'aigerim.s', maxLength: 100, description: 'Case-insensitive' })
  @IsString() @IsNotEmpty() @MaxLength(100)
  username: string;

  @ApiProperty({ format: 'password', maxLength: PASSWORD_MAX_LENGTH })
  @IsString() @IsNotEmpty() @MaxLength(PASSWORD_MAX_LENGTH)
  password: string;
}

export class RefreshDto {
  @ApiProperty({ description: 'The refresh token from the last login or refresh (each is usable once)' })
  @IsString() @IsNotEmpty() @MaxLength(200)
  refreshToken: string;
}

export class TokenPairDto {
  @ApiProperty({ description: 'JWT for `Authorization: Bearer …`' }) accessToken: string;
  @ApiProperty({ description: 'Opaque, single-use; exchange it at /auth/refresh before it idles out (7 days)' }) refreshToken: string;
  @ApiProperty({ example: 900, description: 'Seconds until the access token expires' }) expiresIn: number;
}

export class SessionDto {
  @ApiProperty({ format: 'uuid' }) sessionId: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() username: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) orgId: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'pmpc' }) orgType: string | null;
  @ApiProperty({ nullable: true, enum: ['education', 'health', 'social'] }) sector: string | null;
  @ApiProperty({ nullable: true, type: String, example: '710000000' }) regionKato: string | null;
  @ApiProperty({ enum: ROLES, isArray: true }) roles: string[];
}
