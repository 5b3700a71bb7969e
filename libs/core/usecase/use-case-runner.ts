import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm, type TypeOrmTransactionOptions } from '@nestjs-cls/transactional-adapter-typeorm';
import { ClsService } from 'nestjs-cls';
import type { RequestTransactionOptions } from '../database/dead-connections';

/** How a use case came to run: an HTTP request (its interceptors record it), or a job or an import. */
export interface UseCaseOrigin {
  /** What the audit trail calls it when no HTTP route names it, e.g. `job.referrals.sla`. */
  action: string;
}

/** Runs after a job's or an import's use case, inside its transaction (the audit trail keeps its notes). */
export type UseCaseFinisher = (origin: UseCaseOrigin) => Promise<void>;

/**
 * The one way a use case runs, for HTTP, jobs and imports alike: in a request context (the one of
 * the HTTP request, or a new one), in one database transaction that commits only if the use case —
 * and what it leaves for the audit trail — succeeds. Outside HTTP, the finishers registered by other
 * libs (the audit trail) run last inside that transaction, so a use case reused from a job loses none
 * of its audit notes. Services never open transactions or contexts themselves.
 */
@Injectable()
export class UseCaseRunner {
  private readonly finishers: UseCaseFinisher[] = [];

  constructor(
    private readonly cls: ClsService,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {}

  onFinish(finisher: UseCaseFinisher): void {
    this.finishers.push(finisher);
  }

  /**
   * Inside an HTTP request: the request's context, one transaction; the route's interceptors audit it.
   * `genericPlans` (routes marked @GenericPlans): PostgreSQL then plans each named statement once per
   * connection; under the default it re-plans a statement whose generic plan it estimates dearer at
   * every execution, and for the worklist's buckets that planning was most of their cost at 1 M
   * children. The adapter (ConnectionAwareTypeOrmAdapter) sends its SET LOCAL with START TRANSACTION;
   * it ends with the transaction, so the connection goes back to the pool unchanged.
   */
  inRequest<T>(work: () => Promise<T>, options: RequestTransactionOptions = {}): Promise<T> {
    return this.txHost.withTransaction(options as TypeOrmTransactionOptions, work);
  }

  /**
   * A use case of a job or an import: a context of its own (or the caller's, when a job's run is
   * itself inside one), one transaction, then the finishers.
   */
  run<T>(origin: UseCaseOrigin, work: () => Promise<T>): Promise<T> {
    const transaction = () =>
      this.txHost.withTransaction(async () => {
        const result = await work();
        for (const finish of this.finishers) await finish(origin);
        return result;
      });
    return this.cls.isActive() ? transaction() : this.cls.run(transaction);
  }
}
