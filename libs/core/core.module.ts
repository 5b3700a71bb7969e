import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { ClsPluginTransactional } from '@nestjs-cls/transactional';
import { TerminusModule } from '@nestjs/terminus';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import { ClsModule } from 'nestjs-cls';
import { LoggerModule } from 'nestjs-pino';
import type { MixedList } from 'typeorm';
import { APP_CONFIG } from './config/config';
import type { RuntimeConfig } from './config/runtime';
import { Clock, SystemClock } from './clock/clock';
import { dataSourceOptions } from './database/data-source';
import { ConnectionAwareTypeOrmAdapter } from './database/dead-connections';
import { ProblemDetailsFilter } from './errors/problem-details.filter';
import { HEALTH_PROVIDERS, HealthController } from './health/health.controller';
import { EtagInterceptor } from './http/etag';
import { CLS_CLIENT_IP, clientIpOf, requestIdOf } from './http/request-id';
import { TrustedProxies } from './http/trusted-proxies';
import { Jobs, JOBS_OPTIONS } from './jobs/jobs';
import { loggerParams } from './logging/logging';
import { RequestTransactionInterceptor } from './transaction/transaction';
import { UseCaseRunner } from './usecase/use-case-runner';
import { createValidationPipe } from './validation/validation';

export interface CoreOptions {
  config: RuntimeConfig;
  migrations: MixedList<string | (new () => unknown)>;
  /** Run job handlers in this process. */
  worker: boolean;
  /** Replace the system clock (tests move time with a ManualClock). */
  clock?: Clock;
  /** Serve HTTP concerns (health, filters, pipes); false for the standalone worker. */
  http?: boolean;
}

/**
 * Everything every other lib relies on: validated config, the database (migrations run at start),
 * the request transaction, logging, jobs, clock, and the single error/validation mapping.
 */
@Global()
@Module({})
export class CoreModule {
  static forRoot(options: CoreOptions): DynamicModule {
    const http = options.http ?? true;
    const proxies = new TrustedProxies(options.config.trustedProxies);
    return {
      module: CoreModule,
      imports: [
        LoggerModule.forRoot(loggerParams(options.config.logLevel)),
        TypeOrmModule.forRoot({
          ...dataSourceOptions(options.config.databaseUrl, options.migrations, {
            applicationName: http ? 'qoldau-api' : 'qoldau-worker',
            parallelQuery: !http,
            timeouts: { connectMs: options.config.databaseConnectTimeoutMs, statementMs: options.config.databaseStatementTimeoutMs },
          }),
          autoLoadEntities: true,
        }),
        ClsModule.forRoot({
          global: true,
          middleware: {
            mount: http,
            generateId: true,
            idGenerator: (req) => requestIdOf(req) ?? '',
            // Kept for records made before a route's handler runs (a refused login in its guard).
            setup: (cls, req) => cls.set(CLS_CLIENT_IP, clientIpOf(req, proxies)),
          },
          plugins: [
            new ClsPluginTransactional({
              imports: [TypeOrmModule],
              adapter: new ConnectionAwareTypeOrmAdapter({ dataSourceToken: getDataSourceToken() }),
            }),
          ],
        }),
        ...(http ? [TerminusModule] : []),
      ],
      controllers: http ? [HealthController] : [],
      providers: [
        { provide: APP_CONFIG, useValue: options.config },
        { provide: Clock, useValue: options.clock ?? new SystemClock() },
        { provide: JOBS_OPTIONS, useValue: { worker: options.worker } },
        Jobs,
        UseCaseRunner,
        ...(http
          ? [
              ...HEALTH_PROVIDERS,
              { provide: APP_FILTER, useClass: ProblemDetailsFilter },
              { provide: APP_PIPE, useFactory: createValidationPipe },
              { provide: APP_INTERCEPTOR, useClass: RequestTransactionInterceptor },
              { provide: APP_INTERCEPTOR, useClass: EtagInterceptor },
            ]
          : []),
      ],
      exports: [APP_CONFIG, Clock, Jobs, UseCaseRunner],
    };
  }
}
