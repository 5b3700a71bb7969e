import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { pickLocale } from '../http/locale';
import { requestIdOf } from '../http/request-id';
import { toProblem } from './problem-details';

const logger = new Logger('Errors');

/**
 * Answers `error` as RFC 9457 problem+json. The ProblemDetailsFilter calls it for everything Nest
 * routes; Fastify's `frameworkErrors` (a bad URL, an over-long path parameter: raised before any
 * route is found) call it directly, so there is one mapping whichever layer refused the request.
 */
export function replyWithProblem(error: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const locale = pickLocale(request.headers['accept-language']);
  const body = toProblem(error, locale);
  body.requestId = requestIdOf(request);
  if (body.status >= 500 && body.code === 'INTERNAL') {
    // The stack and message only: never the request body or query (they may hold personal data).
    const err = error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error);
    logger.error({ requestId: body.requestId, err }, 'Unhandled error');
  } else if (body.status >= 500) {
    logger.warn({ requestId: body.requestId, code: body.code, err: error instanceof Error ? error.message : String(error) }, 'Service unavailable');
  }
  if (reply.sent) return;
  if (body.requestId) reply.header('x-request-id', body.requestId);
  if (typeof body.retryAfter === 'number') {
    reply.header('retry-after', String(body.retryAfter));
    delete body.retryAfter;
  }
  void reply
    .status(body.status)
    .header('content-type', 'application/problem+json; charset=utf-8')
    .header('content-language', locale)
    .send(body);
}

/**
 * The single mapping of errors to RFC 9457 responses, for every route. The `title` is the error-code
 * catalogue's, in the language Accept-Language asks for (Kazakh by default); `detail` is not translated.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    replyWithProblem(error, http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>());
  }
}
