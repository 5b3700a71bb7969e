import { Module } from '@nestjs/common';
import { ReportsController } from './reports.controller';
import { ReportsDatabase } from './reports.database';
import { ReportsService } from './reports.service';

/**
 * The national picture (issue 17): figures computed from the case records, by region and nationally,
 * as of a date. A top layer: it reads every lib's tables and writes nothing but its audit events; no
 * route of it ever returns a name, an IIN or a child's id. With REPORTS_DATABASE_URL its queries run on
 * a read replica (reports.database.ts).
 */
@Module({
  controllers: [ReportsController],
  providers: [ReportsService, ReportsDatabase],
})
export class ReportsModule {}
