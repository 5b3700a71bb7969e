import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Locale } from '@qoldau/core';
import { Between, DataSource } from 'typeorm';
import { EducationForm, Holiday, OrganizationType, Region, SenCategory, SpecialCondition } from './reference.entities';

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
}
