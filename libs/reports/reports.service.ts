import { Injectable } from '@nestjs/common';
import { AccessService } from '@qoldau/access';
import { AuditTrail } from '@qoldau/audit';
import type { Actor } from '@qoldau/auth';
import { Clock, ForbiddenError, InvalidInputError, type Locale } from '@qoldau/core';
import type { SummaryQuery, SummaryView } from './dto/summary.dto';
import { ReportsDatabase } from './reports.database';
import { buildSummary } from './summary-builder';
import { type ExportFile, type ServiceTypeNames, toCsv, toXlsx } from './summary-export';
import { SummarySnapshots } from './summary-snapshots';

/**
 * GET /reports/summary (issue 17): who may see which regions, as of which day, then the figures
 * (summary.repository.ts, kept for a while by summary-snapshots.ts), suppressed (summary-builder.ts,
 * suppression.ts), as JSON or a file.
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly access: AccessService,
    private readonly database: ReportsDatabase,
    private readonly clock: Clock,
    private readonly trail: AuditTrail,
    private readonly snapshots: SummarySnapshots,
  ) {}

  async summary(actor: Actor, query: SummaryQuery, locale: Locale): Promise<SummaryView> {
    this.access.authorize(actor, 'read', 'Report');
    const today = this.clock.today();
    const asOf = query.asOf ?? today;
    if (asOf > today) throw new InvalidInputError('VALIDATION_FAILED', 'The request has invalid fields', [{ field: 'asOf', code: 'DATE_IN_FUTURE', message: 'asOf must not be after today' }]);

    const db = await this.database.manager();
    const known: { kato: string }[] = await db.query(`SELECT kato FROM regions ORDER BY kato`);
    if (query.kato && !known.some((region) => region.kato === query.kato)) {
      throw new InvalidInputError('VALIDATION_FAILED', 'The request has invalid fields', [
        { field: 'kato', code: 'UNKNOWN_REGION', message: 'kato must be the KATO code of a region or city of republican significance' },
      ]);
    }
    // The policy's region scope: nationwide for an actor without a region (the ministry, the national admin).
    const visible = known.map((region) => region.kato).filter((kato) => this.access.can(actor, 'read', 'Report', { kato }));
    if (query.kato && !visible.includes(query.kato)) throw new ForbiddenError('OUTSIDE_REGION', 'You may see the figures of your own region only');
    const regions = query.kato ? [query.kato] : visible;

    this.trail.note({ resourceType: 'report', resourceId: 'summary' });
    // The facts of exactly this scope, from its snapshot while fresh; suppressed here, per request.
    const { facts, computedAt } = await this.snapshots.facts(asOf, regions);
    return buildSummary(facts, { asOf, refreshedAt: computedAt.toISOString(), withTotal: !query.kato, locale });
  }

  /** The same table as a file. Exports are audited apart as `report.export`, naming the format. */
  async export(view: SummaryView, format: 'csv' | 'xlsx', locale: Locale): Promise<ExportFile> {
    const db = await this.database.manager();
    const rows: { code: string; name_kk: string; name_ru: string; name_en: string }[] = await db.query(`SELECT code, name_kk, name_ru, name_en FROM service_types`);
    const names: ServiceTypeNames = new Map(rows.map((row) => [row.code, { kk: row.name_kk, ru: row.name_ru, en: row.name_en }]));
    const file = format === 'csv' ? toCsv(view, locale, names) : await toXlsx(view, locale, names);
    const katos = view.rows.filter((row) => !row.total).map((row) => row.kato);
    await this.trail.record({
      action: 'report.export',
      outcome: 'allowed',
      operation: 'read',
      resourceType: 'report',
      resourceId: 'summary',
      query: { format, asOf: view.asOf, locale, regions: katos, total: view.rows.some((row) => row.total) },
    });
    return file;
  }
}
