import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Locale } from '@qoldau/core';
import { Between, DataSource } from 'typeorm';
import { EducationForm, Holiday, OrganizationType, Region, SenCategory, SpecialCondition } from './reference.entities';

/** `%` and `_` typed by someone looking for a diagnosis are letters, not wildcards. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

const label = (row: { nameKk: string; nameRu: string; nameEn: string }, locale: Locale) =>
  locale === 'ru' ? row.nameRu : locale === 'en' ? row.nameEn : row.nameKk;

/** Reads the reference lists seeded by migrations, each labelled in the caller's language. */
@Injectable()
export class ReferenceService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async regions(locale: Locale) {
    const rows = await this.db.getRepository(Region).find({ order: { kato: 'ASC' } });
    return rows.map((r) => ({ kato: r.kato, label: label(r, locale) }));
  }

  async organizationTypes(locale: Locale) {
    const rows = await this.db.getRepository(OrganizationType).find({ order: { sortOrder: 'ASC' } });
    return rows.map((r) => ({ code: r.code, label: label(r, locale), sector: r.sector, specialised: r.specialised }));
  }

  async senCategories(locale: Locale) {
    const rows = await this.db.getRepository(SenCategory).find({ order: { sortOrder: 'ASC' } });
    return rows.map((r) => ({ code: r.code, label: label(r, locale), group: r.groupCode }));
  }

  async educationForms(locale: Locale) {
    const rows = await this.db.getRepository(EducationForm).find({ order: { sortOrder: 'ASC' } });
    return rows.map((r) => ({ code: r.code, label: label(r, locale), level: r.level }));
  }

  async specialConditions(locale: Locale) {
    const rows = await this.db.getRepository(SpecialCondition).find({ order: { sortOrder: 'ASC' } });
    return rows.map((r) => ({ code: r.code, label: label(r, locale) }));
  }

  async holidays(locale: Locale, year: number) {
    const rows = await this.db.getRepository(Holiday).find({
      where: { date: Between(`${year}-01-01`, `${year}-12-31`) },
      order: { date: 'ASC' },
    });
    return rows.map((r) => ({ date: r.date, kind: r.kind, label: label(r, locale) }));
  }

  /**
   * ICD-10 codes whose code starts with `q` (F84, f84.0) or whose name in any language contains it (a
   * Russian name typed in the Kazakh interface still finds the code); codes matched by code first.
   */
  async icd10(locale: Locale, q: string, limit: number) {
    const term = likeLiteral(q.trim());
    const rows: { code: string; name_kk: string; name_ru: string; name_en: string }[] = await this.db.query(
      `SELECT code, name_kk, name_ru, name_en FROM icd10_codes
        WHERE code ILIKE $1 || '%' OR name_kk ILIKE '%' || $1 || '%' OR name_ru ILIKE '%' || $1 || '%' OR name_en ILIKE '%' || $1 || '%'
        ORDER BY (code ILIKE $1 || '%') DESC, code
        LIMIT $2`,
      [term, limit],
    );
    return rows.map((r) => ({ code: r.code, label: label({ nameKk: r.name_kk, nameRu: r.name_ru, nameEn: r.name_en }, locale) }));
  }
}
