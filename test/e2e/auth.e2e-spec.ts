import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { PasswordHasher, SessionsService } from '@qoldau/auth';
import { TransactionHost } from '@qoldau/core';
import { createHmac } from 'node:crypto';
import { ClsService } from 'nestjs-cls';
import { RevokedSessions } from '../../libs/auth/revoked-sessions';
import { bearer, createUser, login, loginAsAdmin, TEST_USER_PASSWORD, Tokens } from '../support/auth';
import { startTestApp, TestApp } from '../support/test-app';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const SESSION = '/api/v1/auth/session';

type Res = { status: number; headers: Record<string, string>; body: Record<string, unknown> };

function expectProblem(res: Res, status: number, code: string): void {
  expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, code, type: expect.stringContaining('/problems/'), title: expect.any(String), detail: expect.any(String) });
  expect(res.body.requestId).toBe(res.headers['x-request-id']);
}

async function waitFor(condition: () => Promise<boolean> | boolean, ms = 5_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('authentication', () => {
  let t: TestApp;
  const post = (path: string) => t.http.post(`/api/v1/auth/${path}`);
  const refresh = (refreshToken: string) => post('refresh').send({ refreshToken });
  const session = (tokens: Tokens | string) => t.http.get(SESSION).set(bearer(tokens));
  /** A new user's first session (each test its own user, so the per-username login limit is never near). */
  const freshLogin = async () => {
    const user = await createUser(t);
    return login(t, user.username, user.password);
  };

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-25T06:00:00Z' });
  });
  afterAll(() => t.close());

  describe('login', () => {
    it('returns an access and a refresh token; the access token authenticates', async () => {
      const res = await post('login').send({ username: 'admin', password: 'test-admin-password-1' }).expect(200);
      expect(Object.keys(res.body).sort()).toEqual(['accessToken', 'expiresIn', 'refreshToken']);
      expect(res.body.expiresIn).toBe(900);
      expect(res.body.accessToken).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
      expect(res.body.refreshToken).toMatch(/^[\w-]{43}$/);
      const me = await session(res.body).expect(200);
      expect(me.body).toEqual({
        sessionId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        userId: expect.any(String),
        username: 'admin',
        orgId: null,
        orgType: null,
        sector: null,
        regionKato: null,
        roles: ['admin'],
      });
    });

    it("carries the organisation's type, sector and region, read at login", async () => {
      const [org] = await t.db.query(
        `INSERT INTO organizations (type, name_kk, name_ru, kato) VALUES ('polyclinic', 'Емхана', 'Поликлиника', '310000000') RETURNING id`,
      );
      const user = await createUser(t, { username: 'Health.Worker', roles: ['health_worker'], orgId: org.id });
      // Usernames are case-insensitive.
      const tokens = await login(t, 'HEALTH.worker ', user.password);
      const me = await session(tokens).expect(200);
      expect(me.body).toMatchObject({ userId: user.id, username: 'health.worker', orgId: org.id, orgType: 'polyclinic', sector: 'health', regionKato: '310000000', roles: ['health_worker'] });
    });

    it('puts the actor in the request context (CLS) for code without the request, e.g. the audit writer', async () => {
      const set = jest.spyOn(t.app.get(ClsService), 'set');
      try {
        const tokens = await loginAsAdmin(t);
        await session(tokens).expect(200);
        expect(set).toHaveBeenCalledWith('actor', expect.objectContaining({ username: 'admin', sessionId: expect.any(String) }));
      } finally {
        set.mockRestore();
      }
    });

    it('answers a wrong password and an unknown user identically, after one password check each', async () => {
      const verify = jest.spyOn(t.app.get(PasswordHasher), 'verify');
      try {
        const user = await createUser(t);
        const wrong = await post('login').send({ username: user.username, password: 'not the password at all' });
        expect(verify).toHaveBeenCalledTimes(1);
        const unknown = await post('login').send({ username: 'nobody-by-this-name', password: 'not the password at all' });
        expect(verify).toHaveBeenCalledTimes(2);
        expectProblem(wrong, 401, 'INVALID_CREDENTIALS');
        expectProblem(unknown, 401, 'INVALID_CREDENTIALS');
        const { requestId: _a, ...wrongBody } = wrong.body;
        const { requestId: _b, ...unknownBody } = unknown.body;
        expect(wrongBody).toEqual(unknownBody);
      } finally {
        verify.mockRestore();
      }
    });

    it('refuses a deactivated user, even with the right password', async () => {
      const user = await createUser(t, { active: false });
      expectProblem(await post('login').send({ username: user.username, password: user.password }), 401, 'INVALID_CREDENTIALS');
    });

    it('locks the account after 5 failures in 15 minutes, for 15 minutes', async () => {
      const user = await createUser(t);
      const attempt = (password: string) => post('login').send({ username: user.username, password });
      for (let i = 0; i < 4; i++) {
        expectProblem(await attempt('wrong password number ' + i), 401, 'INVALID_CREDENTIALS');
        t.clock.advance(MINUTE);
      }
      const fifth = await attempt('wrong password number 5');
      expectProblem(fifth, 401, 'ACCOUNT_LOCKED');
      const lockedUntil = new Date(t.clock.now().getTime() + 15 * MINUTE).toISOString();
      expect(fifth.body.lockedUntil).toBe(lockedUntil);

      const right = await attempt(user.password);
      expectProblem(right, 401, 'ACCOUNT_LOCKED');
      expect(right.body.lockedUntil).toBe(lockedUntil);

      t.clock.advance(15 * MINUTE - 1_000);
      expectProblem(await attempt(user.password), 401, 'ACCOUNT_LOCKED');
      t.clock.advance(1_000);
      await attempt(user.password).expect(200);
      const [row] = await t.db.query(`SELECT failed_logins, failed_logins_since, locked_until FROM users WHERE id = $1`, [user.id]);
      expect(row).toEqual({ failed_logins: 0, failed_logins_since: null, locked_until: null });
    });

    it('forgets failures older than the 15-minute window', async () => {
      const user = await createUser(t);
      for (let i = 0; i < 4; i++) await post('login').send({ username: user.username, password: 'a wrong password' }).expect(401);
      t.clock.advance(15 * MINUTE);
      expectProblem(await post('login').send({ username: user.username, password: 'a wrong password' }), 401, 'INVALID_CREDENTIALS');
      await post('login').send({ username: user.username, password: user.password }).expect(200);
    });

    it('does not change the user version or updated_at on failures (no stale If-Match for admins)', async () => {
      const user = await createUser(t);
      const [before] = await t.db.query(`SELECT version, updated_at FROM users WHERE id = $1`, [user.id]);
      await post('login').send({ username: user.username, password: 'a wrong password' }).expect(401);
      const [after] = await t.db.query(`SELECT version, updated_at, failed_logins FROM users WHERE id = $1`, [user.id]);
      expect(after).toEqual({ ...before, failed_logins: 1 });
    });
  });

  describe('access tokens', () => {
    it('expire after 15 minutes by the application clock', async () => {
      const tokens = await freshLogin();
      t.clock.advance(15 * MINUTE - 1_000);
      await session(tokens).expect(200);
      t.clock.advance(60 * MINUTE);
      const res = await session(tokens);
      expectProblem(res, 401, 'TOKEN_EXPIRED');
      expect(res.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
      // The refresh token outlives it.
      const renewed = await refresh(tokens.refreshToken).expect(200);
      await session(renewed.body).expect(200);
    });

    it('is expired 16 minutes later', async () => {
      const tokens = await freshLogin();
      t.clock.advance(16 * MINUTE);
      expectProblem(await session(tokens), 401, 'TOKEN_EXPIRED');
    });

    it('refuses a missing, malformed, foreign or tampered token with 401 and a code', async () => {
      const missing = await t.http.get(SESSION);
      expectProblem(missing, 401, 'UNAUTHENTICATED');
      expect(missing.headers['www-authenticate']).toBe('Bearer');
      expectProblem(await t.http.get(SESSION).set('Authorization', 'Basic YWRtaW46YWRtaW4='), 401, 'UNAUTHENTICATED');
      expectProblem(await t.http.get(SESSION).set('Authorization', 'Bearer'), 401, 'UNAUTHENTICATED');
      expectProblem(await t.http.get(SESSION).set(bearer('not-a-jwt')), 401, 'TOKEN_INVALID');
      expectProblem(await t.http.get(SESSION).set(bearer('a.b.c')), 401, 'TOKEN_INVALID');

      const { accessToken } = await freshLogin();
      const [header, payload] = accessToken.split('.');
      const sign = (h: string, p: string, secret: string) => `${h}.${p}.${createHmac('sha256', secret).update(`${h}.${p}`).digest('base64url')}`;
      const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());

      // Signed with another key.
      expectProblem(await t.http.get(SESSION).set(bearer(sign(header, payload, 'some-other-secret-0123456789abcdef'))), 401, 'TOKEN_INVALID');
      // Claims changed after signing (promoted to auditor).
      const tampered = `${header}.${encode({ ...claims, roles: ['auditor'] })}.${accessToken.split('.')[2]}`;
      expectProblem(await t.http.get(SESSION).set(bearer(tampered)), 401, 'TOKEN_INVALID');
      // alg "none".
      const unsigned = `${encode({ alg: 'none', typ: 'JWT' })}.${payload}.`;
      expectProblem(await t.http.get(SESSION).set(bearer(unsigned)), 401, 'TOKEN_INVALID');
      // Our key, but minted for another audience.
      const secret = t.config.jwtSecret;
      expectProblem(await t.http.get(SESSION).set(bearer(sign(header, encode({ ...claims, aud: 'elsewhere' }), secret))), 401, 'TOKEN_INVALID');
      // Our key and audience, but not the claims we issue.
      expectProblem(await t.http.get(SESSION).set(bearer(sign(header, encode({ ...claims, sid: undefined }), secret))), 401, 'TOKEN_INVALID');
    });

    it('leaves public routes public and protects the rest', async () => {
      await t.http.get('/health/ready').expect(200);
      await t.http.get('/api/v1/reference/regions').expect(200);
      await t.http.get('/api/docs-json').expect(200);
      expectProblem(await post('logout'), 401, 'UNAUTHENTICATED');
    });
  });

  describe('refresh', () => {
    it('returns a new pair; the old refresh token is then refused and ends the whole family', async () => {
      const first = await freshLogin();
      const res = await refresh(first.refreshToken).expect(200);
      const second: Tokens = res.body;
      expect(Object.keys(second).sort()).toEqual(['accessToken', 'expiresIn', 'refreshToken']);
      expect(second.refreshToken).not.toBe(first.refreshToken);
      expect(second.accessToken).not.toBe(first.accessToken);
      const before = await session(first).expect(200);
      const after = await session(second).expect(200);
      expect(after.body.sessionId).toBe(before.body.sessionId);

      // Reuse of the rotated token: refused, and the family (session) is revoked.
      expectProblem(await refresh(first.refreshToken), 401, 'REFRESH_TOKEN_REUSED');
      expectProblem(await refresh(second.refreshToken), 401, 'SESSION_REVOKED');
      expectProblem(await session(second), 401, 'SESSION_REVOKED');
      expectProblem(await session(first), 401, 'SESSION_REVOKED');
      const [row] = await t.db.query(`SELECT revoked_reason FROM sessions WHERE id = $1`, [after.body.sessionId]);
      expect(row.revoked_reason).toBe('refresh_token_reuse');
    });

    it('lets only one of two concurrent refreshes with the same token win, and treats the other as reuse', async () => {
      const tokens = await freshLogin();
      const results = await Promise.all([refresh(tokens.refreshToken), refresh(tokens.refreshToken)]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 401]);
      const winner = results.find((r) => r.status === 200)!;
      expectProblem(await session(winner.body), 401, 'SESSION_REVOKED');
    });

    it('refuses an unknown refresh token', async () => {
      expectProblem(await refresh('x'.repeat(43)), 401, 'REFRESH_TOKEN_INVALID');
    });

    it('expires after 7 idle days, and 30 days after login however active', async () => {
      const idle = await freshLogin();
      t.clock.advance(7 * DAY);
      expectProblem(await refresh(idle.refreshToken), 401, 'REFRESH_TOKEN_EXPIRED');

      let tokens = await freshLogin();
      for (let day = 6; day < 30; day += 6) {
        t.clock.advance(6 * DAY);
        tokens = (await refresh(tokens.refreshToken).expect(200)).body;
      }
      t.clock.advance(6 * DAY); // day 30
      expectProblem(await refresh(tokens.refreshToken), 401, 'REFRESH_TOKEN_EXPIRED');
    });

    it('refuses and ends the session of a user deactivated since login', async () => {
      const user = await createUser(t);
      const tokens = await login(t, user.username, user.password);
      await t.db.query(`UPDATE users SET active = false WHERE id = $1`, [user.id]);
      expectProblem(await refresh(tokens.refreshToken), 401, 'SESSION_REVOKED');
      expectProblem(await session(tokens), 401, 'SESSION_REVOKED');
    });

    it('takes the current roles and organisation into the new access token', async () => {
      const user = await createUser(t, { roles: ['analyst'] });
      const tokens = await login(t, user.username, user.password);
      await t.db.query(`UPDATE users SET roles = '{auditor}' WHERE id = $1`, [user.id]);
      const renewed = await refresh(tokens.refreshToken).expect(200);
      expect((await session(renewed.body).expect(200)).body.roles).toEqual(['auditor']);
    });
  });

  describe('logout and revocation', () => {
    it('logout ends the session: access and refresh token; other sessions of the user live on', async () => {
      const user = await createUser(t);
      const mine = await login(t, user.username, user.password);
      const other = await login(t, user.username, user.password);
      await post('logout').set(bearer(mine)).expect(204);
      expectProblem(await session(mine), 401, 'SESSION_REVOKED');
      expectProblem(await refresh(mine.refreshToken), 401, 'SESSION_REVOKED');
      await session(other).expect(200);
      await refresh(other.refreshToken).expect(200);
    });

    it('revokeAllForUser ends every session of the user at once, access tokens included', async () => {
      const user = await createUser(t);
      const bystander = await createUser(t);
      const a = await login(t, user.username, user.password);
      const b = await login(t, user.username, user.password);
      const c = await login(t, bystander.username, bystander.password);
      await expect(t.app.get(SessionsService).revokeAllForUser(user.id, 'user_deactivated')).resolves.toBe(2);
      expectProblem(await session(a), 401, 'SESSION_REVOKED');
      expectProblem(await session(b), 401, 'SESSION_REVOKED');
      expectProblem(await refresh(b.refreshToken), 401, 'SESSION_REVOKED');
      await session(c).expect(200);
      const rows = await t.db.query(`SELECT revoked_reason FROM sessions WHERE user_id = $1`, [user.id]);
      expect(rows).toEqual([{ revoked_reason: 'user_deactivated' }, { revoked_reason: 'user_deactivated' }]);
    });

    it("inside the caller's transaction, takes effect when it commits and not if it rolls back", async () => {
      const txHost: TransactionHost<TransactionalAdapterTypeOrm> = t.app.get(TransactionHost);
      const sessions = t.app.get(SessionsService);
      const user = await createUser(t);
      const tokens = await login(t, user.username, user.password);

      await expect(
        txHost.withTransaction(async () => {
          await sessions.revokeAllForUser(user.id, 'roles_changed');
          throw new Error('the users API failed after revoking');
        }),
      ).rejects.toThrow('the users API failed');
      await session(tokens).expect(200);

      await txHost.withTransaction(async () => {
        await sessions.revokeAllForUser(user.id, 'roles_changed');
        // Not committed yet: other requests still see a live session.
        await session(tokens).expect(200);
      });
      expectProblem(await session(tokens), 401, 'SESSION_REVOKED');
    });

    it('reaches other replicas through NOTIFY, and a replica reloads what it missed after reconnecting', async () => {
      const replica = new RevokedSessions(t.db, t.config, t.clock);
      await replica.onApplicationBootstrap();
      try {
        expect(replica.isListening).toBe(true);
        const user = await createUser(t);
        const tokens = await login(t, user.username, user.password);
        const { sessionId } = (await session(tokens).expect(200)).body as { sessionId: string };
        await expect(replica.isRevoked(sessionId)).resolves.toBe(false);
        await t.app.get(SessionsService).revokeAllForUser(user.id, 'password_reset');
        await waitFor(() => replica.isRevoked(sessionId));

        // Cut every listener off, revoke while they are away, and check the replica catches up.
        const other = await createUser(t);
        const otherTokens = await login(t, other.username, other.password);
        const otherSession = ((await session(otherTokens).expect(200)).body as { sessionId: string }).sessionId;
        await t.db.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'qoldau-revocations' AND datname = current_database()`);
        await waitFor(() => !replica.isListening);
        await t.app.get(SessionsService).revokeAllForUser(other.id, 'password_reset');
        // Disconnected: the check falls back to the database and is still right.
        await expect(replica.isRevoked(otherSession)).resolves.toBe(true);
        await waitFor(() => replica.isListening);
        await expect(replica.isRevoked(otherSession)).resolves.toBe(true);
        // And the app's own listener is back too.
        await waitFor(() => t.app.get(RevokedSessions).isListening);
      } finally {
        await replica.onApplicationShutdown();
      }
    });
  });

  describe('throttling', () => {
    it('limits logins to 10 a minute per client IP and username, with 429 RATE_LIMITED', async () => {
      const user = await createUser(t);
      for (let i = 0; i < 10; i++) await post('login').send({ username: user.username, password: 'wrong but throttled' }).expect(401);
      const limited = await post('login').send({ username: user.username.toUpperCase(), password: user.password });
      expectProblem(limited, 429, 'RATE_LIMITED');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      // Another user from the same address is not affected.
      await loginAsAdmin(t);
    });

    it('limits refreshes to 10 a minute per client IP and token', async () => {
      for (let i = 0; i < 10; i++) expectProblem(await refresh('an-unknown-refresh-token'), 401, 'REFRESH_TOKEN_INVALID');
      expectProblem(await refresh('an-unknown-refresh-token'), 429, 'RATE_LIMITED');
      // Other clients behind the same address keep refreshing.
      const tokens = await freshLogin();
      await refresh(tokens.refreshToken).expect(200);
    });
  });

  describe('bad requests', () => {
    it.each([
      ['no body', undefined, [['username', 'REQUIRED'], ['password', 'REQUIRED']]],
      ['missing password', { username: 'admin' }, [['password', 'REQUIRED']]],
      ['empty strings', { username: '', password: '' }, [['username', 'REQUIRED'], ['password', 'REQUIRED']]],
      ['wrong types', { username: 42, password: ['x'] }, [['username', 'NOT_A_STRING'], ['password', 'NOT_A_STRING']]],
      ['unknown field', { username: 'admin', password: 'whatever-password', remember: true }, [['remember', 'UNKNOWN_FIELD']]],
      ['too long', { username: 'a'.repeat(101), password: 'p'.repeat(257) }, [['username', 'TOO_LONG'], ['password', 'TOO_LONG']]],
      ['a JSON array', [], [['username', 'REQUIRED'], ['password', 'REQUIRED']]],
    ])('login with %s → 400 naming the fields', async (_name, body, fields) => {
      const res = await (body === undefined ? post('login') : post('login').send(body as object));
      expectProblem(res, 400, 'VALIDATION_FAILED');
      for (const [field, code] of fields) expect(res.body.errors).toContainEqual(expect.objectContaining({ field, code }));
    });

    it('login with a body that is not JSON → 4xx, never 5xx', async () => {
      const malformed = await post('login').set('Content-Type', 'application/json').send('{"username": "admin", ');
      expectProblem(malformed, 400, 'MALFORMED_JSON');
      const text = await post('login').set('Content-Type', 'text/plain').send('username=admin&password=x');
      expectProblem(text, 400, 'VALIDATION_FAILED');
      // A body type we do not read at all is 415, still a problem document.
      expectProblem(await post('login').type('form').send({ username: 'admin', password: 'x' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    });

    it.each([
      ['no body', undefined, 'refreshToken', 'REQUIRED'],
      ['a number', { refreshToken: 7 }, 'refreshToken', 'NOT_A_STRING'],
      ['unknown field', { refreshToken: 'abc', accessToken: 'x' }, 'accessToken', 'UNKNOWN_FIELD'],
    ])('refresh with %s → 400', async (_name, body, field, code) => {
      const res = await (body === undefined ? post('refresh') : post('refresh').send(body));
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.errors).toContainEqual(expect.objectContaining({ field, code }));
    });

    it('refresh with malformed JSON → 400', async () => {
      expectProblem(await post('refresh').set('Content-Type', 'application/json').send('{"refreshToken":'), 400, 'MALFORMED_JSON');
    });
  });

  describe('OpenAPI', () => {
    it('documents the auth routes and their bodies', async () => {
      const doc = (await t.http.get('/api/docs-json').expect(200)).body;
      expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/auth/login', '/api/v1/auth/refresh', '/api/v1/auth/logout', SESSION]));
      expect(doc.components.schemas.LoginDto.required).toEqual(['username', 'password']);
      expect(doc.components.schemas.TokenPairDto.properties).toHaveProperty('expiresIn');
    });
  });

  it('never stores a refresh token or password in the clear', async () => {
    const tokens = await freshLogin();
    const rows = await t.db.query(`SELECT encode(token_hash, 'hex') AS hash FROM refresh_tokens`);
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toContain(tokens.refreshToken);
    const hashes = await t.db.query(`SELECT password_hash FROM users`);
    expect(JSON.stringify(hashes)).not.toContain(TEST_USER_PASSWORD);
  });
});
