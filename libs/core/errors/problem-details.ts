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

const INTERNAL_DETAIL = 'An unexpected error occurred; it has been logged with the request id';

/**
 * Maps anything thrown to problem details, titled in `locale` (the request's Accept-Language; Kazakh
 * by default). Unknown errors become a 500 whose detail says nothing about the internals (the caller
 * logs the error itself). `detail` stays the thrower's own English sentence.
 */
export function toProblem(error: unknown, locale: Locale = 'kk'): ProblemDetails {
  if (error instanceof AppError) {
    return { ...problem(error.status, error.code, error.message, locale, error.errors), ...error.extensions };
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
  if (transient) return problem(transient.status, transient.code, transient.detail, locale);
  return problem(500, 'INTERNAL', INTERNAL_DETAIL, locale);
}
