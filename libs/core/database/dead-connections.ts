import { TransactionalAdapterTypeOrm, type TypeOrmTransactionOptions } from '@nestjs-cls/transactional-adapter-typeorm';
import type { AfterQueryEvent, EntitySubscriberInterface, QueryRunner } from 'typeorm';
import { isDatabaseUnavailable } from '../errors/problem-details';

/**
 * TypeORM's way to end a pooled connection for good: release it WITH an error, so that pg-pool destroys
 * the client instead of lending it out again (PostgresQueryRunner's own 'error' handler does the same).
 * The method is private in TypeORM's typings, public at run time; e2e tests (database-faults) exercise it.
 */
function discard(runner: QueryRunner, error: unknown): void {
  if (runner.isReleased) return;
  const postgres = runner as unknown as { releasePostgresConnection?: (err?: unknown) => Promise<void> };
  if (typeof postgres.releasePostgresConnection === 'function') void postgres.releasePostgresConnection(error instanceof Error ? error : new Error(String(error)));
}

/**
 * A query that failed because its connection is gone or does not answer (the client's query_timeout
 * on a frozen server, a dropped socket, a server shutting down) leaves that connection useless: a
 * frozen server still owes the answer, and node-postgres queues anything sent next behind it. Without
 * this, the transaction's ROLLBACK waited for a second query_timeout on the same dead connection (a
 * request took two timeouts, ~14 s instead of ~7 s), and a connection used outside a transaction went
 * back to the pool to stall the next request the same way. So the connection is discarded at once:
 * the rollback then fails immediately (TypeORM ignores that), and the server rolls the transaction
 * back itself when it sees the connection close — COMMIT was never sent, so nothing is half-written.
 * A server-side statement timeout (57014) is not such a failure: that connection answers, and is kept.
 */
export class DeadConnectionReaper implements EntitySubscriberInterface {
  afterQuery(event: AfterQueryEvent<unknown>): void {
    if (!event.success && isDatabaseUnavailable(event.error)) discard(event.queryRunner, event.error);
  }
}

type TypeOrmOptionsFactory = TransactionalAdapterTypeOrm['optionsFactory'];

/** The adapter's options: TypeORM's, and whether the transaction's statements keep one plan (@GenericPlans). */
export interface RequestTransactionOptions extends Partial<TypeOrmTransactionOptions> {
  genericPlans?: boolean;
}

const GENERIC_PLANS = 'SET LOCAL plan_cache_mode = force_generic_plan';

/**
 * START TRANSACTION and, for routes marked @GenericPlans, its SET LOCAL plan_cache_mode in one round
 * trip: both go as one simple query. On this machine a round trip costs the api more CPU than most
 * statements do (docs/performance.md), and this one came before every case read and worklist.
 * TypeORM's startTransaction keeps its own bookkeeping and sends its START through `runner.query`,
 * which is handed the SET to send along for that one call; should TypeORM ever start differently, the
 * SET goes on its own after it.
 */
export async function startTransaction(runner: QueryRunner, options: RequestTransactionOptions | undefined): Promise<void> {
  if (!options?.genericPlans) return runner.startTransaction(options?.isolationLevel);
  const query = runner.query;
  let merged = false;
  runner.query = function (this: QueryRunner, sql: string, ...rest: unknown[]) {
    if (!merged && sql === 'START TRANSACTION') {
      merged = true;
      sql = `START TRANSACTION; ${GENERIC_PLANS}`;
    }
    return (query as (...args: unknown[]) => Promise<unknown>).call(this, sql, ...rest);
  } as QueryRunner['query'];
  try {
    await runner.startTransaction(options.isolationLevel);
  } finally {
    runner.query = query;
  }
  if (!merged) await runner.query(GENERIC_PLANS);
}

/**
 * @nestjs-cls/transactional's TypeORM adapter, with two differences. It starts a @GenericPlans
 * route's transaction with its plan mode in one round trip (startTransaction above). And when the
 * connection dies in the middle of a transaction, the error that reaches the error filter says so.
 * PostgreSQL going away between two statements makes the pg client emit 'error', on which TypeORM
 * releases the query runner; the transaction's next statement then fails with TypeORM's
 * QueryRunnerProviderAlreadyReleasedError, which by itself reads like a programming error (using a
 * transaction after it ended) and was answered 500. Here the connection's own error (57P01,
 * "Connection terminated unexpectedly", …) becomes that error's `cause`, which the one place that
 * recognises connection loss (isDatabaseUnavailable) follows to answer 503 DATABASE_UNAVAILABLE. A released runner without such evidence stays a 500.
 */
export class ConnectionAwareTypeOrmAdapter extends TransactionalAdapterTypeOrm {
  constructor(options: ConstructorParameters<typeof TransactionalAdapterTypeOrm>[0]) {
    super(options);
    const base: TypeOrmOptionsFactory = this.optionsFactory;
    this.optionsFactory = (dataSource) => ({
      ...base(dataSource),
      wrapWithTransaction: async (options, fn, setClient) => {
        const runner = dataSource.createQueryRunner();
        let lost: unknown;
        const onLost = (error: unknown) => {
          lost ??= error;
        };
        let connection: { on?: (event: 'error', listener: typeof onLost) => void; removeListener?: (event: 'error', listener: typeof onLost) => void } | undefined;
        try {
          connection = await runner.connect();
          connection?.on?.('error', onLost);
          await startTransaction(runner, options);
          setClient(runner.manager);
          const result = await fn();
          await runner.commitTransaction();
          return result;
        } catch (error) {
          if (runner.isReleased) {
            // The connection went away under the transaction (or DeadConnectionReaper discarded it): no
            // rollback to send, the server drops the transaction with the connection.
            if (lost !== undefined && error instanceof Error && error.cause === undefined) error.cause = lost;
          } else if (isDatabaseUnavailable(error)) {
            discard(runner, error);
          } else if (runner.isTransactionActive) {
            try {
              await runner.rollbackTransaction();
            } catch {
              // The original error is the one to report; a failed rollback leaves nothing committed.
            }
          }
          throw error;
        } finally {
          // The pooled client outlives this transaction: leave no listener of ours on it.
          connection?.removeListener?.('error', onLost);
          if (!runner.isReleased) await runner.release();
        }
      },
      wrapWithNestedTransaction: async (options, fn, setClient, client) => {
        const runner = client.queryRunner;
        if (!runner) return base(dataSource).wrapWithNestedTransaction(options, fn, setClient, client);
        try {
          await runner.startTransaction(options?.isolationLevel);
          setClient(runner.manager);
          const result = await fn();
          await runner.commitTransaction();
          return result;
        } catch (error) {
          // A dead connection takes the whole transaction with it (the outer one sees it as released),
          // rather than a ROLLBACK TO SAVEPOINT that would wait for another timeout.
          if (!runner.isReleased && isDatabaseUnavailable(error)) discard(runner, error);
          else if (!runner.isReleased) {
            try {
              await runner.rollbackTransaction();
            } catch {
              // As above: report the original error.
            }
          }
          throw error;
        }
      },
    });
  }
}
