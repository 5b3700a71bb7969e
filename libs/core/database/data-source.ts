import type { DataSourceOptions, MixedList } from 'typeorm';
import { DeadConnectionReaper } from './dead-connections';

export interface DatabaseTimeouts {
  connectMs: number;
  statementMs: number;
}

/** DATABASE_CONNECT_TIMEOUT_MS and DATABASE_STATEMENT_TIMEOUT_MS defaults (libs/core/config). */
export const DEFAULT_DATABASE_TIMEOUTS: DatabaseTimeouts = { connectMs: 5_000, statementMs: 15_000 };

/**
 * One DataSource shape for the app, the worker, migrations and tests: migrations (never synchronize)
 * and timestamptz everywhere. `migrationsRun` applies pending migrations at start-up.
 */
export function dataSourceOptions(
  url: string,
  migrations: MixedList<string | (new () => unknown)>,
  options: { runMigrations?: boolean; poolSize?: number; applicationName?: string; timeouts?: DatabaseTimeouts; parallelQuery?: boolean } = {},
): DataSourceOptions {
  const { connectMs, statementMs } = options.timeouts ?? DEFAULT_DATABASE_TIMEOUTS;
  return {
    type: 'postgres',
    url,
    synchronize: false,
    migrationsRun: options.runMigrations ?? true,
    migrations: migrations as DataSourceOptions['migrations'],
    migrationsTransactionMode: 'each',
    uuidExtension: 'pgcrypto',
    // TypeORM's query logger prints parameters (names, IINs): failures surface through our error filter instead.
    logging: false,
    // A connection that timed out or died is discarded at once, never rolled back over or pooled again
    // (dead-connections.ts): one request waits for at most one timeout.
    subscribers: [DeadConnectionReaper],
    extra: {
      max: options.poolSize ?? 20,
      application_name: options.applicationName ?? 'qoldau',
      // A database that is down, or frozen so that TCP connects but nothing answers, must give a fast
      // 503, never a hang (docs/operations.md, "Timeouts"): waiting for a connection — a new one or a
      // free one from the pool — is cut after connectMs; a statement the server runs too long is
      // cancelled by the server after statementMs (57014 → 503 DATABASE_BUSY); and when the server
      // cannot even say so, the client gives up 2 s later (→ 503 DATABASE_UNAVAILABLE).
      connectionTimeoutMillis: connectMs,
      statement_timeout: statementMs,
      query_timeout: statementMs + 2_000,
      // A transaction left open by a stalled client must not hold locks for longer than a statement may run.
      idle_in_transaction_session_timeout: statementMs * 2,
      // Notice a peer that vanished (a failover, a dropped route) on idle pooled connections.
      keepAlive: true,
      // The api's statements are many, small and concurrent: a parallel plan starts new server processes
      // for each execution, which then fault in the shared buffers they touch. At a million children the
      // school roster's statement went parallel after a fresh ANALYZE and cost 244-630 ms of PostgreSQL
      // CPU per request at 10 connections on 2 cores, against 35 ms serial (test/bench/findings.md,
      // "Parallel plans"). Jobs and the reports replica keep the server's setting.
      ...(options.parallelQuery === false && { options: '-c max_parallel_workers_per_gather=0' }),
    },
  };
}
