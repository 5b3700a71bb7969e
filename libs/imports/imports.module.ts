import { Module, OnModuleInit } from '@nestjs/common';
import { AssessmentsModule } from '@qoldau/assessments';
import { ChildrenModule } from '@qoldau/children';
import { Jobs } from '@qoldau/core';
import { OrganizationsModule } from '@qoldau/organizations';
import { PlacementsModule } from '@qoldau/placements';
import { ReferralsModule } from '@qoldau/referrals';
import { ImportsController } from './imports.controller';
import { ImportsRepository } from './imports.repository';
import { IMPORT_JOB, ImportsService } from './imports.service';
import { RowAppliers } from './row-appliers';

/**
 * Imports (issue 18): organisations, children, placements, service episodes and PMPC conclusions from CSV or XLSX,
 * through the API's own use cases. A top layer: it composes the libs below it and owns only its two tables. The job runs on
 * every upload and each minute (for an upload whose job ran before its request committed).
 */
@Module({
  imports: [OrganizationsModule, ChildrenModule, PlacementsModule, ReferralsModule, AssessmentsModule],
  controllers: [ImportsController],
  providers: [ImportsService, ImportsRepository, RowAppliers],
  exports: [ImportsService],
})
export class ImportsModule implements OnModuleInit {
  constructor(
    private readonly jobs: Jobs,
    private readonly imports: ImportsService,
  ) {}

  onModuleInit(): void {
    this.jobs.register(IMPORT_JOB, async () => {
      await this.imports.applyPending();
    }, { cron: '* * * * *' });
  }
}
