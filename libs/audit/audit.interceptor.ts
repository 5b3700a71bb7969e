import { CallHandler, ExecutionContext, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Actor } from '@qoldau/auth';
import { AppError, ForbiddenError, isDatabaseUnavailable, IS_PUBLIC, requestIdOf, ServiceUnavailableError, UnauthenticatedError } from '@qoldau/core';
import type { FastifyRequest } from 'fastify';
import { catchError, from, mergeMap, Observable, throwError } from 'rxjs';
import { AUDIT_ACTION, NO_AUDIT } from './audit.decorators';
import { AuditTrail } from './audit-trail';
import { AuditWriter } from './audit-writer';
import type { AuditEventInput } from './audit.types';

type Request = FastifyRequest & { user?: Actor };

/**
 * Step 6 of the one request path: every authenticated request (and every public one that names an
 * audit action, such as login) leaves exactly one audit event, written inside the request transaction.
 * If that write fails the whole request fails with 503 AUDIT_UNAVAILABLE and nothing is committed.
 * Refusals (403, and 404 for an existing resource outside the actor's scope) are recorded on a
 * separate connection, because their transaction rolls back.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Audit');

  constructor(
    private readonly reflector: Reflector,
    private readonly trail: AuditTrail,
    private readonly writer: AuditWriter,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const targets = [context.getHandler(), context.getClass()];
    const named = this.reflector.getAllAndOverride<string | undefined>(AUDIT_ACTION, targets);
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets);
    if (this.reflector.getAllAndOverride<boolean>(NO_AUDIT, targets) || (isPublic && !named)) return next.handle();

    const request = context.switchToHttp().getRequest<Request>();
    const action = named ?? `${request.method} ${request.routeOptions?.url ?? request.url.split('?')[0]}`;
    this.trail.setOrigin(request.user, requestIdOf(request) ?? null, request.ip ?? null);

    return next.handle().pipe(
      mergeMap((body) => from(this.recordAllowed(action, request, body).then(() => body))),
      catchError((error: unknown) => from(this.recordDenied(action, request, error)).pipe(mergeMap(() => throwError(() => error)))),
    );
  }

  private async recordAllowed(action: string, request: Request, body: unknown): Promise<void> {
    const note = this.trail.current();
    const params = request.params as Record<string, string> | undefined;
    const items = (body as { items?: { id?: unknown }[] } | null)?.items;
    const resourceId = note.resourceId ?? (body as { id?: unknown } | null)?.id ?? params?.id ?? null;
    const event: AuditEventInput = {
      ...note,
      action,
      outcome: 'allowed',
      operation: operationOf(request),
      resourceType: note.resourceType ?? resourceTypeOf(request),
      resourceId: resourceId === null ? null : String(resourceId),
      resultIds: note.resultIds ?? (Array.isArray(items) ? items.map((i) => String(i.id)) : undefined),
      query: note.query ?? (request.method === 'GET' ? nonEmpty(request.query as Record<string, unknown>) : undefined),
    };
    try {
      await this.writer.write(event, this.trail.origin());
    } catch (error) {
      // The database itself is away: say so (503 DATABASE_UNAVAILABLE), not that the audit trail alone failed.
      if (isDatabaseUnavailable(error)) throw error;
      this.logger.error({ err: { message: (error as Error).message }, action }, 'Audit write failed; the request is rolled back');
      throw new ServiceUnavailableError('AUDIT_UNAVAILABLE', 'The audit trail cannot be written right now; nothing was changed. Try again shortly.');
    }
  }

  private async recordDenied(action: string, request: Request, error: unknown): Promise<void> {
    if (!(error instanceof AppError)) return;
    const refusal = error.denial !== undefined || error instanceof ForbiddenError || error instanceof UnauthenticatedError;
    if (!refusal) return;
    const note = this.trail.current();
    const params = request.params as Record<string, string> | undefined;
    const event: AuditEventInput = {
      ...note,
      action,
      outcome: 'denied',
      operation: operationOf(request),
      resourceType: error.denial?.resourceType ?? note.resourceType ?? resourceTypeOf(request),
      resourceId: error.denial?.resourceId ?? note.resourceId ?? params?.id ?? null,
      childId: error.denial?.childId ?? note.childId ?? null,
      reason: error.code,
      changes: undefined,
    };
    try {
      await this.writer.writeDetached(event, this.trail.origin());
    } catch (writeError) {
      // The refusal itself stands; losing its record is logged loudly for operations.
      this.logger.error({ err: { message: (writeError as Error).message }, action }, 'Could not record a refusal');
    }
  }
}

function operationOf(request: Request): 'read' | 'change' {
  return request.method === 'GET' || request.method === 'HEAD' ? 'read' : 'change';
}

function resourceTypeOf(request: Request): string | null {
  const path = (request.routeOptions?.url ?? '').replace(/^\/api\/v1\//, '');
  const first = path.split('/')[0];
  return first ? first.replace(/s$/, '').replace(/-/g, '_') : null;
}

function nonEmpty(query: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  return query && Object.keys(query).length ? { ...query } : undefined;
}
