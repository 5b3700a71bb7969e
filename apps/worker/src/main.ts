// First: refuse an old Node.js before any dependency loads.
import '../../../libs/core/runtime/node-guard';
import '../../../libs/core/runtime/compile-cache';
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ConfigError, loadConfig, nodeVersionLine, resolveRuntime } from '@qoldau/core';
import { Logger } from 'nestjs-pino';
import { WorkerModule } from './worker.module';

/**
 * `npm run start:worker`: runs job handlers against DATABASE_URL. In embedded mode (no DATABASE_URL)
 * the api process runs them itself, so a separate worker is refused.
 */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  if (!config.databaseUrl) {
    throw new ConfigError('Invalid environment variable DATABASE_URL: the separate worker needs it (embedded mode runs jobs inside the api)');
  }
  process.stdout.write(nodeVersionLine('worker'));
  const runtime = await resolveRuntime(config);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(runtime.config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks(['SIGINT', 'SIGTERM']);
  process.stdout.write('Qoldau worker is running\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? '' : 'Qoldau worker failed: '}${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
