import pg from 'pg';
import type { Response } from 'supertest';
import { asAdmin, PAVLODAR, Session, SHYMKENT, ZHAMBYL } from '../support/factories';
import {
  CaseWorker, impossibleCheckPrefix, involve, makeIin, newCaseWorker, newChild, RegisteredChild, uninvolve, withWrongCheckDigit,
} from '../support/children';
import { startTestApp, TestApp } from '../support/test-app';

const NOW = '2026-11-25T06:00:00Z';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('children: the case record', () => {
  let t: TestApp;
  let admin: Session;
  let pmpc: CaseWorker;
  let pmpcHead: CaseWorker;
  let school: CaseWorker;
  let correction: CaseWorker;
  let health: CaseWorker;
  let social: CaseWorker;
  let outsider: CaseWorker;
  let outsiderHealth: CaseWorker;
  let outsiderHead: CaseWorker;
  let outsiderSocial: CaseWorker;
  let analyst: CaseWorker;

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    admin = await asAdmin(t);
    pmpc = await newCaseWorker(t, admin, 'pmpc', ['pmpc_specialist']);
    pmpcHead = await newCaseWorker(t, admin, 'pmpc', ['pmpc_head'], ZHAMBYL, pmpc.orgId);
    school = await newCaseWorker(t, admin, 'school', ['school_coordinator']);
    correction = await newCaseWorker(t, admin, 'correction_room', ['correction_specialist']);
    health = await newCaseWorker(t, admin, 'polyclinic', ['health_worker']);
    social = await newCaseWorker(t, admin, 'social_protection_office', ['social_worker']);
    outsider = await newCaseWorker(t, admin, 'school', ['school_coordinator'], PAVLODAR);
    outsiderHealth = await newCaseWorker(t, admin, 'polyclinic', ['health_worker'], PAVLODAR);
    outsiderHead = await newCaseWorker(t, admin, 'pmpc', ['pmpc_head'], PAVLODAR);
    outsiderSocial = await newCaseWorker(t, admin, 'social_protection_office', ['social_worker'], PAVLODAR);
    analyst = await newCaseWorker(t, admin, 'education_department', ['analyst']);
  });
  afterAll(() => t.close());

  const count = async (table: string) => (await t.db.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;

  describe('registration and the IIN', () => {
    // These register many look-alikes on purpose (the IIN rules); the duplicate check is tested below.
    const base = (overrides: Record<string, unknown> = {}) => ({
      lastName: 'Серікова', firstName: 'Айгерім', birthDate: '2019-05-14', sex: 'female', kato: ZHAMBYL, confirmNew: true, ...overrides,
    });

    it('registers a child with guardians; the registering organisation is involved; ETag is the version', async () => {
      const iin = makeIin('2019-05-14', 'female');
      const res = await t.http
        .post('/api/v1/children')
        .set(await pmpc.auth())
        .send({ ...base({ iin }), patronymic: 'Ерланқызы', guardians: [{ iin: makeIin('1988-01-02', 'male'), fullName: 'Серіков Ерлан', relation: 'father', phone: '+77011234567' }] })
        .expect(201);
      expect(res.headers.etag).toBe(`"${res.body.version}"`);
      expect(res.body).toMatchObject({
        status: 'open',
        identity: { iin, iinPending: false, lastName: 'Серікова', firstName: 'Айгерім', patronymic: 'Ерланқызы', birthDate: '2019-05-14', sex: 'female', kato: ZHAMBYL },
        guardians: [{ fullName: 'Серіков Ерлан', relation: 'father', phone: '+77011234567', active: true }],
        consents: [],
        diagnoses: [],
        disability: null,
      });
      const [involvement] = await t.db.query(`SELECT org_id, kind, until FROM involvements WHERE child_id = $1`, [res.body.id]);
      expect(involvement).toEqual({ org_id: pmpc.orgId, kind: 'registered', until: null });
      await t.http.get(`/api/v1/children/${res.body.id}`).set(await pmpc.auth()).expect(200);
    });

    it('records the consents the guardians give at registration with the case, each from its guardian', async () => {
      const res = await t.http
        .post('/api/v1/children')
        .set(await pmpc.auth())
        .send({
          ...base({ iin: makeIin('2019-06-01', 'female'), birthDate: '2019-06-01' }),
          guardians: [{ fullName: 'Серікова Гүлнар', relation: 'mother' }, { fullName: 'Серіков Ерлан', relation: 'father' }],
          consents: [
            { kind: 'assessment', guardian: 0 },
            { kind: 'services', guardian: 1, expiresAt: '2027-06-01' },
            { kind: 'data_sharing', sector: 'education', guardian: 0 },
          ],
        })
        .expect(201);
      const byName = (name: string) => (res.body.guardians as { id: string; fullName: string }[]).find((g) => g.fullName === name)!;
      const [mother, father] = [byName('Серікова Гүлнар'), byName('Серіков Ерлан')];
      expect(res.body.consents.map((c: Record<string, unknown>) => [c.kind, c.sector, c.guardianId, c.active])).toEqual(
        expect.arrayContaining([['assessment', null, mother.id, true], ['services', null, father.id, true], ['data_sharing', 'education', mother.id, true]]),
      );
      expect(res.body.consents).toHaveLength(3);
      // The case's timeline tells of each, like a consent recorded later.
      const events = await t.db.query(`SELECT kind FROM timeline_entries WHERE child_id = $1 AND kind = 'consent.granted'`, [res.body.id]);
      expect(events).toHaveLength(3);
    });

    it.each([
      [{ kind: 'services', guardian: 2 }, 'consents.0.guardian', 'UNKNOWN_GUARDIAN', 400],
      [{ kind: 'services', guardian: 0, expiresAt: '2020-01-01' }, 'consents.0.expiresAt', 'DATE_NOT_IN_FUTURE', 400],
      [{ kind: 'data_sharing', sector: 'defence', guardian: 0 }, 'consents.0.sector', 'NOT_ALLOWED_VALUE', 400],
      [{ kind: 'services', sector: 'education', guardian: 0 }, 'consents.0.sector', 'NOT_ALLOWED_HERE', 400],
      [{ kind: 'data_sharing', guardian: 0 }, 'consents.0.sector', 'REQUIRED', 400],
      [{ kind: 'services', guardian: -1 }, 'consents.0.guardian', 'TOO_SMALL', 400],
    ])('refuses a registration whose consent %j is wrong, and writes nothing', async (consent, field, code, status) => {
      const before = [await count('children'), await count('guardians'), await count('consents')];
      const res = await t.http
        .post('/api/v1/children')
        .set(await pmpc.auth())
        .send({ ...base({ iin: makeIin('2019-06-02', 'female'), birthDate: '2019-06-02' }), guardians: [{ fullName: 'Серікова Гүлнар', relation: 'mother' }], consents: [consent] });
      expect([res.status, res.body.errors]).toEqual([status, expect.arrayContaining([expect.objectContaining({ field, code })])]);
      expect([await count('children'), await count('guardians'), await count('consents')]).toEqual(before);
    });

    it('works while the clock moves during the request (as the system clock does)', async () => {
      const manual = t.clock.now.bind(t.clock);
      t.clock.now = () => {
        t.clock.advance(1000);
        return manual();
      };
      try {
        const child = await newChild(t, pmpc);
        await t.http.get(`/api/v1/children/${child.id}`).set(await pmpc.auth()).expect(200);
        await t.http.post(`/api/v1/children/${child.id}/consents`).set(await pmpc.auth()).send({ kind: 'assessment', guardianId: child.guardians[0].id }).expect(201);
      } finally {
        t.clock.now = manual;
        t.clock.set(NOW);
      }
    });

    it('derives birth date and sex from the IIN when they are left out', async () => {
      const iin = makeIin('2020-02-29', 'male');
      const res = await t.http.post('/api/v1/children').set(await school.auth()).send({ iin, lastName: 'Нұрланов', firstName: 'Нұрсұлтан', kato: ZHAMBYL }).expect(201);
      expect(res.body.identity).toMatchObject({ birthDate: '2020-02-29', sex: 'male' });
    });

    const girl = makeIin('2019-05-14', 'female');
    it.each([
      ['a valid IIN', 201, () => ({ iin: makeIin('2019-05-14', 'female') }), null, null],
      ['a valid IIN whose check digit needs the second weights', 201, () => ({ iin: makeIin('2019-05-14', 'female', { secondWeights: true }) }), null, null],
      ['century digit 1 (1800s, male)', 201, () => ({ iin: makeIin('1899-05-14', 'male'), birthDate: '1899-05-14', sex: 'male' }), null, null],
      ['century digit 2 (1800s, female)', 201, () => ({ iin: makeIin('1899-05-14', 'female'), birthDate: '1899-05-14' }), null, null],
      ['century digit 3 (1900s, male)', 201, () => ({ iin: makeIin('1999-05-14', 'male'), birthDate: '1999-05-14', sex: 'male' }), null, null],
      ['century digit 4 (1900s, female)', 201, () => ({ iin: makeIin('1999-05-14', 'female'), birthDate: '1999-05-14' }), null, null],
      ['century digit 5 (2000s, male)', 201, () => ({ iin: makeIin('2019-05-14', 'male'), sex: 'male' }), null, null],
      ['century digit 6 (2000s, female)', 201, () => ({ iin: makeIin('2019-05-14', 'female') }), null, null],
      ['a wrong check digit', 400, () => ({ iin: withWrongCheckDigit(makeIin('2019-05-14', 'female')) }), 'iin', 'IIN_INVALID'],
      ['eleven digits that admit no check digit', 400, () => ({ iin: `${impossibleCheckPrefix('2019-05-14', 'female')}0` }), 'iin', 'IIN_INVALID'],
      ['century digit 0', 400, () => ({ iin: `${girl.slice(0, 6)}0${girl.slice(7)}` }), 'iin', 'IIN_INVALID'],
      ['century digit 7', 400, () => ({ iin: `${girl.slice(0, 6)}7${girl.slice(7)}` }), 'iin', 'IIN_INVALID'],
      ['an impossible date (30 February)', 400, () => ({ iin: `190230${girl.slice(6)}` }), 'iin', 'IIN_INVALID'],
      ['month 13', 400, () => ({ iin: `191314${girl.slice(6)}` }), 'iin', 'IIN_INVALID'],
      ['a birth date in the future', 400, () => ({ iin: makeIin('2026-11-26', 'female'), birthDate: '2026-11-26' }), 'iin', 'IIN_INVALID'],
      ['11 digits', 400, () => ({ iin: girl.slice(0, 11) }), 'iin', 'IIN_INVALID'],
      ['13 digits', 400, () => ({ iin: `${girl}0` }), 'iin', 'IIN_INVALID'],
      ['a letter', 400, () => ({ iin: `${girl.slice(0, 11)}O` }), 'iin', 'IIN_INVALID'],
      ['Arabic-Indic digits', 400, () => ({ iin: '١٩٠٥١٤٦٥٠٠١٧' }), 'iin', 'IIN_INVALID'],
      ['full-width digits', 400, () => ({ iin: '１９０５１４６５００１７' }), 'iin', 'IIN_INVALID'],
      ['spaces', 400, () => ({ iin: `${girl.slice(0, 6)} ${girl.slice(6)}` }), 'iin', 'IIN_INVALID'],
      ['a number', 400, () => ({ iin: Number(girl) }), 'iin', 'IIN_INVALID'],
      ['a birth date other than the IIN', 422, () => ({ iin: makeIin('2019-05-14', 'female'), birthDate: '2019-05-15' }), 'birthDate', 'IIN_MISMATCH'],
      ['a sex other than the IIN', 422, () => ({ iin: makeIin('2019-05-14', 'female'), sex: 'male' }), 'sex', 'IIN_MISMATCH'],
      ['no IIN and no iinPending', 400, () => ({}), 'iin', 'REQUIRED'],
      ['an IIN together with iinPending', 400, () => ({ iin: makeIin('2019-05-14', 'female'), iinPending: true }), 'iin', 'NOT_ALLOWED_HERE'],
    ])('%s → %i', async (_case, status, input, field, code) => {
      const before = await count('children');
      const res = await t.http.post('/api/v1/children').set(await pmpc.auth()).send(base(input()));
      expect(res.status).toBe(status);
      if (code) {
        expect(res.body.code).toBe(status === 422 ? 'IIN_MISMATCH' : 'VALIDATION_FAILED');
        expect(res.body.errors).toContainEqual(expect.objectContaining({ field, code }));
        expect(await count('children')).toBe(before);
      }
    });

    it('names both fields when birth date and sex disagree with the IIN', async () => {
      const res = await t.http.post('/api/v1/children').set(await pmpc.auth()).send(base({ iin: makeIin('2019-05-14', 'female'), birthDate: '2018-01-01', sex: 'male' }));
      expect(res.status).toBe(422);
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['birthDate', 'sex']);
    });

    it('judges "in the future" by the business clock, not the server clock', async () => {
      const realToday = new Date(Date.now() + 5 * 3600_000).toISOString().slice(0, 10);
      const bornToday = makeIin(realToday, 'male');
      t.clock.set(new Date(Date.now() - 2 * 24 * 3600_000));
      try {
        const res = await t.http.post('/api/v1/children').set(await pmpc.auth()).send(base({ iin: bornToday, birthDate: undefined, sex: undefined }));
        expect(res.status).toBe(400);
        expect(res.body.errors).toEqual([expect.objectContaining({ field: 'iin', code: 'IIN_INVALID' })]);
      } finally {
        t.clock.set(NOW);
      }
    });

    it('is refused to roles that may not register (403) and without a token (401)', async () => {
      for (const worker of [correction, analyst]) {
        const res = await t.http.post('/api/v1/children').set(await worker.auth()).send(base({ iin: makeIin('2019-05-14', 'female') }));
        expect(res.status).toBe(403);
      }
      await t.http.post('/api/v1/children').send(base({ iin: makeIin('2019-05-14', 'female') })).expect(401);
      const national = await t.http.get('/api/v1/children').set('Authorization', `Bearer ${admin.token}`);
      expect(national.status).toBe(403);
    });
  });

  describe('reading the case, section by section (DESIGN §5)', () => {
    const TOP = ['closedAt', 'closedReason', 'id', 'status', 'version'];
    const keysOf = (body: Record<string, unknown>) => Object.keys(body).filter((k) => !TOP.includes(k)).sort();
    let child: { id: string; guardians: { id: string }[] };
    let workers: Record<string, CaseWorker>;

    beforeAll(async () => {
      child = await newChild(t, pmpc, { lastName: 'Бекова', firstName: 'Дана' });
      for (const worker of [school, correction, health, social]) await involve(t, child.id, worker.orgId);
      workers = { pmpc, school, correction, health, social };
      await t.http.post(`/api/v1/children/${child.id}/diagnoses`).set(await health.auth()).send({ icd10: 'F84.0', date: '2024-03-01' }).expect(201);
      await t.http.put(`/api/v1/children/${child.id}/disability`).set(await social.auth()).send({ status: 'established', establishedOn: '2024-02-01', reviewOn: '2026-02-01', certificateNo: 'МСЭ-0012345' }).expect(200);
    });

    // Assessments (conclusions) and referrals are sections of every case audience (DESIGN §5); referrals
    // are filtered to the organisation's own for all but PMPC. Placements are for PMPC and education;
    // health and social see them only with their sector's data-sharing consent, as social sees diagnoses.
    const WITHOUT_CONSENT: Record<string, string[]> = {
      pmpc: ['assessments', 'consents', 'diagnoses', 'disability', 'guardians', 'identity', 'placements', 'referrals'],
      school: ['assessments', 'consents', 'guardians', 'identity', 'placements', 'referrals'],
      correction: ['assessments', 'consents', 'guardians', 'identity', 'placements', 'referrals'],
      health: ['assessments', 'consents', 'diagnoses', 'disability', 'guardians', 'identity', 'referrals'],
      social: ['assessments', 'consents', 'disability', 'guardians', 'identity', 'referrals'],
    };
    const WITH_HEALTH_CONSENT: Record<string, string[]> = {
      ...WITHOUT_CONSENT,
      health: ['assessments', 'consents', 'diagnoses', 'disability', 'guardians', 'identity', 'placements', 'referrals'],
    };
    const WITH_EDUCATION_CONSENT: Record<string, string[]> = {
      ...WITHOUT_CONSENT,
      school: ['assessments', 'consents', 'diagnoses', 'disability', 'guardians', 'identity', 'placements', 'referrals'],
      correction: ['assessments', 'consents', 'diagnoses', 'disability', 'guardians', 'identity', 'placements', 'referrals'],
    };
    const WITH_SOCIAL_CONSENT: Record<string, string[]> = {
      ...WITHOUT_CONSENT,
      social: ['assessments', 'consents', 'diagnoses', 'disability', 'guardians', 'identity', 'placements', 'referrals'],
    };

    async function sectionsSeenBy(name: string): Promise<string[]> {
      const res = await t.http.get(`/api/v1/children/${child.id}`).set(await workers[name].auth()).expect(200);
      expect(res.headers.etag).toBe(`"${res.body.version}"`);
      for (const hidden of ['diagnoses', 'disability']) if (!keysOf(res.body).includes(hidden)) expect(res.body).not.toHaveProperty(hidden);
      return keysOf(res.body);
    }

    it.each(Object.keys(WITHOUT_CONSENT))('%s sees exactly its sections without a data-sharing consent', async (name) => {
      expect(await sectionsSeenBy(name)).toEqual(WITHOUT_CONSENT[name]);
    });

    it('shows the health section content to those who see it', async () => {
      const res = await t.http.get(`/api/v1/children/${child.id}`).set(await health.auth()).expect(200);
      expect(res.body.diagnoses).toEqual([expect.objectContaining({ icd10: 'F84.0', date: '2024-03-01', establishedByOrgId: health.orgId })]);
      expect(res.body.disability).toMatchObject({ status: 'established', establishedOn: '2024-02-01', reviewOn: '2026-02-01', certificateNo: 'МСЭ-0012345' });
    });

    it('reads the child and every section it shows in one statement after the gate\'s, visibility tested once (issue 16)', async () => {
      const auth = await pmpc.auth();
      const sent: string[] = [];
      const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
      pg.Client.prototype.query = function (this: unknown, ...args: unknown[]) {
        const config = args[0] as string | { text?: string };
        sent.push(typeof config === 'string' ? config : (config?.text ?? ''));
        return query.apply(this, args);
      } as typeof pg.Client.prototype.query;
      try {
        await t.http.get(`/api/v1/children/${child.id}`).set(auth).expect(200);
      } finally {
        pg.Client.prototype.query = query as typeof pg.Client.prototype.query;
      }
      // The transaction (planning its statements once per connection: @GenericPlans, set in the same
      // round trip as its start) around the gate's case head, the case itself and the audit row (it was
      // 13: the child again and a query per section, each testing visibility again).
      expect(sent).toHaveLength(5);
      expect(sent[0]).toBe('START TRANSACTION; SET LOCAL plan_cache_mode = force_generic_plan');
      expect(sent[4]).toBe('COMMIT');
      const read = sent[2];
      for (const table of ['children', 'guardians', 'consents', 'assessments', 'diagnoses', 'disabilities', 'placements', 'referrals']) {
        expect(read).toContain(`FROM ${table} `);
      }
      expect(read.match(/break_glass_uses/g)).toHaveLength(1);
    });

    it('shows each of its own sections in the case exactly as its own route does, to the character', async () => {
      // The case builds its sections as JSON in SQL; the routes map rows in Node. Timestamps with
      // microseconds, ended guardians and withdrawn consents are where the two could part.
      const c = await newChild(t, pmpc, { lastName: 'Жанова', firstName: 'Мира' });
      const auth = await pmpc.auth();
      const base = `/api/v1/children/${c.id}`;
      const father = await t.http.post(`${base}/guardians`).set(auth).send({ fullName: 'Жанов Ерлан', relation: 'father' }).expect(201);
      await t.http.delete(`${base}/guardians/${father.body.id}`).set(auth).expect((res) => expect(res.status).toBeLessThan(300));
      for (const kind of ['services', 'assessment']) {
        await t.http.post(`${base}/consents`).set(auth).send({ kind, guardianId: c.guardians[0].id }).expect(201);
      }
      const [services] = await t.db.query(`SELECT id FROM consents WHERE child_id = $1 AND kind = 'services'`, [c.id]);
      await t.http.post(`/api/v1/consents/${services.id}/withdraw`).set(auth).expect((res) => expect(res.status).toBeLessThan(300));
      await t.http.post(`${base}/diagnoses`).set(auth).send({ icd10: 'F80.1', date: '2024-03-01' }).expect(201);
      await t.http.post(`${base}/diagnoses`).set(auth).send({ icd10: 'F84.0', date: '2024-03-01' }).expect(201);
      await involve(t, c.id, social.orgId);
      await t.http.put(`${base}/disability`).set(await social.auth()).send({ status: 'established', establishedOn: '2024-02-01', reviewOn: '2026-02-01' }).expect(200);
      await t.db.query(`UPDATE consents SET granted_at = granted_at - interval '1 day' + interval '29999 microseconds', withdrawn_at = withdrawn_at + interval '999999 microseconds' WHERE child_id = $1`, [c.id]);
      await t.db.query(`UPDATE guardians SET ended_at = ended_at + interval '999 microseconds' WHERE child_id = $1`, [c.id]);
      await t.db.query(`UPDATE diagnoses SET created_at = created_at + interval '1001 microseconds' WHERE child_id = $1`, [c.id]);
      await t.db.query(`UPDATE disabilities SET recorded_at = recorded_at + interval '123456 microseconds' WHERE child_id = $1`, [c.id]);

      const view = (await t.http.get(base).set(auth).expect(200)).body;
      const own = async (part: string) => (await t.http.get(`${base}/${part}`).set(auth).expect(200)).body;
      const guardians = (await own('guardians')) as { active: boolean }[];
      expect(guardians.filter((g) => !g.active)).toHaveLength(1);
      expect(JSON.stringify(view.guardians)).toBe(JSON.stringify(guardians.filter((g) => g.active)));
      expect(JSON.stringify(view.consents)).toBe(JSON.stringify(await own('consents')));
      expect(view.consents).toHaveLength(2);
      expect(JSON.stringify(view.diagnoses)).toBe(JSON.stringify(await own('diagnoses')));
      expect(JSON.stringify(view.disability)).toBe(JSON.stringify((await own('disability')).current));
      expect(view.disability.recordedAt).toMatch(/\.\d{3}Z$/);
    });

    it('answers a sub-resource that is a hidden section with 404, and refuses case access to roles without it', async () => {
      const res = await t.http.get(`/api/v1/children/${child.id}/diagnoses`).set(await school.auth());
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('NOT_FOUND');
      expect(JSON.stringify(res.body)).not.toContain('F84.0');
      await t.http.get(`/api/v1/children/${child.id}/disability`).set(await school.auth()).expect(404);
      await t.http.get(`/api/v1/children/${child.id}/diagnoses`).set(await social.auth()).expect(404);
      await t.http.get(`/api/v1/children/${child.id}/disability`).set(await social.auth()).expect(200);
      await t.http.get(`/api/v1/children/${child.id}`).set(await analyst.auth()).expect(403);
      await t.http.get(`/api/v1/children/${child.id}`).set('Authorization', `Bearer ${admin.token}`).expect(403);
    });

    it('opens diagnoses and disability to education with an education data-sharing consent, until it is withdrawn', async () => {
      const other = await t.http
        .post(`/api/v1/children/${child.id}/consents`)
        .set(await pmpc.auth())
        .send({ kind: 'data_sharing', sector: 'health', guardianId: child.guardians[0].id })
        .expect(201);
      expect(other.body).toMatchObject({ kind: 'data_sharing', sector: 'health', active: true, withdrawnAt: null });
      for (const name of Object.keys(WITH_HEALTH_CONSENT)) expect([name, await sectionsSeenBy(name)]).toEqual([name, WITH_HEALTH_CONSENT[name]]);
      const both = (name: string) => [...new Set([...WITH_EDUCATION_CONSENT[name], ...WITH_HEALTH_CONSENT[name]])].sort();

      const consent = await t.http
        .post(`/api/v1/children/${child.id}/consents`)
        .set(await pmpc.auth())
        .send({ kind: 'data_sharing', sector: 'education', guardianId: child.guardians[0].id, expiresAt: null })
        .expect(201);
      for (const name of Object.keys(WITH_EDUCATION_CONSENT)) expect([name, await sectionsSeenBy(name)]).toEqual([name, both(name)]);
      await t.http.get(`/api/v1/children/${child.id}/diagnoses`).set(await school.auth()).expect(200);

      const withdrawn = await t.http.post(`/api/v1/consents/${consent.body.id}/withdraw`).set(await school.auth()).expect(200);
      expect(withdrawn.body).toMatchObject({ id: consent.body.id, active: false, withdrawnAt: expect.any(String) });
      for (const name of Object.keys(WITH_HEALTH_CONSENT)) expect([name, await sectionsSeenBy(name)]).toEqual([name, WITH_HEALTH_CONSENT[name]]);
      await t.http.post(`/api/v1/consents/${other.body.id}/withdraw`).set(await health.auth()).expect(200);
      for (const name of Object.keys(WITHOUT_CONSENT)) expect([name, await sectionsSeenBy(name)]).toEqual([name, WITHOUT_CONSENT[name]]);
      // Withdrawing again changes nothing; the consent is still listed (never deleted).
      const again = await t.http.post(`/api/v1/consents/${consent.body.id}/withdraw`).set(await pmpc.auth()).expect(200);
      expect(again.body.withdrawnAt).toBe(withdrawn.body.withdrawnAt);
      const list = await t.http.get(`/api/v1/children/${child.id}/consents`).set(await pmpc.auth()).expect(200);
      expect(list.body.map((c: { id: string }) => c.id)).toEqual(expect.arrayContaining([consent.body.id, other.body.id]));
    });

    it('opens diagnoses and placements to social with a social data-sharing consent, at once and until it is withdrawn', async () => {
      const consent = await t.http
        .post(`/api/v1/children/${child.id}/consents`)
        .set(await social.auth())
        .send({ kind: 'data_sharing', sector: 'social', guardianId: child.guardians[0].id })
        .expect(201);
      for (const name of Object.keys(WITH_SOCIAL_CONSENT)) expect([name, await sectionsSeenBy(name)]).toEqual([name, WITH_SOCIAL_CONSENT[name]]);
      await t.http.get(`/api/v1/children/${child.id}/diagnoses`).set(await social.auth()).expect(200);
      await t.http.post(`/api/v1/consents/${consent.body.id}/withdraw`).set(await social.auth()).expect(200);
      expect(await sectionsSeenBy('social')).toEqual(WITHOUT_CONSENT.social);
      await t.http.get(`/api/v1/children/${child.id}/diagnoses`).set(await social.auth()).expect(404);
    });

    it('lets a consent lapse at its expiry, by the clock', async () => {
      const expiresAt = new Date(t.clock.now().getTime() + 5 * MINUTE).toISOString();
      await t.http
        .post(`/api/v1/children/${child.id}/consents`)
        .set(await pmpc.auth())
        .send({ kind: 'data_sharing', sector: 'education', guardianId: child.guardians[0].id, expiresAt })
        .expect(201);
      expect(await sectionsSeenBy('school')).toEqual(WITH_EDUCATION_CONSENT.school);
      t.clock.advance(6 * MINUTE);
      expect(await sectionsSeenBy('school')).toEqual(WITHOUT_CONSENT.school);
    });

    it('lets only health and PMPC record diagnoses, and social, health and PMPC disability', async () => {
      const diagnosis = { icd10: 'F80.1', date: '2024-05-01' };
      for (const [worker, status] of [[school, 403], [correction, 403], [social, 403], [pmpc, 201], [health, 201]] as const) {
        const res = await t.http.post(`/api/v1/children/${child.id}/diagnoses`).set(await worker.auth()).send(diagnosis);
        expect([worker.username, res.status]).toEqual([worker.username, status]);
      }
      for (const [worker, status] of [[school, 403], [correction, 403], [social, 200], [health, 200]] as const) {
        const res = await t.http.put(`/api/v1/children/${child.id}/disability`).set(await worker.auth()).send({ status: 'under_review' });
        expect([worker.username, res.status]).toEqual([worker.username, status]);
      }
      const disability = await t.http.get(`/api/v1/children/${child.id}/disability`).set(await social.auth()).expect(200);
      expect(disability.body.current.status).toBe('under_review');
      expect(disability.body.history.map((d: { status: string }) => d.status)).toEqual(['under_review', 'under_review', 'established']);
    });

    it('loses the case at once when the involvement ends', async () => {
      const mine = await newChild(t, pmpc);
      await involve(t, mine.id, correction.orgId);
      await t.http.get(`/api/v1/children/${mine.id}`).set(await correction.auth()).expect(200);
      await uninvolve(t, mine.id, correction.orgId);
      await t.http.get(`/api/v1/children/${mine.id}`).set(await correction.auth()).expect(404);
    });
  });

  describe('an uninvolved organisation gets 404 on every child route', () => {
    const MISSING = '00000000-0000-4000-8000-000000000000';
    let child: { id: string; version: number; guardians: { id: string }[] };
    let consentId: string;
    let ownChild: { id: string };

    beforeAll(async () => {
      child = await newChild(t, pmpc, { lastName: 'Жасырын', firstName: 'Бала' });
      const consent = await t.http
        .post(`/api/v1/children/${child.id}/consents`)
        .set(await pmpc.auth())
        .send({ kind: 'assessment', guardianId: child.guardians[0].id })
        .expect(201);
      consentId = consent.body.id;
      ownChild = await newChild(t, outsiderHead);
    });

    // The last element names who tries: by default a school coordinator and a health worker; routes with
    // a role-specific permission are tried by outsiders who hold it (without it the answer is 403, below).
    type Who = 'default' | 'head' | 'health' | 'social';
    type Route = [string, 'get' | 'post' | 'patch' | 'put' | 'delete', (id: string) => string, Record<string, unknown> | undefined, Who?];
    const ROUTES: Route[] = [
      ['read', 'get', (id) => `/api/v1/children/${id}`, undefined],
      ['update', 'patch', (id) => `/api/v1/children/${id}`, { firstName: 'Басқа' }],
      ['close', 'post', (id) => `/api/v1/children/${id}/close`, { reason: 'moved' }],
      ['reopen', 'post', (id) => `/api/v1/children/${id}/reopen`, {}],
      ['merge into it', 'post', (id) => `/api/v1/children/${id}/merge`, { duplicateId: 'OWN' }, 'head'],
      ['merge it away', 'post', () => `/api/v1/children/OWN/merge`, { duplicateId: 'TARGET' }, 'head'],
      ['timeline', 'get', (id) => `/api/v1/children/${id}/timeline`, undefined],
      ['list guardians', 'get', (id) => `/api/v1/children/${id}/guardians`, undefined],
      ['add a guardian', 'post', (id) => `/api/v1/children/${id}/guardians`, { fullName: 'Бөтен Адам', relation: 'other' }],
      ['change a guardian', 'patch', (id) => `/api/v1/children/${id}/guardians/GUARDIAN`, { relation: 'other' }],
      ['end a guardian', 'delete', (id) => `/api/v1/children/${id}/guardians/GUARDIAN`, undefined],
      ['list consents', 'get', (id) => `/api/v1/children/${id}/consents`, undefined],
      ['give a consent', 'post', (id) => `/api/v1/children/${id}/consents`, { kind: 'services', guardianId: 'GUARDIAN' }],
      ['withdraw a consent', 'post', () => `/api/v1/consents/CONSENT/withdraw`, undefined],
      ['list diagnoses', 'get', (id) => `/api/v1/children/${id}/diagnoses`, undefined],
      ['record a diagnosis', 'post', (id) => `/api/v1/children/${id}/diagnoses`, { icd10: 'F84.0', date: '2024-01-01' }, 'health'],
      ['read disability', 'get', (id) => `/api/v1/children/${id}/disability`, undefined],
      ['record disability', 'put', (id) => `/api/v1/children/${id}/disability`, { status: 'under_review' }, 'social'],
    ];
    const workersFor = (who: Who = 'default'): CaseWorker[] =>
      ({ default: [outsider, outsiderHealth], head: [outsiderHead], health: [outsiderHealth], social: [outsiderSocial, outsiderHealth] })[who];

    async function call(worker: CaseWorker, [, method, path, body]: Route, target: { id: string; guardian: string; consent: string }) {
      const fill = (text: string) =>
        text.replace('OWN', ownChild.id).replace('TARGET', target.id).replace('GUARDIAN', target.guardian).replace('CONSENT', target.consent);
      let request = t.http[method](fill(path(target.id))).set(await worker.auth()).set('If-Match', '"1"');
      if (body) request = request.send(JSON.parse(fill(JSON.stringify(body))));
      return request;
    }

    it.each(ROUTES.map((route) => [route[0], route] as const))('%s', async (_name, route) => {
      const before = await t.db.query(`SELECT version FROM children WHERE id = $1`, [child.id]);
      for (const worker of workersFor(route[4])) {
        const hidden = await call(worker, route, { id: child.id, guardian: child.guardians[0].id, consent: consentId });
        const missing = await call(worker, route, { id: MISSING, guardian: MISSING, consent: MISSING });
        expect([worker.username, hidden.status, hidden.body.code]).toEqual([worker.username, 404, 'NOT_FOUND']);
        expect({ status: hidden.status, code: hidden.body.code, detail: hidden.body.detail, errors: hidden.body.errors }).toEqual({
          status: missing.status, code: missing.body.code, detail: missing.body.detail, errors: missing.body.errors,
        });
      }
      expect(await t.db.query(`SELECT version FROM children WHERE id = $1`, [child.id])).toEqual(before);
      expect((await t.db.query(`SELECT withdrawn_at FROM consents WHERE id = $1`, [consentId]))[0].withdrawn_at).toBeNull();
    });

    it.each(ROUTES.filter((route) => route[4] && route[4] !== 'default').map((route) => [route[0], route] as const))(
      '%s: a role without the permission gets the same 403 for a hidden and a missing case',
      async (_name, route) => {
        const hidden = await call(outsider, route, { id: child.id, guardian: child.guardians[0].id, consent: consentId });
        const missing = await call(outsider, route, { id: MISSING, guardian: MISSING, consent: MISSING });
        expect([hidden.status, hidden.body.code]).toEqual([403, 'FORBIDDEN']);
        expect({ status: missing.status, code: missing.body.code, detail: missing.body.detail }).toEqual({ status: 403, code: 'FORBIDDEN', detail: hidden.body.detail });
      },
    );

    it('records each refusal in the audit trail against the child', async () => {
      await t.http.get(`/api/v1/children/${child.id}`).set(await outsider.auth()).expect(404);
      const [denied] = await t.db.query(
        `SELECT action, reason FROM audit_events WHERE outcome = 'denied' AND child_id = $1 AND actor_user_id = $2 ORDER BY id DESC LIMIT 1`,
        [child.id, outsider.userId],
      );
      expect(denied).toEqual({ action: 'child.read', reason: 'NOT_FOUND' });
    });

    it('never returns it in a search, a duplicates check or a look-up by a non-PMPC role', async () => {
      const [row] = await t.db.query(`SELECT iin FROM children WHERE id = $1`, [child.id]);
      const byIin = await t.http.get('/api/v1/children').query({ iin: row.iin }).set(await outsider.auth()).expect(200);
      expect(byIin.body.items).toEqual([]);
      const byName = await t.http.get('/api/v1/children').query({ q: 'Жасырын Бала' }).set(await outsider.auth()).expect(200);
      expect(byName.body.items).toEqual([]);
      const dup = await t.http.get('/api/v1/children/duplicates').query({ lastName: 'Жасырын', firstName: 'Бала', birthDate: '2019-05-14' }).set(await outsider.auth()).expect(200);
      expect(dup.body.items).toEqual([]);
      await t.http.get('/api/v1/children/lookup').query({ iin: row.iin }).set(await outsider.auth()).expect(403);
    });

    it('lets a PMPC look the child up by exact IIN, audited, without opening the case', async () => {
      const otherPmpc = await newCaseWorker(t, admin, 'pmpc', ['pmpc_specialist'], PAVLODAR);
      const [row] = await t.db.query(`SELECT iin FROM children WHERE id = $1`, [child.id]);
      const res = await t.http.get('/api/v1/children/lookup').query({ iin: row.iin }).set(await otherPmpc.auth()).expect(200);
      expect(res.body.items).toEqual([{ id: child.id, status: 'open', involved: false, identity: expect.objectContaining({ lastName: 'Жасырын', birthDate: '2019-05-14' }) }]);
      const none = await t.http.get('/api/v1/children/lookup').query({ iin: makeIin('2017-01-01', 'male') }).set(await otherPmpc.auth()).expect(200);
      expect(none.body.items).toEqual([]);
      await t.http.get(`/api/v1/children/${child.id}`).set(await otherPmpc.auth()).expect(404);
      const events = await t.db.query(`SELECT child_id, changes FROM audit_events WHERE action = 'child.lookup_by_iin' AND actor_user_id = $1 ORDER BY id`, [otherPmpc.userId]);
      expect(events).toHaveLength(2);
      expect(events[0].child_id).toBe(child.id);
      expect(JSON.stringify(events)).not.toContain(row.iin);
    });
  });

  describe('search', () => {
    let searcher: CaseWorker;
    const names: Record<string, string> = {};

    beforeAll(async () => {
      searcher = await newCaseWorker(t, admin, 'pmpc', ['pmpc_specialist'], SHYMKENT);
      names.alikhan = (await newChild(t, searcher, { lastName: 'Серіков', firstName: 'Әлихан', patronymic: null, sex: 'male', birthDate: '2018-04-04' })).id;
      names.nursultan = (await newChild(t, searcher, { lastName: 'Омаров', firstName: 'Нұрсұлтан', patronymic: 'Ерланұлы', sex: 'male', birthDate: '2017-06-01' })).id;
      names.zhansaya = (await newChild(t, searcher, { lastName: 'Жақсылықова', firstName: 'Жансая', sex: 'female', kato: '551010000' })).id;
      // The same name registered by an organisation the searcher has nothing to do with.
      names.foreign = (await newChild(t, outsider, { lastName: 'Серіков', firstName: 'Әлихан', patronymic: null, sex: 'male', birthDate: '2018-04-04' })).id;
    });

    const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((item) => item.id);

    it.each([
      ['Әлихан', 'alikhan'], ['Алихан', 'alikhan'], ['Alikhan', 'alikhan'], ['Alihan', 'alikhan'], ['ALIKHAN', 'alikhan'],
      ['Серіков Әлихан', 'alikhan'], ['Serikov Alikhan', 'alikhan'], ['Alikhan Serikov', 'alikhan'], ['Сериков', 'alikhan'],
      ['Нұрсұлтан', 'nursultan'], ['Нурсултан', 'nursultan'], ['Nursultan', 'nursultan'], ['Nursoultan', 'nursultan'], ['Омаров Нурсултан Ерланович', 'nursultan'],
      ['Жансая', 'zhansaya'], ['Zhansaya', 'zhansaya'], ['Jansaya', 'zhansaya'],
    ])('"%s" finds %s, and nothing invisible', async (q, expected) => {
      const res = await t.http.get('/api/v1/children').query({ q }).set(await searcher.auth()).expect(200);
      expect(ids(res)).toContain(names[expected]);
      expect(ids(res)).not.toContain(names.foreign);
      expect(res.body.items.find((i: { id: string }) => i.id === names[expected])).toMatchObject({ status: 'open', identity: expect.objectContaining({ kato: expect.any(String) }) });
    });

    it('does not find other names', async () => {
      const res = await t.http.get('/api/v1/children').query({ q: 'Дана' }).set(await searcher.auth()).expect(200);
      expect(ids(res)).toEqual([]);
    });

    it('finds by exact IIN and by a prefix of at least 6 digits', async () => {
      const [row] = await t.db.query(`SELECT iin FROM children WHERE id = $1`, [names.alikhan]);
      expect(ids(await t.http.get('/api/v1/children').query({ iin: row.iin }).set(await searcher.auth()).expect(200))).toEqual([names.alikhan]);
      const prefix = await t.http.get('/api/v1/children').query({ iin: row.iin.slice(0, 6) }).set(await searcher.auth()).expect(200);
      expect(ids(prefix)).toContain(names.alikhan);
      expect(ids(prefix)).not.toContain(names.foreign);
      for (const bad of [row.iin.slice(0, 5), `${row.iin}0`, '١٩٠٥١٤', '18040x']) {
        const res = await t.http.get('/api/v1/children').query({ iin: bad }).set(await searcher.auth());
        expect([bad, res.status, res.body.errors?.[0]?.field]).toEqual([bad, 400, 'iin']);
      }
    });

    it('filters by KATO (a region matches its districts) and status', async () => {
      const pavlodar = await t.http.get('/api/v1/children').query({ kato: PAVLODAR }).set(await searcher.auth()).expect(200);
      expect(ids(pavlodar)).toEqual([names.zhansaya]);
      const closed = await t.http.get('/api/v1/children').query({ status: 'closed' }).set(await searcher.auth()).expect(200);
      expect(ids(closed)).toEqual([]);
    });

    it('pages by keyset without repeats or gaps, by name and by relevance', async () => {
      const pager = await newCaseWorker(t, admin, 'pmpc', ['pmpc_head'], SHYMKENT);
      const created: string[] = [];
      for (const first of ['Айжан', 'Айгүл', 'Айдана', 'Айым', 'Айару']) created.push((await newChild(t, pager, { lastName: 'Пейджер', firstName: first })).id);
      for (const query of [{}, { q: 'Пейджер' }]) {
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const res: Response = await t.http.get('/api/v1/children').query({ ...query, limit: 2, ...(cursor ? { cursor } : {}) }).set(await pager.auth()).expect(200);
          expect(res.body.items.length).toBeLessThanOrEqual(2);
          seen.push(...ids(res));
          cursor = res.body.nextCursor;
        } while (cursor);
        expect(seen.sort()).toEqual([...created].sort());
      }
    });

    it('records what kind of term was searched for, never the term', async () => {
      await t.http.get('/api/v1/children').query({ q: 'Alikhan', iin: '180404' }).set(await searcher.auth()).expect(200);
      const [event] = await t.db.query(`SELECT changes FROM audit_events WHERE action = 'child.search' AND actor_user_id = $1 ORDER BY id DESC LIMIT 1`, [searcher.userId]);
      expect(event.changes.query).toEqual({ q: 'name', iin: 'iin_prefix' });
      expect(JSON.stringify(event)).not.toMatch(/Alikhan|180404/);
    });

    it.each([
      [{ q: '' }, 'q'], [{ q: 'a\u0000b' }, 'q'], [{ q: 'x'.repeat(101) }, 'q'], [{ q: '123' }, 'q'], [{ limit: 0 }, 'limit'], [{ limit: 'many' }, 'limit'],
      [{ cursor: 'not-a-cursor' }, 'cursor'], [{ status: 'merged' }, 'status'], [{ kato: '31' }, 'kato'], [{ colour: 'red' }, 'colour'],
    ])('refuses %j with 400 naming %s', async (query, field) => {
      const res = await t.http.get('/api/v1/children').query(query).set(await searcher.auth());
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });

    // Name search reads the organisation's copy of the child's key in org_search_keys (kept by
    // triggers, migration 1795583100000): these fail if the copy does not follow the case.
    describe('follows the case as it changes', () => {
      const find = async (who: CaseWorker, q: string) => ids(await t.http.get('/api/v1/children').query({ q }).set(await who.auth()).expect(200));

      it('finds a renamed child by its new name only, for every organisation involved', async () => {
        const child = await newChild(t, searcher, { lastName: 'Бұрынғыбаев', firstName: 'Тимур', patronymic: null, sex: 'male', birthDate: '2017-02-02' });
        await involve(t, child.id, correction.orgId);
        expect(await find(searcher, 'Бұрынғыбаев')).toEqual([child.id]);
        await t.http.patch(`/api/v1/children/${child.id}`).set(await searcher.auth()).set('If-Match', `"${child.version}"`).send({ lastName: 'Жаңабергенов' }).expect(200);
        for (const who of [searcher, correction]) {
          expect(await find(who, 'Бұрынғыбаев')).toEqual([]);
          expect(await find(who, 'Жаңабергенов Тимур')).toEqual([child.id]);
        }
      });

      it('finds a child through a new involvement, and no longer once it has ended', async () => {
        const child = await newChild(t, searcher, { lastName: 'Уақытшаев', firstName: 'Данияр', patronymic: null, sex: 'male', birthDate: '2017-03-03' });
        expect(await find(correction, 'Уақытшаев Данияр')).toEqual([]);
        await involve(t, child.id, correction.orgId);
        expect(await find(correction, 'Уақытшаев Данияр')).toEqual([child.id]);
        await uninvolve(t, child.id, correction.orgId);
        expect(await find(correction, 'Уақытшаев Данияр')).toEqual([]);
        expect(await find(searcher, 'Уақытшаев Данияр')).toEqual([child.id]);
      });

      it('finds a break-glass case for the user who opened it only, while it is open', async () => {
        const child = await newChild(t, searcher, { lastName: 'Шұғылова', firstName: 'Мөлдір', patronymic: null, birthDate: '2018-08-08' });
        const colleague = await newCaseWorker(t, admin, 'polyclinic', ['health_worker'], ZHAMBYL, health.orgId);
        expect(await find(health, 'Шұғылова Мөлдір')).toEqual([]);
        await t.http.post('/api/v1/break-glass').set(await health.auth()).send({ iin: child.identity.iin, reason: 'Бала жедел жәрдеммен түсті, диагнозы керек', hours: 1 }).expect(201);
        expect(await find(health, 'Шұғылова Мөлдір')).toEqual([child.id]);
        expect(await find(colleague, 'Шұғылова Мөлдір')).toEqual([]);
        const opened = t.clock.now();
        t.clock.advance(HOUR + MINUTE);
        try {
          expect(await find(health, 'Шұғылова Мөлдір')).toEqual([]);
        } finally {
          t.clock.set(opened);
        }
      });

      it('leaves a merged record out and finds the survivor by its own name through the involvements that moved', async () => {
        const head = await newCaseWorker(t, admin, 'pmpc', ['pmpc_head'], SHYMKENT, searcher.orgId);
        const survivor = await newChild(t, searcher, { iinPending: true, lastName: 'Құрманғалиев', firstName: 'Бекзат', patronymic: null, sex: 'male', birthDate: '2016-03-03' });
        const duplicate = await newChild(t, health, { lastName: 'Көшірмеев', firstName: 'Бекзат', patronymic: null, sex: 'male', birthDate: '2016-03-03' });
        await involve(t, duplicate.id, searcher.orgId, 'assessment');
        expect(await find(health, 'Көшірмеев Бекзат')).toEqual([duplicate.id]);
        await t.http.post(`/api/v1/children/${survivor.id}/merge`).set(await head.auth()).send({ duplicateId: duplicate.id }).expect(200);
        for (const who of [health, searcher]) {
          expect(await find(who, 'Көшірмеев Бекзат')).toEqual([]);
          expect(await find(who, 'Құрманғалиев Бекзат')).toEqual([survivor.id]);
        }
      });
    });

    // Name search answers first from the organisation's term ranges (org_search_terms, kept by triggers:
    // migration 1795584100000), IIN prefix search only from them.
    describe('from the organisation\'s own terms', () => {
      const terms = async (childId: string, orgId: string) =>
        (await t.db.query(`SELECT term FROM org_search_terms WHERE child_id = $1 AND org_id = $2 ORDER BY term`, [childId, orgId])).map((row: { term: string }) => row.term);
      const page = async (who: CaseWorker, query: Record<string, unknown>) => (await t.http.get('/api/v1/children').query(query).set(await who.auth()).expect(200)).body;
      const all = async (who: CaseWorker, query: Record<string, unknown>) => {
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const body: { items: { id: string }[]; nextCursor: string | null } = await page(who, { ...query, limit: 1, ...(cursor ? { cursor } : {}) });
          seen.push(...body.items.map((item) => item.id));
          cursor = body.nextCursor;
        } while (cursor);
        return seen;
      };

      it('follows involvements, name corrections and an IIN given later, in every organisation involved', async () => {
        // Fresh users of the same organisations: the look-up limit counts searches per user.
        const pmpcUser = await newCaseWorker(t, admin, 'pmpc', ['pmpc_specialist'], SHYMKENT, searcher.orgId);
        const roomUser = await newCaseWorker(t, admin, 'correction_room', ['correction_specialist'], ZHAMBYL, correction.orgId);
        const child = await newChild(t, searcher, { iinPending: true, lastName: 'Терминов', firstName: 'Әлібек', patronymic: null, sex: 'male', birthDate: '2016-05-05' });
        expect(await terms(child.id, searcher.orgId)).toEqual(['alibek', 'terminov']);
        expect(await terms(child.id, correction.orgId)).toEqual([]);
        await involve(t, child.id, correction.orgId);
        expect(await terms(child.id, correction.orgId)).toEqual(['alibek', 'terminov']);
        const iin = makeIin('2016-05-05', 'male');
        await t.http.patch(`/api/v1/children/${child.id}`).set(await searcher.auth()).set('If-Match', `"${child.version}"`).send({ iin, lastName: 'Өзгертов' }).expect(200);
        for (const who of [pmpcUser, roomUser]) {
          expect(await terms(child.id, who.orgId)).toEqual([iin, 'alibek', 'ozgertov']);
          expect(ids(await t.http.get('/api/v1/children').query({ iin: iin.slice(0, 8) }).set(await who.auth()).expect(200))).toContain(child.id);
        }
        await uninvolve(t, child.id, correction.orgId);
        expect(ids(await t.http.get('/api/v1/children').query({ iin: iin.slice(0, 8) }).set(await roomUser.auth()).expect(200))).not.toContain(child.id);
        const stranger = await newCaseWorker(t, admin, 'school', ['school_coordinator'], PAVLODAR, outsider.orgId);
        expect(ids(await t.http.get('/api/v1/children').query({ iin: iin.slice(0, 8) }).set(await stranger.auth()).expect(200))).not.toContain(child.id);
      });

      it('gives the survivor of a merge the terms of the organisations whose involvements moved', async () => {
        const head = await newCaseWorker(t, admin, 'pmpc', ['pmpc_head'], SHYMKENT, searcher.orgId);
        const survivor = await newChild(t, searcher, { iinPending: true, lastName: 'Қалғанов', firstName: 'Ерасыл', patronymic: null, sex: 'male', birthDate: '2016-04-04' });
        const duplicate = await newChild(t, health, { lastName: 'Қосарлы', firstName: 'Ерасыл', patronymic: null, sex: 'male', birthDate: '2016-04-04' });
        await involve(t, duplicate.id, searcher.orgId, 'assessment');
        expect(await terms(survivor.id, health.orgId)).toEqual([]);
        await t.http.post(`/api/v1/children/${survivor.id}/merge`).set(await head.auth()).send({ duplicateId: duplicate.id }).expect(200);
        const [row] = await t.db.query(`SELECT iin FROM children WHERE id = $1`, [survivor.id]);
        // The survivor takes the duplicate's IIN, in the terms of both organisations.
        expect(row.iin).toBe(duplicate.identity.iin);
        for (const orgId of [health.orgId, searcher.orgId]) expect(await terms(survivor.id, orgId)).toEqual([row.iin, 'erasil', 'kalganov']);
        expect(await terms(duplicate.id, health.orgId)).toEqual(['erasil', 'kosarli']);
      });

      it('pages without repeats or gaps, in word-similarity order, from the keys of similarity 1 into the near matches', async () => {
        const exact: string[] = [];
        for (let i = 0; i < 3; i++) exact.push((await newChild(t, searcher, { lastName: 'Шекаралы', firstName: 'Томирис', patronymic: null, birthDate: `2018-01-0${i + 1}` })).id);
        // Every word of the query, but another between them: 0.75, below the near spelling's 0.77.
        const apart = (await newChild(t, searcher, { lastName: 'Шекаралы', firstName: 'Айгүл', patronymic: 'Томирис', birthDate: '2018-01-08' })).id;
        const near = (await newChild(t, searcher, { lastName: 'Шекаралиева', firstName: 'Томирис', patronymic: null, birthDate: '2018-01-09' })).id;
        const reader = await newCaseWorker(t, admin, 'pmpc', ['pmpc_specialist'], SHYMKENT, searcher.orgId);
        expect(await all(reader, { q: 'Томирис Шекаралы' })).toEqual([...[...exact].sort(), near, apart]);
        const first = await page(reader, { q: 'Shekarali Tomiris', limit: 2 });
        expect(first.items.map((item: { id: string }) => item.id)).toEqual([...exact].sort().slice(0, 2));
      });

      it('finds the user\'s own break-glass cases by all their words, a page at a time, and no one else\'s', async () => {
        const opened: string[] = [];
        const colleague = await newCaseWorker(t, admin, 'polyclinic', ['health_worker'], ZHAMBYL, health.orgId);
        for (let i = 0; i < 2; i++) {
          const child = await newChild(t, searcher, { lastName: 'Жеделова', firstName: 'Аружан', patronymic: null, birthDate: '2018-09-0' + (i + 1) });
          await t.http.post('/api/v1/break-glass').set(await health.auth()).send({ iin: child.identity.iin, reason: 'Бала жедел жәрдеммен түсті, диагнозы керек', hours: 1 }).expect(201);
          opened.push(child.id);
        }
        expect(await all(health, { q: 'Аружан Жеделова' })).toEqual([...opened].sort());
        expect(await all(colleague, { q: 'Аружан Жеделова' })).toEqual([]);
        const prefix = opened.length && (await t.db.query(`SELECT iin FROM children WHERE id = $1`, [opened[0]]))[0].iin.slice(0, 6);
        expect(ids(await t.http.get('/api/v1/children').query({ iin: prefix }).set(await health.auth()).expect(200))).toContain(opened[0]);
        expect(ids(await t.http.get('/api/v1/children').query({ iin: prefix }).set(await colleague.auth()).expect(200))).not.toContain(opened[0]);
      });
    });

    it('refuses a cursor from another order, or forged, with 400', async () => {
      const first = await t.http.get('/api/v1/children').query({ limit: 1 }).set(await searcher.auth()).expect(200);
      const res = await t.http.get('/api/v1/children').query({ q: 'Alikhan', cursor: first.body.nextCursor }).set(await searcher.auth());
      expect(res.status).toBe(400);
      const forged = Buffer.from(JSON.stringify(['r', 0.5, "1' OR 1=1"])).toString('base64url');
      expect((await t.http.get('/api/v1/children').query({ q: 'Alikhan', cursor: forged }).set(await searcher.auth())).status).toBe(400);
    });
  });

  describe('changing the record', () => {
    it('changes identity with If-Match; a stale version is 412, a missing one 428', async () => {
      const child = await newChild(t, school);
      const v = child.version;
      const ok = await t.http.patch(`/api/v1/children/${child.id}`).set(await school.auth()).set('If-Match', `"${v}"`).send({ firstName: 'Әлима', kato: PAVLODAR }).expect(200);
      expect(ok.body).toMatchObject({ version: v + 1, identity: { firstName: 'Әлима', kato: PAVLODAR } });
      expect(ok.headers.etag).toBe(`"${v + 1}"`);
      const stale = await t.http.patch(`/api/v1/children/${child.id}`).set(await school.auth()).set('If-Match', `"${v}"`).send({ firstName: 'Басқа' });
      expect(stale.status).toBe(412);
      expect(stale.body).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: v + 1 });
      const missing = await t.http.patch(`/api/v1/children/${child.id}`).set(await school.auth()).send({ firstName: 'Басқа' });
      expect(missing.status).toBe(428);
      const garbage = await t.http.patch(`/api/v1/children/${child.id}`).set(await school.auth()).set('If-Match', 'yesterday').send({ firstName: 'Басқа' });
      expect(garbage.status).toBe(400);
      const after = await t.http.get(`/api/v1/children/${child.id}`).set(await school.auth()).expect(200);
      expect(after.body.identity.firstName).toBe('Әлима');
      // The trail names the personal fields that changed, never their values.
      const [event] = await t.db.query(`SELECT changes FROM audit_events WHERE action = 'child.update' AND resource_id = $1 AND outcome = 'allowed'`, [child.id]);
      expect(event.changes.fields).toEqual({ firstName: {}, kato: { from: ZHAMBYL, to: PAVLODAR }, version: { from: v, to: v + 1 } });
      expect(JSON.stringify(event)).not.toContain('Әлима');
    });

    it('gives a child registered without an IIN its IIN later, validated the same way', async () => {
      const child = await newChild(t, health, { iinPending: true, lastName: 'Жаңа', firstName: 'Туған', birthDate: '2026-11-01', sex: 'male' });
      expect(child.identity).toMatchObject({ iin: null, iinPending: true });
      const wrongDate = await t.http.patch(`/api/v1/children/${child.id}`).set(await health.auth()).set('If-Match', `"${child.version}"`).send({ iin: makeIin('2026-11-02', 'male') });
      expect(wrongDate.status).toBe(422);
      expect(wrongDate.body.errors).toEqual([expect.objectContaining({ field: 'birthDate', code: 'IIN_MISMATCH' })]);
      const bad = await t.http.patch(`/api/v1/children/${child.id}`).set(await health.auth()).set('If-Match', `"${child.version}"`).send({ iin: withWrongCheckDigit(makeIin('2026-11-01', 'male')) });
      expect(bad.status).toBe(400);
      const iin = makeIin('2026-11-01', 'male');
      const ok = await t.http.patch(`/api/v1/children/${child.id}`).set(await health.auth()).set('If-Match', `"${child.version}"`).send({ iin }).expect(200);
      expect(ok.body.identity).toMatchObject({ iin, iinPending: false });
      const taken = await newChild(t, health);
      const dup = await t.http.patch(`/api/v1/children/${taken.id}`).set(await health.auth()).set('If-Match', `"${taken.version}"`).send({ iin, birthDate: '2026-11-01', sex: 'male' });
      expect(dup.status).toBe(409);
      expect(dup.body).toMatchObject({ code: 'DUPLICATE_CHILD', existingId: child.id });
    });

    it('refuses null for a required field', async () => {
      const child = await newChild(t, school);
      const res = await t.http.patch(`/api/v1/children/${child.id}`).set(await school.auth()).set('If-Match', `"${child.version}"`).send({ lastName: null, kato: null });
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['kato', 'lastName']);
    });

    it('closes with a reason and reopens; a closed case takes no changes but consent withdrawal', async () => {
      const child = await newChild(t, school);
      const consent = await t.http.post(`/api/v1/children/${child.id}/consents`).set(await school.auth()).send({ kind: 'services', guardianId: child.guardians[0].id }).expect(201);
      const closed = await t.http.post(`/api/v1/children/${child.id}/close`).set(await school.auth()).send({ reason: 'Отбасымен басқа елге көшті' }).expect(200);
      expect(closed.body).toMatchObject({ status: 'closed', closedReason: 'Отбасымен басқа елге көшті', closedAt: expect.any(String) });
      const again = await t.http.post(`/api/v1/children/${child.id}/close`).set(await school.auth()).send({ reason: 'again' });
      expect([again.status, again.body.code]).toEqual([422, 'TRANSITION_NOT_ALLOWED']);
      const patch = await t.http.patch(`/api/v1/children/${child.id}`).set(await school.auth()).set('If-Match', `"${closed.body.version}"`).send({ firstName: 'Басқа' });
      expect([patch.status, patch.body.code]).toEqual([422, 'CASE_CLOSED']);
      const guardian = await t.http.post(`/api/v1/children/${child.id}/guardians`).set(await school.auth()).send({ fullName: 'Ата Апа', relation: 'grandparent' });
      expect([guardian.status, guardian.body.code]).toEqual([422, 'CASE_CLOSED']);
      await t.http.post(`/api/v1/consents/${consent.body.id}/withdraw`).set(await school.auth()).expect(200);
      const reopened = await t.http.post(`/api/v1/children/${child.id}/reopen`).set(await school.auth()).send({}).expect(200);
      expect(reopened.body).toMatchObject({ status: 'open', closedReason: null, closedAt: null });
      const closeWithout = await t.http.post(`/api/v1/children/${child.id}/close`).set(await school.auth()).send({});
      expect(closeWithout.status).toBe(400);
      expect(closeWithout.body.errors[0].field).toBe('reason');
    });

    it('adds, corrects (If-Match) and ends guardians; an ended one keeps its record and consents', async () => {
      const child = await newChild(t, social);
      const added = await t.http
        .post(`/api/v1/children/${child.id}/guardians`)
        .set(await social.auth())
        .send({ iin: makeIin('1960-02-02', 'female'), fullName: 'Ахметова Бибігүл', relation: 'grandparent', phone: '+77471234567' })
        .expect(201);
      expect(added.headers.etag).toBe('"1"');
      const consent = await t.http.post(`/api/v1/children/${child.id}/consents`).set(await social.auth()).send({ kind: 'services', guardianId: added.body.id }).expect(201);
      const stale = await t.http.patch(`/api/v1/children/${child.id}/guardians/${added.body.id}`).set(await social.auth()).set('If-Match', '"7"').send({ relation: 'guardian' });
      expect(stale.status).toBe(412);
      const fixed = await t.http.patch(`/api/v1/children/${child.id}/guardians/${added.body.id}`).set(await social.auth()).set('If-Match', '"1"').send({ relation: 'guardian', phone: null }).expect(200);
      expect(fixed.body).toMatchObject({ relation: 'guardian', phone: null, version: 2 });
      const ended = await t.http.delete(`/api/v1/children/${child.id}/guardians/${added.body.id}`).set(await social.auth()).expect(200);
      expect(ended.body).toMatchObject({ active: false, endedAt: expect.any(String) });
      const view = await t.http.get(`/api/v1/children/${child.id}`).set(await social.auth()).expect(200);
      expect(view.body.guardians.map((g: { id: string }) => g.id)).not.toContain(added.body.id);
      const all = await t.http.get(`/api/v1/children/${child.id}/guardians`).set(await social.auth()).expect(200);
      expect(all.body.map((g: { id: string }) => g.id)).toContain(added.body.id);
      expect(view.body.consents.map((c: { id: string }) => c.id)).toContain(consent.body.id);
      const byEnded = await t.http.post(`/api/v1/children/${child.id}/consents`).set(await social.auth()).send({ kind: 'services', guardianId: added.body.id });
      expect(byEnded.status).toBe(400);
      expect(byEnded.body.errors).toEqual([expect.objectContaining({ field: 'guardianId', code: 'UNKNOWN_GUARDIAN' })]);
      const other = await newChild(t, social);
      const foreignGuardian = await t.http.post(`/api/v1/children/${other.id}/consents`).set(await social.auth()).send({ kind: 'services', guardianId: child.guardians[0].id });
      expect(foreignGuardian.body.errors).toEqual([expect.objectContaining({ field: 'guardianId', code: 'UNKNOWN_GUARDIAN' })]);
    });
  });

  describe('duplicates and merge', () => {
    it('refuses a second record with the same IIN, naming the existing one only to those who see it', async () => {
      const child = await newChild(t, pmpc);
      const iin = child.identity.iin as string;
      const body = { iin, lastName: 'Екінші', firstName: 'Жазба', kato: ZHAMBYL };
      const mine = await t.http.post('/api/v1/children').set(await pmpc.auth()).send(body);
      expect(mine.status).toBe(409);
      expect(mine.body).toMatchObject({ code: 'DUPLICATE_CHILD', existingId: child.id });
      const theirs = await t.http.post('/api/v1/children').set(await outsiderHealth.auth()).send(body);
      expect(theirs.status).toBe(409);
      expect(theirs.body.code).toBe('DUPLICATE_CHILD');
      expect(theirs.body).not.toHaveProperty('existingId');
      expect(JSON.stringify(theirs.body)).not.toContain(child.id);
    });

    it('offers visible look-alikes before registering without an IIN, and on GET /children/duplicates', async () => {
      const original = await newChild(t, pmpc, { lastName: 'Омарова', firstName: 'Жансая', birthDate: '2018-03-03' });
      const candidates = await t.http.get('/api/v1/children/duplicates').query({ lastName: 'Omarova', firstName: 'Zhansaia', birthDate: '2018-03-03' }).set(await pmpc.auth()).expect(200);
      expect(candidates.body.items).toEqual([expect.objectContaining({ id: original.id, similarity: expect.any(Number), identity: expect.objectContaining({ lastName: 'Омарова' }) })]);
      const otherDay = await t.http.get('/api/v1/children/duplicates').query({ lastName: 'Omarova', firstName: 'Zhansaia', birthDate: '2018-03-04' }).set(await pmpc.auth()).expect(200);
      expect(otherDay.body.items).toEqual([]);
      const hidden = await t.http.get('/api/v1/children/duplicates').query({ lastName: 'Omarova', firstName: 'Zhansaia', birthDate: '2018-03-03' }).set(await outsider.auth()).expect(200);
      expect(hidden.body.items).toEqual([]);

      const body = { iinPending: true, lastName: 'Omarova', firstName: 'Jansaya', birthDate: '2018-03-03', sex: 'female', kato: ZHAMBYL };
      const refused = await t.http.post('/api/v1/children').set(await pmpc.auth()).send(body);
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ code: 'POSSIBLE_DUPLICATE', candidates: [expect.objectContaining({ id: original.id })], otherCandidates: 0 });
      // Someone who cannot see the look-alike is told it exists, never which one it is.
      const blind = await t.http.post('/api/v1/children').set(await outsider.auth()).send(body);
      expect(blind.status).toBe(409);
      expect(blind.body).toMatchObject({ code: 'POSSIBLE_DUPLICATE', candidates: [], otherCandidates: 1 });
      expect(JSON.stringify(blind.body)).not.toContain(original.id);
      await t.http.post('/api/v1/children').set(await pmpc.auth()).send({ ...body, confirmNew: true }).expect(201);
    });

    describe('a mistyped IIN does not make a silent duplicate', () => {
      let original: RegisteredChild;
      beforeAll(async () => {
        // The first child born on this day in this file, registered with no duplicate to confirm.
        original = await newChild(t, pmpc, { lastName: 'Ахметова', firstName: 'Әлия', patronymic: undefined, birthDate: BORN, confirmNew: false });
      });
      const BORN = '2019-07-21';
      const registration = (lastName: string, firstName: string) => ({
        iin: makeIin(BORN, 'female'), lastName, firstName, birthDate: BORN, sex: 'female', kato: ZHAMBYL,
      });

      it.each([
        ['Ахметова', 'Алия'],
        ['Ахметова', 'Әлия'],
        ['Akhmetova', 'Aliya'],
        ['Ahmetova', 'Aliia'],
      ])('%s %s with another valid IIN and the same birth date → 409 POSSIBLE_DUPLICATE, nothing written', async (lastName, firstName) => {
        const [{ n: before }] = await t.db.query(`SELECT count(*)::int AS n FROM children`);
        const res = await t.http.post('/api/v1/children').set(await pmpc.auth()).send(registration(lastName, firstName));
        expect(res.status).toBe(409);
        expect(res.body.code).toBe('POSSIBLE_DUPLICATE');
        expect(res.body.candidates.map((c: { id: string }) => c.id)).toContain(original.id);
        const [{ n: after }] = await t.db.query(`SELECT count(*)::int AS n FROM children`);
        expect(after).toBe(before);
      });

      it('lists only candidates the actor may see, counting the others', async () => {
        const res = await t.http.post('/api/v1/children').set(await outsiderHealth.auth()).send(registration('Ахметова', 'Алия'));
        expect(res.status).toBe(409);
        expect(res.body.candidates.map((c: { id: string }) => c.id)).not.toContain(original.id);
        expect(res.body.otherCandidates).toBeGreaterThanOrEqual(1);
        expect(JSON.stringify(res.body)).not.toContain(original.id);
      });

      it('registers with confirmNew: true, and the trail says so', async () => {
        const res = await t.http.post('/api/v1/children').set(await pmpc.auth()).send({ ...registration('Ахметова', 'Алия'), confirmNew: true }).expect(201);
        const [event] = await t.db.query(`SELECT changes FROM audit_events WHERE child_id = $1 AND action = 'child.create' ORDER BY id DESC LIMIT 1`, [res.body.id]);
        expect(event.changes.fields.confirmNew).toEqual({ from: null, to: true });
      });

      it('does not stop a child of another birth date or name', async () => {
        await t.http.post('/api/v1/children').set(await pmpc.auth()).send({ ...registration('Ахметова', 'Алия'), birthDate: '2019-07-22', iin: makeIin('2019-07-22', 'female') }).expect(201);
        await t.http.post('/api/v1/children').set(await pmpc.auth()).send(registration('Сейтқали', 'Нұрлан')).expect(201);
      });
    });

    it('merges a duplicate into the survivor: its guardians, consents, involvements move; it becomes a tombstone', async () => {
      const survivor = await newChild(t, pmpc, { iinPending: true, lastName: 'Тәжібаев', firstName: 'Ерасыл', sex: 'male', birthDate: '2016-09-09' });
      const duplicate = await newChild(t, health, {
        lastName: 'Таджибаев', firstName: 'Ерасыл', sex: 'male', birthDate: '2016-09-09',
        guardians: [{ fullName: 'Таджибаева Сауле', relation: 'mother' }],
      });
      await involve(t, duplicate.id, pmpc.orgId, 'assessment');
      const consent = await t.http.post(`/api/v1/children/${duplicate.id}/consents`).set(await health.auth()).send({ kind: 'assessment', guardianId: duplicate.guardians[0].id }).expect(201);

      const self = await t.http.post(`/api/v1/children/${survivor.id}/merge`).set(await pmpcHead.auth()).send({ duplicateId: survivor.id });
      expect(self.status).toBe(400);
      const res = await t.http.post(`/api/v1/children/${survivor.id}/merge`).set(await pmpcHead.auth()).send({ duplicateId: duplicate.id }).expect(200);
      expect(res.body.identity).toMatchObject({ lastName: 'Тәжібаев', iin: duplicate.identity.iin, iinPending: false });
      expect(res.body.guardians.map((g: { fullName: string }) => g.fullName)).toEqual(expect.arrayContaining(['Ахметова Гүлнар', 'Таджибаева Сауле']));
      expect(res.body.consents.map((c: { id: string }) => c.id)).toContain(consent.body.id);

      // The health worker's involvement moved with the record: it now sees the survivor.
      await t.http.get(`/api/v1/children/${survivor.id}`).set(await health.auth()).expect(200);
      const tombstone = await t.http.get(`/api/v1/children/${duplicate.id}`).set(await health.auth());
      expect(tombstone.status).toBe(404);
      expect(tombstone.body).toMatchObject({ code: 'CHILD_MERGED', mergedInto: survivor.id });
      const stranger = await t.http.get(`/api/v1/children/${duplicate.id}`).set(await outsider.auth());
      expect([stranger.status, stranger.body.code]).toEqual([404, 'NOT_FOUND']);
      expect(stranger.body).not.toHaveProperty('mergedInto');
      const [row] = await t.db.query(`SELECT status, merged_into, iin FROM children WHERE id = $1`, [duplicate.id]);
      expect(row).toEqual({ status: 'merged', merged_into: survivor.id, iin: null });
      const search = await t.http.get('/api/v1/children').query({ q: 'Ерасыл' }).set(await pmpc.auth()).expect(200);
      expect(search.body.items.map((i: { id: string }) => i.id)).toEqual([survivor.id]);
      const again = await t.http.post(`/api/v1/children/${survivor.id}/merge`).set(await pmpcHead.auth()).send({ duplicateId: duplicate.id });
      expect(again.status).toBe(404);
      const audited = await t.db.query(
        `SELECT action, resource_id FROM audit_events WHERE action IN ('child.merge', 'child.merged_into') AND outcome = 'allowed' AND resource_id = ANY($1) ORDER BY id`,
        [[survivor.id, duplicate.id]],
      );
      expect(audited).toEqual([{ action: 'child.merged_into', resource_id: duplicate.id }, { action: 'child.merge', resource_id: survivor.id }]);
    });

    it('refuses to merge two records with different IINs (two children), and a record one cannot see', async () => {
      const a = await newChild(t, pmpc);
      const b = await newChild(t, pmpc);
      const res = await t.http.post(`/api/v1/children/${a.id}/merge`).set(await pmpcHead.auth()).send({ duplicateId: b.id });
      expect([res.status, res.body.code]).toEqual([422, 'MERGE_IIN_CONFLICT']);
      const foreign = await newChild(t, outsider);
      await t.http.post(`/api/v1/children/${a.id}/merge`).set(await pmpcHead.auth()).send({ duplicateId: foreign.id }).expect(404);
      expect((await t.db.query(`SELECT status FROM children WHERE id = ANY($1)`, [[a.id, b.id, foreign.id]])).every((r: { status: string }) => r.status === 'open')).toBe(true);
    });
  });

  describe('timeline', () => {
    it('lists what happened across agencies in time order, redacted like the case, paged', async () => {
      t.clock.set(NOW);
      const child = await newChild(t, pmpc, { lastName: 'Уақыт', firstName: 'Сызығы' });
      await involve(t, child.id, health.orgId);
      await involve(t, child.id, social.orgId);
      await involve(t, child.id, school.orgId);
      const step = async (worker: CaseWorker, method: 'post' | 'put', path: string, body: Record<string, unknown>) => {
        t.clock.advance(MINUTE);
        const res = await t.http[method](`/api/v1/children/${child.id}${path}`).set(await worker.auth()).send(body);
        expect(res.status).toBeLessThan(300);
      };
      await step(school, 'post', '/guardians', { fullName: 'Уақыт Әке', relation: 'father' });
      await step(pmpc, 'post', '/consents', { kind: 'assessment', guardianId: child.guardians[0].id });
      await step(health, 'post', '/diagnoses', { icd10: 'G80.1', date: '2023-01-10' });
      await step(social, 'put', '/disability', { status: 'under_review' });
      await step(pmpc, 'post', '/close', { reason: 'Қызмет аяқталды' });
      await step(pmpc, 'post', '/reopen', {});

      const all = await t.http.get(`/api/v1/children/${child.id}/timeline`).set(await pmpc.auth()).expect(200);
      expect(all.body.items.map((e: { kind: string }) => e.kind)).toEqual([
        'child.registered', 'guardian.added', 'guardian.added', 'consent.granted', 'diagnosis.recorded', 'disability.recorded', 'child.closed', 'child.reopened',
      ]);
      const times = all.body.items.map((e: { at: string }) => e.at);
      expect([...times].sort()).toEqual(times);
      expect(all.body.items[4]).toMatchObject({ section: 'diagnoses', organization: { id: health.orgId, sector: 'health' }, details: { icd10: 'G80.1' } });
      expect(all.body.items[0].organization).toMatchObject({ id: pmpc.orgId, sector: 'education' });
      expect(JSON.stringify(all.body)).not.toContain('Уақыт');

      const bySchool = await t.http.get(`/api/v1/children/${child.id}/timeline`).set(await school.auth()).expect(200);
      expect(bySchool.body.items.map((e: { kind: string }) => e.kind)).toEqual(['child.registered', 'guardian.added', 'guardian.added', 'consent.granted', 'child.closed', 'child.reopened']);
      const bySocial = await t.http.get(`/api/v1/children/${child.id}/timeline`).set(await social.auth()).expect(200);
      expect(bySocial.body.items.map((e: { kind: string }) => e.kind)).not.toContain('diagnosis.recorded');
      expect(bySocial.body.items.map((e: { kind: string }) => e.kind)).toContain('disability.recorded');

      const paged: string[] = [];
      let cursor: string | null = null;
      do {
        const res: Response = await t.http.get(`/api/v1/children/${child.id}/timeline`).query({ limit: 3, ...(cursor ? { cursor } : {}) }).set(await pmpc.auth()).expect(200);
        paged.push(...res.body.items.map((e: { id: string }) => e.id));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(paged).toEqual(all.body.items.map((e: { id: string }) => e.id));
      const forged = Buffer.from(JSON.stringify(['yesterday', '1'])).toString('base64url');
      await t.http.get(`/api/v1/children/${child.id}/timeline`).query({ cursor: forged }).set(await pmpc.auth()).expect(400);
    });
  });

  describe('bad input: 400 naming every field, nothing written, never a 5xx', () => {
    const valid = () => ({
      iin: makeIin('2019-05-14', 'female'), lastName: 'Ахметова', firstName: 'Әлия', birthDate: '2019-05-14', sex: 'female', kato: ZHAMBYL, confirmNew: true,
      guardians: [{ fullName: 'Ахметова Гүлнар', relation: 'mother', phone: '+77011234567' }],
    });
    const guardian = (g: Record<string, unknown>) => ({ guardians: [{ fullName: 'Ахметова Гүлнар', relation: 'mother', ...g }] });

    it.each([
      [{ lastName: 'А'.repeat(101) }, 'lastName', 'NAME_INVALID'],
      [{ lastName: 'Ахметова\u0000' }, 'lastName', 'TEXT_INVALID'],
      [{ lastName: 'Ахметова\u202E' }, 'lastName', 'NAME_INVALID'],
      [{ lastName: 'Ахметова2' }, 'lastName', 'NAME_INVALID'],
      [{ lastName: ' Ахметова' }, 'lastName', 'NAME_INVALID'],
      [{ firstName: undefined }, 'firstName', 'NAME_INVALID'],
      [{ firstName: null }, 'firstName', 'NULL_NOT_ALLOWED'],
      [{ patronymic: 42 }, 'patronymic', 'NAME_INVALID'],
      [{ birthDate: '2019-02-30' }, 'birthDate', 'INVALID_DATE'],
      [{ birthDate: '14.05.2019' }, 'birthDate', 'INVALID_DATE'],
      [{ birthDate: '2019-05-14T00:00:00Z' }, 'birthDate', 'INVALID_DATE'],
      [{ sex: 'f' }, 'sex', 'NOT_ALLOWED_VALUE'],
      [{ kato: '31000000' }, 'kato', 'KATO_INVALID'],
      [{ kato: '３１００００００' }, 'kato', 'KATO_INVALID'],
      [{ kato: '990000000' }, 'kato', 'UNKNOWN_REGION'],
      [{ address: 'x'.repeat(301) }, 'address', 'TOO_LONG'],
      [{ address: 'Астана\u0007' }, 'address', 'TEXT_INVALID'],
      [{ address: 'бірінші жол\nекінші жол' }, 'address', 'TEXT_INVALID'],
      [{ iinPending: 'yes' }, 'iinPending', 'NOT_A_BOOLEAN'],
      [{ colour: 'red' }, 'colour', 'UNKNOWN_FIELD'],
      [{ guardians: 'mother' }, 'guardians', 'NOT_AN_ARRAY'],
      [{ guardians: Array(7).fill({ fullName: 'Ана', relation: 'mother' }) }, 'guardians', 'ARRAY_MAX_SIZE'],
      [guardian({ relation: 'aunt' }), 'guardians.0.relation', 'NOT_ALLOWED_VALUE'],
      [guardian({ phone: '+79161234567' }), 'guardians.0.phone', 'PHONE_INVALID'],
      [guardian({ phone: '8 701 123 45 67' }), 'guardians.0.phone', 'PHONE_INVALID'],
      [guardian({ iin: '123' }), 'guardians.0.iin', 'IIN_INVALID'],
      [guardian({ fullName: '' }), 'guardians.0.fullName', 'NAME_INVALID'],
      [guardian({ role: 'boss' }), 'guardians.0.role', 'UNKNOWN_FIELD'],
    ])('%j → 400 %s %s', async (override, field, code) => {
      const before = [await count('children'), await count('guardians'), await count('involvements')];
      const res = await t.http.post('/api/v1/children').set(await pmpc.auth()).send({ ...valid(), ...override });
      expect(res.status).toBe(400);
      expect(res.body.errors).toContainEqual(expect.objectContaining({ field, code }));
      expect([await count('children'), await count('guardians'), await count('involvements')]).toEqual(before);
    });

    it('names every invalid field of one request', async () => {
      const res = await t.http
        .post('/api/v1/children')
        .set(await pmpc.auth())
        .send({ iin: '١٢', lastName: '', firstName: 'A1', birthDate: 'soon', sex: 'x', kato: 'Astana', address: '\u0007', guardians: [{ relation: 'x', phone: '1' }] });
      expect(res.status).toBe(400);
      const fields = new Set(res.body.errors.map((e: { field: string }) => e.field));
      expect([...fields].sort()).toEqual(
        ['address', 'birthDate', 'firstName', 'guardians.0.fullName', 'guardians.0.phone', 'guardians.0.relation', 'iin', 'kato', 'lastName', 'sex'].sort(),
      );
    });

    it('writes nothing when a guardian breaks a business rule after the child was inserted', async () => {
      const before = await count('children');
      const input = valid();
      const res = await t.http.post('/api/v1/children').set(await pmpc.auth()).send({ ...input, guardians: [{ iin: input.iin, fullName: 'Өзі', relation: 'other' }] });
      expect([res.status, res.body.code]).toEqual([422, 'GUARDIAN_IS_CHILD']);
      expect(await count('children')).toBe(before);
    });

    it.each([
      [{ kind: 'consent' }, 'kind', 'NOT_ALLOWED_VALUE'],
      [{ kind: 'data_sharing' }, 'sector', 'REQUIRED'],
      [{ kind: 'data_sharing', sector: 'police' }, 'sector', 'NOT_ALLOWED_VALUE'],
      [{ kind: 'assessment', sector: 'health' }, 'sector', 'NOT_ALLOWED_HERE'],
      [{ kind: 'services', guardianId: 'nobody' }, 'guardianId', 'INVALID_UUID'],
      [{ kind: 'services', guardianId: '00000000-0000-4000-8000-000000000000' }, 'guardianId', 'UNKNOWN_GUARDIAN'],
      [{ kind: 'services', expiresAt: 'tomorrow' }, 'expiresAt', 'INVALID_DATE'],
      [{ kind: 'services', expiresAt: '2020-01-01' }, 'expiresAt', 'DATE_NOT_IN_FUTURE'],
      [{ kind: 'services', expiresAt: '2027-01-01T10:00:00' }, 'expiresAt', 'INVALID_DATE'],
    ])('consent %j → 400 %s %s', async (input, field, code) => {
      const child = await newChild(t, pmpc);
      const before = await count('consents');
      const res = await t.http.post(`/api/v1/children/${child.id}/consents`).set(await pmpc.auth()).send({ guardianId: child.guardians[0].id, ...input });
      expect(res.status).toBe(400);
      expect(res.body.errors).toContainEqual(expect.objectContaining({ field, code }));
      expect(await count('consents')).toBe(before);
    });

    it.each([
      [{ icd10: 'f84.0', date: '2024-01-01' }, 'icd10', 'ICD10_INVALID'],
      [{ icd10: 'F84.0 ', date: '2024-01-01' }, 'icd10', 'ICD10_INVALID'],
      [{ icd10: 'F84.0', date: '2030-01-01' }, 'date', 'DATE_IN_FUTURE'],
      [{ icd10: 'F84.0', date: '2010-01-01' }, 'date', 'DATE_BEFORE_BIRTH'],
      [{ icd10: 'F84.0', date: '2024-01-01', establishedByOrgId: '00000000-0000-4000-8000-000000000000' }, 'establishedByOrgId', 'UNKNOWN_ORGANIZATION'],
    ])('diagnosis %j → 400 %s %s', async (input, field, code) => {
      const child = await newChild(t, health);
      const res = await t.http.post(`/api/v1/children/${child.id}/diagnoses`).set(await health.auth()).send(input);
      expect(res.status).toBe(400);
      expect(res.body.errors).toContainEqual(expect.objectContaining({ field, code }));
    });

    it.each([
      [{ status: 'established' }, 'establishedOn', 'REQUIRED'],
      [{ status: 'established', establishedOn: '2024-05-01', reviewOn: '2024-04-01' }, 'reviewOn', 'DATE_BEFORE_ESTABLISHED'],
      [{ status: 'gone' }, 'status', 'NOT_ALLOWED_VALUE'],
      [{ status: 'ended', certificateNo: '<script>' }, 'certificateNo', 'INVALID_FORMAT'],
    ])('disability %j → 400 %s %s', async (input, field, code) => {
      const child = await newChild(t, social);
      const res = await t.http.put(`/api/v1/children/${child.id}/disability`).set(await social.auth()).send(input);
      expect(res.status).toBe(400);
      expect(res.body.errors).toContainEqual(expect.objectContaining({ field, code }));
    });

    it('answers malformed ids with 400 and odd bodies with 4xx on every route, never a 5xx', async () => {
      const child = await newChild(t, pmpc);
      const bodies: unknown[] = [null, [], 'text', 42, true, { lastName: {} }, { guardians: [null] }, { guardians: [[]] }, { reason: ['x'] }, { duplicateId: 7 }, { a: { b: { c: { d: 1 } } } }];
      const paths = [
        ['post', '/api/v1/children'], ['patch', `/api/v1/children/${child.id}`], ['post', `/api/v1/children/${child.id}/close`], ['post', `/api/v1/children/${child.id}/merge`],
        ['post', `/api/v1/children/${child.id}/guardians`], ['post', `/api/v1/children/${child.id}/consents`], ['post', `/api/v1/children/${child.id}/diagnoses`],
        ['put', `/api/v1/children/${child.id}/disability`], ['patch', `/api/v1/children/${child.id}/guardians/${child.guardians[0].id}`],
      ] as const;
      for (const [method, path] of paths) {
        for (const body of bodies) {
          const res = await t.http[method](path).set(await pmpc.auth()).set('If-Match', `"${child.version}"`).set('content-type', 'application/json').send(JSON.stringify(body));
          expect([method, path, JSON.stringify(body), res.status < 500]).toEqual([method, path, JSON.stringify(body), true]);
        }
      }
      for (const path of ['/api/v1/children/not-a-uuid', '/api/v1/children/not-a-uuid/timeline', `/api/v1/children/${child.id}/guardians/x`, '/api/v1/consents/1/withdraw']) {
        const res = await (path.endsWith('withdraw') ? t.http.post(path) : path.includes('/guardians/') ? t.http.delete(path) : t.http.get(path)).set(await pmpc.auth());
        expect([path, res.status, res.body.errors?.[0]?.code]).toEqual([path, 400, 'INVALID_UUID']);
      }
      const duplicates = await t.http.get('/api/v1/children/duplicates').query({ lastName: 'Ахметова', birthDate: '2019-13-01' }).set(await pmpc.auth());
      expect(duplicates.status).toBe(400);
      expect(duplicates.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['birthDate', 'firstName']);
      const lookup = await t.http.get('/api/v1/children/lookup').query({ iin: '１９０５１４６５００１７' }).set(await pmpc.auth());
      expect(lookup.status).toBe(400);
    });
  });
});
