import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { pickLocale } from '../http/locale';
import { requestIdOf } from '../http/request-id';
import { toProblem } from './problem-details';

/**
 * The single mapping of errors to RFC 9457 responses, for every route. The `title` is the error-code
 * catalogue's, in the language Accept-Language asks for (Kazakh by default); `detail` is not translated.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const locale = pickLocale(request.headers['accept-language']);
    const body = toProblem(error, locale);
    body.requestId = requestIdOf(request);
    if (body.status >= 500) {
      // The stack and message only: never the request body or query (they may hold personal data).
      const err = error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error);
      this.logger.error({ requestId: body.requestId, err }, 'Unhandled error');
    }
    if (reply.sent) return;
    void reply
      .status(body.status)
      .header('content-type', 'application/problem+json; charset=utf-8')
      .header('content-language', locale)
      .send(body);
  }
}
