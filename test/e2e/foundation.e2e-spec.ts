import { PasswordHasher } from '@qoldau/auth';
import { startTestApp, TEST_ADMIN_PASSWORD, TestApp } from '../support/test-app';

describe('foundation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-25T06:00:00Z' });
  });
  afterAll(() => t.close());

  describe('health', () => {
    it('is live', async () => {
      const res = await t.http.get('/health/live').expect(200);
      expect(res.body.status).toBe('ok');
    });

    it('is ready only with the database up and every migration applied', async () => {
      const res = await t.http.get('/health/ready').expect(200);
      expect(res.body.details).toEqual({ database: { status: 'up' }, migrations: { status: 'up' } });
    });
  });

  describe('schema', () => {
    it('matches the entities exactly: generating a migration now yields nothing', async () => {
      const pending = await t.db.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
    });

    it('has pg_trgm available for name search, and btree_gin for its per-organisation index', async () => {
      const rows = await t.db.query(`SELECT extname FROM pg_extension WHERE extname IN ('btree_gin', 'pg_trgm', 'pgcrypto') ORDER BY extname`);
      expect(rows.map((r: { extname: string }) => r.extname)).toEqual(['btree_gin', 'pg_trgm', 'pgcrypto']);
    });
  });

  describe('database connections', () => {
    it('run the api\'s statements without parallel workers, on every pooled connection', async () => {
      const settings = await Promise.all(Array.from({ length: 3 }, () => t.db.query('SHOW max_parallel_workers_per_gather')));
      expect(settings.map((rows) => rows[0].max_parallel_workers_per_gather)).toEqual(['0', '0', '0']);
    });
  });

  describe('bootstrap', () => {
    it('creates the national admin with the configured password, hashed with argon2id', async () => {
      const [admin] = await t.db.query(`SELECT username, roles, org_id, password_hash FROM users WHERE username = 'admin'`);
      expect(admin).toMatchObject({ username: 'admin', roles: ['admin'], org_id: null });
      expect(admin.password_hash).toMatch(/^\$argon2id\$/);
      expect(admin.password_hash).not.toContain(TEST_ADMIN_PASSWORD);
      await expect(new PasswordHasher().verify(admin.password_hash, TEST_ADMIN_PASSWORD)).resolves.toBe(true);
    });
  });

  describe('reference data', () => {
    it('lists the 20 regions by KATO, labelled in Kazakh by default', async () => {
      const res = await t.http.get('/api/v1/reference/regions').expect(200);
      expect(res.body).toHaveLength(20);
      expect(res.body).toContainEqual({ kato: '710000000', label: 'Астана' });
      expect(res.body).toContainEqual({ kato: '310000000', label: 'Жамбыл облысы' });
    });

    it.each([
      ['ru', 'Павлодарская область'],
      ['en-GB,en;q=0.9', 'Pavlodar Region'],
      ['kk-KZ', 'Павлодар облысы'],
      ['de', 'Павлодар облысы'],
    ])('labels by Accept-Language %s', async (language, pavlodar) => {
      const res = await t.http.get('/api/v1/reference/regions').set('Accept-Language', language).expect(200);
      expect(res.body.find((r: { kato: string }) => r.kato === '550000000').label).toBe(pavlodar);
    });

    it('gives every organisation type its sector; six are specialised', async () => {
      const res = await t.http.get('/api/v1/reference/organization-types').set('Accept-Language', 'en').expect(200);
      expect(res.body.map((r: { code: string }) => r.code)).toEqual([
        'special_kindergarten', 'special_school', 'pmpc', 'correction_room', 'autism_centre', 'rehab_centre',
        'school', 'kindergarten', 'polyclinic', 'social_protection_office', 'education_department', 'ministry',
      ]);
      expect(res.body.filter((r: { specialised: boolean }) => r.specialised)).toHaveLength(6);
      expect(res.body.find((r: { code: string }) => r.code === 'polyclinic').sector).toBe('health');
      expect(res.body.find((r: { code: string }) => r.code === 'social_protection_office').sector).toBe('social');
    });

    it('lists SEN categories with intellectual degrees grouped', async () => {
      const res = await t.http.get('/api/v1/reference/sen-categories').expect(200);
      expect(res.body).toHaveLength(12);
      const intellectual = res.body.filter((r: { group: string }) => r.group === 'intellectual').map((r: { code: string }) => r.code);
      expect(intellectual).toEqual(['intellectual_mild', 'intellectual_moderate', 'intellectual_severe']);
    });

    it('lists forms of education and special conditions', async () => {
      const forms = await t.http.get('/api/v1/reference/education-forms').set('Accept-Language', 'ru').expect(200);
      expect(forms.body).toContainEqual({ code: 'home_schooling', label: 'Обучение на дому', level: 'school' });
      expect(forms.body).toHaveLength(7);
      const conditions = await t.http.get('/api/v1/reference/special-conditions').expect(200);
      expect(conditions.body.map((r: { code: string }) => r.code)).toEqual([
        'tutor', 'assistant', 'sign_interpreter', 'braille', 'accessible_environment', 'speech_therapist',
        'special_teacher', 'psychologist', 'adapted_assessment', 'reduced_class',
      ]);
    });

    it("lists Kazakhstan's fixed holidays for the clock's year by default", async () => {
      const res = await t.http.get('/api/v1/reference/holidays').set('Accept-Language', 'en').expect(200);
      const dates = res.body.filter((r: { kind: string }) => r.kind === 'holiday').map((r: { date: string }) => r.date);
      expect(dates).toEqual([
        '2026-01-01', '2026-01-02', '2026-01-07', '2026-03-08', '2026-03-21', '2026-03-22', '2026-03-23',
        '2026-05-01', '2026-05-07', '2026-05-09', '2026-07-06', '2026-08-30', '2026-10-25', '2026-12-16',
      ]);
      expect(res.body.find((r: { date: string }) => r.date === '2026-03-21')).toEqual({ date: '2026-03-21', kind: 'holiday', label: 'Nauryz' });
      const other = await t.http.get('/api/v1/reference/holidays?year=2027').expect(200);
      expect(other.body[0].date).toBe('2027-01-01');
    });
  });

  describe('API conventions', () => {
    it('publishes OpenAPI 3 generated from the controllers', async () => {
      const res = await t.http.get('/api/docs-json').expect(200);
      expect(res.body.openapi).toMatch(/^3\./);
      expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/api/v1/reference/regions', '/health/ready']));
      await t.http.get('/api/docs').expect(200).expect('content-type', /html/);
    });

    it('serves the web UI at /', async () => {
      const res = await t.http.get('/').expect(200);
      expect(res.text).toContain('Qoldau');
    });

    it('sends security headers', async () => {
      const res = await t.http.get('/api/v1/reference/regions').expect(200);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    });

    it('keeps a sane inbound request id and issues one otherwise', async () => {
      const kept = await t.http.get('/health/live').set('x-request-id', 'lb-12345678').expect(200);
      expect(kept.headers['x-request-id']).toBe('lb-12345678');
      const replaced = await t.http.get('/health/live').set('x-request-id', 'bad id with spaces').expect(200);
      expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  describe('bad input', () => {
    const expectProblem = (res: { status: number; headers: Record<string, string>; body: Record<string, unknown> }, status: number, code: string) => {
      expect(res.status).toBe(status);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status, code, type: expect.stringContaining('/problems/'), title: expect.any(String) });
      expect(res.body.requestId).toBe(res.headers['x-request-id']);
      expect(JSON.stringify(res.body)).not.toMatch(/at .*\.(ts|js):\d+/); // no stack trace
    };

    it('answers an unknown route with 404 ROUTE_NOT_FOUND', async () => {
      expectProblem(await t.http.get('/api/v1/no-such-thing'), 404, 'ROUTE_NOT_FOUND');
      expectProblem(await t.http.delete('/api/v1/reference/regions'), 404, 'ROUTE_NOT_FOUND');
    });

    it('names each invalid query field', async () => {
      const res = await t.http.get('/api/v1/reference/holidays?year=abc&colour=red');
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ field: 'year', code: 'NOT_AN_INTEGER' }),
          expect.objectContaining({ field: 'colour', code: 'UNKNOWN_FIELD' }),
        ]),
      );
    });

    it('refuses an out-of-range year', async () => {
      const res = await t.http.get('/api/v1/reference/holidays?year=1800');
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'year', code: 'TOO_SMALL' })]);
    });
  });
});
