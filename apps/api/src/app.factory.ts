import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import { NestFactory } from '@nestjs/core';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { AdminBootstrap } from '@qoldau/auth';
import {
  assertStorableJson, assertStorableUrl, checkJsonBytes, generateRequestId, invalidText, InvalidInputError, replyWithProblem, RuntimeConfig, TrustedProxies, UriTooLongError,
} from '@qoldau/core';
import { IMPORT_MAX_BYTES } from '@qoldau/imports';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Logger } from 'nestjs-pino';
import { registerWebApp, spaRewrite } from './web-app';
import { AppModule, AppOptions } from './app.module';
import { setupOpenApi } from './openapi';

/** Request bodies above this are refused with 413 (imports upload multipart files, capped by IMPORT_MAX_BYTES). */
export const BODY_LIMIT_BYTES = 1024 * 1024;

export function projectRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/**
 * Builds the whole HTTP application, ready to listen: used by main.ts and by every e2e test, so tests
 * exercise exactly what production serves.
 */
export async function createApp(config: RuntimeConfig, options: AppOptions): Promise<NestFastifyApplication> {
  const proxies = new TrustedProxies(config.trustedProxies);
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    // Only X-Forwarded-For hops added by a proxy in TRUSTED_PROXIES are believed (request.ip: the login
    // throttle, the audit trail); the same rule as the audit's CLS address (libs/core TrustedProxies).
    trustProxy: (address: string) => proxies.trusts(address),
    genReqId: generateRequestId,
    // Raised by the router before any route (and so before Nest's filter) runs: answered by the same mapping.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) =>
      replyWithProblem(error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? new UriTooLongError() : error.code === 'FST_ERR_BAD_URL' ? invalidText('address') : error, request, reply),
    rewriteUrl: (request: { method?: string; url?: string }) => spaRewrite(request.method, request.url),
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, options), adapter, {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  const fastify = app.getHttpAdapter().getInstance();
  // Every API answer may carry personal data or tokens (case data, GET /me, login): never kept by a
  // browser or a shared cache. The web app's own files (web-app.ts) set their own caching.
  fastify.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/v1/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });
  fastify.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    // NUL or invalid UTF-8 behind a percent-escape in the path or query: refused before routing.
    assertStorableUrl(request.url);
  });
  // Fastify parses JSON before Nest sees the request; wrap its (prototype-poisoning-safe) parser so a
  // malformed body reaches the one error filter as our own MALFORMED_JSON error, and so that bytes that
  // are not UTF-8, nesting deeper than any DTO, and NUL or unpaired surrogates in any string or key are
  // refused (INVALID_TEXT, JSON_TOO_DEEP) before anything walks the value.
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser('application/json', { bodyLimit: BODY_LIMIT_BYTES }, (request, body, done) => {
    let text: string;
    try {
      text = checkJsonBytes(body);
    } catch (error) {
      return done(error as Error, undefined);
    }
    parseJson(request as Parameters<typeof parseJson>[0], text, (error, value) => {
      if (error) return done(new InvalidInputError('MALFORMED_JSON', 'The request body is not valid JSON'), undefined);
      try {
        assertStorableJson(value);
      } catch (invalid) {
        return done(invalid as Error, undefined);
      }
      done(null, value);
    });
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
      },
    },
  });
  // Uploads (POST /imports/…): parsed only where a route asks for the file, one file of at most IMPORT_MAX_BYTES.
  await app.register(multipart, { limits: { fileSize: IMPORT_MAX_BYTES, files: 1, fields: 5 } });
  app.setGlobalPrefix('api/v1', { exclude: ['health/live', 'health/ready'] });

  setupOpenApi(app);

  await registerWebApp(app, projectRoot(__dirname));
  await app.init();
  await fastify.ready();
  await app.get(AdminBootstrap).ensureAdmin();
  return app;
}
