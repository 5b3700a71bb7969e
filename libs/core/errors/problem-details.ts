import { HttpException } from '@nestjs/common';
import { AppError, FieldError } from './app-error';

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors: FieldError[];
  requestId?: string;
  [extension: string]: unknown;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Codes for errors raised by the framework (routing, body parsing, throttling) rather than by us. */
const FRAMEWORK_CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'ROUTE_NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};

/**
 * PostgreSQL errors that are about timing, not bugs: two transactions crossed (deadlock, serialization)
 * or the database was too slow. The transaction has rolled back, so nothing changed; the client may retry.
 */
const TRANSIENT_DATABASE_ERRORS: Record<string, { status: number; code: string; detail: string }> = {
  '40P01': { status: 409, code: 'CONCURRENT_UPDATE', detail: 'Another change to the same record happened at the same moment; nothing was changed, try again' },
  '40001': { status: 409, code: 'CONCURRENT_UPDATE', detail: 'Another change to the same record happened at the same moment; nothing was changed, try again' },
  '57014': { status: 503, code: 'DATABASE_BUSY', detail: 'The database took too long; nothing was changed, try again shortly' },
  '55P03': { status: 503, code: 'DATABASE_BUSY', detail: 'The record is locked by another change; nothing was changed, try again shortly' },
};

function sqlStateOf(error: unknown): string | undefined {
  const candidate = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = candidate?.driverError?.code ?? candidate?.code;
  return typeof code === 'string' ? code : undefined;
}

export function problemType(code: string): string {
  return `https://qoldau.kz/problems/${code.toLowerCase().replace(/_/g, '-')}`;
}

function problem(status: number, code: string, detail: string, errors: FieldError[] = []): ProblemDetails {
  return { type: problemType(code), title: TITLES[status] ?? 'Error', status, detail, code, errors };
}

/**
 * Maps anything thrown to problem details. Unknown errors become a 500 whose detail says nothing
 * about the internals (the caller logs the error itself).
 */
export function toProblem(error: unknown): ProblemDetails {
  if (error instanceof AppError) {
    return { ...problem(error.status, error.code, error.message, error.errors), ...error.extensions };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const body = error.getResponse();
    const message = typeof body === 'string' ? body : ((body as { message?: unknown }).message ?? error.message);
    const code = FRAMEWORK_CODES[status] ?? `HTTP_${status}`;
    const detail = status === 404 ? 'No such route' : Array.isArray(message) ? message.join('; ') : String(message);
    return problem(status, code, detail);
  }
  const transient = TRANSIENT_DATABASE_ERRORS[sqlStateOf(error) ?? ''];
  if (transient) return problem(transient.status, transient.code, transient.detail);
  return problem(500, 'INTERNAL', 'An unexpected error occurred; it has been logged with the request id');
}
