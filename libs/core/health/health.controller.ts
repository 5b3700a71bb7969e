import { Controller, Get, Injectable } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { ServiceUnavailableError } from '../errors/app-error';
import { Public } from '../http/public';
import { NoTransaction } from '../transaction/transaction';

/** Every check of /health/ready answers within this, whatever the database does (a probe must not hang). */
export const READY_TIMEOUT_MS = 2_000;

function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

@Injectable()
class MigrationsIndicator {
  /**
   * Set once every migration this build knows was found applied. Migrations only ever come with a new
   * build, so this process never needs to look again: probes stop reading information_schema and the
   * migrations table every few seconds.
   */
  private current = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly indicator: HealthIndicatorService,
  ) {}

  /** Ready only when every migration this build knows has been applied. */
  async check(key: string) {
    const check = this.indicator.check(key);
    if (this.current) return check.up();
    try {
      const pending = await within(READY_TIMEOUT_MS, this.dataSource.showMigrations());
      this.current = !pending;
      return pending ? check.down({ pending: true }) : check.up();
    } catch (error) {
      return check.down({ error: error instanceof Error ? error.message.slice(0, 200) : 'unknown' });
    }
  }
}

@ApiTags('health')
@Public()
@NoTransaction()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly migrations: MigrationsIndicator,
  ) {}

  /** The process is up (no dependencies checked: a restart would not help them). */
  @Get('live')
  @ApiOperation({ operationId: 'checkLiveness', summary: 'Is the service running' })
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  /**
   * The database answers and the schema is current: safe to route traffic here. Within
   * READY_TIMEOUT_MS in every case; otherwise 503 DATABASE_UNAVAILABLE (problem+json, Retry-After).
   */
  @Get('ready')
  @ApiOperation({ operationId: 'checkReadiness', summary: 'Is the service ready to take requests' })
  @HealthCheck()
  async ready() {
    try {
      return await this.health.check([
        () => this.db.pingCheck('database', { timeout: READY_TIMEOUT_MS }),
        () => this.migrations.check('migrations'),
      ]);
    } catch {
      throw new ServiceUnavailableError('DATABASE_UNAVAILABLE', 'The database does not answer, or its schema is not current');
    }
  }
}

export const HEALTH_PROVIDERS = [MigrationsIndicator];
