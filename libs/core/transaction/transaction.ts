import { CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { from, lastValueFrom, Observable } from 'rxjs';
import type { EntityManager } from 'typeorm';
import { namedStatement } from '../database/prepared-statements';
import { UseCaseRunner } from '../usecase/use-case-runner';

/** The transaction host every repository uses: `this.tx.tx` is the request's EntityManager. */
export type Tx = TransactionHost<TransactionalAdapterTypeOrm>;
export { TransactionHost };

const NO_TRANSACTION = 'qoldau:no-transaction';

/** Opts a route out of the request transaction (health probes, static reference data). */
export const NoTransaction = () => SetMetadata(NO_TRANSACTION, true);

const GENERIC_PLANS = 'qoldau:generic-plans';

/**
 * The route's statements keep one plan per connection instead of being planned at every execution
 * (UseCaseRunner.inRequest). Only for routes whose every statement was timed both ways on the 1 M
 * dataset (`npm run bench -- --explain "GET /api/v1/…"`, docs/performance.md): a generic plan cannot
 * see the parameters, and for some statements that is a scan where a custom plan is an index look-up.
 * It follows the statistics, too: check again when a marked route's statements or indexes change.
 */
export const GenericPlans = () => SetMetadata(GENERIC_PLANS, true);

/**
 * The one transaction path (DESIGN §2 step 3): every request runs in exactly one database transaction,
 * opened here through the UseCaseRunner (the same one jobs and imports use), carried by nestjs-cls,
 * and committed only if the handler (including its audit writes) succeeds. Handlers and services
 * never open their own.
 */
@Injectable()
export class RequestTransactionInterceptor implements NestInterceptor {
  constructor(
    private readonly runner: UseCaseRunner,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const skip = this.reflector.getAllAndOverride<boolean>(NO_TRANSACTION, [context.getHandler(), context.getClass()]);
    if (skip) return next.handle();
    const genericPlans = this.reflector.getAllAndOverride<boolean>(GENERIC_PLANS, [context.getHandler(), context.getClass()]) ?? false;
    return from(this.runner.inRequest(() => lastValueFrom(next.handle(), { defaultValue: undefined }), { genericPlans }));
  }
}

/**
 * Base of every repository: `this.tx` is the EntityManager of the current request's transaction (or a
 * plain one outside a transaction, e.g. in a job that opened none).
 */
@Injectable()
export abstract class SqlRepository {
  constructor(protected readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  protected get tx(): EntityManager {
    return this.txHost.tx;
  }

  /** Runs SQL with positional parameters (as a named prepared statement) and returns the rows. */
  protected rows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.tx.query(namedStatement(sql), params);
  }

  /** Runs an UPDATE/DELETE and returns how many rows it touched. */
  protected async affected(sql: string, params: unknown[] = []): Promise<number> {
    const result: [unknown[], number] = await this.tx.query(namedStatement(sql), params);
    return result[1];
  }

  /**
   * INSERT of the given columns, returning the new row's id (null when `onConflict` skipped it).
   * Table and column names come from code, never from input; values are always parameters.
   */
  protected async insertRow(table: string, columns: Record<string, unknown>, onConflict = ''): Promise<string | null> {
    const keys = Object.keys(columns).map(identifier);
    const rows = await this.rows<{ id: string }>(
      `INSERT INTO ${identifier(table)} (${keys.join(', ')}) VALUES (${keys.map((_, i) => `$${i + 1}`).join(', ')}) ${onConflict} RETURNING id`,
      Object.values(columns),
    );
    return rows[0]?.id ?? null;
  }

  /**
   * Optimistic update of a versioned row: sets `columns`, bumps `version` and `updated_at`, only while
   * the row is still at `version` (null = any version, for changes that hold the row lock anyway).
   * Returns whether the row was changed.
   */
  protected async updateVersioned(table: string, id: string, version: number | null, columns: Record<string, unknown>): Promise<boolean> {
    const sets = Object.keys(columns).map((key, i) => `${identifier(key)} = $${i + 3}`);
    const count = await this.affected(
      `UPDATE ${identifier(table)} SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')}
        WHERE id = $1 AND ($2::int IS NULL OR version = $2::int)`,
      [id, version, ...Object.values(columns)],
    );
    return count === 1;
  }
}

function identifier(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new RangeError(`not an SQL identifier: ${name}`);
  return name;
}
