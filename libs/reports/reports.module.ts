import { Module } from '@nestjs/common';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

/**
 * The national picture (issue 17): figures computed from the case records, by region and nationally,
 * as of a date. A top layer: it reads every lib's tables and writes nothing but its audit events; no
 * route of it ever returns a name, an IIN or a child's id.
 */
@Module({
  controllers: [ReportsController],
  providers: [ReportsService],
})
export class ReportsModule {}
