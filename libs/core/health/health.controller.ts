import { Controller, Get, Injectable } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { Public } from '../http/public';
import { NoTransaction } from '../transaction/transaction';

@Injectable()
class MigrationsIndicator {
  constructor(
    private readonly dataSource: DataSource,
    private readonly indicator: HealthIndicatorService,
  ) {}

  /** Ready only when every migration this build knows has been applied. */
  async check(key: string) {
    const check = this.indicator.check(key);
    const pending = await this.dataSource.showMigrations();
    return pending ? check.down({ pending: true }) : check.up();
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

  /** The database answers and the schema is current: safe to route traffic here. */
  @Get('ready')
  @ApiOperation({ operationId: 'checkReadiness', summary: 'Is the service ready to take requests' })
  @HealthCheck()
  ready() {
    return this.health.check([() => this.db.pingCheck('database', { timeout: 2_000 }), () => this.migrations.check('migrations')]);
  }
}

export const HEALTH_PROVIDERS = [MigrationsIndicator];
