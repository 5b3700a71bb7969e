import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import { generateRequestId } from '../http/request-id';

/**
 * Structured JSON logs. A request is logged as method, path (never the query string: it can carry
 * names or IINs), status and timing, with the request id on every line written while it is handled.
 * Bodies and credentials are never logged.
 */
export function loggerParams(level: string): Params {
  return {
    pinoHttp: {
      level,
      // Fastify already assigned the id (see createApp); reuse it so every line carries the same one.
      genReqId: (req: IncomingMessage) => (req as IncomingMessage & { id?: string }).id ?? generateRequestId(req),
      customAttributeKeys: { reqId: 'requestId' },
      serializers: {
        req: (req: { id?: string; method?: string; url?: string }) => ({ id: req.id, method: req.method, path: req.url?.split('?')[0] }),
        res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      },
      redact: { paths: ['req.headers', 'res.headers'], remove: true },
      customLogLevel: (_req: IncomingMessage, res: ServerResponse, error?: Error) =>
        error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
      autoLogging: { ignore: (req: IncomingMessage) => req.url?.startsWith('/health/') ?? false },
    },
  };
}
