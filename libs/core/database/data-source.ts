import type { DataSourceOptions, MixedList } from 'typeorm';

/**
 * One DataSource shape for the app, the worker, migrations and tests: migrations (never synchronize)
 * and timestamptz everywhere. `migrationsRun` applies pending migrations at start-up.
 */
export function dataSourceOptions(
  url: string,
  migrations: MixedList<string | (new () => unknown)>,
  options: { runMigrations?: boolean; poolSize?: number; applicationName?: string } = {},
): DataSourceOptions {
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
    extra: {
      max: options.poolSize ?? 20,
      application_name: options.applicationName ?? 'qoldau',
      // A statement that hangs must not hold a request forever.
      statement_timeout: 30_000,
    },
  };
}
