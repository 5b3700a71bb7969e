import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIin, IsKato, IsPersonName, IsSafeText } from '@qoldau/core';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsDefined, IsIn, IsOptional, IsUUID, ValidateIf, ValidateNested } from 'class-validator';
import { SEXES } from '../child-case.vocabulary';
import { ConsentView, RegistrationConsentInput } from './consent.dto';
import { GuardianInput, GuardianView } from './guardian.dto';
import { DiagnosisView, DisabilityView } from './health.dto';
import { IsAbsentWhen, IsCalendarDate } from './validators';

/** A field that may be left out but, when sent, may not be null (its column is NOT NULL). */
const Present = () => ValidateIf((_object, value) => value !== undefined);

export class CreateChildDto {
  @ApiPropertyOptional({ example: '190514650017', description: '12-digit IIN; required unless iinPending is true' })
  @ValidateIf((o: CreateChildDto) => o.iinPending !== true || o.iin !== undefined)
  @IsDefined({ message: 'iin is required unless iinPending is true' })
  @IsIin()
  @IsAbsentWhen((o) => o.iinPending === true, 'must be left out when iinPending is true')
  iin?: string;

  @ApiPropertyOptional({ default: false, description: 'Register without an IIN (newborn, foreign child); PATCH it in later' })
  @IsOptional() @IsBoolean()
  iinPending?: boolean;

  @ApiProperty({ example: 'Ахметова' }) @IsPersonName() lastName: string;
  @ApiProperty({ example: 'Әлия' }) @IsPersonName() firstName: string;
  @ApiPropertyOptional({ type: String, example: 'Серікқызы', nullable: true }) @IsOptional() @IsPersonName() patronymic?: string | null;

  @ApiPropertyOptional({ example: '2019-05-14', description: 'Derived from the IIN when omitted; must agree with it' })
  @ValidateIf((o: CreateChildDto) => o.birthDate !== undefined || o.iin === undefined)
  @IsDefined({ message: 'birthDate is required without an IIN' })
  @IsCalendarDate()
  birthDate?: string;

  @ApiPropertyOptional({ enum: SEXES, description: 'Derived from the IIN when omitted; must agree with it' })
  @ValidateIf((o: CreateChildDto) => o.sex !== undefined || o.iin === undefined)
  @IsDefined({ message: 'sex is required without an IIN' })
  @IsIn(SEXES)
  sex?: 'male' | 'female';

  @ApiProperty({ example: '710000000', description: 'KATO of where the child lives (region, district or settlement)' })
  @IsKato() kato: string;

  @ApiPropertyOptional({ type: String, example: 'Астана, Сарыарқа ауданы, …', nullable: true })
  @IsOptional() @IsSafeText({ max: 300 }) address?: string | null;

  @ApiPropertyOptional({ type: [GuardianInput] })
  @IsOptional() @IsArray() @ArrayMaxSize(6) @ValidateNested({ each: true }) @Type(() => GuardianInput)
  guardians?: GuardianInput[];

  @ApiPropertyOptional({
    type: [RegistrationConsentInput],
    description: 'Consents the guardians give as the child is registered (the paper signed at the first visit), recorded with the case or not at all',
  })
  @IsOptional() @IsArray() @ArrayMaxSize(12) @ValidateNested({ each: true }) @Type(() => RegistrationConsentInput)
  consents?: RegistrationConsentInput[];

  @ApiPropertyOptional({
    default: false,
    description:
      'Registration is refused (409 POSSIBLE_DUPLICATE: the candidates you may see, and how many others) while a child with a similar name and the same birth date exists, whatever its IIN, unless this is true (audited)',
  })
  @IsOptional() @IsBoolean()
  confirmNew?: boolean;
}

export class UpdateChildDto {
  @ApiPropertyOptional({ description: 'Sets (or corrects) the IIN; clears iinPending' }) @Present() @IsIin() iin?: string;
  @ApiPropertyOptional() @Present() @IsPersonName() lastName?: string;
  @ApiPropertyOptional() @Present() @IsPersonName() firstName?: string;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsPersonName() patronymic?: string | null;
  @ApiPropertyOptional() @Present() @IsCalendarDate() birthDate?: string;
  @ApiPropertyOptional({ enum: SEXES }) @Present() @IsIn(SEXES) sex?: 'male' | 'female';
  @ApiPropertyOptional() @Present() @IsKato() kato?: string;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsSafeText({ max: 300 }) address?: string | null;
}

export class CloseChildDto {
  @ApiProperty({ example: 'Moved abroad with the family' }) @IsSafeText({ max: 500 }) reason: string;
}

export class ReopenChildDto {
  @ApiPropertyOptional() @IsOptional() @IsSafeText({ max: 500 }) reason?: string;
}

export class MergeChildDto {
  @ApiProperty({ format: 'uuid', description: 'The duplicate record; it becomes a tombstone pointing at this one' })
  @IsUUID() duplicateId: string;
}

export class IdentityView {
  @ApiProperty({ type: String, nullable: true }) iin: string | null;
  @ApiProperty() iinPending: boolean;
  @ApiProperty() lastName: string;
  @ApiProperty() firstName: string;
  @ApiProperty({ type: String, nullable: true }) patronymic: string | null;
  @ApiProperty({ example: '2019-05-14' }) birthDate: string;
  @ApiProperty({ enum: SEXES }) sex: string;
  @ApiProperty() kato: string;
  @ApiProperty({ type: String, nullable: true }) address: string | null;
  @ApiProperty() registeredAt: string;
  @ApiProperty({ format: 'uuid' }) registeredByOrgId: string;
}

/** A case as one object of sections; sections the actor may not see are absent (DESIGN §5). */
export class ChildView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() version: number;
  @ApiProperty({ enum: ['open', 'closed'] }) status: string;
  @ApiProperty({ type: String, nullable: true }) closedReason: string | null;
  @ApiProperty({ type: String, nullable: true }) closedAt: string | null;
  @ApiPropertyOptional({ type: IdentityView }) identity?: IdentityView;
  @ApiPropertyOptional({ type: [GuardianView], description: 'Current legal representatives' }) guardians?: GuardianView[];
  @ApiPropertyOptional({ type: [ConsentView], description: 'Every consent ever given, with its state' }) consents?: ConsentView[];
  @ApiPropertyOptional({ type: [DiagnosisView] }) diagnoses?: DiagnosisView[];
  @ApiPropertyOptional({ type: DisabilityView, nullable: true, description: 'Current disability record, or null when none is recorded' })
  disability?: DisabilityView | null;
}

/** A search hit: the case without its sections beyond identity. */
export class ChildSummary {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() version: number;
  @ApiProperty({ enum: ['open', 'closed'] }) status: string;
  @ApiPropertyOptional({ type: IdentityView }) identity?: IdentityView;
}

export class ChildPage {
  @ApiProperty({ type: [ChildSummary] }) items: ChildSummary[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
