import { CallHandler, createParamDecorator, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { map, Observable } from 'rxjs';
import { InvalidInputError, PreconditionRequiredError } from '../errors/app-error';

/**
 * Optimistic concurrency over HTTP: a versioned resource is returned with `ETag: "<version>"`, and a
 * change must send `If-Match` with it (missing → 428, stale → 412 from the service).
 */
export const IfMatch = createParamDecorator((options: { optional?: boolean } | undefined, context: ExecutionContext): number | undefined => {
  const header = context.switchToHttp().getRequest<FastifyRequest>().headers['if-match'];
  if (header === undefined || header === '') {
    // An optional If-Match (e.g. signing) guards a client that sends it; one that does not acts on the stored version.
    if (options?.optional) return undefined;
    throw new PreconditionRequiredError();
  }
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(String(header));
  if (!match) {
    throw new InvalidInputError('IF_MATCH_INVALID', 'If-Match must be the ETag of a version, e.g. "3"', [
      { field: 'If-Match', code: 'IF_MATCH_INVALID', message: 'not a version ETag' },
    ]);
  }
  return Number(match[1]);
});

/** Sets the ETag header for any single-resource response that carries a numeric `version`. */
@Injectable()
export class EtagInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      map((body: unknown) => {
        const version = (body as { version?: unknown } | null)?.version;
        if (typeof version === 'number') {
          void context.switchToHttp().getResponse<FastifyReply>().header('etag', `"${version}"`);
        }
        return body;
      }),
    );
  }
}
