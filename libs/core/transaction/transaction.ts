import { CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { from, lastValueFrom, Observable } from 'rxjs';
import type { EntityManager } from 'typeorm';

/** The transaction host every repository uses: `this.tx.tx` is the request's EntityManager. */
export type Tx = TransactionHost<TransactionalAdapterTypeOrm>;
export { TransactionHost };

const NO_TRANSACTION = 'qoldau:no-transaction';

/** Opts a route out of the request transaction (health probes, static reference data). */
export const NoTransaction = () => SetMetadata(NO_TRANSACTION, true);

/**
 * The one transaction path (DESIGN §2 step 3): every request runs in exactly one database transaction,
 * opened here, carried by nestjs-cls, and committed only if the handler (including its audit writes)
 * succeeds. Handlers and services never open their own.
 */
@Injectable()
export class RequestTransactionInterceptor implements NestInterceptor {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const skip = this.reflector.getAllAndOverride<boolean>(NO_TRANSACTION, [context.getHandler(), context.getClass()]);
    if (skip) return next.handle();
    return from(this.txHost.withTransaction(() => lastValueFrom(next.handle(), { defaultValue: undefined })));
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

  /** Runs SQL with positional parameters and returns the rows. */
  protected rows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.tx.query(sql, params);
  }

  /** Runs an UPDATE/DELETE and returns how many rows it touched. */
  protected async affected(sql: string, params: unknown[] = []): Promise<number> {
    const result: [unknown[], number] = await this.tx.query(sql, params);
    return result[1];
  }
}
