import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { migrations } from '../../migrations';
import { dataSourceOptions } from '../../libs/core/database/data-source';
import { startEmbeddedPostgres } from '../../libs/core/database/embedded-postgres';
import { databaseUrl, TEMPLATE_SUFFIX, withAdminClient } from './test-database';

declare global {
  var __QOLDAU_STOP_DB__: (() => Promise<void>) | undefined;
}

/**
 * Starts (or connects to) the server under test and migrates the template database once per run.
 * The app serves the built web app, so a checkout that was never built builds it first.
 */
export default async function globalSetup(): Promise<void> {
  if (!existsSync(join(__dirname, '../../apps/web/dist/index.html'))) {
    execFileSync('npm', ['run', '-s', 'build:web'], { cwd: join(__dirname, '../..'), stdio: 'inherit' });
  }
  let adminUrl: string;
  let prefix: string;
  if (process.env.DATABASE_URL) {
    const url = new URL(process.env.DATABASE_URL);
    prefix = `${url.pathname.slice(1) || 'qoldau'}_t${process.pid}`;
    url.pathname = '/postgres';
    adminUrl = url.toString();
  } else {
    const dataDir = mkdtempSync(join(tmpdir(), 'qoldau-test-'));
    const db = await startEmbeddedPostgres({ dataDir, ephemeral: true });
    globalThis.__QOLDAU_STOP_DB__ = db.stop;
    adminUrl = databaseUrl(db.url, 'postgres');
    prefix = 'qoldau_test';
  }
  const template = `${prefix}${TEMPLATE_SUFFIX}`;
  await withAdminClient(adminUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS "${template}"`);
    await client.query(`CREATE DATABASE "${template}"`);
  });
  const dataSource = new DataSource(dataSourceOptions(databaseUrl(adminUrl, template), migrations, { runMigrations: false, poolSize: 1 }));
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();
  process.env.QOLDAU_TEST_ADMIN_URL = adminUrl;
  process.env.QOLDAU_TEST_DB_PREFIX = prefix;
}
