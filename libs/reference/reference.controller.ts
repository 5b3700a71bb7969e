import { Controller, Get, Headers, Query } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Clock, errorCodeList, NoTransaction, pickLocale, Public } from '@qoldau/core';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { ReferenceService } from './reference.service';

class LabelledItem {
  @ApiProperty() code: string;
  @ApiProperty({ description: 'Label in the language chosen by Accept-Language (kk default)' }) label: string;
}
class RegionItem {
  @ApiProperty({ example: '710000000' }) kato: string;
  @ApiProperty() label: string;
}
class OrganizationTypeItem extends LabelledItem {
  @ApiProperty({ enum: ['education', 'health', 'social'] }) sector: string;
  @ApiProperty() specialised: boolean;
}
class SenCategoryItem extends LabelledItem {
  @ApiProperty() group: string;
}
class EducationFormItem extends LabelledItem {
  @ApiProperty({ enum: ['school', 'kindergarten', 'early'] }) level: string;
}
class HolidayItem {
  @ApiProperty({ example: '2026-03-21' }) date: string;
  @ApiProperty({ enum: ['holiday', 'day_off', 'working_day'] }) kind: string;
  @ApiProperty() label: string;
}
class ErrorTitle {
  @ApiProperty({ example: 'Заңды өкіл қызметтерге келісімін кері қайтарып алды' }) kk: string;
  @ApiProperty({ example: 'Законный представитель отозвал согласие на услуги' }) ru: string;
  @ApiProperty({ example: 'The legal representative has withdrawn consent to services' }) en: string;
}
class ErrorCodeItem {
  @ApiProperty({ example: 'CONSENT_WITHDRAWN' }) code: string;
  @ApiProperty({ example: 422, description: 'HTTP status of a problem with this code; for a field code, of the problem that usually carries it' })
  status: number;
  @ApiProperty({ enum: ['problem', 'field', 'both'], description: "the problem's `code`, a code in `errors[].code`, or both" }) where: string;
  @ApiProperty({ type: ErrorTitle, description: 'the problem title in each language (a problem body carries the one Accept-Language picks)' })
  title: ErrorTitle;
}
class HolidayQuery {
  @ApiPropertyOptional({ description: 'Calendar year; defaults to the current year' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100)
  year?: number;
}

class Icd10Query {
  @ApiProperty({ example: 'F84', description: 'The start of a code, or a part of its name in kk, ru or en' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value)) @IsString() @MinLength(1) @MaxLength(100)
  q: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 50, default: 20 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(50)
  limit?: number;
}

const LANGUAGE = ApiHeader({ name: 'Accept-Language', required: false, description: 'kk (default), ru or en' });

/** Reference lists are public: they contain no personal data and the login page needs them. */
@ApiTags('reference')
@LANGUAGE
@Public()
@NoTransaction()
@Controller('reference')
export class ReferenceController {
  constructor(
    private readonly reference: ReferenceService,
    private readonly clock: Clock,
  ) {}

  @Get('regions')
  @ApiOperation({ operationId: 'listRegions', summary: 'List regions' })
  @ApiOkResponse({ type: [RegionItem] })
  regions(@Headers('accept-language') language?: string) {
    return this.reference.regions(pickLocale(language));
  }

  @Get('organization-types')
  @ApiOperation({ operationId: 'listOrganizationTypes', summary: 'List organisation types' })
  @ApiOkResponse({ type: [OrganizationTypeItem] })
  organizationTypes(@Headers('accept-language') language?: string) {
    return this.reference.organizationTypes(pickLocale(language));
  }

  @Get('sen-categories')
  @ApiOperation({ operationId: 'listSenCategories', summary: 'List SEN categories' })
  @ApiOkResponse({ type: [SenCategoryItem] })
  senCategories(@Headers('accept-language') language?: string) {
    return this.reference.senCategories(pickLocale(language));
  }

  @Get('education-forms')
  @ApiOperation({ operationId: 'listEducationForms', summary: 'List forms of education' })
  @ApiOkResponse({ type: [EducationFormItem] })
  educationForms(@Headers('accept-language') language?: string) {
    return this.reference.educationForms(pickLocale(language));
  }

  @Get('special-conditions')
  @ApiOperation({ operationId: 'listSpecialConditions', summary: 'List special education conditions' })
  @ApiOkResponse({ type: [LabelledItem] })
  specialConditions(@Headers('accept-language') language?: string) {
    return this.reference.specialConditions(pickLocale(language));
  }

  /** Finding the code of a diagnosis as it is typed: by its start or by words of its name. */
  @Get('icd10')
  @ApiOperation({ operationId: 'searchIcd10', summary: 'Search ICD-10 codes by code or name' })
  @ApiOkResponse({ type: [LabelledItem] })
  icd10(@Query() query: Icd10Query, @Headers('accept-language') language?: string) {
    return this.reference.icd10(pickLocale(language), query.q, query.limit ?? 20);
  }

  /** The error-code catalogue (libs/core/errors/error-codes.ts; docs/errors.md): all three languages at once. */
  @Get('error-codes')
  @ApiOperation({ operationId: 'listErrorCodes', summary: 'List error codes with their titles' })
  @ApiOkResponse({ type: [ErrorCodeItem], description: 'Every code a problem+json body can carry, in `code` or in `errors[].code`' })
  errorCodes() {
    return errorCodeList();
  }

  @Get('holidays')
  @ApiOperation({ operationId: 'listHolidays', summary: 'List holidays and days off of a year' })
  @ApiOkResponse({ type: [HolidayItem] })
  holidays(@Query() query: HolidayQuery, @Headers('accept-language') language?: string) {
    return this.reference.holidays(pickLocale(language), query.year ?? Number(this.clock.today().slice(0, 4)));
  }
}
