import { Body, Controller, Delete, Injectable, Param, PipeTransform, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor } from '@qoldau/auth';
import { Audit, InvalidInputError } from '@qoldau/core';
import { HolidayDto } from '../dto/referral.dto';
import { HolidaysService } from './holidays.service';

class HolidayChangeView extends HolidayDto {
  @ApiProperty({ example: '2026-06-08' }) date: string;
  @ApiProperty({ description: 'Running referral deadlines recomputed on the new calendar' }) deadlinesMoved: number;
}

/** `:date` is a real calendar date YYYY-MM-DD; anything else is a 400 naming the parameter. */
@Injectable()
class ParseDatePipe implements PipeTransform<string, string> {
  transform(value: string): string {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
    if (date && date.toISOString().slice(0, 10) === value) return value;
    throw new InvalidInputError('VALIDATION_FAILED', 'date must be a calendar date YYYY-MM-DD', [
      { field: 'date', code: 'INVALID_DATE', message: 'date must be a calendar date YYYY-MM-DD' },
    ]);
  }
}

/** Admins keep the working-day calendar: public holidays, days off and weekend days worked by decree. */
@ApiTags('reference')
@ApiBearerAuth()
@Controller('reference/holidays')
export class HolidaysController {
  constructor(private readonly holidays: HolidaysService) {}

  @Put(':date')
  @ApiOperation({ operationId: 'setHoliday', summary: 'Set a holiday, day off or working day' })
  @Audit('holiday.put')
  @ApiOkResponse({ type: HolidayChangeView })
  put(@CurrentActor() actor: Actor, @Param('date', ParseDatePipe) date: string, @Body() body: HolidayDto) {
    return this.holidays.put(actor, date, body);
  }

  @Delete(':date')
  @ApiOperation({ summary: 'Remove a day from the calendar' })
  @Audit('holiday.delete')
  @ApiOkResponse({ type: HolidayChangeView })
  remove(@CurrentActor() actor: Actor, @Param('date', ParseDatePipe) date: string) {
    return this.holidays.remove(actor, date);
  }
}
