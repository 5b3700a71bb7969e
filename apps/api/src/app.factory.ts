import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AdminBootstrap } from '@qoldau/auth';
import { generateRequestId, InvalidInputError, RuntimeConfig } from '@qoldau/core';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Logger } from 'nestjs-pino';
import { AppModule, AppOptions } from './app.module';

/** Request bodies above this are refused with 413 (imports will use their own upload route). */
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
  const adapter = new FastifyAdapter({ bodyLimit: BODY_LIMIT_BYTES, trustProxy: true, genReqId: generateRequestId });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, options), adapter, {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  // Fastify parses JSON before Nest sees the request; wrap its (prototype-poisoning-safe) parser so a
  // malformed body reaches the one error filter as our own MALFORMED_JSON error.
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser('application/json', { bodyLimit: BODY_LIMIT_BYTES }, (request, body, done) =>
    parseJson(request as Parameters<typeof parseJson>[0], body.toString('utf8'), (error, value) =>
      error ? done(new InvalidInputError('MALFORMED_JSON', 'The request body is not valid JSON'), undefined) : done(null, value),
    ),
  );

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
  app.setGlobalPrefix('api/v1', { exclude: ['health/live', 'health/ready'] });

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Qoldau API')
      .setDescription('Case management for children with special educational needs in Kazakhstan')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });

  await app.register(fastifyStatic, { root: join(projectRoot(__dirname), 'apps/web/public'), prefix: '/', wildcard: false });
  await app.init();
  await fastify.ready();
  await app.get(AdminBootstrap).ensureAdmin();
  return app;
}
