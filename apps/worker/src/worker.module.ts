import { DynamicModule, Module } from '@nestjs/common';
import { AccessModule } from '@qoldau/access';
import { AuditModule } from '@qoldau/audit';
import { CoreModule, RuntimeConfig } from '@qoldau/core';
import { ImportsModule } from '@qoldau/imports';
import { NotificationsModule } from '@qoldau/notifications';
import { ReferralsModule } from '@qoldau/referrals';
import { ReportsModule } from '@qoldau/reports';
import { migrations } from '../../../migrations';

/**
 * The worker composes CoreModule (database, pg-boss) with the libs that own jobs. Those libs register
 * their handlers with `Jobs.register(...)`; `worker: true` makes this process run them.
 */
@Module({})
export class WorkerModule {
  static forRoot(config: RuntimeConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [CoreModule.forRoot({ config, migrations, worker: true, http: false }), AccessModule, AuditModule, NotificationsModule, ReferralsModule, ImportsModule, ReportsModule],
    };
  }
}
