import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { toProblem, TransactionHost, UseCaseRunner } from '@qoldau/core';
import { DataSource } from 'typeorm';
import { eventually } from '../support/eventually';
import { asAdmin, bearer, Session } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';
import { startThrowawayPostgres, ThrowawayPostgres } from '../support/throwaway-postgres';

/**
 * The database goes away under a running api: a PostgreSQL of this test's own (embedded, in a temp
 * directory — never the machine's shared server), stopped, started again, and frozen with SIGSTOP.
 * Every answer is a fast 503 DATABASE_UNAVAILABLE with Retry-After, never a 500 or a hang, and the
 * api recovers by itself.
 */
const CONNECT_TIMEOUT_MS = 1_000;
const STATEMENT_TIMEOUT_MS = 2_000;
/** The slowest a refusal may be: a statement already waiting on a frozen server gives up at statement + 2 s. */
const WORST_CASE_MS = STATEMENT_TIMEOUT_MS + 2_000 + 1_500;

describe('database faults', () => {
  let dataDir: string;
  let port: number | undefined;
  let database: ThrowawayPostgres;
  let t: TestApp;
  let admin: Session;

  const start = async () => {
    database = await startThrowawayPostgres(dataDir, port);
    port = Number(new URL(database.url).port);
  };

  /** The postmaster and every backend it forked: SIGSTOP must freeze the whole server, not just new connections. */
  const serverPids = (): number[] => {
    const postmaster = Number(readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
    const children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(postmaster)], { encoding: 'utf8' })
      .split('\n')
      .map((line) => Number(line.trim()))
      .filter((pid) => pid > 0);
    return [postmaster, ...children];
  };
  const signal = (pids: number[], name: NodeJS.Signals) =>
    pids.forEach((pid) => {
      try {
        process.kill(pid, name);
      } catch (error) {
        // A backend may have ended since (its connection was discarded once the server ran again).
        if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
      }
    });

  const timed = async <T>(work: () => Promise<T>): Promise<{ res: T; ms: number }> => {
    const began = Date.now();
    const res = await work();
    return { res, ms: Date.now() - began };
  };
  const organizations = () => t.http.get('/api/v1/organizations').set(bearer(admin));
  const expectUnavailable = (res: { status: number; headers: Record<string, string>; body: { code?: string } }) => {
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 503, code: 'DATABASE_UNAVAILABLE' });
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  };
  const recovered = () => eventually(async () => ((await organizations()).status === 200 ? true : undefined), 15_000);

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'qoldau-faults-'));
    await start();
    t = await startTestApp({
      databaseUrl: database.url,
      env: { DATABASE_CONNECT_TIMEOUT_MS: String(CONNECT_TIMEOUT_MS), DATABASE_STATEMENT_TIMEOUT_MS: String(STATEMENT_TIMEOUT_MS) },
    });
    admin = await asAdmin(t);
  }, 120_000);

  afterAll(async () => {
    await t?.close().catch(() => undefined);
    await database?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is ready while the database answers', async () => {
    await t.http.get('/health/ready').expect(200);
    await organizations().expect(200);
  });

  /** A use case through the one UseCaseRunner, as a job runs it; `tx` is its transaction's manager. */
  const useCase = <T>(work: (tx: TransactionHost<TransactionalAdapterTypeOrm>['tx']) => Promise<T>) => {
    const host = t.app.get<TransactionHost<TransactionalAdapterTypeOrm>>(TransactionHost);
    return t.app.get(UseCaseRunner).run({ action: 'test.database-faults' }, () => work(host.tx));
  };
  const failureOf = (work: Promise<unknown>) => work.then(() => { throw new Error('expected the use case to fail'); }, (error: unknown) => error);

  it('answers a transaction whose connection died between two statements with 503, not 500', async () => {
    const error = await failureOf(
      useCase(async (tx) => {
        const [{ pid }] = await tx.query('SELECT pg_backend_pid() AS pid');
        // Another connection ends this one, as a server shutting down does, while the transaction is between statements.
        await t.app.get(DataSource).query('SELECT pg_terminate_backend($1)', [pid]);
        await new Promise((resolve) => setTimeout(resolve, 200));
        return tx.query('SELECT 1');
      }),
    );
    // TypeORM released the runner when the connection died; the error carries that loss as its cause.
    expect((error as Error).name).toBe('QueryRunnerProviderAlreadyReleasedError');
    expect(toProblem(error)).toMatchObject({ status: 503, code: 'DATABASE_UNAVAILABLE', retryAfter: 5 });
    await organizations().expect(200);
  });

  it('still answers 500 for using a transaction after it ended (a programming error, not a lost connection)', async () => {
    let leaked: TransactionHost<TransactionalAdapterTypeOrm>['tx'] | undefined;
    await useCase(async (tx) => {
      leaked = tx;
    });
    const error = await failureOf(leaked!.query('SELECT 1'));
    expect((error as Error).name).toBe('QueryRunnerProviderAlreadyReleasedError');
    expect(toProblem(error)).toMatchObject({ status: 500, code: 'INTERNAL' });
  });

  describe('a stopped database', () => {
    beforeAll(() => database.stop());

    it('answers a request with 503 DATABASE_UNAVAILABLE and Retry-After, fast', async () => {
      const { res, ms } = await timed(() => organizations());
      expectUnavailable(res);
      expect(ms).toBeLessThan(CONNECT_TIMEOUT_MS + 1_500);
    });

    it('answers a login (public, writes the audit trail) the same way', async () => {
      const { res, ms } = await timed(() => t.http.post('/api/v1/auth/login').send({ username: 'admin', password: 'whatever-password-1' }));
      expectUnavailable(res);
      expect(ms).toBeLessThan(CONNECT_TIMEOUT_MS + 1_500);
    });

    it('is not ready: /health/ready is a 503 problem within its 2 s timeout', async () => {
      const { res, ms } = await timed(() => t.http.get('/health/ready'));
      expectUnavailable(res);
      expect(ms).toBeLessThan(2_000 + 1_000);
      await t.http.get('/health/live').expect(200);
    });

    it('recovers by itself once the database is back', async () => {
      await start();
      await recovered();
      await t.http.get('/health/ready').expect(200);
    }, 30_000);
  });

  describe('a frozen database (SIGSTOP)', () => {
    let frozen: number[] = [];
    beforeAll(async () => {
      await recovered();
      frozen = serverPids();
      signal(frozen, 'SIGSTOP');
    });
    afterAll(() => signal(frozen, 'SIGCONT'));

    it('cuts requests with 503 within the timeouts instead of hanging', async () => {
      const results = await Promise.all(Array.from({ length: 5 }, () => timed(() => organizations())));
      for (const { res, ms } of results) {
        expectUnavailable(res);
        expect(ms).toBeLessThan(WORST_CASE_MS);
      }
    }, 30_000);

    it('gives up on a transaction after one client timeout: no ROLLBACK waits for a second one on the dead connection', async () => {
      const { res: error, ms } = await timed(() => failureOf(useCase((tx) => tx.query('SELECT 1'))));
      expect(toProblem(error)).toMatchObject({ status: 503, code: 'DATABASE_UNAVAILABLE' });
      // One timeout is statement + 2 s; a rollback over the same connection would add another.
      expect(ms).toBeLessThan(WORST_CASE_MS);
    }, 30_000);

    it('is not ready within the probe timeout', async () => {
      const { res, ms } = await timed(() => t.http.get('/health/ready'));
      expectUnavailable(res);
      expect(ms).toBeLessThan(2_000 + 1_000);
    });

    it('recovers once the database runs again', async () => {
      signal(frozen, 'SIGCONT');
      await recovered();
      await t.http.get('/health/ready').expect(200);
    }, 30_000);
  });
});
