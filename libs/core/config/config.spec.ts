import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      databaseUrl: undefined,
      reportsDatabaseUrl: undefined,
      dataDir: './.data',
      adminPassword: undefined,
      jwtSecret: undefined,
      slaRespondDays: 5,
      slaStartDays: 10,
      databaseConnectTimeoutMs: 5_000,
      databaseStatementTimeoutMs: 15_000,
      trustedProxies: [],
      lookupLimit: 30,
      lookupWindowMinutes: 10,
      reportCacheSeconds: 600,
      logLevel: 'info',
      nodeEnv: 'development',
    });
  });

  it('reads every variable of the contract', () => {
    const config = loadConfig({
      PORT: '8080', DATABASE_URL: 'postgres://u@127.0.0.1:5432/q', REPORTS_DATABASE_URL: 'postgres://r@replica:5432/q', QOLDAU_DATA_DIR: '/var/q',
      QOLDAU_ADMIN_PASSWORD: 'a-long-password', JWT_SECRET: 'x'.repeat(32), SLA_RESPOND_DAYS: '3',
      SLA_START_DAYS: '7', LOG_LEVEL: 'warn', NODE_ENV: 'production', DATABASE_CONNECT_TIMEOUT_MS: '2000', DATABASE_STATEMENT_TIMEOUT_MS: '8000',
      REPORT_CACHE_SECONDS: '0',
    });
    expect(config).toMatchObject({
      port: 8080, reportsDatabaseUrl: 'postgres://r@replica:5432/q', dataDir: '/var/q', slaRespondDays: 3, slaStartDays: 7, logLevel: 'warn',
      databaseConnectTimeoutMs: 2_000, databaseStatementTimeoutMs: 8_000, reportCacheSeconds: 0,
    });
    expect(loadConfig({ TRUSTED_PROXIES: '10.0.0.0/8, 192.168.1.10,fd00::/8' }).trustedProxies).toEqual(['10.0.0.0/8', '192.168.1.10', 'fd00::/8']);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ REPORTS_DATABASE_URL: 'mysql://replica' }, 'REPORTS_DATABASE_URL'],
    [{ SLA_RESPOND_DAYS: '0' }, 'SLA_RESPOND_DAYS'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ DATABASE_CONNECT_TIMEOUT_MS: '0' }, 'DATABASE_CONNECT_TIMEOUT_MS'],
    [{ DATABASE_STATEMENT_TIMEOUT_MS: 'forever' }, 'DATABASE_STATEMENT_TIMEOUT_MS'],
    [{ REPORT_CACHE_SECONDS: '-1' }, 'REPORT_CACHE_SECONDS'],
    [{ TRUSTED_PROXIES: '10.0.0.0/33' }, 'TRUSTED_PROXIES'],
    [{ TRUSTED_PROXIES: '10.0.0.1, lb.example' }, 'TRUSTED_PROXIES'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET'],
    [{ QOLDAU_ADMIN_PASSWORD: 'short' }, 'QOLDAU_ADMIN_PASSWORD'],
    [{ NODE_ENV: 'production', DATABASE_URL: 'postgres://u@h/db' }, 'JWT_SECRET'],
  ])('rejects %j naming %s in one line', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    try {
      loadConfig(env);
    } catch (error) {
      expect((error as Error).message).toContain(name);
      expect((error as Error).message).not.toContain('\n');
    }
  });
});
