import { UseCaseRunner } from '@qoldau/core';
import type { Response } from 'supertest';
import { RosterRepository } from '../../libs/placements/roster.repository';
import { signedConclusion } from '../support/assessments';
import { CaseWorker, involve, makeIin, newCaseWorker, newChild, RegisteredChild } from '../support/children';
import { asAdmin, Session } from '../support/factories';
import { activatePlacement, proposePlacement, supportPlan } from '../support/placements';
import { notificationsOf } from '../support/referrals';
import { startTestApp, TestApp } from '../support/test-app';

const NOW = '2026-11-25T06:00:00Z';

/**
 * Issue 15, "placements that follow the child": the roster with its provision status against the
 * current conclusion (GET /placements), the checks and warnings of proposing and activating, and
 * enrolment without a referral (POST /placements/enrolments). Real database, over HTTP.
 */
describe('placements: the roster, provision checks and enrolment without a referral', () => {
  let t: TestApp;
  let admin: Session;
  let school: CaseWorker;
  let otherSchool: CaseWorker;
  let kindergarten: CaseWorker;
  let specialist: CaseWorker;
  let head: CaseWorker;
  let otherPmpc: CaseWorker;
  let room: CaseWorker;
  let health: CaseWorker;

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    admin = await asAdmin(t);
    school = await newCaseWorker(t, admin, 'school', ['school_coordinator']);
    otherSchool = await newCaseWorker(t, admin, 'school', ['school_coordinator']);
    kindergarten = await newCaseWorker(t, admin, 'kindergarten', ['school_coordinator']);
    specialist = await newCaseWorker(t, admin, 'pmpc', ['pmpc_specialist']);
    head = await newCaseWorker(t, admin, 'pmpc', ['pmpc_head'], undefined, specialist.orgId);
    otherPmpc = await newCaseWorker(t, admin, 'pmpc', ['pmpc_specialist']);
    room = await newCaseWorker(t, admin, 'correction_room', ['correction_specialist']);
    health = await newCaseWorker(t, admin, 'polyclinic', ['health_worker']);
  });
  afterAll(() => t.close());

  const count = async (table: string) => (await t.db.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;
  /** Everything an enrolment or a proposal could write. */
  const written = async () => {
    const tables = ['placements', 'consents', 'guardians', 'involvements', 'notifications', 'timeline_entries', 'idempotency_keys'];
    return Object.fromEntries(await Promise.all(tables.map(async (table) => [table, await count(table)])));
  };
  const roster = async (as: CaseWorker, query: Record<string, unknown> = {}) => t.http.get('/api/v1/placements').query(query).set(await as.auth());
  const enrol = async (as: CaseWorker, body: Record<string, unknown>) => t.http.post('/api/v1/placements/enrolments').set(await as.auth()).send(body);
  const ok = async (pending: Promise<Response>) => {
    const res = await pending;
    if (res.status !== 200) throw new Error(`expected 200, got ${res.status} ${JSON.stringify(res.body)}`);
    return res;
  };
  /** The user's notification about one placement (the test clock stands still, so "newest" orders nothing). */
  const noteAbout = async (who: CaseWorker, placementId: string) => (await notificationsOf(t, who)).filter((n) => n.payload?.placementId === placementId);
  const problem = (res: Response, status: number, code: string) => {
    expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
    expect(res.headers['content-type']).toContain('application/problem+json');
  };

  /** A child the PMPC registered and concluded on (inclusive class with a speech therapist), and that the school sees. */
  async function concludedChild(names: { lastName: string; firstName: string }, draft: Record<string, unknown> = {}): Promise<RegisteredChild> {
    const child = await newChild(t, specialist, names);
    await signedConclusion(t, { child, specialist, head, draft });
    await involve(t, child.id, school.orgId, 'registered');
    return child;
  }

  describe('the roster (GET /placements) and its provision status', () => {
    let honoured: RegisteredChild;
    let wrongForm: RegisteredChild;
    let overdue: RegisteredChild;
    let unconcluded: RegisteredChild;
    let ids: Record<string, string>;

    beforeAll(async () => {
      honoured = await concludedChild({ lastName: 'Абенова', firstName: 'Аружан' });
      wrongForm = await concludedChild({ lastName: 'Бекова', firstName: 'Дана' });
      overdue = await concludedChild({ lastName: 'Жұмабек', firstName: 'Нұрсұлтан' });
      unconcluded = await newChild(t, school, { lastName: 'Серікова', firstName: 'Мадина' });

      const a = await activatePlacement(t, school, (await proposePlacement(t, school, honoured.id, { providedConditions: ['speech_therapist', 'tutor'] })).id);
      await t.http.put(`/api/v1/placements/${a.id}/support-plan`).set(await school.auth()).send(supportPlan(school.orgId, '2027-01-15')).expect(200);
      const b = await proposePlacement(t, school, wrongForm.id, { form: 'special_class', classLabel: '3 «В»' });
      const c = await activatePlacement(t, school, (await proposePlacement(t, school, overdue.id, { providedConditions: ['speech_therapist'] })).id);
      // A plan's review date is after the day it is written; this one's passes before the roster is read.
      await t.http.put(`/api/v1/placements/${c.id}/support-plan`).set(await school.auth()).send(supportPlan(school.orgId, '2026-12-10')).expect(200);
      const d = await proposePlacement(t, school, unconcluded.id);
      ids = { honoured: a.id, wrongForm: b.id, overdue: c.id, unconcluded: d.id };
      t.clock.set('2026-12-15T06:00:00Z');
    });
    afterAll(() => t.clock.set(NOW));

    it("lists the school's pupils with the child, the placement and how it honours the current conclusion", async () => {
      const res = await ok(roster(school));
      const byId = new Map(res.body.items.map((item: { id: string }) => [item.id, item]));
      expect(res.body.items.map((item: { id: string }) => item.id)).toEqual([ids.honoured, ids.wrongForm, ids.overdue, ids.unconcluded]);
      expect(byId.get(ids.honoured)).toMatchObject({
        childId: honoured.id, child: { id: honoured.id, lastName: 'Абенова', firstName: 'Аружан', birthDate: '2019-05-14' },
        organization: { id: school.orgId }, status: 'active', form: 'inclusive_class', providedConditions: ['speech_therapist', 'tutor'], tutor: true, assistant: false,
        planReviewDate: '2027-01-15',
        provision: { formMatches: true, recommendedForm: 'inclusive_class', missingConditions: [], planPresent: true, planOverdue: false, honoured: true, pmpcOrgId: specialist.orgId },
      });
      expect(byId.get(ids.wrongForm)).toMatchObject({
        status: 'proposed', form: 'special_class', classLabel: '3 «В»',
        provision: { formMatches: false, missingConditions: ['speech_therapist'], planPresent: false, planOverdue: false, honoured: false },
      });
      expect(byId.get(ids.overdue)).toMatchObject({ provision: { formMatches: true, missingConditions: [], planPresent: true, planOverdue: true, honoured: false } });
      expect(byId.get(ids.unconcluded)).toMatchObject({
        provision: { conclusionId: null, formMatches: null, missingConditions: [], planPresent: false, honoured: null },
      });
    });

    it('filters by honoured (matches), status, form and name in any script, and pages by keyset', async () => {
      const idsOf = (res: Response) => res.body.items.map((item: { id: string }) => item.id);
      expect(idsOf(await ok(roster(school, { matches: true })))).toEqual([ids.honoured]);
      expect(idsOf(await ok(roster(school, { matches: false })))).toEqual([ids.wrongForm, ids.overdue]);
      expect(idsOf(await ok(roster(school, { status: 'proposed' })))).toEqual([ids.wrongForm, ids.unconcluded]);
      expect(idsOf(await ok(roster(school, { form: 'special_class' })))).toEqual([ids.wrongForm]);
      expect(idsOf(await ok(roster(school, { q: 'Zhumabek Nursultan' })))).toEqual([ids.overdue]);

      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Response = await ok(roster(school, { limit: 1, ...(cursor ? { cursor } : {}) }));
        seen.push(...idsOf(page));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual([ids.honoured, ids.wrongForm, ids.overdue, ids.unconcluded]);
      problem(await roster(school, { cursor: 'bm90LWEtY3Vyc29y' }), 400, 'CURSOR_INVALID');
    });

    it("shows the PMPC the placements of the children whose current conclusion it signed, and no one else's", async () => {
      const mine = await ok(roster(specialist));
      expect(mine.body.items.map((item: { id: string }) => item.id)).toEqual([ids.honoured, ids.wrongForm, ids.overdue]);
      const notHonoured = await ok(roster(head, { matches: false }));
      expect(notHonoured.body.items.map((item: { id: string }) => item.id)).toEqual([ids.wrongForm, ids.overdue]);
      expect((await ok(roster(specialist, { orgId: school.orgId, matches: false }))).body.items).toHaveLength(2);
      expect((await ok(roster(otherPmpc))).body.items).toEqual([]);
    });

    it("gives another school's coordinator none of them, even naming the school", async () => {
      expect((await ok(roster(otherSchool))).body.items).toEqual([]);
      const named = await ok(roster(otherSchool, { orgId: school.orgId }));
      expect(named.body.items).toEqual([]);
      expect(named.text).not.toContain(honoured.id);
    });

    it('refuses roles without a roster (403), an unknown organisation (400) and bad filters (400), as problem+json', async () => {
      problem(await roster(room), 403, 'FORBIDDEN');
      problem(await roster(health), 403, 'FORBIDDEN');
      const unknown = await roster(school, { orgId: '00000000-0000-4000-8000-000000000000' });
      problem(unknown, 400, 'UNKNOWN_ORGANIZATION');
      expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'orgId', code: 'UNKNOWN_ORGANIZATION' })]);
      problem(await roster(school, { matches: 'perhaps' }), 400, 'VALIDATION_FAILED');
      problem(await roster(school, { status: 'cancelled' }), 400, 'VALIDATION_FAILED');
    });

    // The page is chosen before the provision status is computed (roster.repository.ts): the order, the
    // cursor and the `matches` filter must still see every candidate, including rows without a name.
    it('lists first, without a name, a pupil the school does not see; pages through it with and without matches', async () => {
      // The PMPC proposes the child, on its own signed conclusion, to the school, which is not involved with the case.
      const unseen = await newChild(t, specialist, { lastName: 'Жасырынова', firstName: 'Айша' });
      await signedConclusion(t, { child: unseen, specialist, head });
      const proposal = await proposePlacement(t, specialist, unseen.id, { orgId: school.orgId });
      const idsOf = (res: Response) => res.body.items.map((item: { id: string }) => item.id);
      const all = async (query: Record<string, unknown>) => {
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const page: Response = await ok(roster(school, { ...query, limit: 1, ...(cursor ? { cursor } : {}) }));
          seen.push(...idsOf(page));
          cursor = page.body.nextCursor;
        } while (cursor);
        return seen;
      };

      const first = await ok(roster(school));
      expect(idsOf(first)).toEqual([proposal.id, ids.honoured, ids.wrongForm, ids.overdue, ids.unconcluded]);
      expect(first.body.items[0]).toMatchObject({ childId: unseen.id, child: null, status: 'proposed', provision: { missingConditions: ['speech_therapist'], honoured: false } });
      expect(first.text).not.toContain('Жасырынова');
      expect(await all({})).toEqual([proposal.id, ids.honoured, ids.wrongForm, ids.overdue, ids.unconcluded]);
      // Not honoured (no speech therapist, no plan): first among those, page by page too.
      expect(await all({ matches: false })).toEqual([proposal.id, ids.wrongForm, ids.overdue]);
      expect(await all({ matches: true })).toEqual([ids.honoured]);
      expect(await all({ status: 'proposed', form: 'inclusive_class' })).toEqual([proposal.id, ids.unconcluded]);
      // A name the school may not see is not searched either.
      expect(idsOf(await ok(roster(school, { q: 'Жасырынова' })))).toEqual([]);
      // The PMPC sees the case: for it the row has the name, and is found by it.
      const forPmpc = await ok(roster(specialist, { q: 'Жасырынова' }));
      expect(forPmpc.body.items).toEqual([expect.objectContaining({ id: proposal.id, child: expect.objectContaining({ lastName: 'Жасырынова' }) })]);
    });

    // No role holds both scopes today; the query still lists a placement that both reach once (a UNION).
    it('lists once a placement reached through both scopes, the own organisation and the signed conclusion', async () => {
      const page = (scope: { ownOrgId?: string; signedByOrgId?: string }) =>
        t.app.get(UseCaseRunner).run({ action: 'test.roster' }, () =>
          t.app.get(RosterRepository).page(scope, school.orgId, { statuses: ['proposed', 'active'], limit: 50 }, t.clock.now(), t.clock.today(), null));
      const own = (await page({ ownOrgId: school.orgId })).map((row) => row.id);
      const signed = (await page({ signedByOrgId: specialist.orgId })).map((row) => row.id);
      expect(signed.length).toBeGreaterThan(0);
      expect(signed.every((id) => own.includes(id))).toBe(true);
      expect((await page({ ownOrgId: school.orgId, signedByOrgId: specialist.orgId })).map((row) => row.id)).toEqual(own);
    });
  });

  describe('checks and warnings on propose and activate', () => {
    it('answers 422 FORM_NOT_OFFERED for a form the organisation type does not offer, and writes nothing', async () => {
      const child = await newChild(t, school);
      await involve(t, child.id, kindergarten.orgId, 'registered');
      const before = await written();
      const inKindergarten = await t.http.post(`/api/v1/children/${child.id}/placements`).set(await kindergarten.auth())
        .send({ orgId: kindergarten.orgId, form: 'inclusive_class' });
      problem(inKindergarten, 422, 'FORM_NOT_OFFERED');
      expect(inKindergarten.body.errors).toEqual([expect.objectContaining({ field: 'form', code: 'FORM_NOT_OFFERED' })]);
      problem(await t.http.post(`/api/v1/children/${child.id}/placements`).set(await school.auth()).send({ orgId: school.orgId, form: 'special_school' }), 422, 'FORM_NOT_OFFERED');
      problem(await t.http.post(`/api/v1/children/${child.id}/placements`).set(await school.auth()).send({ orgId: school.orgId, form: 'inclusive_group' }), 422, 'FORM_NOT_OFFERED');
      expect(await written()).toEqual(before);
      // What the type offers is accepted.
      await proposePlacement(t, kindergarten, child.id, { form: 'inclusive_group' });
    });

    it('answers 400 UNKNOWN_SPECIAL_CONDITION for a condition not in the reference table, and writes nothing', async () => {
      const child = await newChild(t, school);
      const before = await written();
      const res = await t.http.post(`/api/v1/children/${child.id}/placements`).set(await school.auth())
        .send({ orgId: school.orgId, form: 'inclusive_class', providedConditions: ['tutor', 'massage'] });
      problem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'providedConditions.1', code: 'UNKNOWN_SPECIAL_CONDITION' })]);
      expect(await written()).toEqual(before);
    });

    it('warns once per missing condition, saves the placement, and tells the signing PMPC with codes and ids only', async () => {
      const child = await concludedChild({ lastName: 'Ермекова', firstName: 'Айгерім' }, { specialConditions: ['speech_therapist', 'assistant', 'reduced_class'] });
      const notesBefore = (await notificationsOf(t, head)).length;
      const proposed = await proposePlacement(t, school, child.id, { providedConditions: ['assistant'] });
      expect(proposed.status).toBe('proposed');
      expect(proposed.warnings).toEqual([
        expect.objectContaining({ code: 'CONDITION_NOT_PROVIDED', condition: 'speech_therapist' }),
        expect.objectContaining({ code: 'CONDITION_NOT_PROVIDED', condition: 'reduced_class' }),
      ]);
      expect((await notificationsOf(t, head)).length).toBe(notesBefore + 1);
      const notes = await noteAbout(head, proposed.id);
      expect(notes).toHaveLength(1);
      expect(notes[0]).toMatchObject({
        kind: 'placement.not_following_conclusion', childId: child.id,
        payload: { placementId: proposed.id, warnings: ['CONDITION_NOT_PROVIDED', 'CONDITION_NOT_PROVIDED'], conditions: ['speech_therapist', 'reduced_class'] },
      });
      expect(JSON.stringify(notes[0])).not.toMatch(/Ермекова|Айгерім/);

      // Activation with every condition provided: no warning, nobody told.
      const activated = await t.http.post(`/api/v1/placements/${proposed.id}/activate`).set(await school.auth())
        .send({ providedConditions: ['assistant', 'speech_therapist', 'reduced_class'] }).expect(200);
      expect(activated.body).toMatchObject({ status: 'active', providedConditions: ['assistant', 'speech_therapist', 'reduced_class'], warnings: [] });
      expect((await notificationsOf(t, head)).length).toBe(notesBefore + 1);
    });

    it('warns NO_SIGNED_CONCLUSION on a child without a signed conclusion, and tells no PMPC', async () => {
      const child = await newChild(t, school);
      const before = await count('notifications');
      const proposed = await proposePlacement(t, school, child.id);
      expect(proposed.warnings).toEqual([expect.objectContaining({ code: 'NO_SIGNED_CONCLUSION' })]);
      expect(await count('notifications')).toBe(before);
    });

    it('tells the signing PMPC when the form differs from its conclusion', async () => {
      const child = await concludedChild({ lastName: 'Қасымова', firstName: 'Әсем' });
      const proposed = await proposePlacement(t, school, child.id, { form: 'home_schooling', providedConditions: ['speech_therapist'] });
      expect(proposed.warnings!.map((w) => w.code)).toEqual(['FORM_DIFFERS_FROM_CONCLUSION']);
      const [note] = await noteAbout(specialist, proposed.id);
      expect(note).toMatchObject({ kind: 'placement.not_following_conclusion', payload: { placementId: proposed.id, warnings: ['FORM_DIFFERS_FROM_CONCLUSION'] } });
    });
  });

  describe('enrolment without a referral (POST /placements/enrolments)', () => {
    const BIRTH = '2018-03-09';
    let child: RegisteredChild;
    let iin: string;
    let guardianIin: string;

    beforeAll(async () => {
      iin = makeIin(BIRTH, 'male');
      guardianIin = makeIin('1985-07-21', 'female');
      // Registered and concluded on by the PMPC; the school has never seen the case.
      child = await newChild(t, specialist, {
        iin, birthDate: BIRTH, sex: 'male', lastName: 'Тоқтаров', firstName: 'Ерасыл',
        guardians: [{ iin: guardianIin, fullName: 'Тоқтарова Гүлжан', relation: 'mother', phone: '+77011112233' }],
      });
      await signedConclusion(t, { child, specialist, head });
    });

    const application = (overrides: Record<string, unknown> = {}) => ({
      iin, birthDate: BIRTH, guardian: { iin: guardianIin, fullName: 'Тоқтарова Гүлжан', relation: 'mother' },
      applicationDate: '2026-11-24', documentNumber: '№ 148', form: 'inclusive_class', classLabel: '1 «А»', startedOn: '2026-12-01',
      ...overrides,
    });

    it('answers an unknown IIN and a wrong birth date with the same 404, writes nothing, and audits the probe without the IIN', async () => {
      const before = await written();
      const wrongDate = await enrol(school, application({ birthDate: '2018-03-10' }));
      const unknownIin = await enrol(school, application({ iin: makeIin('2018-03-10', 'female') }));
      problem(wrongDate, 404, 'NOT_FOUND');
      problem(unknownIin, 404, 'NOT_FOUND');
      const { requestId: _a, ...wrongBody } = wrongDate.body;
      const { requestId: _b, ...unknownBody } = unknownIin.body;
      expect(wrongBody).toEqual(unknownBody);
      expect(await written()).toEqual(before);
      const trail = await t.db.query(`SELECT outcome, reason, changes->'query' AS query, child_id FROM audit_events WHERE action = 'placement.enrol' ORDER BY id`);
      expect(trail).toEqual([
        { outcome: 'denied', reason: 'NOT_FOUND', query: { iin: 'iin', birthDate: 'date' }, child_id: null },
        { outcome: 'denied', reason: 'NOT_FOUND', query: { iin: 'iin', birthDate: 'date' }, child_id: null },
      ]);
      expect(JSON.stringify(trail)).not.toContain(iin);
      // The school still does not see the case.
      await t.http.get(`/api/v1/children/${child.id}`).set(await school.auth()).expect(404);
    });

    it('refuses roles that do not enrol (403), a form the school does not offer (422) and bad input (400), writing nothing', async () => {
      const before = await written();
      problem(await enrol(specialist, application()), 403, 'FORBIDDEN');
      problem(await enrol(health, application()), 403, 'FORBIDDEN');
      const notOffered = await enrol(school, application({ form: 'special_group' }));
      problem(notOffered, 422, 'FORM_NOT_OFFERED');
      expect(notOffered.body.errors).toEqual([expect.objectContaining({ field: 'form', code: 'FORM_NOT_OFFERED' })]);
      const noGuardian = await enrol(school, application({ guardian: undefined }));
      problem(noGuardian, 400, 'VALIDATION_FAILED');
      expect(noGuardian.body.errors).toEqual([expect.objectContaining({ field: 'guardian', code: 'REQUIRED' })]);
      const strangerGuardian = await enrol(school, application({ guardian: undefined, guardianId: '00000000-0000-4000-8000-000000000000' }));
      expect(strangerGuardian.body.errors).toEqual([expect.objectContaining({ field: 'guardianId', code: 'UNKNOWN_GUARDIAN' })]);
      const future = await enrol(school, application({ applicationDate: '2026-12-24' }));
      expect(future.body.errors).toEqual([expect.objectContaining({ field: 'applicationDate', code: 'DATE_IN_FUTURE' })]);
      const malformed = await enrol(school, application({ iin: '123', form: 42 }));
      problem(malformed, 400, 'VALIDATION_FAILED');
      expect(malformed.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['form', 'iin']);
      expect(await written()).toEqual(before);
      await t.http.get(`/api/v1/children/${child.id}`).set(await school.auth()).expect(404);
    });

    it('enrols by IIN and birth date: the application as a services consent, a proposal, the involvement, the PMPC told', async () => {
      const before = await written();
      const headNotes = (await notificationsOf(t, head)).length;
      const res = await enrol(school, application({ providedConditions: ['speech_therapist'] })).then((r) => {
        if (r.status !== 201) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
        return r;
      });
      expect(res.body).toMatchObject({
        childId: child.id, status: 'proposed', organization: { id: school.orgId }, form: 'inclusive_class', classLabel: '1 «А»', startedOn: '2026-12-01',
        applicationDate: '2026-11-24', applicationDocument: '№ 148', providedConditions: ['speech_therapist'], warnings: [],
      });
      const after = await written();
      // The guardian named by IIN is the current one: none is added.
      expect(after).toMatchObject({ placements: before.placements + 1, consents: before.consents + 1, guardians: before.guardians, involvements: before.involvements + 1 });

      const [consent] = await t.db.query(`SELECT k.kind, g.iin FROM consents k JOIN guardians g ON g.id = k.guardian_id WHERE k.child_id = $1 AND k.kind = 'services'`, [child.id]);
      expect(consent).toEqual({ kind: 'services', iin: guardianIin });
      const [involvement] = await t.db.query(`SELECT kind, source_id, until FROM involvements WHERE child_id = $1 AND org_id = $2`, [child.id, school.orgId]);
      expect(involvement).toEqual({ kind: 'placement', source_id: res.body.id, until: null });

      expect((await notificationsOf(t, head)).length).toBe(headNotes + 1);
      const notes = await noteAbout(head, res.body.id);
      expect(notes[0]).toMatchObject({ kind: 'placement.enrolled', childId: child.id, payload: { placementId: res.body.id, warnings: [] } });
      expect(JSON.stringify(notes[0])).not.toMatch(/Тоқтаров|№ 148/);

      const [event] = await t.db.query(`SELECT outcome, resource_id, child_id, changes::text AS changes FROM audit_events WHERE action = 'placement.enrol' AND outcome = 'allowed'`);
      expect(event).toMatchObject({ resource_id: res.body.id, child_id: child.id });
      expect(event.changes).not.toContain('№ 148');
      expect(event.changes).not.toContain(iin);

      // The school now sees the case, its roster names the child, and it activates the placement.
      await t.http.get(`/api/v1/children/${child.id}`).set(await school.auth()).expect(200);
      const listed = await ok(roster(school, { q: 'Toktarov' }));
      expect(listed.body.items).toEqual([expect.objectContaining({ id: res.body.id, child: expect.objectContaining({ lastName: 'Тоқтаров' }) })]);
      await activatePlacement(t, school, res.body.id);
    });

    it('adds a representative named without a known IIN, and warns and tells the PMPC as a proposal does', async () => {
      const birth = '2017-01-20';
      const other = await newChild(t, specialist, { iin: makeIin(birth, 'female'), birthDate: birth, lastName: 'Нұрланова', firstName: 'Томирис' });
      await signedConclusion(t, { child: other, specialist, head });
      const guardians = await count('guardians');
      const res = await enrol(otherSchool, {
        iin: other.identity.iin, birthDate: birth, guardian: { fullName: 'Нұрланов Бауыржан', relation: 'father' }, applicationDate: '2026-11-25', form: 'special_class',
      });
      expect(res.status).toBe(201);
      expect(res.body.warnings.map((w: { code: string }) => w.code)).toEqual(['FORM_DIFFERS_FROM_CONCLUSION', 'CONDITION_NOT_PROVIDED']);
      expect(await count('guardians')).toBe(guardians + 1);
      const [note] = await noteAbout(specialist, res.body.id);
      expect(note).toMatchObject({ kind: 'placement.enrolled', payload: { placementId: res.body.id, warnings: ['FORM_DIFFERS_FROM_CONCLUSION', 'CONDITION_NOT_PROVIDED'] } });

      // Cancelling the proposal ends the involvement the enrolment gave.
      await t.http.post(`/api/v1/placements/${res.body.id}/end`).set(await otherSchool.auth()).send({ reason: 'Отбасы басқа мектепті таңдады' }).expect(200);
      await t.http.get(`/api/v1/children/${other.id}`).set(await otherSchool.auth()).expect(404);
    });

    it('refuses a child whose case is closed with 422, writing nothing', async () => {
      const birth = '2016-06-06';
      const closed = await newChild(t, specialist, { iin: makeIin(birth, 'male'), birthDate: birth, sex: 'male' });
      await t.http.post(`/api/v1/children/${closed.id}/close`).set(await specialist.auth()).send({ reason: 'Отбасы шетелге көшті' }).expect(200);
      const before = await written();
      problem(await enrol(school, { iin: closed.identity.iin, birthDate: birth, guardianId: closed.guardians[0].id, applicationDate: '2026-11-25', form: 'inclusive_class' }), 422, 'CASE_CLOSED');
      expect(await written()).toEqual(before);
    });
  });
});
