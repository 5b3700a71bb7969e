import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIin, IsKato, IsPersonName, IsSafeText, PageQuery } from '@qoldau/core';
import { IsIn, IsOptional } from 'class-validator';
import { SEXES } from '../child-case.vocabulary';
import { IdentityView } from './child.dto';
import { IsCalendarDate, IsIinPrefix } from './validators';

export class ChildQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Name in any script (Kazakh, Russian, Latin): last, first and/or patronymic' })
  @IsOptional() @IsSafeText({ max: 100 }) q?: string;

  @ApiPropertyOptional({ description: 'The whole IIN, or a prefix of at least 6 digits' })
  @IsOptional() @IsIinPrefix() iin?: string;

  @ApiPropertyOptional({ description: 'KATO; a region or district code matches everything inside it' })
  @IsOptional() @IsKato() kato?: string;

  @ApiPropertyOptional({ enum: ['open', 'closed'] }) @IsOptional() @IsIn(['open', 'closed']) status?: string;
}

export class DuplicatesQuery {
  @ApiProperty() @IsPersonName() lastName: string;
  @ApiProperty() @IsPersonName() firstName: string;
  @ApiPropertyOptional() @IsOptional() @IsPersonName() patronymic?: string;
  @ApiProperty({ example: '2019-05-14' }) @IsCalendarDate() birthDate: string;
}

export class DuplicateCandidate {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() status: string;
  @ApiProperty({ description: 'Name similarity 0..1 (pg_trgm on the search key)' }) similarity: number;
  @ApiPropertyOptional({ type: IdentityView }) identity?: IdentityView;
}

export class DuplicatesView {
  @ApiProperty({ type: [DuplicateCandidate], description: 'Only children visible to you' }) items: DuplicateCandidate[];
}

export class LookupQuery {
  @ApiProperty({ description: 'The exact 12-digit IIN' }) @IsIin() iin: string;
}

export class LookupIdentity {
  @ApiProperty() lastName: string;
  @ApiProperty() firstName: string;
  @ApiProperty({ type: String, nullable: true }) patronymic: string | null;
  @ApiProperty({ example: '2019-05-14' }) birthDate: string;
  @ApiProperty({ enum: SEXES }) sex: string;
}

export class LookupView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() status: string;
  @ApiProperty({ description: 'Whether your organisation already has an active involvement' }) involved: boolean;
  @ApiProperty({ type: LookupIdentity, description: 'Enough to confirm the child: name, birth date, sex' }) identity: LookupIdentity;
}

export class LookupResult {
  @ApiProperty({ type: [LookupView], description: 'The child with this IIN, or nothing' }) items: LookupView[];
}
