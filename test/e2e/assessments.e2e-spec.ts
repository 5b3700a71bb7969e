import { AssessmentReviews } from '@qoldau/assessments';
import { ClsService } from 'nestjs-cls';
import type { Response } from 'supertest';
import {
  completeDraft, grantAssessmentConsent, openAssessment, pdfText, reviewDateIn, signedConclusion,
} from '../support/assessments';
import { CaseWorker, involve, newCaseWorker, newChild, RegisteredChild } from '../support/children';
import { asAdmin, PAVLODAR, Session, ZHAMBYL } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

const NOW = '2026-11-25T06:00:00Z';
const DAY = 24 * 60 * 60 * 1000;

describe('assessments: PMPC assessments and signed conclusions', () => {
  let t: TestApp;
  let admin: Session;
  let specialist: CaseWorker;
  let psychologist: CaseWorker;
  let head: CaseWorker;
  let secondHead: CaseWorker;
  let otherHead: CaseWorker;
  let otherSpecialist: CaseWorker;
  let school: CaseWorker;
  let correction: CaseWorker;
  let health: CaseWorker;
  let social: CaseWorker;
  let outsider: CaseWorker;
  let analyst: CaseWorker;

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    admin = await asAdmin(t);
    specialist = await newCaseWorker(t, admin, 'pmpc', ['pmpc_specialist']);
    psychologist = await newCaseWorker(t, admin, 'pmpc', ['pmpc_specialist'], ZHAMBYL, specialist.orgId);
    head = await newCaseWorker(t, admin, 'pmpc', ['pmpc_head'], ZHAMBYL, specialist.orgId);
    secondHead = await newCaseWorker(t, admin, 'pmpc', ['pmpc_head'], ZHAMBYL, specialist.orgId);
    otherHead = await newCaseWorker(t, admin, 'pmpc', ['pmpc_head']);
    otherSpecialist = await newCaseWorker(t, admin, 'pmpc', ['pmpc_specialist'], ZHAMBYL, otherHead.orgId);
    school = await newCaseWorker(t, admin, 'school', ['school_coordinator']);
    correction = await newCaseWorker(t, admin, 'correction_room', ['correction_specialist']);
    health = await newCaseWorker(t, admin, 'polyclinic', ['health_worker']);
    social = await newCaseWorker(t, admin, 'social_protection_office', ['social_worker']);
    outsider = await newCaseWorker(t, admin, 'school', ['school_coordinator'], PAVLODAR);
    analyst = await newCaseWorker(t, admin, 'education_department', ['analyst']);
  });
  afterAll(() => t.close());

  const count = async (sql: string, params: unknown[] = []) => (await t.db.query(`SELECT count(*)::int AS n FROM ${sql}`, params))[0].n as number;
  const codes = (res: Response) => (res.body.errors ?? []).map((e: { field: string; code: string }) => [e.field, e.code]);

  /** A child registered by the PMPC, with an active assessment consent unless told otherwise. */
  async function assessableChild(options: { consent?: boolean } = {}): Promise<RegisteredChild> {
    const child = await newChild(t, specialist);
    if (options.consent !== false) await grantAssessmentConsent(t, specialist, child);
    return child;
  }

  const patch = async (as: CaseWorker, id: string, version: number | null, body: Record<string, unknown>) => {
    const request = t.http.patch(`/api/v1/assessments/${id}`).set(await as.auth());
    if (version !== null) request.set('If-Match', `"${version}"`);
    return request.send(body);
  };
  const sign = async (as: CaseWorker, id: string) => t.http.post(`/api/v1/assessments/${id}/sign`).set(await as.auth());
  const confirm = async (as: CaseWorker, id: string, findings = 'Жеке қорытынды') =>
    t.http.post(`/api/v1/assessments/${id}/confirmations`).set(await as.auth()).send({ findings });
  const caseView = async (as: CaseWorker, childId: string) => (await t.http.get(`/api/v1/children/${childId}`).set(await as.auth()).expect(200)).body;

  describe('opening an assessment', () => {
    it('needs an active assessment consent (422 CONSENT_REQUIRED, nothing written)', async () => {
      const child = await assessableChild({ consent: false });
      const before = await count('assessments');
      const res = await t.http.post(`/api/v1/children/${child.id}/assessments`).set(await specialist.auth()).send(completeDraft(t)).expect(422);
      expect(res.body).toMatchObject({ code: 'CONSENT_REQUIRED', status: 422 });
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(await count('assessments')).toBe(before);
    });

    it('opens a draft: the PMPC gets an assessment involvement, the timeline and the audit trail record it', async () => {
      const child = await assessableChild();
      const res = await t.http.post(`/api/v1/children/${child.id}/assessments`).set(await specialist.auth()).send(completeDraft(t)).expect(201);
      expect(res.headers.etag).toBe(`"${res.body.version}"`);
      expect(res.body).toMatchObject({
        childId: child.id, status: 'draft', pmpc: { id: specialist.orgId }, noSen: false, senCategories: ['speech'], programme: 'adapted',
        formOfEducation: 'inclusive_class', specialConditions: ['speech_therapist'],
        recommendations: { education: 'Логопедпен аптасына екі рет', health: 'Невропатолог кеңесі', social: null },
        protocolNotes: { text: 'Комиссия хаттамасы: сөйлеу тілінің жүйелі бұзылуы', findings: [] },
        openedBy: { id: specialist.userId }, signedAt: null, signedBy: null, commission: [],
      });
      const involvements = await t.db.query(`SELECT kind, source_id, until FROM involvements WHERE child_id = $1 AND org_id = $2 ORDER BY kind`, [child.id, specialist.orgId]);
      expect(involvements).toContainEqual({ kind: 'assessment', source_id: res.body.id, until: null });
      const timeline = await t.http.get(`/api/v1/children/${child.id}/timeline`).set(await specialist.auth()).expect(200);
      expect(timeline.body.items.map((e: { kind: string }) => e.kind)).toContain('assessment.opened');
      const [event] = await t.db.query(`SELECT resource_type, resource_id, child_id, changes FROM audit_events WHERE action = 'assessment.create' AND resource_id = $1`, [res.body.id]);
      expect(event).toMatchObject({ resource_type: 'assessment', child_id: child.id });
      expect(event.changes.fields.protocolNotes).toEqual({});
      expect(event.changes.fields.recommendations).toEqual({});
      expect(event.changes.fields.senCategories).toEqual({ from: null, to: ['speech'] });
    });

    it('keeps one draft per PMPC and child (409 ASSESSMENT_DRAFT_EXISTS with its id)', async () => {
      const child = await assessableChild();
      const first = await openAssessment(t, specialist, child.id);
      const res = await t.http.post(`/api/v1/children/${child.id}/assessments`).set(await head.auth()).send({}).expect(409);
      expect(res.body).toMatchObject({ code: 'ASSESSMENT_DRAFT_EXISTS', existingId: first.id });
    });

    it('refuses a closed case (422 CASE_CLOSED), opening and signing alike', async () => {
      const child = await assessableChild();
      const draft = await openAssessment(t, specialist, child.id, completeDraft(t));
      await t.http.post(`/api/v1/children/${child.id}/close`).set(await specialist.auth()).send({ reason: 'Отбасы көшіп кетті' }).expect(200);
      expect((await sign(head, draft.id)).body.code).toBe('CASE_CLOSED');
      const res = await t.http.post(`/api/v1/children/${child.id}/assessments`).set(await head.auth()).send({});
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('CASE_CLOSED');
    });

    it('is for PMPC roles (403) on a child their organisation sees (404)', async () => {
      const child = await assessableChild();
      await involve(t, child.id, school.orgId);
      await t.http.post(`/api/v1/children/${child.id}/assessments`).set(await school.auth()).send({}).expect(403);
      await t.http.post(`/api/v1/children/${child.id}/assessments`).set(await otherHead.auth()).send({}).expect(404);
      await t.http.post(`/api/v1/children/00000000-0000-4000-8000-000000000000/assessments`).set(await specialist.auth()).send({}).expect(404);
      await t.http.post(`/api/v1/children/not-a-uuid/assessments`).set(await specialist.auth()).send({}).expect(400);
    });
  });

  describe('bad input: 400 naming each field, nothing written, never a 5xx', () => {
    let fresh: RegisteredChild;
    let draft: { id: string; version: number };
    beforeAll(async () => {
      const child = await assessableChild();
      draft = await openAssessment(t, specialist, child.id, completeDraft(t));
      fresh = await assessableChild();
    });

    const CASES: [string, () => Record<string, unknown>, string, string][] = [
      ['a category without its degree', () => ({ senCategories: ['intellectual'] }), 'senCategories', 'UNKNOWN_SEN_CATEGORY'],
      ['an unknown category', () => ({ senCategories: ['speech', 'telepathy'] }), 'senCategories', 'UNKNOWN_SEN_CATEGORY'],
      ['two degrees of one category', () => ({ senCategories: ['intellectual_mild', 'intellectual_severe'] }), 'senCategories', 'CONFLICTING_SEN_CATEGORIES'],
      ['a category twice', () => ({ senCategories: ['speech', 'speech'] }), 'senCategories', 'DUPLICATE_VALUE'],
      ['categories with noSen', () => ({ noSen: true, senCategories: ['speech'] }), 'senCategories', 'NOT_ALLOWED_WITH_NO_SEN'],
      ['categories as a string', () => ({ senCategories: 'speech' }), 'senCategories', 'NOT_AN_ARRAY'],
      ['noSen as null', () => ({ noSen: null }), 'noSen', 'NULL_NOT_ALLOWED'],
      ['an unknown form of education', () => ({ formOfEducation: 'university' }), 'formOfEducation', 'UNKNOWN_FORM_OF_EDUCATION'],
      ['an unknown special condition', () => ({ specialConditions: ['tutor', 'jetpack'] }), 'specialConditions', 'UNKNOWN_SPECIAL_CONDITION'],
      ['an unknown programme', () => ({ programme: 'genius' }), 'programme', 'NOT_ALLOWED_VALUE'],
      ['a review date of today', () => ({ reviewDate: t.clock.today() }), 'reviewDate', 'REVIEW_DATE_OUT_OF_RANGE'],
      ['a review date in the past', () => ({ reviewDate: '2025-01-01' }), 'reviewDate', 'REVIEW_DATE_OUT_OF_RANGE'],
      ['a review date beyond three years', () => ({ reviewDate: '2029-11-26' }), 'reviewDate', 'REVIEW_DATE_OUT_OF_RANGE'],
      ['an impossible review date', () => ({ reviewDate: '2027-02-30' }), 'reviewDate', 'INVALID_DATE'],
      ['a specialist from a school', () => ({ specialists: [{ userId: school.userId, specialty: 'psychologist' }] }), 'specialists.0.userId', 'NOT_A_PMPC_MEMBER'],
      ['a specialist of another PMPC', () => ({ specialists: [{ userId: otherSpecialist.userId, specialty: 'doctor' }] }), 'specialists.0.userId', 'NOT_A_PMPC_MEMBER'],
      ['an unknown user as specialist', () => ({ specialists: [{ userId: '00000000-0000-4000-8000-000000000000', specialty: 'doctor' }] }), 'specialists.0.userId', 'NOT_A_PMPC_MEMBER'],
      [
        'a specialist twice',
        () => ({ specialists: [{ userId: psychologist.userId, specialty: 'psychologist' }, { userId: psychologist.userId, specialty: 'doctor' }] }),
        'specialists.1.userId', 'DUPLICATE_VALUE',
      ],
      ['an unknown specialty', () => ({ specialists: [{ userId: psychologist.userId, specialty: 'astrologer' }] }), 'specialists.0.specialty', 'NOT_ALLOWED_VALUE'],
      ['a control character in recommendations', () => ({ recommendations: { education: 'a\u0000b' } }), 'recommendations.education', 'TEXT_INVALID'],
      ['an unknown recommendation sector', () => ({ recommendations: { sport: 'run' } }), 'recommendations.sport', 'UNKNOWN_FIELD'],
      ['protocol notes far too long', () => ({ protocolNotes: 'а'.repeat(20001) }), 'protocolNotes', 'TOO_LONG'],
      ['an unknown field', () => ({ diagnosis: 'F80.1' }), 'diagnosis', 'UNKNOWN_FIELD'],
    ];

    it.each(CASES)('POST with %s → 400 %s %s', async (_name, body, field, code) => {
      const before = await count('assessments');
      const res = await t.http.post(`/api/v1/children/${fresh.id}/assessments`).set(await specialist.auth()).send(body());
      expect(res.status).toBe(400);
      expect(codes(res)).toContainEqual([field, code]);
      expect(await count('assessments')).toBe(before);
    });

    it.each(CASES)('PATCH with %s → 400 %s %s', async (_name, body, field, code) => {
      const res = await patch(specialist, draft.id, draft.version, body());
      expect(res.status).toBe(400);
      expect(codes(res)).toContainEqual([field, code]);
      const [row] = await t.db.query(`SELECT version FROM assessments WHERE id = $1`, [draft.id]);
      expect(row.version).toBe(draft.version);
    });

    it('reports every bad field at once', async () => {
      const res = await patch(specialist, draft.id, draft.version, { senCategories: ['telepathy'], formOfEducation: 'university', reviewDate: '2025-01-01' });
      expect(res.status).toBe(400);
      expect(codes(res)).toEqual(
        expect.arrayContaining([
          ['senCategories', 'UNKNOWN_SEN_CATEGORY'], ['formOfEducation', 'UNKNOWN_FORM_OF_EDUCATION'], ['reviewDate', 'REVIEW_DATE_OUT_OF_RANGE'],
        ]),
      );
    });

    it.each([['hello', 400], ['[1,2', 400], ['[]', 400], ['"text"', 400], ['null', null]])('a body of %s → %s, never 5xx', async (raw, status) => {
      const res = await t.http
        .patch(`/api/v1/assessments/${draft.id}`).set(await specialist.auth()).set('If-Match', `"${draft.version}"`)
        .set('Content-Type', 'application/json').send(raw);
      if (status !== null) expect(res.status).toBe(status);
      expect(res.status).toBeLessThan(500);
      expect((await t.db.query(`SELECT version FROM assessments WHERE id = $1`, [draft.id]))[0].version).toBe(draft.version);
    });
  });

  describe('drafting with If-Match', () => {
    it('428 without If-Match, 412 when stale, 200 with a new version and ETag', async () => {
      const child = await assessableChild();
      const draft = await openAssessment(t, specialist, child.id);
      expect((await patch(specialist, draft.id, null, { programme: 'special' })).status).toBe(428);
      const stale = await patch(specialist, draft.id, draft.version + 5, { programme: 'special' });
      expect(stale.status).toBe(412);
      expect(stale.body).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: draft.version });
      const res = await patch(specialist, draft.id, draft.version, { programme: 'special', recommendations: { social: 'Әлеуметтік көмек' } });
      expect(res.status).toBe(200);
      expect(res.headers.etag).toBe(`"${draft.version + 1}"`);
      expect(res.body).toMatchObject({ programme: 'special', recommendations: { education: null, health: null, social: 'Әлеуметтік көмек' } });
      // A sector left out is kept, one sent as null is cleared.
      const next = await patch(head, draft.id, res.body.version, { recommendations: { education: 'Мектепте тьютор' } });
      expect(next.body.recommendations).toEqual({ education: 'Мектепте тьютор', health: null, social: 'Әлеуметтік көмек' });
      const cleared = await patch(head, draft.id, next.body.version, { recommendations: { social: null } });
      expect(cleared.body.recommendations).toEqual({ education: 'Мектепте тьютор', health: null, social: null });
      // The audit trail names personal fields without their values.
      const [event] = await t.db.query(
        `SELECT changes FROM audit_events WHERE action = 'assessment.update' AND resource_id = $1 ORDER BY id DESC LIMIT 1`, [draft.id],
      );
      expect(event.changes.fields).toEqual({ recommendations: {} });
    });

    it('an unchanged PATCH changes nothing', async () => {
      const child = await assessableChild();
      const draft = await openAssessment(t, specialist, child.id, { programme: 'general' });
      const res = await patch(specialist, draft.id, draft.version, { programme: 'general' });
      expect(res.status).toBe(200);
      expect(res.body.version).toBe(draft.version);
    });

    it('only the PMPC that opened it edits it: another PMPC 404, other roles 403', async () => {
      const child = await assessableChild();
      await involve(t, child.id, otherHead.orgId);
      await involve(t, child.id, school.orgId);
      const draft = await openAssessment(t, specialist, child.id);
      expect((await patch(otherSpecialist, draft.id, draft.version, { programme: 'general' })).status).toBe(404);
      expect((await patch(school, draft.id, draft.version, { programme: 'general' })).status).toBe(403);
      expect((await patch(specialist, '00000000-0000-4000-8000-000000000000', 1, { programme: 'general' })).status).toBe(404);
    });
  });

  describe('signing', () => {
    it('is for the head of the same PMPC: a specialist 403, the head of another PMPC 404', async () => {
      const child = await assessableChild();
      await involve(t, child.id, otherHead.orgId);
      const draft = await openAssessment(t, specialist, child.id, completeDraft(t));
      const bySpecialist = await sign(specialist, draft.id);
      expect(bySpecialist.status).toBe(403);
      expect((await sign(otherHead, draft.id)).status).toBe(404);
      expect((await sign(school, draft.id)).status).toBe(403);
      const res = await sign(head, draft.id);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'signed', signedBy: { id: head.userId }, signedAt: new Date(NOW).toISOString(), supersedesId: null });
      expect(res.headers.etag).toBe(`"${res.body.version}"`);
      const [event] = await t.db.query(`SELECT changes, outcome FROM audit_events WHERE action = 'assessment.sign' AND resource_id = $1 AND outcome = 'allowed'`, [draft.id]);
      expect(event.changes.fields).toMatchObject({ status: { from: 'draft', to: 'signed' }, signedBy: { from: null, to: head.userId } });
      const denied = await t.db.query(`SELECT actor_user_id FROM audit_events WHERE action = 'assessment.sign' AND resource_id = $1 AND outcome = 'denied'`, [draft.id]);
      expect(denied.map((d: { actor_user_id: string }) => d.actor_user_id)).toEqual(expect.arrayContaining([specialist.userId, otherHead.userId]));
    });

    it('signs the version the head read, when the head says which (If-Match): a draft changed since is 412, unsigned', async () => {
      const child = await assessableChild();
      const draft = await openAssessment(t, specialist, child.id, completeDraft(t));
      const read = (await t.http.get(`/api/v1/assessments/${draft.id}`).set(await head.auth()).expect(200)).headers.etag as string;
      // A colleague changes the draft after the head read it.
      await t.http.patch(`/api/v1/assessments/${draft.id}`).set(await specialist.auth()).set('If-Match', read).send({ recommendations: { social: 'Әлеуметтік педагог' } }).expect(200);
      const stale = await t.http.post(`/api/v1/assessments/${draft.id}/sign`).set(await head.auth()).set('If-Match', read);
      expect([stale.status, stale.body.code]).toEqual([412, 'VERSION_CONFLICT']);
      expect((await t.db.query(`SELECT status FROM assessments WHERE id = $1`, [draft.id]))[0].status).toBe('draft');
      const bad = await t.http.post(`/api/v1/assessments/${draft.id}/sign`).set(await head.auth()).set('If-Match', 'yesterday');
      expect([bad.status, bad.body.code]).toEqual([400, 'IF_MATCH_INVALID']);

      const fresh = (await t.http.get(`/api/v1/assessments/${draft.id}`).set(await head.auth()).expect(200)).headers.etag as string;
      const signed = await t.http.post(`/api/v1/assessments/${draft.id}/sign`).set(await head.auth()).set('If-Match', fresh).expect(200);
      expect(signed.body).toMatchObject({ status: 'signed', recommendations: { social: 'Әлеуметтік педагог' } });
    });

    it('needs the assessment consent still active when signing', async () => {
      const child = await newChild(t, specialist);
      const consentId = await grantAssessmentConsent(t, specialist, child);
      const draft = await openAssessment(t, specialist, child.id, completeDraft(t));
      await t.http.post(`/api/v1/consents/${consentId}/withdraw`).set(await specialist.auth()).expect(200);
      const res = await sign(head, draft.id);
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('CONSENT_REQUIRED');
      expect((await t.db.query(`SELECT status FROM assessments WHERE id = $1`, [draft.id]))[0].status).toBe('draft');
    });

    describe('completeness: 422 ASSESSMENT_INCOMPLETE naming each missing field', () => {
      let draft: { id: string; version: number };
      beforeAll(async () => {
        const child = await assessableChild();
        draft = await openAssessment(t, specialist, child.id);
      });

      it.each([
        ['no categories and no noSen', { senCategories: [] }, [['senCategories', 'REQUIRED']]],
        ['no programme', { programme: null }, [['programme', 'REQUIRED']]],
        ['no form of education', { formOfEducation: null }, [['formOfEducation', 'REQUIRED']]],
        ['no review date', { reviewDate: null }, [['reviewDate', 'REQUIRED']]],
        ['no programme and no form', { programme: null, formOfEducation: null }, [['programme', 'REQUIRED'], ['formOfEducation', 'REQUIRED']]],
        ['noSen without categories, programme or form', { noSen: true, senCategories: [], programme: null, formOfEducation: null }, []],
      ] as [string, Record<string, unknown>, [string, string][]][])('%s', async (_name, change, expected) => {
        const current = (await t.db.query(`SELECT version FROM assessments WHERE id = $1`, [draft.id]))[0].version;
        const res = await patch(specialist, draft.id, current, { noSen: false, ...completeDraft(t), ...change });
        expect(res.status).toBe(200);
        const attempt = await t.http.post(`/api/v1/assessments/${draft.id}/sign`).set(await head.auth());
        if (expected.length === 0) {
          expect(attempt.status).toBe(200); // the last case: the draft is signed
          return;
        }
        expect(attempt.status).toBe(422);
        expect(attempt.body.code).toBe('ASSESSMENT_INCOMPLETE');
        expect(codes(attempt)).toEqual(expected);
      });
    });

    it('refuses a review date that came due while the draft waited', async () => {
      const child = await assessableChild();
      const draft = await openAssessment(t, specialist, child.id, completeDraft(t, { reviewDate: reviewDateIn(t, 10) }));
      t.clock.advance(11 * DAY);
      try {
        await grantAssessmentConsent(t, specialist, child);
        const res = await sign(head, draft.id);
        expect(res.status).toBe(422);
        expect(codes(res)).toEqual([['reviewDate', 'REVIEW_DATE_OUT_OF_RANGE']]);
      } finally {
        t.clock.set(NOW);
      }
    });

    it('needs every specialist present to have confirmed (422 CONFIRMATIONS_MISSING naming who)', async () => {
      const child = await assessableChild();
      await involve(t, child.id, otherHead.orgId);
      const draft = await openAssessment(t, specialist, child.id, {
        ...completeDraft(t),
        specialists: [{ userId: specialist.userId, specialty: 'speech_therapist' }, { userId: psychologist.userId, specialty: 'psychologist' }],
      });
      const none = await sign(head, draft.id);
      expect(none.status).toBe(422);
      expect(none.body.code).toBe('CONFIRMATIONS_MISSING');
      expect(none.body.missing.map((m: { userId: string }) => m.userId)).toEqual([specialist.userId, psychologist.userId]);

      const first = await confirm(specialist, draft.id, 'Сөйлеу тілінің жалпы дамымауы');
      expect(first.status).toBe(201);
      expect(first.body.commission).toEqual([
        expect.objectContaining({ userId: specialist.userId, specialty: 'speech_therapist', confirmedAt: new Date(NOW).toISOString() }),
        expect.objectContaining({ userId: psychologist.userId, specialty: 'psychologist', confirmedAt: null }),
      ]);
      expect(first.body.protocolNotes.findings).toContainEqual({ userId: specialist.userId, specialty: 'speech_therapist', text: 'Сөйлеу тілінің жалпы дамымауы' });
      const one = await sign(head, draft.id);
      expect(one.status).toBe(422);
      expect(one.body.missing).toEqual([expect.objectContaining({ userId: psychologist.userId, specialty: 'psychologist' })]);
      expect(one.body.detail).toContain('Айгерім');

      // Only members confirm, and only within the PMPC.
      expect((await confirm(head, draft.id)).body.code).toBe('NOT_IN_COMMISSION');
      expect((await confirm(otherSpecialist, draft.id)).status).toBe(404);
      expect((await confirm(school, draft.id)).status).toBe(403);
      const bad = await t.http.post(`/api/v1/assessments/${draft.id}/confirmations`).set(await psychologist.auth()).send({ findings: '' });
      expect(bad.status).toBe(400);

      expect((await confirm(psychologist, draft.id, 'Зейін тұрақсыз')).status).toBe(201);
      expect((await sign(head, draft.id)).status).toBe(200);
      const [event] = await t.db.query(`SELECT changes FROM audit_events WHERE action = 'assessment.confirm' AND resource_id = $1 ORDER BY id LIMIT 1`, [draft.id]);
      expect(event.changes.fields).toMatchObject({ confirmedBy: { to: specialist.userId }, findings: {} });
    });

    it('a signed conclusion is immutable: PATCH 422 ASSESSMENT_SIGNED, confirm 422, signing again 422 TRANSITION_NOT_ALLOWED', async () => {
      const child = await assessableChild();
      const signed = await signedConclusion(t, { child, specialist, head, consent: false });
      const edit = await patch(specialist, signed.id, signed.version, { programme: 'general' });
      expect(edit.status).toBe(422);
      expect(edit.body).toMatchObject({ code: 'ASSESSMENT_SIGNED', currentStatus: 'signed' });
      expect((await confirm(specialist, signed.id)).body.code).toBe('ASSESSMENT_SIGNED');
      const again = await sign(head, signed.id);
      expect(again.status).toBe(422);
      expect(again.body).toMatchObject({ code: 'TRANSITION_NOT_ALLOWED', currentStatus: 'signed' });
      expect(again.body.detail).toContain('signed');
    });

    it('supersedes the previous conclusion: status superseded, links both ways, the case view shows the latest first', async () => {
      const child = await assessableChild();
      const first = await signedConclusion(t, { child, specialist, head, consent: false });
      t.clock.advance(DAY);
      try {
        const second = await signedConclusion(t, { child, specialist, head, consent: false, draft: { senCategories: ['autism_spectrum'], formOfEducation: 'special_class' } });
        expect(second).toMatchObject({ status: 'signed', supersedesId: first.id });
        const view = await caseView(specialist, child.id);
        expect(view.assessments.map((a: { id: string; status: string }) => [a.id, a.status])).toEqual([[second.id, 'signed'], [first.id, 'superseded']]);
        expect(view.assessments[1]).toMatchObject({ supersededById: second.id, supersededAt: new Date(Date.parse(NOW) + DAY).toISOString() });
        const timeline = await t.http.get(`/api/v1/children/${child.id}/timeline?limit=100`).set(await specialist.auth()).expect(200);
        expect(timeline.body.items.map((e: { kind: string }) => e.kind).filter((k: string) => k.startsWith('assessment.'))).toEqual([
          'assessment.opened', 'assessment.signed', 'assessment.opened', 'assessment.superseded', 'assessment.signed',
        ]);
        const [event] = await t.db.query(`SELECT changes FROM audit_events WHERE action = 'assessment.superseded' AND resource_id = $1`, [first.id]);
        expect(event.changes.fields).toEqual({ status: { from: 'signed', to: 'superseded' }, supersededById: { from: null, to: second.id } });
        expect(await count(`assessments WHERE child_id = $1 AND status = 'signed'`, [child.id])).toBe(1);
      } finally {
        t.clock.set(NOW);
      }
    });

    it('two signatures of one assessment at once: exactly one succeeds, the other 422, no 5xx', async () => {
      const child = await assessableChild();
      const draft = await openAssessment(t, specialist, child.id, completeDraft(t));
      const auths = [await head.auth(), await secondHead.auth()];
      const results = await Promise.all([0, 1, 0, 1].map((i) => t.http.post(`/api/v1/assessments/${draft.id}/sign`).set(auths[i])));
      expect(results.map((r) => r.status).sort()).toEqual([200, 422, 422, 422]);
      expect(results.filter((r) => r.status === 422).every((r) => r.body.code === 'TRANSITION_NOT_ALLOWED')).toBe(true);
      expect(await count(`assessments WHERE child_id = $1 AND status = 'signed'`, [child.id])).toBe(1);
    });

    it('two PMPCs signing their conclusions of one child at once: both sign, exactly one stays current', async () => {
      const child = await assessableChild();
      await involve(t, child.id, otherHead.orgId);
      const mine = await openAssessment(t, specialist, child.id, completeDraft(t));
      const theirs = await openAssessment(t, otherSpecialist, child.id, completeDraft(t));
      const auths = [await head.auth(), await otherHead.auth()];
      const results = await Promise.all([mine.id, theirs.id].map((id, i) => t.http.post(`/api/v1/assessments/${id}/sign`).set(auths[i])));
      expect(results.map((r) => r.status)).toEqual([200, 200]);
      const rows = await t.db.query(`SELECT id, status, supersedes_id, superseded_by_id FROM assessments WHERE child_id = $1 ORDER BY signed_at, id`, [child.id]);
      expect(rows.map((r: { status: string }) => r.status).sort()).toEqual(['signed', 'superseded']);
      const current = rows.find((r: { status: string }) => r.status === 'signed');
      const previous = rows.find((r: { status: string }) => r.status === 'superseded');
      expect(current.supersedes_id).toBe(previous.id);
      expect(previous.superseded_by_id).toBe(current.id);
    });
  });

  describe('who sees what', () => {
    let child: RegisteredChild;
    let signed: { id: string };
    let draft: { id: string };
    beforeAll(async () => {
      child = await assessableChild();
      for (const worker of [school, correction, health, social, otherHead]) await involve(t, child.id, worker.orgId);
      signed = await signedConclusion(t, { child, specialist, head, consent: false });
      draft = await openAssessment(t, specialist, child.id, completeDraft(t, { protocolNotes: 'Қайта тексеру жобасы' }));
    });

    it('PMPC sees the conclusion with its protocol notes and findings, and its own draft', async () => {
      const view = await caseView(specialist, child.id);
      expect(view.assessments.map((a: { id: string }) => a.id)).toEqual([signed.id, draft.id]);
      expect(view.assessments[0].protocolNotes).toEqual({
        text: 'Комиссия хаттамасы: сөйлеу тілінің жүйелі бұзылуы',
        findings: [{ userId: specialist.userId, specialty: 'speech_therapist', text: 'Сөйлеу тілінің жалпы дамымауы, III деңгей' }],
      });
      expect(view.assessments[0].commission).toEqual([expect.objectContaining({ userId: specialist.userId, fullName: 'Айгерім Сейітқызы' })]);
    });

    it.each([
      ['school coordinator', () => school, { education: 'Логопедпен аптасына екі рет' }],
      ['correction specialist', () => correction, { education: 'Логопедпен аптасына екі рет' }],
      ['health worker', () => health, { health: 'Невропатолог кеңесі' }],
      ['social worker', () => social, { social: null }],
    ])("a %s sees the conclusion and its sector's recommendation but no protocol notes and no draft", async (_role, worker, recommendations) => {
      const view = await caseView(worker(), child.id);
      expect(view.assessments).toHaveLength(1);
      const [conclusion] = view.assessments;
      expect(conclusion).toMatchObject({
        id: signed.id, status: 'signed', senCategories: ['speech'], formOfEducation: 'inclusive_class',
        commission: [expect.objectContaining({ userId: specialist.userId })],
      });
      expect(conclusion.recommendations).toEqual(recommendations);
      expect(conclusion).not.toHaveProperty('protocolNotes');
      expect(JSON.stringify(view)).not.toContain('хаттамасы');
      expect(JSON.stringify(view)).not.toContain('III деңгей');
      const one = await t.http.get(`/api/v1/assessments/${signed.id}`).set(await worker().auth()).expect(200);
      expect(one.body).not.toHaveProperty('protocolNotes');
      expect(one.body.recommendations).toEqual(recommendations);
      await t.http.get(`/api/v1/assessments/${draft.id}`).set(await worker().auth()).expect(404);
    });

    it("another PMPC sees the signed conclusion without its protocol notes or members' findings, and not this PMPC's draft", async () => {
      const view = await caseView(otherHead, child.id);
      expect(view.assessments.map((a: { id: string }) => a.id)).toEqual([signed.id]);
      expect(view.assessments[0]).not.toHaveProperty('protocolNotes');
      const one = await t.http.get(`/api/v1/assessments/${signed.id}`).set(await otherHead.auth()).expect(200);
      expect(one.body).not.toHaveProperty('protocolNotes');
      expect(JSON.stringify(one.body)).not.toContain('хаттамасы');
      await t.http.get(`/api/v1/assessments/${draft.id}`).set(await otherHead.auth()).expect(404);
    });

    it('an organisation not involved gets 404, and so does a role without case access (as for a random id)', async () => {
      await t.http.get(`/api/v1/assessments/${signed.id}`).set(await outsider.auth()).expect(404);
      await t.http.get(`/api/v1/assessments/${signed.id}`).set(await analyst.auth()).expect(404);
    });

    describe('the printable conclusion', () => {
      it.each([
        ['kk', 'Сөйлеу тілінің бұзылуы', 'Инклюзивті сынып', 'Психологиялық-медициналық-педагогикалық консультацияның қорытындысы'],
        ['ru', 'Нарушение речи', 'Инклюзивный класс', 'Заключение психолого-медико-педагогической консультации'],
      ])('in %s carries the child, the categories and the form of education in its text layer', async (lang, category, form, title) => {
        const res = await t.http.get(`/api/v1/assessments/${signed.id}/conclusion.pdf?lang=${lang}`).set(await school.auth()).buffer(true)
          .parse((response, done) => {
            const chunks: Buffer[] = [];
            response.on('data', (c: Buffer) => chunks.push(c));
            response.on('end', () => done(null, Buffer.concat(chunks)));
          });
        expect(res.status).toBe(200);
        expect(res.headers['content-type']).toContain('application/pdf');
        expect(res.headers['content-disposition']).toContain('attachment');
        const text = (await pdfText(res.body as Buffer)).replace(/\s+/g, ' ');
        expect(text).toContain('Ахметова Әлия Серікқызы');
        expect(text).toContain(category);
        expect(text).toContain(form);
        expect(text).toContain(title);
        expect(text).toContain('Айгерім Сейітқызы');
        expect(text).not.toContain('хаттамасы');
        // The school's copy carries the recommendation addressed to education, not health's.
        expect(text).toContain('Логопедпен аптасына екі рет');
        expect(text).not.toContain('Невропатолог кеңесі');
        const [event] = await t.db.query(
          `SELECT resource_type, child_id FROM audit_events WHERE action = 'assessment.conclusion_pdf' AND resource_id = $1 ORDER BY id DESC LIMIT 1`, [signed.id],
        );
        expect(event).toEqual({ resource_type: 'assessment', child_id: child.id });
      });

      it('only for the involved: outsider 404, analyst 404, a draft only for its PMPC, a bad lang 400', async () => {
        await t.http.get(`/api/v1/assessments/${signed.id}/conclusion.pdf`).set(await outsider.auth()).expect(404);
        await t.http.get(`/api/v1/assessments/${signed.id}/conclusion.pdf`).set(await analyst.auth()).expect(404);
        await t.http.get(`/api/v1/assessments/${draft.id}/conclusion.pdf`).set(await school.auth()).expect(404);
        await t.http.get(`/api/v1/assessments/${draft.id}/conclusion.pdf`).set(await specialist.auth()).expect(200);
        const bad = await t.http.get(`/api/v1/assessments/${signed.id}/conclusion.pdf?lang=en`).set(await school.auth()).expect(400);
        expect(codes(bad)).toEqual([['lang', 'NOT_ALLOWED_VALUE']]);
      });
    });
  });

  describe('reviews due (for the worklist)', () => {
    const due = (orgId: string, options: { days?: number; limit?: number; cursor?: string } = {}) =>
      t.app.get(ClsService).run(() => t.app.get(AssessmentReviews).dueWithin(orgId, options));

    it("lists the PMPC's current conclusions reviewed within 30 days, overdue ones included, keyset-paged", async () => {
      const soon = await newCaseWorker(t, admin, 'pmpc', ['pmpc_head']);
      const soonSpecialist = await newCaseWorker(t, admin, 'pmpc', ['pmpc_specialist'], ZHAMBYL, soon.orgId);
      const make = async (days: number) => {
        const child = await newChild(t, soonSpecialist);
        return { child, conclusion: await signedConclusion(t, { child, specialist: soonSpecialist, head: soon, draft: { reviewDate: reviewDateIn(t, days) } }) };
      };
      const in20 = await make(20);
      const in5 = await make(5);
      const in30 = await make(30);
      await make(200);
      const page = await due(soon.orgId);
      expect(page.items.map((i) => i.assessmentId)).toEqual([in5.conclusion.id, in20.conclusion.id, in30.conclusion.id]);
      expect(page.items[0]).toMatchObject({ childId: in5.child.id, reviewDate: reviewDateIn(t, 5), overdue: false, child: { lastName: 'Ахметова' } });
      expect(page.nextCursor).toBeNull();

      const first = await due(soon.orgId, { limit: 2 });
      expect(first.items).toHaveLength(2);
      const second = await due(soon.orgId, { limit: 2, cursor: first.nextCursor! });
      expect(second.items.map((i) => i.assessmentId)).toEqual([in30.conclusion.id]);

      expect((await due(specialist.orgId)).items.map((i) => i.assessmentId)).not.toContain(in5.conclusion.id);
      t.clock.advance(10 * DAY);
      try {
        const later = await due(soon.orgId);
        expect(later.items[0]).toMatchObject({ assessmentId: in5.conclusion.id, overdue: true });
      } finally {
        t.clock.set(NOW);
      }
      await expect(due(soon.orgId, { cursor: 'garbage' })).rejects.toMatchObject({ code: 'CURSOR_INVALID' });
    });
  });

  describe('merging two records of one child', () => {
    it("moves the duplicate's assessments; the later-signed conclusion stays current", async () => {
      const survivor = await assessableChild();
      const duplicate = await newChild(t, specialist, { iinPending: true, lastName: 'Дубликатова', firstName: 'Әлия', confirmNew: true });
      await grantAssessmentConsent(t, specialist, duplicate);
      const older = await signedConclusion(t, { child: survivor, specialist, head, consent: false });
      t.clock.advance(DAY);
      try {
        const newer = await signedConclusion(t, { child: duplicate, specialist, head, consent: false });
        await t.http.post(`/api/v1/children/${survivor.id}/merge`).set(await head.auth()).send({ duplicateId: duplicate.id }).expect(200);
        const view = await caseView(head, survivor.id);
        expect(view.assessments.map((a: { id: string; status: string }) => [a.id, a.status])).toEqual([[newer.id, 'signed'], [older.id, 'superseded']]);
        expect(view.assessments[1].supersededById).toBe(newer.id);
      } finally {
        t.clock.set(NOW);
      }
    });
  });
});
