import type { Response } from 'supertest';
import { signedConclusion } from '../support/assessments';
import { CaseWorker, involve, newCaseWorker, newChild, RegisteredChild, shareWith, withdrawConsent } from '../support/children';
import { asAdmin, newOrganization, PAVLODAR, Session } from '../support/factories';
import { activatePlacement, activePlacement, proposePlacement, supportPlan } from '../support/placements';
import { startTestApp, TestApp } from '../support/test-app';

const NOW = '2026-11-25T06:00:00Z';

describe('placements: placements in schools and kindergartens, support plans', () => {
  let t: TestApp;
  let admin: Session;
  let school: CaseWorker;
  let otherSchool: CaseWorker;
  let specialist: CaseWorker;
  let head: CaseWorker;
  let health: CaseWorker;
  let social: CaseWorker;
  let outsider: CaseWorker;
  let outsiderPmpc: CaseWorker;

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    admin = await asAdmin(t);
    school = await newCaseWorker(t, admin, 'school', ['school_coordinator']);
    otherSchool = await newCaseWorker(t, admin, 'kindergarten', ['school_coordinator']);
    specialist = await newCaseWorker(t, admin, 'pmpc', ['pmpc_specialist']);
    head = await newCaseWorker(t, admin, 'pmpc', ['pmpc_head'], undefined, specialist.orgId);
    health = await newCaseWorker(t, admin, 'polyclinic', ['health_worker']);
    social = await newCaseWorker(t, admin, 'social_protection_office', ['social_worker']);
    outsider = await newCaseWorker(t, admin, 'school', ['school_coordinator'], PAVLODAR);
    outsiderPmpc = await newCaseWorker(t, admin, 'pmpc', ['pmpc_specialist'], PAVLODAR);
  });
  afterAll(() => t.close());

  const count = async (sql: string, params: unknown[] = []) => (await t.db.query(`SELECT count(*)::int AS n FROM ${sql}`, params))[0].n as number;
  const fields = (res: Response) => (res.body.errors ?? []).map((e: { field: string }) => e.field);
  /** A request that signs in first; `.expect(status)` checks the status, showing the body when it differs. */
  const call = (run: Promise<Response>) =>
    Object.assign(run, {
      expect: (status: number) => run.then((r) => {
        if (r.status !== status) throw new Error(`expected ${status}, got ${r.status} ${JSON.stringify(r.body)}`);
        return r;
      }),
    });
  const get = (as: CaseWorker, id: string) => call((async () => t.http.get(`/api/v1/placements/${id}`).set(await as.auth()))());
  const activate = (as: CaseWorker, id: string) => call((async () => t.http.post(`/api/v1/placements/${id}/activate`).set(await as.auth()))());
  const end = (as: CaseWorker, id: string, body: Record<string, unknown> = { reason: 'Отбасы басқа қалаға көшті' }) =>
    call((async () => t.http.post(`/api/v1/placements/${id}/end`).set(await as.auth()).send(body))());
  const putPlan = (as: CaseWorker, id: string, version: number | null, body: Record<string, unknown> = supportPlan(school.orgId)) =>
    call((async () => {
      const request = t.http.put(`/api/v1/placements/${id}/support-plan`).set(await as.auth());
      if (version !== null) request.set('If-Match', `"${version}"`);
      return request.send(body);
    })());
  const involvement = (childId: string, orgId: string) =>
    t.db.query(`SELECT source_id, until FROM involvements WHERE child_id = $1 AND org_id = $2 AND kind = 'placement'`, [childId, orgId]);

  /** A child registered by the school (so the school sees the case). */
  const schoolChild = (): Promise<RegisteredChild> => newChild(t, school);

  describe('the journey: propose → activate → support plan → end', () => {
    it('walks a placement through its life, with involvement, timeline and audit trail', async () => {
      const child = await schoolChild();
      const proposed = await t.http.post(`/api/v1/children/${child.id}/placements`).set(await school.auth())
        .send({ orgId: school.orgId, form: 'inclusive_class', classLabel: '2 «Б»', startedOn: '2026-12-01', usesSupportRoom: true }).expect(201);
      expect(proposed.headers.etag).toBe(`"${proposed.body.version}"`);
      expect(proposed.body).toMatchObject({
        childId: child.id, status: 'proposed', organization: { id: school.orgId, type: 'school' }, form: 'inclusive_class', classLabel: '2 «Б»',
        usesSupportRoom: true, startedOn: '2026-12-01', endedOn: null, activatedAt: null, supportPlan: null, providedConditions: [],
        // A child without a signed conclusion is placed, with a second look asked for.
        warnings: [expect.objectContaining({ code: 'NO_SIGNED_CONCLUSION' })],
      });
      const id = proposed.body.id as string;
      expect(await involvement(child.id, school.orgId)).toEqual([]);

      const active = await activate(school, id).expect(200);
      expect(active.body).toMatchObject({ status: 'active', startedOn: '2026-12-01', activatedAt: NOW.replace('Z', '.000Z') });
      expect(active.body.warnings.map((w: { code: string }) => w.code)).toEqual(['NO_SIGNED_CONCLUSION']);
      expect(await involvement(child.id, school.orgId)).toEqual([{ source_id: id, until: null }]);

      const created = await putPlan(school, id, null).expect(200);
      expect(created.headers.etag).toBe('"1"');
      expect(created.body).toMatchObject({ placementId: id, reviewDate: '2027-01-15', version: 1, goals: [expect.objectContaining({ area: 'speech' })] });
      expect((await putPlan(school, id, null)).status).toBe(428);
      expect(await putPlan(school, id, 7).expect(412).then((r) => r.body.code)).toBe('VERSION_CONFLICT');
      const updated = await putPlan(school, id, 1, supportPlan(school.orgId, '2027-02-01', { services: [] })).expect(200);
      expect(updated.body).toMatchObject({ version: 2, reviewDate: '2027-02-01', services: [] });

      const read = await get(school, id).expect(200);
      expect(read.body).toMatchObject({ id, status: 'active', supportPlan: { version: 2, reviewDate: '2027-02-01' } });

      const ended = await end(school, id, { reason: 'Отбасы басқа қалаға көшті', endedOn: '2027-03-01' }).expect(200);
      expect(ended.body).toMatchObject({ status: 'ended', endedOn: '2027-03-01', endReason: 'Отбасы басқа қалаға көшті' });
      expect((await involvement(child.id, school.orgId))[0].until).not.toBeNull();
      expect((await end(school, id)).body).toMatchObject({ status: 422, code: 'TRANSITION_NOT_ALLOWED' });
      expect((await putPlan(school, id, 2)).status).toBe(422);

      const timeline = await t.http.get(`/api/v1/children/${child.id}/timeline?limit=100`).set(await school.auth()).expect(200);
      expect(timeline.body.items.map((e: { kind: string }) => e.kind)).toEqual(
        expect.arrayContaining(['placement.proposed', 'placement.activated', 'support_plan.created', 'support_plan.updated', 'placement.ended']),
      );
      const actions = await t.db.query(`SELECT action FROM audit_events WHERE resource_id = $1 AND outcome = 'allowed' ORDER BY id`, [id]);
      expect(actions.map((a: { action: string }) => a.action)).toEqual(
        expect.arrayContaining(['placement.create', 'placement.activate', 'placement.support_plan', 'placement.read', 'placement.end']),
      );
    });

    it('cancels a proposal by ending it before it started', async () => {
      const child = await schoolChild();
      const proposal = await proposePlacement(t, school, child.id, { startedOn: '2027-09-01' });
      const res = await end(school, proposal.id, { reason: 'Ата-ана басқа мектепті таңдады' }).expect(200);
      expect(res.body).toMatchObject({ status: 'ended', activatedAt: null, endedOn: '2026-11-25' });
      expect(await activate(school, proposal.id).expect(422).then((r) => r.body.code)).toBe('TRANSITION_NOT_ALLOWED');
    });

    it('lets a PMPC involved with the case propose a placement, which only the placing school activates', async () => {
      const child = await newChild(t, specialist);
      const proposal = await proposePlacement(t, specialist, child.id, { orgId: otherSchool.orgId, form: 'inclusive_group' });
      expect(await activate(specialist, proposal.id).expect(403).then((r) => r.body.code)).toBe('FORBIDDEN');
      // The placing kindergarten reaches its own proposal before it has any involvement with the case.
      await get(otherSchool, proposal.id).expect(200);
      await activate(otherSchool, proposal.id).expect(200);
    });
  });

  describe('one active placement per child', () => {
    it('refuses a second activation with 409 ACTIVE_PLACEMENT_EXISTS', async () => {
      const child = await schoolChild();
      const first = await activePlacement(t, school, child.id);
      const second = await proposePlacement(t, school, child.id, { orgId: otherSchool.orgId, form: 'inclusive_group' });
      const res = await activate(otherSchool, second.id).expect(409);
      expect(res.body).toMatchObject({ code: 'ACTIVE_PLACEMENT_EXISTS', existingId: first.id });
      await end(school, first.id).expect(200);
      await activate(otherSchool, second.id).expect(200);
    });

    it('lets exactly one of two concurrent activations win, without a 5xx', async () => {
      const child = await schoolChild();
      const a = await proposePlacement(t, school, child.id);
      const b = await proposePlacement(t, school, child.id, { orgId: otherSchool.orgId, form: 'inclusive_group' });
      const [ra, rb] = await Promise.all([activate(school, a.id), activate(otherSchool, b.id)]);
      expect([ra.status, rb.status].sort()).toEqual([200, 409]);
      expect(await count(`placements WHERE child_id = $1 AND status = 'active'`, [child.id])).toBe(1);
    });
  });

  describe('the form of education and the conclusion', () => {
    it('warns, without refusing, when the form differs from the current signed conclusion', async () => {
      const child = await newChild(t, specialist);
      const conclusion = await signedConclusion(t, { child, specialist, head });
      await involve(t, child.id, school.orgId, 'registered');

      const differs = await t.http.post(`/api/v1/children/${child.id}/placements`).set(await school.auth())
        .send({ orgId: school.orgId, form: 'special_class', providedConditions: ['speech_therapist'] }).expect(201);
      expect(differs.body.assessmentId).toBe(conclusion.id);
      expect(differs.body.warnings).toEqual([
        expect.objectContaining({ code: 'FORM_DIFFERS_FROM_CONCLUSION', assessmentId: conclusion.id, recommendedForm: 'inclusive_class', form: 'special_class' }),
      ]);
      expect((await activatePlacement(t, school, differs.body.id)).warnings).toEqual([expect.objectContaining({ code: 'FORM_DIFFERS_FROM_CONCLUSION' })]);

      const agrees = await proposePlacement(t, school, child.id, { form: 'inclusive_class', providedConditions: ['speech_therapist'] });
      expect(agrees.warnings).toEqual([]);
    });

    it('answers 400 UNKNOWN_FORM for a form that is not in the reference table, and writes nothing', async () => {
      const child = await schoolChild();
      const before = await count('placements');
      const res = await t.http.post(`/api/v1/children/${child.id}/placements`).set(await school.auth()).send({ orgId: school.orgId, form: 'boarding' }).expect(400);
      expect(res.body).toMatchObject({ code: 'UNKNOWN_FORM', errors: [expect.objectContaining({ field: 'form', code: 'UNKNOWN_FORM' })] });
      expect(await count('placements')).toBe(before);
    });

    it('refuses an organisation that does not place children (422)', async () => {
      const child = await schoolChild();
      const room = await newOrganization(t, admin, { type: 'correction_room' });
      const before = await count('placements');
      const res = await t.http.post(`/api/v1/children/${child.id}/placements`).set(await school.auth()).send({ orgId: room.id, form: 'inclusive_class' }).expect(422);
      expect(res.body).toMatchObject({ code: 'PLACEMENT_ORGANIZATION_NOT_ELIGIBLE' });
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(await count('placements')).toBe(before);
    });
  });

  describe('access', () => {
    let child: RegisteredChild;
    let placementId: string;

    beforeAll(async () => {
      child = await schoolChild();
      placementId = (await activePlacement(t, school, child.id)).id;
      await putPlan(school, placementId, null).expect(200);
    });

    it.each([
      ['an uninvolved school', () => outsider],
      ['an uninvolved PMPC', () => outsiderPmpc],
    ])('answers 404 on every placement route to %s', async (_who, whom) => {
      const who = whom();
      const before = await count('placements');
      await t.http.post(`/api/v1/children/${child.id}/placements`).set(await who.auth()).send({ orgId: who.orgId, form: 'inclusive_class' }).expect(404);
      await get(who, placementId).expect(404);
      await activate(who, placementId).expect(404);
      await end(who, placementId).expect(404);
      await putPlan(who, placementId, 1).expect(404);
      expect(await count('placements')).toBe(before);
      expect((await get(school, placementId).expect(200)).body).toMatchObject({ status: 'active', supportPlan: { version: 1 } });
    });

    it('answers 404 for a placement that does not exist', async () => {
      await get(school, '00000000-0000-4000-8000-000000000000').expect(404);
    });

    it.each([
      ['health', () => health],
      ['social', () => social],
    ])('hides placements and support plans from %s without its data-sharing consent, on the case and on the placement route', async (sector, whom) => {
      const who = whom();
      await involve(t, child.id, who.orgId);
      const planned = (await get(school, placementId).expect(200)).body;
      const hidden = async () => {
        const view = (await t.http.get(`/api/v1/children/${child.id}`).set(await who.auth()).expect(200)).body;
        expect(view).not.toHaveProperty('placements');
        const res = await get(who, placementId).expect(404);
        expect(JSON.stringify(res.body)).not.toContain(planned.organization.id);
        await end(who, placementId).expect(404);
      };
      await hidden();
      const consentId = await shareWith(t, school, child, sector);
      const view = (await t.http.get(`/api/v1/children/${child.id}`).set(await who.auth()).expect(200)).body;
      expect(view.placements).toEqual([expect.objectContaining({ id: placementId, status: 'active', supportPlan: expect.objectContaining({ version: 1 }) })]);
      // Reading the placement itself is reading that section of the case: allowed now, and no change.
      await get(who, placementId).expect(200);
      await end(who, placementId).expect(403);
      await withdrawConsent(t, school, consentId);
      await hidden();
    });
  });

  describe('bad input', () => {
    it('answers 400 with every bad field in errors[] and writes nothing', async () => {
      const child = await schoolChild();
      const before = await count('placements');
      const res = await t.http.post(`/api/v1/children/${child.id}/placements`).set(await school.auth())
        .send({ orgId: 'not-a-uuid', form: 42, startedOn: '2026-02-30', usesSupportRoom: 'yes', colour: 'red' }).expect(400);
      expect(fields(res)).toEqual(expect.arrayContaining(['orgId', 'form', 'startedOn', 'usesSupportRoom', 'colour']));
      expect(await count('placements')).toBe(before);
    });

    it('validates the support plan and the end of a placement', async () => {
      const child = await schoolChild();
      const placement = await activePlacement(t, school, child.id);
      const res = await putPlan(school, placement.id, null, { goals: [{ area: 'speech' }], services: 'many', reviewDate: '15.01.2027' }).expect(400);
      expect(fields(res)).toEqual(expect.arrayContaining(['reviewDate', 'services']));
      expect(fields(res).some((f: string) => f.startsWith('goals'))).toBe(true);
      expect(await count('support_plans WHERE placement_id = $1', [placement.id])).toBe(0);
      expect(fields(await end(school, placement.id, {}).expect(400))).toContain('reason');
      expect((await end(school, placement.id, { reason: 'x', endedOn: '2020-01-01' }).expect(422)).body.code).toBe('ENDED_BEFORE_START');
      expect((await get(school, placement.id)).body.status).toBe('active');
    });
  });
});
