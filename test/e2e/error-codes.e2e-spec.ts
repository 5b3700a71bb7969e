import { randomUUID } from 'node:crypto';
import { ERROR_CODES } from '@qoldau/core';
import { CaseWorker, newCaseWorker } from '../support/children';
import { asAdmin } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

describe('error codes: one catalogue for problem titles and for clients', () => {
  let t: TestApp;
  let school: CaseWorker;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-25T06:00:00Z' });
    school = await newCaseWorker(t, await asAdmin(t), 'school', ['school_coordinator']);
  });
  afterAll(() => t.close());

  describe('GET /reference/error-codes', () => {
    it('lists every code with its status and its title in kk, ru and en, without signing in', async () => {
      const res = await t.http.get('/api/v1/reference/error-codes').expect(200);
      expect(res.body).toHaveLength(Object.keys(ERROR_CODES).length);
      expect(res.body).toContainEqual({
        code: 'CONSENT_WITHDRAWN',
        status: 422,
        where: 'problem',
        title: {
          kk: 'Заңды өкіл қызметтерге келісімін кері қайтарып алды',
          ru: 'Законный представитель отозвал согласие на услуги',
          en: 'The legal representative has withdrawn consent to services',
        },
      });
      const byCode = new Map(res.body.map((e: { code: string }) => [e.code, e]));
      expect(byCode.get('NOT_FOUND')).toMatchObject({ status: 404, where: 'problem' });
      expect(byCode.get('VERSION_CONFLICT')).toMatchObject({ status: 412 });
      expect(byCode.get('DUPLICATE_CHILD')).toMatchObject({ status: 409, where: 'both' });
      expect(byCode.get('UNKNOWN_REGION')).toMatchObject({ status: 400, where: 'field', title: { ru: 'Такого региона нет' } });
    });

    it('is documented in OpenAPI', async () => {
      const res = await t.http.get('/api/docs-json').expect(200);
      const get = res.body.paths['/api/v1/reference/error-codes']?.get;
      expect(get?.responses['200']).toBeDefined();
    });
  });

  describe('problem titles follow Accept-Language', () => {
    it.each([
      [undefined, 'kk'],
      ['kk-KZ', 'kk'],
      ['ru-KZ, kk;q=0.8', 'ru'],
      ['en-GB,en;q=0.9', 'en'],
      ['de', 'kk'],
    ] as const)('a child the case worker cannot see, with Accept-Language %s → 404 titled in %s', async (language, locale) => {
      const request = t.http.get(`/api/v1/children/${randomUUID()}`).set(await school.auth());
      const res = await (language ? request.set('Accept-Language', language) : request);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.headers['content-language']).toBe(locale);
      expect(res.body).toMatchObject({ status: 404, code: 'NOT_FOUND', title: ERROR_CODES.NOT_FOUND.title[locale], detail: expect.stringContaining('not found') });
    });

    it.each(['kk', 'ru', 'en'] as const)('a 400 in %s keeps each field error’s code and message', async (locale) => {
      const res = await t.http.get('/api/v1/reference/holidays?year=abc').set('Accept-Language', locale).expect(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', title: ERROR_CODES.VALIDATION_FAILED.title[locale], detail: 'The request has invalid fields' });
      expect(res.body.errors).toContainEqual({ field: 'year', code: 'NOT_AN_INTEGER', message: expect.stringContaining('year') });
    });

    it('titles a 401 and a framework error too', async () => {
      const unauthenticated = await t.http.get(`/api/v1/children/${randomUUID()}`).set('Accept-Language', 'ru').expect(401);
      expect(unauthenticated.body).toMatchObject({ code: 'UNAUTHENTICATED', title: ERROR_CODES.UNAUTHENTICATED.title.ru });
      const route = await t.http.get('/api/v1/no-such-thing').set('Accept-Language', 'en').expect(404);
      expect(route.body).toMatchObject({ code: 'ROUTE_NOT_FOUND', title: ERROR_CODES.ROUTE_NOT_FOUND.title.en });
    });
  });
});
