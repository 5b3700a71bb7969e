import { startTestApp, TestApp } from '../support/test-app';

describe('GET /reference/icd10: finding a diagnosis code as it is typed', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('finds codes by their start, in code order, labelled in the language asked for', async () => {
    const res = await t.http.get('/api/v1/reference/icd10?q=f84').set('Accept-Language', 'ru').expect(200);
    expect(res.body.map((item: { code: string }) => item.code)).toEqual(['F84.0', 'F84.1', 'F84.2', 'F84.3', 'F84.5', 'F84.8', 'F84.9']);
    expect(res.body[0]).toEqual({ code: 'F84.0', label: 'Детский аутизм' });
  });

  it('finds a code by a word of its name in any language, and labels it in Kazakh by default', async () => {
    const russian = await t.http.get('/api/v1/reference/icd10').query({ q: 'аутизм' }).expect(200);
    expect(russian.body).toContainEqual({ code: 'F84.0', label: 'Балалар аутизмі' });
    const english = await t.http.get('/api/v1/reference/icd10').query({ q: 'cerebral palsy', limit: 2 }).set('Accept-Language', 'en').expect(200);
    expect(english.body).toEqual([
      { code: 'G80.0', label: 'Spastic cerebral palsy' },
      { code: 'G80.3', label: 'Dyskinetic cerebral palsy' },
    ]);
  });

  it('puts codes matched by their code before those matched by name', async () => {
    // "F7" starts the F70–F79 block and appears in no name.
    const res = await t.http.get('/api/v1/reference/icd10?q=F7').set('Accept-Language', 'en').expect(200);
    expect(res.body.map((item: { code: string }) => item.code)).toEqual(['F70', 'F71', 'F72', 'F73', 'F78', 'F79']);
  });

  it('treats % and _ as letters, so they match nothing rather than everything', async () => {
    expect((await t.http.get('/api/v1/reference/icd10?q=%25').expect(200)).body).toEqual([]);
    expect((await t.http.get('/api/v1/reference/icd10?q=_').expect(200)).body).toEqual([]);
  });

  it('refuses an empty term or a limit out of range with 400 and every bad field', async () => {
    const res = await t.http.get('/api/v1/reference/icd10?q=%20%20&limit=500').expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['limit', 'q']);
  });
});
