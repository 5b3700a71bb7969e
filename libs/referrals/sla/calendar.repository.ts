import { Injectable } from '@nestjs/common';
import { SqlRepository } from '@qoldau/core';
import { workingCalendar, WorkingCalendar } from './working-days';

/** Rows around a date: enough for any deadline that starts or is checked near it. */
const DAYS_BEFORE = 400;
const DAYS_AFTER = 800;

/** The working-day calendar from the `holidays` table (admin-editable), read at the Clock's date. */
@Injectable()
export class CalendarRepository extends SqlRepository {
  async around(date: string): Promise<WorkingCalendar> {
    const rows = await this.rows<{ date: string; kind: 'holiday' | 'day_off' | 'working_day' }>(
      `SELECT to_char(date, 'YYYY-MM-DD') AS date, kind FROM holidays
        WHERE date BETWEEN $1::date - ${DAYS_BEFORE} AND $1::date + ${DAYS_AFTER}`,
      [date],
    );
    return workingCalendar(rows);
  }
}
