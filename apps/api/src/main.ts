// First: refuse an old Node.js before any dependency loads.
import '../../../libs/core/runtime/node-guard';
import '../../../libs/core/runtime/compile-cache';
import 'reflect-metadata';
import { ConfigError, loadConfig, nodeVersionLine, resolveRuntime } from '@qoldau/core';
import { createApp } from './app.factory';

/** `npm start`: validated env → database (embedded when DATABASE_URL is unset) → app → listen. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  process.stdout.write(nodeVersionLine('api'));
  const runtime = await resolveRuntime(config);
  try {
    const app = await createApp(runtime.config, { worker: runtime.config.embedded });
    await app.listen({ port: config.port, host: '0.0.0.0' });
    process.stdout.write(`Qoldau is listening on http://127.0.0.1:${config.port} (database: ${runtime.config.embedded ? 'embedded PostgreSQL' : 'DATABASE_URL'})\n`);
    let closing = false;
    const shutdown = async () => {
      if (closing) return;
      closing = true;
      await app.close();
      await runtime.stop();
      process.exit(0);
    };
    process.on('SIGINT', shutdown);
    process.on('SIGTERM', shutdown);
  } catch (error) {
    await runtime.stop();
    throw error;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`Qoldau failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
