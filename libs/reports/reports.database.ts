import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, dataSourceOptions, type RuntimeConfig, SqlRepository, TransactionHost } from '@qoldau/core';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { DataSource, type EntityManager } from 'typeorm';

/**
 * Where report queries run. With REPORTS_DATABASE_URL (a streaming read replica, docs/operations) they
 * get their own small pool there, so the national figures never compete with case work on the
 * primary; without it they run in the request's transaction on the main database. The replica is
 * connected on first use: a replica that is down fails the report, not the start-up.
 */
@Injectable()
export class ReportsDatabase extends SqlRepository implements OnModuleDestroy {
  private readonly logger = new Logger('ReportsDatabase');
  private replica?: Promise<DataSource>;

  constructor(
    txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    @Inject(APP_CONFIG) private readonly config: RuntimeConfig,
  ) {
    super(txHost);
  }

  get usesReplica(): boolean {
    return Boolean(this.config.reportsDatabaseUrl);
  }

  async manager(): Promise<EntityManager> {
    const url = this.config.reportsDatabaseUrl;
    if (!url) return this.tx;
    this.replica ??= new DataSource(dataSourceOptions(url, [], { runMigrations: false, poolSize: 4, applicationName: 'qoldau-reports' }))
      .initialize()
      .catch((error: unknown) => {
        this.replica = undefined;
        throw error;
      });
    return (await this.replica).manager;
  }

  async onModuleDestroy(): Promise<void> {
    const replica = this.replica;
    this.replica = undefined;
    if (!replica) return;
    try {
      const source = await replica;
      await source.destroy();
    } catch (error) {
      this.logger.warn({ err: { message: (error as Error).message } }, 'Could not close the reports database pool');
    }
  }
}
