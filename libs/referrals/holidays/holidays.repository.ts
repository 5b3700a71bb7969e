import { Injectable } from '@nestjs/common';
import { SqlRepository } from '@qoldau/core';

export interface HolidayRow {
  date: string;
  kind: string;
  nameKk: string;
  nameRu: string;
  nameEn: string;
}

/** The `holidays` table (seeded by the Foundation and Referrals migrations), edited by admins. */
@Injectable()
export class HolidaysRepository extends SqlRepository {
  async find(date: string): Promise<HolidayRow | null> {
    const rows = await this.rows<{ date: string; kind: string; name_kk: string; name_ru: string; name_en: string }>(
      `SELECT to_char(date, 'YYYY-MM-DD') AS date, kind, name_kk, name_ru, name_en FROM holidays WHERE date = $1 FOR UPDATE`,
      [date],
    );
    const row = rows[0];
    return row ? { date: row.date, kind: row.kind, nameKk: row.name_kk, nameRu: row.name_ru, nameEn: row.name_en } : null;
  }

  async upsert(row: HolidayRow): Promise<void> {
    await this.rows(
      `INSERT INTO holidays (date, kind, name_kk, name_ru, name_en) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (date) DO UPDATE SET kind = EXCLUDED.kind, name_kk = EXCLUDED.name_kk, name_ru = EXCLUDED.name_ru, name_en = EXCLUDED.name_en`,
      [row.date, row.kind, row.nameKk, row.nameRu, row.nameEn],
    );
  }

  async remove(date: string): Promise<boolean> {
    return (await this.affected(`DELETE FROM holidays WHERE date = $1`, [date])) > 0;
  }
}
