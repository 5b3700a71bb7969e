import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig, ManualClock, RuntimeConfig } from '@qoldau/core';
import request from 'supertest';

import { DataSource } from 'typeorm';
import { createApp } from '../../apps/api/src/app.factory';
import { createTestDatabase } from './test-database';

export const TEST_ADMIN_PASSWORD = 'test-admin-password-1';

export interface TestApp {
  app: NestFastifyApplication;
  http: ReturnType<typeof request>;
  db: DataSource;
  clock: ManualClock;
  config: RuntimeConfig;
  close(): Promise<void>;
}

/**
 * The real application (same factory as `npm start`) on a fresh database cloned from the migrated
 * template (or on the database given), with a clock the test can move.
 */
export async function startTestApp(
  options: { worker?: boolean; now?: string; databaseUrl?: string; env?: Record<string, string> } = {},
): Promise<TestApp> {
  const databaseUrl = options.databaseUrl ?? (await createTestDatabase());
  const config: RuntimeConfig = {
    // `env`: more of the environment contract, validated as at start (e.g. shorter database timeouts).
    ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: process.env.QOLDAU_TEST_LOG_LEVEL ?? 'silent', ...options.env }),
    databaseUrl,
    jwtSecret: 'test-only-jwt-secret-0123456789abcdef',
    adminPassword: TEST_ADMIN_PASSWORD,
    embedded: false,
  };
  const clock = new ManualClock(new Date(options.now ?? Date.now()));
  const app = await createApp(config, { worker: options.worker ?? false, clock });
  return {
    app,
    http: request(app.getHttpServer()),
    db: app.get(DataSource),
    clock,
    config,
    close: () => app.close(),
  };
}
