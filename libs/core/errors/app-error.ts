/**
 * The one error hierarchy. Libraries throw these with a stable `code`; the ProblemDetailsFilter is the
 * only place that turns them into HTTP (RFC 9457 problem+json). The worker reuses the same services
 * without HTTP, so nothing here knows about requests.
 */
export interface FieldError {
  field: string;
  code: string;
  message: string;
}

/** Set by the access gate on a refusal so the audit trail can record what was refused. */
export interface Denial {
  resourceType: string;
  resourceId?: string | null;
  childId?: string | null;
}

export abstract class AppError extends Error {
  abstract readonly status: number;
  readonly extensions: Record<string, unknown>;
  /** Not part of the response body. */
  denial?: Denial;

  constructor(
    readonly code: string,
    message: string,
    readonly errors: FieldError[] = [],
    extensions: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
    this.extensions = extensions;
  }
}

/** 400: the input is malformed; `errors[]` names each field. */
export class InvalidInputError extends AppError {
  readonly status = 400;
  constructor(code: string, message: string, errors: FieldError[] = []) {
    super(code, message, errors);
  }
}

/** 414: a path parameter longer than any id we issue (Fastify's router refuses it before routing). */
export class UriTooLongError extends AppError {
  readonly status = 414;
  constructor() {
    super('URI_TOO_LONG', 'A part of the address is longer than any address this service has');
  }
}

/** 401: no valid credentials. */
export class UnauthenticatedError extends AppError {
  readonly status = 401;
  constructor(code = 'UNAUTHENTICATED', message = 'Authentication is required') {
    super(code, message);
  }
}

/** 403: only where the resource's existence is not secret. */
export class ForbiddenError extends AppError {
  readonly status = 403;
  constructor(code = 'FORBIDDEN', message = 'You may not do this') {
    super(code, message);
  }
}

/** 404: missing, or not visible to the actor — the two are indistinguishable on purpose. */
export class NotFoundError extends AppError {
  readonly status = 404;
  constructor(what = 'Resource') {
    super('NOT_FOUND', `${what} not found`);
  }
}

/** 409: the change conflicts with existing state (duplicate, concurrent winner). */
export class ConflictError extends AppError {
  readonly status = 409;
}

/** 412: optimistic concurrency — the If-Match version is stale. */
export class VersionConflictError extends AppError {
  readonly status = 412;
  constructor(currentVersion: number) {
    super('VERSION_CONFLICT', `The resource has changed; current version is ${currentVersion}`, [], {
      currentVersion,
    });
  }
}

/** 428: a change to a versioned resource must say which version it is based on (If-Match). */
export class PreconditionRequiredError extends AppError {
  readonly status = 428;
  constructor() {
    super('IF_MATCH_REQUIRED', 'Send If-Match with the ETag of the version you are changing');
  }
}

/** 422: well-formed input that breaks a business rule. */
export class BusinessRuleError extends AppError {
  readonly status = 422;
}

/** 429: throttled. */
export class TooManyRequestsError extends AppError {
  readonly status = 429;
  constructor(message = 'Too many requests, try again later') {
    super('RATE_LIMITED', message);
  }
}

/** 503: a dependency (database, audit) cannot take the work now; nothing was changed. */
export class ServiceUnavailableError extends AppError {
  readonly status = 503;
}
