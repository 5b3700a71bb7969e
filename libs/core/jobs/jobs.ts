import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PgBoss, SendOptions } from 'pg-boss';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config';
import type { RuntimeConfig } from '../config/runtime';
import { carryOverRetiredJobs } from './retired-queue';

export const JOBS_OPTIONS = Symbol('JOBS_OPTIONS');

export interface JobsOptions {
  /** Run handlers and cron schedules in this process (the worker, or the api in embedded mode). */
  worker: boolean;
}

export type JobHandler<T extends object = object> = (data: T) => Promise<void>;

interface Registration {
  handler: JobHandler;
  cron?: string;
}

/**
 * pg-boss in the same PostgreSQL: the only job runner (no extra infrastructure). Libraries register
 * their handlers at module init; only a worker process runs them, and pg-boss's SKIP LOCKED fetch
 * guarantees two workers never run the same job. Any process may enqueue.
 */
@Injectable()
export class Jobs implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(Jobs.name);
  private readonly registrations = new Map<string, Registration>();
  private boss?: PgBoss;
  private starting?: Promise<PgBoss>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: RuntimeConfig,
    @Inject(JOBS_OPTIONS) private readonly options: JobsOptions,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  register<T extends object>(name: string, handler: JobHandler<T>, options: { cron?: string } = {}): void {
    this.registrations.set(name, { handler: handler as JobHandler, cron: options.cron });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.options.worker) await this.started();
  }

  async send<T extends object>(name: string, data: T, options: SendOptions = {}): Promise<string | null> {
    const boss = await this.started();
    return boss.send(name, data, options);
  }

  private started(): Promise<PgBoss> {
    this.starting ??= this.start();
    return this.starting;
  }

  private async start(): Promise<PgBoss> {
    // Loaded here, not at the top: pg-boss is an ES module graph that costs ~0.2 s of CPU to load, and an
    // api process needs it only when it first enqueues a job (the worker loads it at bootstrap anyway).
    const { PgBoss } = await import('pg-boss');
    const boss = new PgBoss({ connectionString: this.config.databaseUrl, schema: 'pgboss', max: 4, application_name: 'qoldau-jobs', supervise: this.options.worker, schedule: this.options.worker });
    boss.on('error', (error) => this.logger.error({ err: { message: error.message } }, 'pg-boss error'));
    await boss.start();
    const carried = await carryOverRetiredJobs(boss, this.dataSource);
    if (carried > 0) this.logger.log({ jobs: carried }, 'moved jobs queued by pg-boss 10 into the new queues');
    for (const [name, registration] of this.registrations) {
      await boss.createQueue(name);
      if (!this.options.worker) continue;
      await boss.work<object>(name, { batchSize: 1 }, async ([job]) => registration.handler(job.data));
      // missed: 'once' — when no cron pass ran for a while (the database was away, every worker was
      // down), pg-boss sends the latest occurrence that fell in that gap once, on its first pass back,
      // instead of skipping it (its default); the slot it files it under keeps two workers from both sending it.
      if (registration.cron) await boss.schedule(name, registration.cron, {}, { tz: 'Asia/Almaty', missed: 'once' });
    }
    this.boss = boss;
    return boss;
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.starting) await this.starting.catch(() => undefined);
    await this.boss?.stop({ graceful: true, timeout: 5_000 });
  }
}
