import { randomUUID } from 'node:crypto';
import { asAdmin, bearer } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * X-Forwarded-For is believed only for hops a proxy in TRUSTED_PROXIES added: a client cannot choose
 * the address the login throttle counts or the audit trail records. (supertest connects from 127.0.0.1.)
 */
const latestIp = async (t: TestApp, requestId: string): Promise<string | null> => {
  const [row] = await t.db.query(`SELECT ip FROM audit_events WHERE request_id = $1`, [requestId]);
  return row?.ip ?? null;
};

const meWith = async (t: TestApp, token: string, forwardedFor: string): Promise<string | null> => {
  const requestId = `req-${randomUUID()}`;
  await t.http.get('/api/v1/me').set({ ...bearer({ token }), 'X-Forwarded-For': forwardedFor, 'X-Request-Id': requestId }).expect(200);
  return latestIp(t, requestId);
};

const badLogins = async (t: TestApp, username: string, count: number, forwardedFor: (i: number) => string): Promise<number[]> => {
  const statuses: number[] = [];
  for (let i = 0; i < count; i++) {
    const res = await t.http.post('/api/v1/auth/login').set('X-Forwarded-For', forwardedFor(i)).send({ username, password: `wrong-password-${i}` });
    statuses.push(res.status);
  }
  return statuses;
};

describe('proxies: with no TRUSTED_PROXIES (the default)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('throttles fifteen logins even when each claims a fresh address', async () => {
    const statuses = await badLogins(t, `nobody-${randomUUID().slice(0, 8)}`, 15, (i) => `198.51.100.${i + 1}`);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(5);
  });

  it('records the socket address in the audit trail, not what the client wrote', async () => {
    const admin = await asAdmin(t);
    expect(await meWith(t, admin.token, '203.0.113.66')).toBe('127.0.0.1');
  });
});

describe('proxies: behind a trusted proxy (TRUSTED_PROXIES=127.0.0.1)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { TRUSTED_PROXIES: '127.0.0.1, 10.0.0.0/8' } });
  });
  afterAll(() => t.close());

  it('believes the hop the trusted proxy added, for the audit trail', async () => {
    const admin = await asAdmin(t);
    expect(await meWith(t, admin.token, '203.0.113.7')).toBe('203.0.113.7');
  });

  it('ignores hops the client wrote before the trusted proxy', async () => {
    const admin = await asAdmin(t);
    expect(await meWith(t, admin.token, '1.2.3.4, 203.0.113.7')).toBe('203.0.113.7');
    // A chain of trusted proxies is walked back to the first address that is not one of them.
    expect(await meWith(t, admin.token, '1.2.3.4, 203.0.113.8, 10.1.2.3')).toBe('203.0.113.8');
  });

  it('throttles per real client: spoofed leftmost hops do not dodge it', async () => {
    const statuses = await badLogins(t, `nobody-${randomUUID().slice(0, 8)}`, 15, (i) => `198.51.100.${i + 1}, 203.0.113.9`);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(5);
  });

  it('counts two real clients behind the proxy separately', async () => {
    const username = `nobody-${randomUUID().slice(0, 8)}`;
    const first = await badLogins(t, username, 10, () => '203.0.113.20');
    const second = await badLogins(t, username, 3, () => '203.0.113.21');
    expect(first).not.toContain(429);
    expect(second).not.toContain(429);
  });
});
