import { applyDecorators, Inject, Module, OnModuleInit, UseInterceptors } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Clock } from '../clock/clock';
import { Jobs } from '../jobs/jobs';
import { UseCaseRunner } from '../usecase/use-case-runner';
import { IdempotencyRecord } from './idempotency-record.entity';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { IdempotencyStore } from './idempotency.store';

/** How long a key is remembered. */
export const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60_000;
export const IDEMPOTENCY_PURGE_JOB = 'idempotency.purge';

/**
 * Marks a creating route as honouring `Idempotency-Key`. The route's module must import
 * IdempotencyModule.
 *
 *   @Post() @Idempotent() create(…) { … }
 */
export const Idempotent = () =>
  applyDecorators(
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: 'A unique key per creation (e.g. a UUID). Retrying with the same key and body returns the first response; the same key with another body is 422 IDEMPOTENCY_KEY_REUSED.',
    }),
  );

@Module({
  imports: [TypeOrmModule.forFeature([IdempotencyRecord])],
  providers: [IdempotencyStore, IdempotencyInterceptor],
  exports: [IdempotencyStore, IdempotencyInterceptor],
})
export class IdempotencyModule implements OnModuleInit {
  constructor(
    @Inject(Jobs) private readonly jobs: Jobs,
    private readonly store: IdempotencyStore,
    private readonly runner: UseCaseRunner,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.jobs.register(IDEMPOTENCY_PURGE_JOB, async () => {
      await this.runner.run({ action: 'job.idempotency.purge' }, () => this.store.purge(new Date(this.clock.now().getTime() - IDEMPOTENCY_RETENTION_MS)));
    }, { cron: '17 3 * * *' });
  }
}
