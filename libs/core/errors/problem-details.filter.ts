import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { requestIdOf } from '../http/request-id';
import { toProblem } from './problem-details';

/** The single mapping of errors to RFC 9457 responses, for every route. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const body = toProblem(error);
    body.requestId = requestIdOf(request);
    if (body.status >= 500) {
      // The stack and message only: never the request body or query (they may hold personal data).
      const err = error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error);
      this.logger.error({ requestId: body.requestId, err }, 'Unhandled error');
    }
    if (reply.sent) return;
    void reply.status(body.status).header('content-type', 'application/problem+json; charset=utf-8').send(body);
  }
}
