import { CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { from, lastValueFrom, Observable } from 'rxjs';

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
