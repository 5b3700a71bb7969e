import { Global, Module, OnModuleInit } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthEvents } from '@qoldau/auth';
import { Jobs, UseCaseRunner } from '@qoldau/core';
import { AuditAuthEvents } from './audit-auth-events';
import { AuditCheckpoint, AuditEvent } from './audit-event.entity';
import { AuditController } from './audit.controller';
import { AuditInterceptor } from './audit.interceptor';
import { AuditQueryService } from './audit-query';
import { AuditSealService } from './audit-seal.service';
import { AuditTrail } from './audit-trail';
import { LookupLimits } from './lookup-limits';
import { AuditWriter } from './audit-writer';

export const SEAL_JOB = 'audit.seal';

/** Global: every lib's use cases note what they did on the one audit trail. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([AuditEvent, AuditCheckpoint])],
  controllers: [AuditController],
  providers: [
    AuditWriter,
    AuditTrail,
    AuditSealService,
    AuditQueryService,
    LookupLimits,
    { provide: AuthEvents, useClass: AuditAuthEvents },
    { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
  ],
  exports: [AuditTrail, AuditSealService, AuthEvents, LookupLimits],
})
export class AuditModule implements OnModuleInit {
  constructor(
    private readonly jobs: Jobs,
    private readonly sealer: AuditSealService,
    private readonly runner: UseCaseRunner,
    private readonly trail: AuditTrail,
  ) {}

  onModuleInit(): void {
    this.runner.onFinish((origin) => this.trail.flush(origin.action));
    this.jobs.register(SEAL_JOB, async () => {
      await this.sealer.seal();
    }, { cron: '* * * * *' });
  }
}
