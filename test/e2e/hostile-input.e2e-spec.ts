import { randomUUID } from 'node:crypto';
import { makeIin, newCaseWorker } from '../support/children';
import { asAdmin, bearer, Session, ZHAMBYL } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Input an attacker would send: every refusal is a 4xx problem+json with a catalogue code, decided
 * before anything runs away (the parser, PostgreSQL), and nothing is written.
 */
describe('hostile input', () => {
  let t: TestApp;
  let admin: Session;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await asAdmin(t);
  });
  afterAll(() => t.close());

  const organizations = async () => Number((await t.db.query('SELECT count(*) AS n FROM organizations'))[0].n);
  const asProblem = (res: { status: number; headers: Record<string, string>; body: { code?: string; status?: number } }, status: number, code: string) => {
    expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.status).toBe(status);
  };
  const rawPost = (path: string, body: string, headers: Record<string, string> = {}) =>
    t.http.post(path).set({ 'Content-Type': 'application/json', ...headers }).send(body);

  describe('JSON that would make the parser run away', () => {
    const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

    it('refuses a body nested 4,000 levels deep on /auth/login, without a login, as 400 JSON_TOO_DEEP', async () => {
      const res = await rawPost('/api/v1/auth/login', `{"username":${nested(4000)},"password":"x"}`);
      asProblem(res, 400, 'JSON_TOO_DEEP');
    });

    it('refuses deep objects on an authenticated route too, and writes nothing', async () => {
      const before = await organizations();
      const deep = '{"a":'.repeat(5000) + '1' + '}'.repeat(5000);
      asProblem(await rawPost('/api/v1/organizations', deep, bearer(admin)), 400, 'JSON_TOO_DEEP');
      expect(await organizations()).toBe(before);
    });

    it('still parses an ordinary body (a refused login is a 401, not a 400)', async () => {
      const res = await rawPost('/api/v1/auth/login', JSON.stringify({ username: 'admin', password: 'wrong-password-here' }));
      expect(res.status).toBe(401);
    });

    it('refuses a body over the limit with 413 PAYLOAD_TOO_LARGE before reading it all', async () => {
      const res = await rawPost('/api/v1/auth/login', JSON.stringify({ username: 'a', password: 'x'.repeat(2 * 1024 * 1024) }));
      asProblem(res, 413, 'PAYLOAD_TOO_LARGE');
    });

    it('answers an unknown content type with 415 and an empty JSON body with 400, both problem+json', async () => {
      asProblem(await t.http.post('/api/v1/auth/login').set('Content-Type', 'application/x-evil').send('a=b'), 415, 'UNSUPPORTED_MEDIA_TYPE');
      asProblem(await rawPost('/api/v1/auth/login', ''), 400, 'MALFORMED_JSON');
      asProblem(await rawPost('/api/v1/auth/login', '{"username":'), 400, 'MALFORMED_JSON');
    });
  });

  describe('text that is not text', () => {
    it('refuses a NUL byte in any string, without a login (the login name)', async () => {
      const res = await rawPost('/api/v1/auth/login', '{"username":"a\\u0000b","password":"whatever-password"}');
      asProblem(res, 400, 'INVALID_TEXT');
      expect(res.body.errors).toEqual([{ field: 'username', code: 'TEXT_INVALID', message: 'username is not text' }]);
    });

    it('refuses a NUL byte in an object key and deep inside an array', async () => {
      asProblem(await rawPost('/api/v1/organizations', '{"na\\u0000me":"x"}', bearer(admin)), 400, 'INVALID_TEXT');
      asProblem(await rawPost('/api/v1/organizations', '{"tags":[[["ok","b\\u0000d"]]]}', bearer(admin)), 400, 'INVALID_TEXT');
    });

    it('refuses invalid UTF-8 instead of storing U+FFFD', async () => {
      const before = await organizations();
      const body = Buffer.concat([
        Buffer.from(`{"type":"pmpc","kato":"${ZHAMBYL}","nameKk":"ПМПК `),
        Buffer.from([0xc3, 0x28]),
        Buffer.from('","nameRu":"ПМПК тест"}'),
      ]);
      const res = await t.http.post('/api/v1/organizations').set({ 'Content-Type': 'application/json', ...bearer(admin) }).serialize((raw: unknown) => raw as string).send(body);
      asProblem(res, 400, 'INVALID_TEXT');
      expect(await organizations()).toBe(before);
      const stored = await t.db.query(`SELECT count(*) AS n FROM organizations WHERE name_kk LIKE '%' || chr(65533) || '%'`);
      expect(Number(stored[0].n)).toBe(0);
    });

    it('refuses an unpaired surrogate (not text either)', async () => {
      asProblem(await rawPost('/api/v1/auth/login', '{"username":"a\\ud800b","password":"whatever-password"}'), 400, 'INVALID_TEXT');
    });

    it('refuses NUL and invalid UTF-8 in the query string', async () => {
      const nul = await t.http.get('/api/v1/organizations?q=ab%00cd').set(bearer(admin));
      asProblem(nul, 400, 'INVALID_TEXT');
      expect(nul.body.errors).toContainEqual(expect.objectContaining({ field: 'q', code: 'TEXT_INVALID' }));
      asProblem(await t.http.get('/api/v1/organizations?q=ab%FFcd').set(bearer(admin)), 400, 'INVALID_TEXT');
    });
  });

  describe('numbers and nulls the columns cannot hold', () => {
    const createOrg = (extra: Record<string, unknown>) =>
      t.http
        .post('/api/v1/organizations')
        .set(bearer(admin))
        .send({ type: 'school', kato: ZHAMBYL, nameKk: `Мектеп ${randomUUID()}`, nameRu: `Школа ${randomUUID()}`, ...extra });

    it.each([
      ['capacity', 1e308],
      ['capacity', 2 ** 31],
      ['stateOrderPlaces', Number('9007199254740993')],
      ['supportRooms', 1e12],
    ])('%s = %d → 400 TOO_LARGE, nothing written', async (field, value) => {
      const before = await organizations();
      const res = await createOrg({ [field]: value });
      asProblem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.errors).toContainEqual(expect.objectContaining({ field, code: 'TOO_LARGE' }));
      expect(await organizations()).toBe(before);
    });

    it.each(['supportRooms', 'senConditions'])('%s = null (NOT NULL in the table) → 400 NULL_NOT_ALLOWED', async (field) => {
      const before = await organizations();
      const res = await createOrg({ [field]: null });
      asProblem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.errors).toContainEqual(expect.objectContaining({ field, code: 'NULL_NOT_ALLOWED' }));
      expect(await organizations()).toBe(before);
    });

    it('a null the DTO allows (capacity: no limit) is still accepted', async () => {
      const res = await createOrg({ capacity: null, stateOrderPlaces: null, supportRooms: 2, senConditions: true });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ capacity: null, supportRooms: 2, senConditions: true });
    });

    it('refuses null in a nested object the DTO forbids it in, and allows it where the DTO does', async () => {
      const pmpc = await newCaseWorker(t, admin, 'pmpc', ['pmpc_specialist']);
      const child = (guardian: Record<string, unknown>) =>
        t.http
          .post('/api/v1/children')
          .set(bearer({ token: '' }))
          .send({ iin: makeIin('2019-05-14', 'female'), lastName: 'Ахметова', firstName: 'Әлия', birthDate: '2019-05-14', sex: 'female', kato: ZHAMBYL, guardians: [{ fullName: 'Ахметова Гүлнар', relation: 'mother', ...guardian }] });
      const refused = await child({ relation: null }).set(await pmpc.auth());
      asProblem(refused, 400, 'VALIDATION_FAILED');
      expect(refused.body.errors).toContainEqual(expect.objectContaining({ field: 'guardians.0.relation', code: 'NULL_NOT_ALLOWED' }));
      const accepted = await child({ phone: null, iin: makeIin('1987-03-12', 'female') }).set(await pmpc.auth());
      expect(accepted.status).toBe(201);
    });

    it('a page limit or offset beyond its range → 400', async () => {
      asProblem(await t.http.get('/api/v1/organizations?limit=1e308').set(bearer(admin)), 400, 'VALIDATION_FAILED');
      asProblem(await t.http.get('/api/v1/organizations?limit=99999999999999999999').set(bearer(admin)), 400, 'VALIDATION_FAILED');
    });
  });

  describe("Fastify's own errors speak problem+json too", () => {
    it('a 3,000-character path parameter → 414 URI_TOO_LONG', async () => {
      asProblem(await t.http.get(`/api/v1/children/${'a'.repeat(3000)}`).set(bearer(admin)), 414, 'URI_TOO_LONG');
    });

    it('a broken percent-encoding in the path → 400 INVALID_TEXT', async () => {
      asProblem(await t.http.get('/api/v1/children/%E0%A4%A').set(bearer(admin)), 400, 'INVALID_TEXT');
    });

    it('an unknown route → 404 ROUTE_NOT_FOUND', async () => {
      asProblem(await t.http.post('/api/v1/no-such-route').send({}), 404, 'ROUTE_NOT_FOUND');
    });
  });
});
