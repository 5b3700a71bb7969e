import { DynamicModule, Module } from '@nestjs/common';
import { AccessModule } from '@qoldau/access';
import { AssessmentsModule } from '@qoldau/assessments';
import { AuditModule } from '@qoldau/audit';
import { AuthModule } from '@qoldau/auth';
import { ChildrenModule } from '@qoldau/children';
import { Clock, CoreModule, RuntimeConfig } from '@qoldau/core';
import { NotificationsModule } from '@qoldau/notifications';
import { OrganizationsModule } from '@qoldau/organizations';
import { OversightModule } from '@qoldau/oversight';
import { PlacementsModule } from '@qoldau/placements';
import { ReferenceModule } from '@qoldau/reference';
import { ReferralsModule } from '@qoldau/referrals';
import { ImportsModule } from '@qoldau/imports';
import { ReportsModule } from '@qoldau/reports';
import { WorklistModule } from '@qoldau/worklist';
import { migrations } from '../../../migrations';

export interface AppOptions {
  /** Run job handlers in-process (embedded mode, or a test that exercises jobs). */
  worker: boolean;
  clock?: Clock;
  http?: boolean;
}

/** The api app only composes libs; it holds no domain code. */
@Module({})
export class AppModule {
  static forRoot(config: RuntimeConfig, options: AppOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot({ config, migrations, worker: options.worker, clock: options.clock, http: options.http }),
        ReferenceModule,
        AuthModule,
        AccessModule,
        AuditModule,
        OrganizationsModule,
        ChildrenModule,
        AssessmentsModule,
        PlacementsModule,
        NotificationsModule,
        ReferralsModule,
        WorklistModule,
        ReportsModule,
        ImportsModule,
        OversightModule,
      ],
    };
  }
}
