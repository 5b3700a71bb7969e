import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import request from 'supertest';
import { TEST_ADMIN_PASSWORD, type TestApp } from '../../support/test-app';
import { logsDir } from './run';

const ROOT = join(__dirname, '../../..');
/** The project's Node.js 24 (the `node` package), as npm scripts use it. */
export const NODE = join(ROOT, 'node_modules/.bin/node');
export const JWT_SECRET = 'reliability-only-jwt-secret-0123456789abcdef';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface ApiProcess {
  name: string;
  url: string;
  process: ChildProcess;
  logFile: string;
  /**
   * The process behind the shape the test/support factories take (they use `http` and `clock`):
   * requests go over real TCP to the separate process; the clock is the real one, as it is there.
   */
  app: TestApp;
  stop(): Promise<void>;
}

let started = 0;
/** Every process this test file started and has not stopped: `stopAll()` in afterAll, even after a failed beforeAll. */
const running = new Set<ApiProcess>();
/** Generous: on a busy 2-core machine four processes loading the app at once take a minute. */
const STARTUP_MS = 180_000;

export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((p) => p.stop()));
}

/**
 * Starts the built api (dist/apps/api/src/main.js) or worker as its own OS process on `databaseUrl`,
 * exactly as production runs it, with its pino logs (LOG_LEVEL=debug, the most talkative level) kept
 * in the run's log directory for the personal-data check.
 */
export async function startProcess(
  kind: 'api' | 'worker',
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<ApiProcess> {
  const port = await freePort();
  const name = `${kind}-${process.pid}-${++started}`;
  const logFile = join(logsDir(), `${name}.log`);
  const log = createWriteStream(logFile);
  const child = spawn(NODE, [join(ROOT, `dist/apps/${kind}/src/main.js`)], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      JWT_SECRET,
      QOLDAU_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
      NODE_ENV: 'test',
      LOG_LEVEL: 'debug',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    running.delete(handle);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    if (!log.writableEnded) await new Promise((resolve) => log.end(resolve));
  };
  const app = { http: request(url), clock: { now: () => new Date(), today: () => new Date(Date.now() + 5 * 3_600_000).toISOString().slice(0, 10) } } as unknown as TestApp;
  const handle: ApiProcess = { name, url, process: child, logFile, app, stop };
  running.add(handle);
  if (kind === 'api') {
    const deadline = Date.now() + STARTUP_MS;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode} before it was ready (log: ${logFile})`);
      const ok = await fetch(`${url}/health/live`).then((r) => r.ok, () => false);
      if (ok) break;
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`${name} not live after ${STARTUP_MS / 1000} s (log: ${logFile})`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return handle;
}

export const startApi = (databaseUrl: string, env?: Record<string, string>) => startProcess('api', databaseUrl, env);
export const startWorker = (databaseUrl: string, env?: Record<string, string>) => startProcess('worker', databaseUrl, env);
