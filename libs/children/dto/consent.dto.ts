import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { IsDefined, IsIn, IsInt, IsOptional, IsUUID, Max, Min, ValidateIf } from 'class-validator';
import { CASE_SECTORS, CONSENT_KINDS } from '../child-case.vocabulary';
import { IsAbsentWhen, IsInstantOrDate } from './validators';

export class CreateConsentDto {
  @ApiProperty({ enum: CONSENT_KINDS }) @IsIn(CONSENT_KINDS) kind: string;

  @ApiPropertyOptional({ enum: CASE_SECTORS, description: 'Required for data_sharing (the sector the case is shared with); absent otherwise' })
  @ValidateIf((o: CreateConsentDto) => o.kind === 'data_sharing' || o.sector !== undefined)
  @IsDefined({ message: 'sector is required for a data_sharing consent' })
  @IsIn(CASE_SECTORS)
  @IsAbsentWhen((o) => o.kind !== 'data_sharing', 'applies only to data_sharing consents')
  sector?: string;

  @ApiProperty({ format: 'uuid', description: 'The legal representative who gives the consent' }) @IsUUID() guardianId: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: '2027-05-14', description: 'A date (valid through that day, Almaty time) or a timestamp; null = no expiry' })
  @IsOptional() @IsInstantOrDate() expiresAt?: string | null;
}

/** A consent given at registration by one of the guardians registered with the child (by position). */
export class RegistrationConsentInput extends OmitType(CreateConsentDto, ['guardianId'] as const) {
  @ApiProperty({ minimum: 0, maximum: 5, example: 0, description: 'Position in `guardians` (at most 6) of the legal representative who gives it' })
  @IsInt() @Min(0) @Max(5) guardian: number;
}

export class ConsentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: CONSENT_KINDS }) kind: string;
  @ApiProperty({ enum: CASE_SECTORS, nullable: true }) sector: string | null;
  @ApiProperty({ format: 'uuid' }) guardianId: string;
  @ApiProperty() grantedAt: string;
  @ApiProperty({ type: String, nullable: true }) expiresAt: string | null;
  @ApiProperty({ type: String, nullable: true }) withdrawnAt: string | null;
  @ApiProperty({ description: 'Granted, not expired and not withdrawn, now' }) active: boolean;
}
