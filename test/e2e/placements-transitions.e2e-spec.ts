import type { Response } from 'supertest';
import { Jobs } from '@qoldau/core';
import { TRANSITIONS_CRON, TRANSITIONS_JOB, TransitionsJobService } from '@qoldau/placements';
import { openAssessment, reviewDateIn, signedConclusion } from '../support/assessments';
import { CaseWorker, involve, newCaseWorker, newChild, RegisteredChild } from '../support/children';
import { eventually } from '../support/eventually';
import { asAdmin, PAVLODAR, Session } from '../support/factories';
import { activePlacement, proposePlacement, savePlan, supportPlan } from '../support/placements';
import { almaty } from '../support/referrals';
import { startTestApp, TestApp } from '../support/test-app';

// Issue 15, "placements that follow the child": the support plan's validation, versions and reviews,
// the child's life-stage transitions, and the daily job that puts what is due into worklists.
const NOW = almaty('2026-08-20 11:00').toISOString(); // a Thursday, the last weeks before 1 September

describe('placements that follow the child', () => {
  let t: TestApp;
  let admin: Session;
  let school: CaseWorker;
  let kindergarten: CaseWorker;
  let otherSchool: CaseWorker;
  let pmpc: CaseWorker;
  let head: CaseWorker;
  let health: CaseWorker;
  let outsider: CaseWorker;

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    admin = await asAdmin(t);
    school = await newCaseWorker(t, admin, 'school', ['school_coordinator']);
    kindergarten = await newCaseWorker(t, admin, 'kindergarten', ['school_coordinator']);
    otherSchool = await newCaseWorker(t, admin, 'school', ['school_coordinator']);
    pmpc = await newCaseWorker(t, admin, 'pmpc', ['pmpc_specialist']);
    head = await newCaseWorker(t, admin, 'pmpc', ['pmpc_head'], undefined, pmpc.orgId);
    health = await newCaseWorker(t, admin, 'polyclinic', ['health_worker']);
    outsider = await newCaseWorker(t, admin, 'school', ['school_coordinator'], PAVLODAR);
  });
  afterAll(() => t.close());

  const count = async (sql: string, params: unknown[] = []) => (await t.db.query(`SELECT count(*)::int AS n FROM ${sql}`, params))[0].n as number;
  const errors = (res: Response) => (res.body.errors ?? []).map((e: { field: string; code: string }) => [e.field, e.code]);
  const put = async (as: CaseWorker, placementId: string, body: Record<string, unknown>, version?: number) => {
    const request = t.http.put(`/api/v1/placements/${placementId}/support-plan`).set(await as.auth());
    if (version !== undefined) request.set('If-Match', `"${version}"`);
    return request.send(body);
  };
  const review = async (as: CaseWorker, planId: string, body: Record<string, unknown>) =>
    t.http.post(`/api/v1/support-plans/${planId}/reviews`).set(await as.auth()).send(body);
  const transitions = async (as: CaseWorker, childId: string) => t.http.get(`/api/v1/children/${childId}/transitions`).set(await as.auth());

  describe('the support plan (IEP)', () => {
    let placementId: string;
    beforeAll(async () => {
      const child = await newChild(t, school, { birthDate: '2015-04-02' });
      placementId = (await activePlacement(t, school, child.id, { classLabel: '5 «А»' })).id;
    });

    it('refuses a plan without goals, staff or a criterion, with a review date in 2020 or beyond 12 months; nothing is written', async () => {
      const plan = supportPlan(school.orgId, '2026-12-01');
      const { goals: _goals, ...withoutGoals } = plan;
      let res = await put(school, placementId, withoutGoals);
      expect(res.status).toBe(400);
      expect(errors(res)).toEqual(expect.arrayContaining([['goals', 'REQUIRED'], ['goals', 'ARRAY_MIN_SIZE']]));

      res = await put(school, placementId, { ...plan, goals: [], responsibleStaff: [] });
      expect(res.status).toBe(400);
      expect(errors(res)).toEqual(expect.arrayContaining([['goals', 'ARRAY_MIN_SIZE'], ['responsibleStaff', 'ARRAY_MIN_SIZE']]));

      res = await put(school, placementId, { ...plan, goals: [{ area: 'speech', description: 'Оқиды', targetDate: '2027-05-31' }], services: [{ service: 'speech_therapy' }] });
      expect(res.status).toBe(400);
      expect(errors(res)).toEqual(expect.arrayContaining([
        ['goals.0.criterion', 'REQUIRED'], ['services.0.providerOrgId', 'REQUIRED'], ['services.0.hoursPerWeek', 'REQUIRED'],
      ]));

      res = await put(school, placementId, { ...plan, reviewDate: '2020-09-01' });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'reviewDate', code: 'PLAN_REVIEW_DATE_OUT_OF_RANGE' }] });
      expect(res.headers['content-type']).toContain('application/problem+json');

      res = await put(school, placementId, { ...plan, reviewDate: '2027-08-21' }); // today is 2026-08-20 in Almaty
      expect(errors(res)).toEqual([['reviewDate', 'PLAN_REVIEW_DATE_OUT_OF_RANGE']]);

      res = await put(school, placementId, supportPlan('00000000-0000-4000-8000-000000000000', '2026-12-01'));
      expect(res.body).toMatchObject({ status: 400, code: 'UNKNOWN_ORGANIZATION', errors: [{ field: 'services.0.providerOrgId', code: 'UNKNOWN_ORGANIZATION' }] });

      expect(await count('support_plans WHERE placement_id = $1', [placementId])).toBe(0);
      expect(await count('support_plan_versions')).toBe(0);
      expect((await put(school, placementId, { ...plan, reviewDate: '2027-08-20' })).status).toBe(200); // 12 months to the day
    });
  });

  describe('versions and reviews', () => {
    let child: RegisteredChild;
    let placementId: string;
    beforeAll(async () => {
      child = await newChild(t, school, { birthDate: '2016-02-10' });
      await involve(t, child.id, pmpc.orgId, 'assessment');
      placementId = (await activePlacement(t, school, child.id, { classLabel: '4 «Б»' })).id;
    });

    it('keeps every version and every review; goals keep their ids; unknown goals are refused with nothing written', async () => {
      const v1 = await savePlan(t, school, placementId, supportPlan(school.orgId, '2026-12-01'));
      const [goal] = v1.goals;
      expect(goal).toEqual(expect.objectContaining({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), criterion: expect.any(String) }));

      const rewritten = supportPlan(school.orgId, '2026-12-15', {
        goals: [
          { ...goal, description: 'Мәтінді өздігінен оқиды' },
          { area: 'motor', description: 'Қарындашты дұрыс ұстайды', criterion: 'Бес жолды сызады', targetDate: '2027-03-01' },
        ],
      });
      const v2 = await savePlan(t, school, placementId, rewritten, 1);
      expect(v2.version).toBe(2);
      expect(v2.goals.map((g) => g.id)).toEqual([goal.id, expect.not.stringMatching(goal.id)]);

      const stranger = { ...goal, id: '11111111-1111-4111-8111-111111111111' };
      const unknownInPut = await put(school, placementId, supportPlan(school.orgId, '2026-12-15', { goals: [stranger] }), 2);
      expect(unknownInPut.body).toMatchObject({ status: 400, code: 'UNKNOWN_GOAL', errors: [{ field: 'goals.0.id', code: 'UNKNOWN_GOAL' }] });

      const note = 'Дыбыстарды дұрыс айтады, бірақ көмекпен';
      const reviewed = await review(school, v1.id, {
        reviewedOn: '2026-08-19', goals: [{ goalId: goal.id, progress: 'progressing', note }, { goalId: v2.goals[1].id, progress: 'achieved' }],
        nextReviewDate: '2027-02-19',
      });
      expect(reviewed.status).toBe(201);
      expect(reviewed.body).toMatchObject({ id: v1.id, placementId, childId: child.id, version: 3, reviewDate: '2027-02-19' });
      expect(reviewed.body.versions.map((v: { version: number; change: string; reviewDate: string }) => [v.version, v.change, v.reviewDate])).toEqual([
        [1, 'created', '2026-12-01'], [2, 'updated', '2026-12-15'], [3, 'reviewed', '2027-02-19'],
      ]);
      expect(reviewed.body.versions[0].goals).toEqual([expect.objectContaining({ id: goal.id, description: goal.description })]);
      expect(reviewed.body.reviews).toEqual([expect.objectContaining({
        planVersion: 2, reviewedOn: '2026-08-19', nextReviewDate: '2027-02-19', recordedBy: school.userId,
        goals: [{ goalId: goal.id, progress: 'progressing', note }, { goalId: v2.goals[1].id, progress: 'achieved', note: null }],
      })]);

      const unknown = await review(school, v1.id, { reviewedOn: '2026-08-20', goals: [{ goalId: stranger.id, progress: 'achieved' }], nextReviewDate: '2027-02-19' });
      expect(unknown.body).toMatchObject({ status: 400, code: 'UNKNOWN_GOAL', errors: [{ field: 'goals.0.goalId', code: 'UNKNOWN_GOAL' }] });
      const tooFar = await review(school, v1.id, { reviewedOn: '2026-08-20', goals: [{ goalId: goal.id, progress: 'achieved' }], nextReviewDate: '2027-08-21' });
      expect(errors(tooFar)).toEqual([['nextReviewDate', 'PLAN_REVIEW_DATE_OUT_OF_RANGE']]);
      const future = await review(school, v1.id, { reviewedOn: '2026-08-21', goals: [{ goalId: goal.id, progress: 'bad' }], nextReviewDate: '2027-02-01' });
      expect(future.status).toBe(400);
      expect(errors(future)).toEqual([['goals.0.progress', 'NOT_ALLOWED_VALUE']]);
      expect(errors(await review(school, v1.id, { reviewedOn: '2026-08-21', goals: [{ goalId: goal.id, progress: 'achieved' }], nextReviewDate: '2027-02-01' })))
        .toEqual([['reviewedOn', 'DATE_IN_FUTURE']]);
      expect(await count('support_plan_reviews WHERE plan_id = $1', [v1.id])).toBe(1);
      expect(await count('support_plan_versions WHERE plan_id = $1', [v1.id])).toBe(3);

      // Readers of the case's placements section read the history; only the placing organisation reviews.
      const read = await t.http.get(`/api/v1/support-plans/${v1.id}`).set(await pmpc.auth()).expect(200);
      expect(read.body.versions).toHaveLength(3);
      expect(read.body.reviews).toHaveLength(1);
      expect((await review(pmpc, v1.id, { reviewedOn: '2026-08-20', goals: [{ goalId: goal.id, progress: 'achieved' }], nextReviewDate: '2027-02-19' })).status).toBe(403);
      expect((await t.http.get(`/api/v1/support-plans/${v1.id}`).set(await outsider.auth())).status).toBe(404);
      expect((await review(outsider, v1.id, { reviewedOn: '2026-08-20', goals: [{ goalId: goal.id, progress: 'achieved' }], nextReviewDate: '2027-02-19' })).status).toBe(404);
      expect((await t.http.get(`/api/v1/support-plans/${placementId}`).set(await school.auth())).status).toBe(404);
      expect(await count('support_plan_reviews WHERE plan_id = $1', [v1.id])).toBe(1);

      // The trail names the notes, never copies them; the timeline has the review.
      const trail = await t.db.query(`SELECT action, changes::text AS changes FROM audit_events WHERE resource_id = $1 AND action = 'support_plan.review' AND outcome = 'allowed'`, [v1.id]);
      expect(trail).toHaveLength(1);
      expect(trail[0].changes).not.toContain(note);
      const timeline = await t.http.get(`/api/v1/children/${child.id}/timeline?limit=100`).set(await school.auth()).expect(200);
      expect(timeline.body.items.map((e: { kind: string }) => e.kind)).toEqual(expect.arrayContaining(['support_plan.created', 'support_plan.updated', 'support_plan.reviewed']));
      expect(JSON.stringify(timeline.body)).not.toContain(note);
    });
  });

  describe('GET /children/:id/transitions', () => {
    it.each([
      ['2024-01-10', null, 'early_age', 2, []],
      ['2021-03-10', null, 'preschool', 5, []], // school entry on 1 September 2027: not yet its year
      ['2020-05-05', null, 'school', 6, [['school_entry_due', '2026-09-01', false]]],
      ['2020-10-05', '1 «А»', 'school', 5, []], // already a pupil: a school placement
      ['2011-02-01', '9 «А»', 'school', 15, [['grade_9_or_11_finish', '2026-05-31', true]]], // in August the school year that ended
      ['2008-01-01', '11 «Б»', 'after_school', 18, [['grade_9_or_11_finish', '2026-05-31', true]]],
    ])('a child born %s (class %s) is at the %s stage, aged %d, with %j due', async (birthDate, classLabel, stage, age, due) => {
      const child = await newChild(t, school, { birthDate });
      if (classLabel) await activePlacement(t, school, child.id, { classLabel });
      const res = await transitions(school, child.id);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ childId: child.id, today: '2026-08-20', birthDate, ageYears: age, stage });
      expect(res.body.due.map((d: { kind: string; dueOn: string; overdue: boolean }) => [d.kind, d.dueOn, d.overdue])).toEqual(due);
    });

    it('names a conclusion to review and a plan to review; 404 for whoever may not see the placements', async () => {
      const child = await newChild(t, pmpc, { birthDate: '2017-06-01' });
      const conclusion = await signedConclusion(t, { child, specialist: pmpc, head, draft: { reviewDate: reviewDateIn(t, 40) } });
      await involve(t, child.id, school.orgId);
      const placement = await activePlacement(t, school, child.id, { classLabel: '3 «В»' });
      const plan = await savePlan(t, school, placement.id, supportPlan(school.orgId, '2026-08-30'));
      const res = await transitions(pmpc, child.id);
      expect(res.body).toMatchObject({ stage: 'school', placement: { id: placement.id, orgId: school.orgId, orgType: 'school', grade: 3 } });
      expect(res.body.due).toEqual([
        { kind: 'conclusion_review_due', dueOn: reviewDateIn(t, 40), overdue: false, subjectId: conclusion.id },
        { kind: 'plan_review_due', dueOn: '2026-08-30', overdue: false, subjectId: plan.id },
      ]);
      await involve(t, child.id, health.orgId);
      expect((await transitions(health, child.id)).status).toBe(404); // no data-sharing consent for health
      expect((await transitions(outsider, child.id)).status).toBe(404);
      expect((await transitions(school, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
    });
  });

  describe('the daily transitions job and the worklist', () => {
    const items = (childId: string) =>
      t.db.query(
        `SELECT org_id, kind, to_char(due_on, 'YYYY-MM-DD') AS due_on, resolved_on IS NOT NULL AS resolved FROM transition_items WHERE child_id = $1 ORDER BY kind, org_id`,
        [childId],
      );
    const run = () => t.app.get(TransitionsJobService).run();
    const worklist = async (as: CaseWorker) => (await t.http.get('/api/v1/worklist?limit=20').set(await as.auth()).expect(200)).body.buckets;
    const childrenIn = (bucket: { items: { childId: string; kind: string }[] } | undefined) => (bucket?.items ?? []).map((i) => `${i.childId}:${i.kind}`);

    it('puts a child turning 6 into its PMPC\'s and kindergarten\'s worklists before 1 September, once, and takes it out when a school takes it', async () => {
      // Turns 6 in May 2026: school on 1 September 2026. A conclusion from the PMPC, an active kindergarten placement with a plan due soon.
      const sixYearOld = await newChild(t, pmpc, { birthDate: '2020-05-05', lastName: 'Алтыжасова' });
      await signedConclusion(t, { child: sixYearOld, specialist: pmpc, head });
      await involve(t, sixYearOld.id, kindergarten.orgId);
      const kgPlacement = await activePlacement(t, kindergarten, sixYearOld.id, { form: 'inclusive_group' });
      await savePlan(t, kindergarten, kgPlacement.id, supportPlan(kindergarten.orgId, '2026-08-25'));
      // Turns 6 in March 2027: school on 1 September 2027, due only from 2 September 2026.
      const fiveYearOld = await newChild(t, pmpc, { birthDate: '2021-03-10', lastName: 'Бесжасова' });
      await signedConclusion(t, { child: fiveYearOld, specialist: pmpc, head });

      await run();
      await run(); // the same day again: nothing doubles
      expect(await items(sixYearOld.id)).toEqual(expect.arrayContaining([
        { org_id: kindergarten.orgId, kind: 'plan_review_due', due_on: '2026-08-25', resolved: false },
        { org_id: pmpc.orgId, kind: 'plan_review_due', due_on: '2026-08-25', resolved: false },
        { org_id: kindergarten.orgId, kind: 'school_entry_due', due_on: '2026-09-01', resolved: false },
        { org_id: pmpc.orgId, kind: 'school_entry_due', due_on: '2026-09-01', resolved: false },
      ]));
      expect(await items(sixYearOld.id)).toHaveLength(4);
      expect(await items(fiveYearOld.id)).toEqual([]);

      const kg = await worklist(kindergarten);
      expect(childrenIn(kg.transitionsDue)).toContain(`${sixYearOld.id}:school_entry_due`);
      expect(childrenIn(kg.planReviewsDue)).toEqual([`${sixYearOld.id}:plan_review_due`]);
      expect(kg.transitionsDue.items.find((i: { childId: string }) => i.childId === sixYearOld.id)).toMatchObject({
        dueOn: '2026-09-01', overdue: false, child: { lastName: 'Алтыжасова', birthDate: '2020-05-05' },
      });
      expect(childrenIn((await worklist(pmpc)).transitionsDue)).toContain(`${sixYearOld.id}:school_entry_due`);
      for (const stranger of [otherSchool, outsider]) {
        const buckets = await worklist(stranger);
        expect([...childrenIn(buckets.transitionsDue), ...childrenIn(buckets.planReviewsDue)].filter((i) => i.startsWith(sixYearOld.id))).toEqual([]);
      }

      // Across 1 September: the five-year-old's school year comes; the six-year-old, still without a school, stays (overdue), not twice.
      t.clock.set(almaty('2026-09-02 09:00'));
      await run();
      await run();
      expect((await items(fiveYearOld.id)).map((i: { kind: string; due_on: string }) => [i.kind, i.due_on])).toEqual([['school_entry_due', '2027-09-01']]);
      expect((await items(sixYearOld.id)).filter((i: { kind: string }) => i.kind === 'school_entry_due')).toHaveLength(2);
      const overdue = (await worklist(kindergarten)).transitionsDue.items.find((i: { childId: string }) => i.childId === sixYearOld.id);
      expect(overdue).toMatchObject({ kind: 'school_entry_due', overdue: true });

      // A school proposes to take the child: the next run resolves the school entry.
      await involve(t, sixYearOld.id, school.orgId);
      await proposePlacement(t, school, sixYearOld.id, { classLabel: '1 «А»', startedOn: '2026-09-07' });
      t.clock.set(almaty('2026-09-03 09:00'));
      await run();
      expect((await items(sixYearOld.id)).filter((i: { kind: string }) => i.kind === 'school_entry_due').map((i: { resolved: boolean }) => i.resolved)).toEqual([true, true]);
      expect(childrenIn((await worklist(kindergarten)).transitionsDue)).not.toContain(`${sixYearOld.id}:school_entry_due`);
      expect(childrenIn((await worklist(kindergarten)).planReviewsDue)).toEqual([`${sixYearOld.id}:plan_review_due`]); // overdue, still to do
    });

    it('names conclusions to review within 60 days until a new assessment is opened', async () => {
      const child = await newChild(t, pmpc, { birthDate: '2014-09-09' });
      await signedConclusion(t, { child, specialist: pmpc, head, draft: { reviewDate: reviewDateIn(t, 50) } });
      await run();
      expect(childrenIn((await worklist(pmpc)).transitionsDue)).toContain(`${child.id}:conclusion_review_due`);
      await openAssessment(t, pmpc, child.id, {});
      t.clock.advance(24 * 60 * 60 * 1000);
      await run();
      expect(childrenIn((await worklist(pmpc)).transitionsDue)).not.toContain(`${child.id}:conclusion_review_due`);
    });
  });
});

describe('the transitions job through pg-boss', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ worker: true, now: NOW });
  });
  afterAll(() => t.close());

  it('is scheduled daily in Asia/Almaty and runs as a job', async () => {
    const [schedule] = await t.db.query(`SELECT cron, options->>'tz' AS tz FROM pgboss.schedule WHERE name = $1`, [TRANSITIONS_JOB]);
    expect(schedule).toEqual({ cron: TRANSITIONS_CRON, tz: 'Asia/Almaty' });
    await t.app.get(Jobs).send(TRANSITIONS_JOB, {});
    const state = await eventually(async () => {
      const [job] = await t.db.query(`SELECT state FROM pgboss.job WHERE name = $1 ORDER BY created_on DESC LIMIT 1`, [TRANSITIONS_JOB]);
      return job?.state === 'completed' ? job.state : undefined;
    });
    expect(state).toBe('completed');
  });
});
