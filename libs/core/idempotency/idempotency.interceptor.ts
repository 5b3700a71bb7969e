import { CallHandler, ExecutionContext, HttpStatus, Injectable, NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, map, mergeMap, Observable, of } from 'rxjs';
import { Clock } from '../clock/clock';
import { BusinessRuleError, ConflictError, InvalidInputError } from '../errors/app-error';
import { IdempotencyStore } from './idempotency.store';
import { isValidIdempotencyKey, requestHash } from './request-hash';

export const IDEMPOTENCY_HEADER = 'idempotency-key';

type Request = FastifyRequest & { user?: { userId?: string } };

/**
 * `Idempotency-Key` on creating POSTs (DESIGN §2): the first request with a key runs and its response
 * is kept with the key, in the request's transaction; a replay (same key, same route and body) gets
 * that response again without running anything; the same key with another body is 422
 * IDEMPOTENCY_KEY_REUSED. Keys belong to the signed-in user. A request without the header is untouched.
 * Route-scoped (see `Idempotent()`), so it runs inside the request transaction and the audit interceptor.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly store: IdempotencyStore,
    private readonly reflector: Reflector,
    private readonly clock: Clock,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    const header = request.headers[IDEMPOTENCY_HEADER];
    const owner = request.user?.userId;
    if (header === undefined || !owner) return next.handle();
    if (!isValidIdempotencyKey(header)) {
      throw new InvalidInputError('VALIDATION_FAILED', 'The request has invalid fields', [
        { field: 'Idempotency-Key', code: 'IDEMPOTENCY_KEY_INVALID', message: 'Idempotency-Key must be 1–255 visible ASCII characters, e.g. a UUID' },
      ]);
    }
    const ownerKey = `user:${owner}`;
    // The path as requested (ids included), not the route pattern: one key is one request to one resource.
    const hash = requestHash(request.method, request.url.split('?')[0], request.body);
    const status =
      this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ??
      (request.method === 'POST' ? HttpStatus.CREATED : HttpStatus.OK);

    return from(this.store.claim(ownerKey, header, hash, this.clock.now())).pipe(
      mergeMap((claim) => {
        if (claim.claimed) {
          return next.handle().pipe(mergeMap((body) => from(this.store.complete(ownerKey, header, status, body)).pipe(map(() => body))));
        }
        if (claim.requestHash !== hash) {
          throw new BusinessRuleError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used for a different request; use a new key for a new request');
        }
        if (claim.statusCode === null) {
          // Only possible for a route running without a transaction, while the first request is still running.
          throw new ConflictError('IDEMPOTENCY_REQUEST_IN_PROGRESS', 'The first request with this Idempotency-Key is still running; retry shortly');
        }
        void http.getResponse<FastifyReply>().header('idempotent-replayed', 'true');
        return of(claim.response);
      }),
    );
  }
}
