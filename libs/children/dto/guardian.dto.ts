import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIin, IsKzPhone, IsPersonName } from '@qoldau/core';
import { IsIn, IsOptional, ValidateIf } from 'class-validator';
import { GUARDIAN_RELATIONS } from '../child-case.vocabulary';

export class GuardianInput {
  @ApiPropertyOptional({ type: String, example: '870312450013', nullable: true, description: 'Required for citizens; may be left out for a foreign representative' })
  @IsOptional() @IsIin() iin?: string | null;

  @ApiProperty({ example: 'Ахметова Гүлнар Серікқызы' }) @IsPersonName() fullName: string;

  @ApiProperty({ enum: GUARDIAN_RELATIONS }) @IsIn(GUARDIAN_RELATIONS) relation: string;

  @ApiPropertyOptional({ type: String, example: '+77011234567', nullable: true }) @IsOptional() @IsKzPhone() phone?: string | null;
}

export class UpdateGuardianDto {
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsIin() iin?: string | null;
  @ApiPropertyOptional() @ValidateIf((_o, v) => v !== undefined) @IsPersonName() fullName?: string;
  @ApiPropertyOptional({ enum: GUARDIAN_RELATIONS }) @ValidateIf((_o, v) => v !== undefined) @IsIn(GUARDIAN_RELATIONS) relation?: string;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsKzPhone() phone?: string | null;
}

export class GuardianView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, nullable: true }) iin: string | null;
  @ApiProperty() fullName: string;
  @ApiProperty({ enum: GUARDIAN_RELATIONS }) relation: string;
  @ApiProperty({ type: String, nullable: true }) phone: string | null;
  @ApiProperty({ description: 'False once ended (DELETE)' }) active: boolean;
  @ApiProperty({ type: String, nullable: true }) endedAt: string | null;
  @ApiProperty() version: number;
}
