import { Client } from 'pg';
import type { Response } from 'supertest';
import { makeIin, newCaseWorker, newChild, type CaseWorker, type RegisteredChild } from '../support/children';
import { asAdmin, DEFAULT_PASSWORD, newOrganization, newUser, type Session } from '../support/factories';
import { createTestDatabase } from '../support/test-database';
import { JWT_SECRET, startApi, stopAll, type ApiProcess } from './support/api-process';
import { decodePayload, internalsIn, problemFault, signHs256, b64url, uniqueName } from './support/hostile';
import { record, usedChild, usedPersonalData } from './support/run';

/**
 * Attacks on authentication and on what the api gives away, against the built api in its own process
 * with the production defaults (no TRUSTED_PROXIES): forged tokens, refresh-token reuse, password
 * guessing in parallel and behind spoofed X-Forwarded-For, IIN look-ups in bulk, foreign origins,
 * security headers, error bodies, and the process's own logs, searched for the personal data sent.
 */
jest.setTimeout(180_000);

describe('reliability: authentication and leaks (a separate api process)', () => {
  let databaseUrl: string;
  let api: ApiProcess;
  let admin: Session;
  let pmpc: CaseWorker;
  let child: RegisteredChild;
  const errors: Response[] = [];
  const http = () => api.app.http;
  const keep = (res: Response) => {
    if (res.status >= 400) errors.push(res);
    return res;
  };

  beforeAll(async () => {
    databaseUrl = await createTestDatabase();
    api = await startApi(databaseUrl);
    admin = await asAdmin(api.app);
    pmpc = await newCaseWorker(api.app, admin, 'pmpc', ['pmpc_specialist']);
    const lastName = uniqueName('Сарсенбаева');
    const firstName = uniqueName('Дана');
    const guardianName = uniqueName('Сарсенбаева Гүлмира');
    const iin = makeIin('2018-09-03', 'female');
    const guardianIin = makeIin('1989-01-20', 'female');
    usedPersonalData(lastName, firstName, guardianName, iin, guardianIin);
    child = await newChild(api.app, pmpc, {
      iin, lastName, firstName, birthDate: '2018-09-03', sex: 'female',
      guardians: [{ iin: guardianIin, fullName: guardianName, relation: 'mother', phone: '+77019876543' }],
    });
  });
  afterAll(() => stopAll());

  const withDb = async <T>(work: (c: Client) => Promise<T>): Promise<T> => {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };

  describe('forged and stale access tokens → 401', () => {
    let real: string;
    let claims: Record<string, unknown>;
    beforeAll(async () => {
      real = (await pmpc.auth()).Authorization.slice('Bearer '.length);
      claims = decodePayload(real);
    });
    const now = () => Math.floor(Date.now() / 1000);
    const attacks: [string, () => string][] = [
      ['alg none', () => `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({ ...claims, roles: ['national_admin'] })}.`],
      ['alg none, signature kept', () => `${b64url({ alg: 'none', typ: 'JWT' })}.${real.split('.')[1]}.${real.split('.')[2]}`],
      ['wrong key', () => signHs256(claims, 'not-the-secret-not-the-secret-not-the-secret')],
      ['expired', () => signHs256({ ...claims, iat: now() - 3600, exp: now() - 1800 }, JWT_SECRET)],
      ['no exp', () => signHs256(Object.fromEntries(Object.entries(claims).filter(([k]) => k !== 'exp')), JWT_SECRET)],
      ['tampered claims (roles)', () => `${real.split('.')[0]}.${b64url({ ...claims, roles: ['national_admin'] })}.${real.split('.')[2]}`],
      ['tampered claims (org)', () => `${real.split('.')[0]}.${b64url({ ...claims, orgId: null, regionKato: null })}.${real.split('.')[2]}`],
      ['HS256 keyed with the empty string', () => signHs256(claims, '')],
      ['garbage', () => 'a.b.c'],
    ];
    it.each(attacks.map(([name]) => [name]))('%s', async (name) => {
      const token = attacks.find(([n]) => n === name)![1]();
      const res = keep(await http().get(`/api/v1/children/${child.id}`).set('Authorization', `Bearer ${token}`));
      expect(res.status).toBe(401);
      expect(problemFault(res)).toBeNull();
      record('leaks', `forged token: ${name}`, 1, `${res.status} ${res.body.code}`);
    });
  });

  it('reusing a refresh token revokes the whole session, its access tokens included', async () => {
    const user = await newUser(api.app, admin, pmpc.orgId, ['pmpc_specialist']);
    const first = (await http().post('/api/v1/auth/login').send({ username: user.username, password: user.password }).expect(200)).body;
    const second = (await http().post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken }).expect(200)).body;
    await http().get('/api/v1/me').set('Authorization', `Bearer ${second.accessToken}`).expect(200);
    const reuse = keep(await http().post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken }));
    expect(reuse.status).toBe(401);
    expect(reuse.body.code).toBe('REFRESH_TOKEN_REUSED');
    const after = keep(await http().post('/api/v1/auth/refresh').send({ refreshToken: second.refreshToken }));
    expect(after.status).toBe(401);
    expect(keep(await http().get('/api/v1/me').set('Authorization', `Bearer ${second.accessToken}`)).status).toBe(401);
    expect(keep(await http().get('/api/v1/me').set('Authorization', `Bearer ${first.accessToken}`)).status).toBe(401);
    record('leaks', 'refresh-token reuse: the session and its access tokens revoked', 1, `reuse → ${reuse.status} ${reuse.body.code}; newer refresh → ${after.status}`);
  });

  it('30 parallel wrong passwords: no success, no 5xx, the account locked after exactly the allowed failures', async () => {
    const user = await newUser(api.app, admin, pmpc.orgId, ['pmpc_specialist']);
    const answers: Response[] = await Promise.all(
      Array.from({ length: 30 }, (_, i) => http().post('/api/v1/auth/login').send({ username: user.username, password: `wrong-password-${i}` })),
    );
    answers.forEach(keep);
    expect(answers.filter((r) => r.status < 400 || r.status >= 500)).toEqual([]);
    for (const r of answers) expect(problemFault(r)).toBeNull();
    const [state] = await withDb((c) => c.query(`SELECT failed_logins, locked_until FROM users WHERE id = $1`, [user.id]).then((r) => r.rows));
    expect(state.failed_logins).toBe(5);
    expect(new Date(state.locked_until).getTime()).toBeGreaterThan(Date.now());
    const codes = answers.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.body.code]: (acc[r.body.code] ?? 0) + 1 }), {});
    record('leaks', '30 parallel wrong-password logins for one user', 30, `${Object.entries(codes).map(([c, n]) => `${n} × ${c}`).join(', ')}; locked after 5 failures`);
  });

  it('a fresh X-Forwarded-For per attempt does not dodge the login throttle, nor reach the audit ip', async () => {
    const user = await newUser(api.app, admin, pmpc.orgId, ['pmpc_specialist']);
    const answers: Response[] = [];
    for (let i = 0; i < 15; i++) {
      answers.push(keep(await http().post('/api/v1/auth/login').set('X-Forwarded-For', `203.0.113.${i + 1}`).send({ username: user.username, password: `wrong-${i}` })));
    }
    const throttled = answers.filter((r) => r.status === 429);
    expect(throttled.length).toBeGreaterThanOrEqual(5);
    for (const r of throttled) expect(r.body.code).toBe('RATE_LIMITED');
    const ips = await withDb((c) => c.query(`SELECT DISTINCT ip FROM audit_events WHERE action = 'auth.login' AND ip IS NOT NULL`).then((r) => r.rows.map((row) => String(row.ip))));
    expect(ips.filter((ip) => ip.startsWith('203.0.113.'))).toEqual([]);
    record('leaks', '15 logins, each with a new spoofed X-Forwarded-For', 15, `${throttled.length} × 429; audit ip never the spoofed one`);
  });

  it('IIN look-ups are throttled per user with a 429 problem', async () => {
    const looker = await newCaseWorker(api.app, admin, 'pmpc', ['pmpc_specialist']);
    const answers: Response[] = [];
    for (let i = 0; i < 40; i++) {
      const iin = makeIin('2018-09-03', 'male');
      usedPersonalData(iin);
      answers.push(keep(await http().get('/api/v1/children/lookup').query({ iin }).set(await looker.auth())));
    }
    expect(answers.filter((r) => r.status >= 500)).toEqual([]);
    const throttled = answers.filter((r) => r.status === 429);
    expect(throttled.length).toBeGreaterThan(0);
    for (const r of throttled) expect(problemFault(r)).toBeNull();
    record('leaks', 'IIN look-ups walking serial numbers by one user', 40, `${answers.length - throttled.length} answered, ${throttled.length} × 429`);
  });

  it('CORS is closed to a foreign origin', async () => {
    const preflight = await http().options('/api/v1/auth/login').set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'POST');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    const get = await http().get('/api/v1/me').set('Origin', 'https://evil.example').set(await pmpc.auth());
    expect(get.headers['access-control-allow-origin']).toBeUndefined();
    expect(get.headers['access-control-allow-credentials']).toBeUndefined();
    record('leaks', 'CORS: preflight and GET from a foreign origin', 2, 'no Access-Control-Allow-Origin');
  });

  it('security headers on the api and the web app; case data is not cached', async () => {
    for (const path of ['/api/v1/me', '/', `/api/v1/children/${child.id}`]) {
      const res = await http().get(path).set(await pmpc.auth());
      expect(res.status).toBe(200);
      expect(res.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': expect.stringMatching(/^(DENY|SAMEORIGIN)$/),
        'strict-transport-security': expect.stringContaining('max-age='),
        'referrer-policy': expect.any(String),
      });
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
    const caseData = await http().get(`/api/v1/children/${child.id}`).set(await pmpc.auth());
    expect(caseData.headers['cache-control']).toContain('no-store');
    record('leaks', 'security headers (helmet) and Cache-Control: no-store on case data', 3, 'present');
  });

  it('a role that may never read placements gets the same answer for a real and a random id', async () => {
    const org = await newOrganization(api.app, admin, { type: 'polyclinic' });
    const outsider = await newUser(api.app, admin, org.id, ['health_worker']);
    const token = (await http().post('/api/v1/auth/login').send({ username: outsider.username, password: DEFAULT_PASSWORD }).expect(200)).body.accessToken;
    const school = await newCaseWorker(api.app, admin, 'school', ['school_coordinator']);
    const schoolChild = await newChild(api.app, school);
    usedChild(schoolChild);
    const placement = (await http().post(`/api/v1/children/${schoolChild.id}/placements`).set(await school.auth()).send({ orgId: school.orgId, form: 'inclusive_class' }).expect(201)).body;
    const real = keep(await http().get(`/api/v1/placements/${placement.id}`).set('Authorization', `Bearer ${token}`));
    const random = keep(await http().get('/api/v1/placements/7f1c2b9e-3d4a-4e5f-8a6b-1c2d3e4f5a6b').set('Authorization', `Bearer ${token}`));
    expect([real.status, real.body.code]).toEqual([random.status, random.body.code]);
    record('leaks', 'existence oracle: GET /placements/:id, real vs random id, by a role without placements', 2, `${real.status} ${real.body.code} both`);
  });

  it('no error body carries a stack trace, a file path or SQL', () => {
    expect(errors.length).toBeGreaterThan(20);
    expect(errors.map(internalsIn).filter(Boolean)).toEqual([]);
    record('leaks', 'error bodies of the auth tests searched for stacks, paths and SQL', errors.length, '0 found');
  });

  it("the api's own logs (LOG_LEVEL=debug) carry none of the IINs and names sent", async () => {
    // Names and IINs also travelled in query strings (look-ups) and bodies (registration).
    const search = await http().get('/api/v1/children').query({ q: child.identity.lastName }).set(await pmpc.auth());
    expect(search.status).toBe(200);
    await api.stop();
    const { readFileSync } = await import('node:fs');
    const log = readFileSync(api.logFile, 'utf8');
    expect(log.length).toBeGreaterThan(1000);
    const sent = [child.identity.iin!, child.identity.lastName, child.identity.firstName, child.guardians[0].fullName];
    expect(sent.filter((value) => log.includes(value))).toEqual([]);
  });
});
