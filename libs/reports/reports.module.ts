import { Module, OnModuleInit } from '@nestjs/common';
import { Jobs } from '@qoldau/core';
import { ReportsController } from './reports.controller';
import { ReportsDatabase } from './reports.database';
import { ReportsService } from './reports.service';
import { SummarySnapshots } from './summary-snapshots';
import { SummarySnapshotsRepository } from './summary-snapshots.repository';

/** Keeps today's national summary computed (summary-snapshots.ts). */
export const SUMMARY_JOB = 'reports.summary';

/**
 * The national picture (issue 17): figures computed from the case records, by region and nationally,
 * as of a date. A top layer: it reads every lib's tables and writes nothing but its audit events and
 * the snapshots of its own figures (summary-snapshots.ts); no route of it ever returns a name, an IIN
 * or a child's id. With REPORTS_DATABASE_URL its queries run on a read replica (reports.database.ts).
 */
@Module({
  controllers: [ReportsController],
  providers: [ReportsService, ReportsDatabase, SummarySnapshots, SummarySnapshotsRepository],
})
export class ReportsModule implements OnModuleInit {
  constructor(
    private readonly jobs: Jobs,
    private readonly snapshots: SummarySnapshots,
  ) {}

  onModuleInit(): void {
    this.jobs.register(SUMMARY_JOB, () => this.snapshots.warm(), { cron: '*/5 * * * *' });
  }
}
