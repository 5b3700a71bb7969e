import { createHmac, randomUUID } from 'node:crypto';
import { newCaseWorker, newChild } from '../support/children';
import { asAdmin, bearer, newOrganization, newUser, Session } from '../support/factories';
import { proposePlacement } from '../support/placements';
import { startTestApp, TestApp } from '../support/test-app';

/** Tokens that must carry an expiry, answers no cache may keep, and ids that do not tell whether they exist. */
describe('tokens, caching and existence', () => {
  let t: TestApp;
  let admin: Session;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-25T06:00:00Z' });
    admin = await asAdmin(t);
  });
  afterAll(() => t.close());

  describe('a token signed with our key', () => {
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const resign = (claims: object) => {
      const head = encode({ alg: 'HS256', typ: 'JWT' });
      const body = encode(claims);
      return `${head}.${body}.${createHmac('sha256', t.config.jwtSecret).update(`${head}.${body}`).digest('base64url')}`;
    };
    const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as Record<string, unknown>;

    it('is accepted as issued (the re-signing here is faithful)', async () => {
      await t.http.get('/api/v1/me').set(bearer({ token: resign(claimsOf(admin.token)) })).expect(200);
    });

    it('without exp → 401 TOKEN_INVALID', async () => {
      const { exp: _exp, ...claims } = claimsOf(admin.token);
      const res = await t.http.get('/api/v1/me').set(bearer({ token: resign(claims) }));
      expect([res.status, res.body.code]).toEqual([401, 'TOKEN_INVALID']);
    });

    it('that would live longer than an access token may → 401', async () => {
      const claims = claimsOf(admin.token);
      const res = await t.http.get('/api/v1/me').set(bearer({ token: resign({ ...claims, exp: (claims.exp as number) + 365 * 24 * 3600 }) }));
      expect([res.status, res.body.code]).toEqual([401, 'TOKEN_INVALID']);
    });

    it('without iat → 401', async () => {
      const { iat: _iat, ...claims } = claimsOf(admin.token);
      expect((await t.http.get('/api/v1/me').set(bearer({ token: resign(claims) }))).status).toBe(401);
    });
  });

  describe('Cache-Control: no-store', () => {
    it('on case data, on GET /me, on the tokens a login returns, and on errors', async () => {
      const school = await newCaseWorker(t, admin, 'school', ['school_coordinator']);
      const child = await newChild(t, school);
      const responses = [
        await t.http.get(`/api/v1/children/${child.id}`).set(await school.auth()),
        await t.http.get('/api/v1/me').set(await school.auth()),
        await t.http.post('/api/v1/auth/login').send({ username: school.username, password: 'correct-horse-battery-staple' }),
        await t.http.get(`/api/v1/children/${randomUUID()}`).set(await school.auth()),
        await t.http.get('/api/v1/organizations').set(bearer(admin)),
      ];
      expect(responses.map((res) => res.status)).toEqual([200, 200, 200, 404, 200]);
      for (const res of responses) expect(res.headers['cache-control']).toBe('no-store');
    });

    it('leaves the web app its own caching', async () => {
      const res = await t.http.get('/');
      expect(res.headers['cache-control']).not.toBe('no-store');
    });
  });

  describe('a resource the role may never read', () => {
    it('answers the same 404 for a real placement id as for a random one', async () => {
      const school = await newCaseWorker(t, admin, 'school', ['school_coordinator']);
      const child = await newChild(t, school);
      const placement = await proposePlacement(t, school, child.id);
      const ministry = await newOrganization(t, admin, { type: 'ministry', kato: undefined });
      const analyst = await (await newUser(t, admin, ministry.id, ['analyst'])).session();

      const real = await t.http.get(`/api/v1/placements/${placement.id}`).set(bearer(analyst));
      const random = await t.http.get(`/api/v1/placements/${randomUUID()}`).set(bearer(analyst));
      expect([real.status, real.body.code]).toEqual([404, 'NOT_FOUND']);
      expect([random.status, random.body.code]).toEqual([404, 'NOT_FOUND']);
      expect(real.body.detail).toBe(random.body.detail);
      // The owner still reads it.
      await t.http.get(`/api/v1/placements/${placement.id}`).set(await school.auth()).expect(200);
    });
  });
});
