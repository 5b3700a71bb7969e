import { HttpException } from '@nestjs/common';
import type { Locale } from '../http/locale';
import { AppError, FieldError } from './app-error';
import { ErrorCode, errorTitle, isErrorCode } from './error-codes';

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

/**
 * Codes for errors raised by the framework (routing, body parsing, throttling) rather than by us. Any
 * other status the framework raises is answered as 400 BAD_REQUEST or 500 INTERNAL, so that every
 * code a client sees is in the catalogue (error-codes.ts).
 */
export const FRAMEWORK_CODES: Readonly<Record<number, ErrorCode>> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'ROUTE_NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  413: 'PAYLOAD_TOO_LARGE',
  414: 'URI_TOO_LONG',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};

/**
 * PostgreSQL errors that are about timing, not bugs: two transactions crossed (deadlock, serialization)
 * or the database was too slow. The transaction has rolled back, so nothing changed; the client may retry.
 */
export const TRANSIENT_DATABASE_ERRORS: Readonly<Record<string, { status: number; code: ErrorCode; detail: string }>> = {
  '40P01': { status: 409, code: 'CONCURRENT_UPDATE', detail: 'Another change to the same record happened at the same moment; nothing was changed, try again' },
  '40001': { status: 409, code: 'CONCURRENT_UPDATE', detail: 'Another change to the same record happened at the same moment; nothing was changed, try again' },
  '57014': { status: 503, code: 'DATABASE_BUSY', detail: 'The database took too long; nothing was changed, try again shortly' },
  '55P03': { status: 503, code: 'DATABASE_BUSY', detail: 'The record is locked by another change; nothing was changed, try again shortly' },
};

/** Seconds a client should wait before retrying a 503 (the Retry-After header). */
export const RETRY_AFTER_SECONDS = { DATABASE_UNAVAILABLE: 5, DATABASE_BUSY: 2 } as const;

/**
 * The database is down, restarting, unreachable or frozen — not a bug, and nothing was written (the
 * transaction never started or was lost with its connection). SQLSTATE classes 08 (connection
 * exception) and 57P01–57P03 (admin/crash shutdown, cannot connect now), 53300 (too many connections),
 * the socket errors of a refused or dropped TCP connection, and node-postgres's own timeouts (the
 * pool's connection-acquire timeout, the client's query_timeout when the server cannot answer).
 */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '08000', '08001', '08003', '08004', '08006']);
const UNAVAILABLE_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/,
  /timeout exceeded when trying to connect/,
  /^Query read timeout$/,
  /Client has encountered a connection error and is not queryable/,
  /^Client was closed and is not queryable$/,
  /Cannot use a pool after calling end on the pool/,
  /the database system is (starting up|shutting down|in recovery mode)/,
];

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 4) return false;
  const candidate = error as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown; errors?: unknown };
  if (typeof candidate.code === 'string' && (UNAVAILABLE_SQLSTATES.has(candidate.code) || UNAVAILABLE_SOCKET_CODES.has(candidate.code))) return true;
  if (typeof candidate.message === 'string' && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(candidate.message as string))) return true;
  // TypeORM wraps the driver's error; Node wraps every failed address of a host in an AggregateError.
  if (Array.isArray(candidate.errors) && candidate.errors.some((inner) => isDatabaseUnavailable(inner, depth + 1))) return true;
  return isDatabaseUnavailable(candidate.driverError, depth + 1) || isDatabaseUnavailable(candidate.cause, depth + 1);
}

function sqlStateOf(error: unknown): string | undefined {
  const candidate = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = candidate?.driverError?.code ?? candidate?.code;
  return typeof code === 'string' ? code : undefined;
}

export function problemType(code: string): string {
  return `https://qoldau.kz/problems/${code.toLowerCase().replace(/_/g, '-')}`;
}

/** The catalogue's title; a code that is not in it (a bug error-codes.spec.ts exists to catch) gets a generic one. */
function titleOf(code: string, status: number, locale: Locale): string {
  return errorTitle(isErrorCode(code) ? code : status >= 500 ? 'INTERNAL' : 'BAD_REQUEST', locale);
}

function problem(status: number, code: string, detail: string, locale: Locale, errors: FieldError[] = []): ProblemDetails {
  return { type: problemType(code), title: titleOf(code, status, locale), status, detail, code, errors };
}

/** A 503 of ours says when to come back (ProblemDetailsFilter turns `retryAfter` into the header). */
function withRetryAfter(body: ProblemDetails): ProblemDetails {
  const seconds = RETRY_AFTER_SECONDS[body.code as keyof typeof RETRY_AFTER_SECONDS];
  if (seconds !== undefined && body.retryAfter === undefined) body.retryAfter = seconds;
  return body;
}

const INTERNAL_DETAIL = 'An unexpected error occurred; it has been logged with the request id';

/**
 * Maps anything thrown to problem details, titled in `locale` (the request's Accept-Language; Kazakh
 * by default). Unknown errors become a 500 whose detail says nothing about the internals (the caller
 * logs the error itself). `detail` stays the thrower's own English sentence.
 */
export function toProblem(error: unknown, locale: Locale = 'kk'): ProblemDetails {
  if (error instanceof AppError) {
    return withRetryAfter({ ...problem(error.status, error.code, error.message, locale, error.errors), ...error.extensions });
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const code = FRAMEWORK_CODES[status];
    if (!code && status >= 500) return problem(500, 'INTERNAL', INTERNAL_DETAIL, locale);
    const body = error.getResponse();
    const message = typeof body === 'string' ? body : ((body as { message?: unknown }).message ?? error.message);
    const detail = status === 404 ? 'No such route' : Array.isArray(message) ? message.join('; ') : String(message);
    return code ? problem(status, code, detail, locale) : problem(400, 'BAD_REQUEST', detail, locale);
  }
  const transient = TRANSIENT_DATABASE_ERRORS[sqlStateOf(error) ?? ''];
  if (transient) return withRetryAfter(problem(transient.status, transient.code, transient.detail, locale));
  if (isDatabaseUnavailable(error)) {
    return withRetryAfter(problem(503, 'DATABASE_UNAVAILABLE', 'The database cannot be reached right now; nothing was changed, try again shortly', locale));
  }
  return problem(500, 'INTERNAL', INTERNAL_DETAIL, locale);
}
