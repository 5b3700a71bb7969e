import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type * as Embedded from '../database/embedded-postgres';
import { AppConfig } from './config';

/** Configuration after start-up decisions: a database to talk to and a signing secret. */
export interface RuntimeConfig extends AppConfig {
  databaseUrl: string;
  jwtSecret: string;
  /** True when this process started the embedded PostgreSQL (then the worker runs in-process). */
  embedded: boolean;
}

export interface Runtime {
  config: RuntimeConfig;
  stop(): Promise<void>;
}

/**
 * Turns the validated environment into a runtime: with DATABASE_URL it uses that server; without it,
 * it starts the embedded PostgreSQL under QOLDAU_DATA_DIR. A missing JWT_SECRET (allowed outside
 * production) is generated once and kept under the data dir so restarts keep sessions valid.
 */
export async function resolveRuntime(config: AppConfig, onLog?: (line: string) => void): Promise<Runtime> {
  const jwtSecret = config.jwtSecret ?? (await persistentSecret(config.dataDir, 'jwt-secret'));
  if (config.databaseUrl) {
    return { config: { ...config, databaseUrl: config.databaseUrl, jwtSecret, embedded: false }, stop: async () => undefined };
  }
  // Loaded only when needed: the package is ESM and most processes (tests, production) never use it.
  const { startEmbeddedPostgres } = withoutSignalHandlersOf(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('../database/embedded-postgres') as typeof Embedded;
  });
  const database = await startEmbeddedPostgres({ dataDir: config.dataDir, onLog });
  return { config: { ...config, databaseUrl: database.url, jwtSecret, embedded: true }, stop: database.stop };
}

async function persistentSecret(dataDir: string, name: string): Promise<string> {
  const dir = resolve(dataDir);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, name);
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const secret = randomBytes(48).toString('base64url');
  await writeFile(file, secret + '\n', { mode: 0o600 });
  return secret;
}

/**
 * embedded-postgres stops its servers on SIGINT/SIGTERM by itself (async-exit-hook), racing the app's
 * own graceful shutdown: the database went away under open connections and the process exited 143.
 * The app owns those signals instead (main.ts closes the app, then stops the database); the package's
 * hook on process exit stays as a last resort against an orphaned server.
 */
function withoutSignalHandlersOf<T>(load: () => T): T {
  const signals = ['SIGINT', 'SIGTERM'] as const;
  const before = new Map(signals.map((signal) => [signal, new Set(process.listeners(signal))]));
  const loaded = load();
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener);
    }
  }
  return loaded;
}
