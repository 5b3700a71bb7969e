import { plainToInstance, Transform } from 'class-transformer';
import { TrustedProxies } from '../http/trusted-proxies';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

/**
 * The whole environment contract (DESIGN §2). Anything not listed here is not configuration.
 * Validated once at start; a bad value stops the process with one line naming the variable.
 */
class Environment {
  @IsOptional() @Transform(({ value }) => toInt(value)) @IsInt() @Min(0) @Max(65535)
  PORT = 3000;

  @IsOptional() @IsString() @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'must be a postgres:// URL' })
  DATABASE_URL?: string;

  @IsOptional() @IsString() @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'must be a postgres:// URL' })
  REPORTS_DATABASE_URL?: string;

  @IsOptional() @IsString() @MinLength(1)
  QOLDAU_DATA_DIR = './.data';

  @IsOptional() @IsString() @MinLength(12, { message: 'must be at least 12 characters' })
  QOLDAU_ADMIN_PASSWORD?: string;

  @IsOptional() @IsString() @MinLength(32, { message: 'must be at least 32 characters' })
  JWT_SECRET?: string;

  @IsOptional() @Transform(({ value }) => toInt(value)) @IsInt() @Min(1) @Max(60)
  SLA_RESPOND_DAYS = 5;

  @IsOptional() @Transform(({ value }) => toInt(value)) @IsInt() @Min(1) @Max(90)
  SLA_START_DAYS = 10;

  @IsOptional() @Transform(({ value }) => toInt(value)) @IsInt() @Min(100) @Max(60_000)
  DATABASE_CONNECT_TIMEOUT_MS = 5_000;

  @IsOptional() @Transform(({ value }) => toInt(value)) @IsInt() @Min(100) @Max(300_000)
  DATABASE_STATEMENT_TIMEOUT_MS = 15_000;

  @IsOptional() @IsString()
  TRUSTED_PROXIES?: string;

  @IsOptional() @Transform(({ value }) => toInt(value)) @IsInt() @Min(1) @Max(10_000)
  LOOKUP_LIMIT = 30;

  @IsOptional() @Transform(({ value }) => toInt(value)) @IsInt() @Min(1) @Max(1_440)
  LOOKUP_WINDOW_MINUTES = 10;

  @IsOptional() @Transform(({ value }) => toInt(value)) @IsInt() @Min(0) @Max(86_400)
  REPORT_CACHE_SECONDS = 600;

  @IsOptional() @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @IsOptional() @IsIn(['development', 'production', 'test'])
  NODE_ENV = 'development';
}

const ENV_KEYS = [
  'PORT', 'DATABASE_URL', 'REPORTS_DATABASE_URL', 'QOLDAU_DATA_DIR', 'QOLDAU_ADMIN_PASSWORD', 'JWT_SECRET',
  'SLA_RESPOND_DAYS', 'SLA_START_DAYS', 'DATABASE_CONNECT_TIMEOUT_MS', 'DATABASE_STATEMENT_TIMEOUT_MS', 'TRUSTED_PROXIES', 'LOOKUP_LIMIT', 'LOOKUP_WINDOW_MINUTES', 'REPORT_CACHE_SECONDS', 'LOG_LEVEL', 'NODE_ENV',
] as const;

function toInt(value: unknown): unknown {
  if (typeof value !== 'string' || !/^-?\d+$/.test(value.trim())) return value;
  return Number(value);
}

export interface AppConfig {
  port: number;
  /** Unset means "start the embedded PostgreSQL". */
  databaseUrl?: string;
  /** A read replica for the report queries (GET /reports/summary); unset: the main database. */
  reportsDatabaseUrl?: string;
  dataDir: string;
  adminPassword?: string;
  jwtSecret?: string;
  slaRespondDays: number;
  slaStartDays: number;
  /** How long a request waits for a database connection (a new one, or a free one from the pool). */
  databaseConnectTimeoutMs: number;
  /** PostgreSQL's statement_timeout; the client gives up 2 s later if the server cannot even say so. */
  databaseStatementTimeoutMs: number;
  /** Addresses and CIDRs of the proxies whose X-Forwarded-For hops are believed; empty: none. */
  trustedProxies: string[];
  /** IIN look-ups, and separately name searches, one user may make per lookupWindowMinutes. */
  lookupLimit: number;
  lookupWindowMinutes: number;
  /** How long a computed summary report is served before it is computed again; 0: every request computes it. */
  reportCacheSeconds: number;
  logLevel: string;
  nodeEnv: 'development' | 'production' | 'test';
}

export class ConfigError extends Error {}

/** Reads and validates the environment. Throws ConfigError whose message is one line naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv): AppConfig {
  const raw: Record<string, string> = {};
  for (const key of ENV_KEYS) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const parsed = plainToInstance(Environment, raw);
  const problems = validateSync(parsed, { whitelist: true });
  if (problems.length > 0) {
    const first = problems[0];
    const why = Object.values(first.constraints ?? {})[0] ?? 'is invalid';
    throw new ConfigError(`Invalid environment variable ${first.property}: ${why.replace(`${first.property} `, '')}`);
  }
  if (parsed.NODE_ENV === 'production' && parsed.DATABASE_URL && !parsed.JWT_SECRET) {
    throw new ConfigError('Invalid environment variable JWT_SECRET: required in production with DATABASE_URL');
  }
  const trustedProxies = (parsed.TRUSTED_PROXIES ?? '').split(',').map((entry) => entry.trim()).filter(Boolean);
  for (const entry of trustedProxies) {
    const problem = TrustedProxies.problemWith(entry);
    if (problem) throw new ConfigError(`Invalid environment variable TRUSTED_PROXIES: ${problem}`);
  }
  return {
    port: parsed.PORT,
    databaseUrl: parsed.DATABASE_URL,
    reportsDatabaseUrl: parsed.REPORTS_DATABASE_URL,
    dataDir: parsed.QOLDAU_DATA_DIR,
    adminPassword: parsed.QOLDAU_ADMIN_PASSWORD,
    jwtSecret: parsed.JWT_SECRET,
    slaRespondDays: parsed.SLA_RESPOND_DAYS,
    slaStartDays: parsed.SLA_START_DAYS,
    databaseConnectTimeoutMs: parsed.DATABASE_CONNECT_TIMEOUT_MS,
    databaseStatementTimeoutMs: parsed.DATABASE_STATEMENT_TIMEOUT_MS,
    trustedProxies,
    lookupLimit: parsed.LOOKUP_LIMIT,
    lookupWindowMinutes: parsed.LOOKUP_WINDOW_MINUTES,
    reportCacheSeconds: parsed.REPORT_CACHE_SECONDS,
    logLevel: parsed.LOG_LEVEL,
    nodeEnv: parsed.NODE_ENV as AppConfig['nodeEnv'],
  };
}

/** Injection token for the validated configuration. */
export const APP_CONFIG = Symbol('APP_CONFIG');
