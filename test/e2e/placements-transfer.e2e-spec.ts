import { ReferralSlaService } from '@qoldau/referrals';
import type { Response } from 'supertest';
import { signedConclusion } from '../support/assessments';
import type { CaseWorker, RegisteredChild } from '../support/children';
import { activatePlacement, PlacementBody, proposePlacement, supportPlan } from '../support/placements';
import { act, almaty, consentingChild, member, ReferralBody, sentReferral, serviceProvider, worker } from '../support/referrals';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Placements that follow the child (issue 15), over HTTP on the real database: a transfer between
 * schools (plan carried over as a new version, the old one kept, involvements moved, both schools and
 * the PMPC told), a school_placement referral completed as `placed` when its placement starts (and
 * the SLA job leaving it alone afterwards), two activations at once, referral funding defaults and
 * completion only after a logged session.
 */
describe('placements follow the child: transfers and school_placement referrals', () => {
  let t: TestApp;
  let pmpc: CaseWorker;
  let head: CaseWorker;
  let schoolA: CaseWorker;
  let schoolB: CaseWorker;
  let schoolC: CaseWorker;
  let outsider: CaseWorker;
  let room: CaseWorker;
  let office: CaseWorker;

  beforeAll(async () => {
    t = await startTestApp({ now: almaty('2026-03-02 09:00').toISOString() });
    pmpc = await worker(t, 'pmpc', ['pmpc_specialist']);
    head = await member(t, pmpc.orgId, ['pmpc_head']);
    schoolA = await worker(t, 'school', ['school_coordinator']);
    schoolB = await worker(t, 'school', ['school_coordinator']);
    schoolC = await worker(t, 'kindergarten', ['school_coordinator']);
    outsider = await worker(t, 'school', ['school_coordinator']);
    room = await serviceProvider(t, 'correction_room', ['correction_specialist'], { capacity: 50, stateOrderPlaces: 50 });
    // No state-order places at all: only a service funded otherwise can start here.
    office = await serviceProvider(t, 'social_protection_office', ['social_worker'], { capacity: null });
  });
  afterAll(() => t.close());

  const transfer = async (as: CaseWorker, id: string, body: Record<string, unknown>): Promise<Response> =>
    t.http.post(`/api/v1/placements/${id}/transfer`).set(await as.auth()).send(body);
  const activate = async (as: CaseWorker, id: string): Promise<Response> => t.http.post(`/api/v1/placements/${id}/activate`).set(await as.auth());
  const readReferral = async (id: string): Promise<ReferralBody> => (await t.http.get(`/api/v1/referrals/${id}`).set(await pmpc.auth()).expect(200)).body;
  const activeOf = (childId: string) => t.db.query(`SELECT id, org_id FROM placements WHERE child_id = $1 AND status = 'active'`, [childId]);
  const involvement = async (childId: string, orgId: string) =>
    (await t.db.query(`SELECT source_id, until FROM involvements WHERE child_id = $1 AND org_id = $2 AND kind = 'placement' ORDER BY since`, [childId, orgId]));
  const valid = () => ({ toOrgId: schoolB.orgId, startedOn: '2026-03-10', form: 'inclusive_class', classLabel: '3 «А»' });

  /** A child (services consent, a signed conclusion by the PMPC) placed at school A since today, with a support plan. */
  async function placedChild(): Promise<{ child: RegisteredChild; placement: PlacementBody; plan: Record<string, unknown> & { id: string } }> {
    const child = await consentingChild(t, pmpc);
    await signedConclusion(t, { child, specialist: pmpc, head });
    const placement = await activatePlacement(t, schoolA, (await proposePlacement(t, pmpc, child.id, { orgId: schoolA.orgId, classLabel: '2 «Б»', providedConditions: ['speech_therapist'] })).id);
    const plan = await t.http.put(`/api/v1/placements/${placement.id}/support-plan`).set(await schoolA.auth()).send(supportPlan(schoolA.orgId)).expect(200);
    return { child, placement, plan: plan.body };
  }

  /** A school_placement referral from the PMPC to `school`, accepted by it. */
  async function acceptedPlacementReferral(child: RegisteredChild, school: CaseWorker): Promise<ReferralBody> {
    const referral = await sentReferral(t, pmpc, child.id, school.orgId, { serviceType: 'school_placement', reason: 'Мектепті ауыстыру' });
    await act(t, school, referral.id, 'accept').expect(200);
    return referral;
  }

  describe('POST /placements/:id/transfer', () => {
    it('ends the placement as transferred, starts one at the new school with the plan carried over, moves the involvements and tells both schools and the PMPC', async () => {
      const { child, placement, plan } = await placedChild();
      const res = await transfer(schoolA, placement.id, valid());
      expect(res.status).toBe(200);
      const next = res.body.placement as PlacementBody;
      expect(res.body.ended).toMatchObject({
        id: placement.id, status: 'ended', endedAs: 'transferred', endedOn: '2026-03-10', endReason: null, transferredToId: next.id,
        supportPlan: { id: plan.id, version: 1, carriedFromId: null },
      });
      expect(next).toMatchObject({
        status: 'active', organization: { id: schoolB.orgId }, startedOn: '2026-03-10', classLabel: '3 «А»', form: 'inclusive_class',
        transferredFromId: placement.id, referralId: null, endedAs: null, warnings: [], providedConditions: ['speech_therapist'],
        supportPlan: { version: 2, carriedFromId: plan.id, goals: plan.goals, services: plan.services, reviewDate: plan.reviewDate },
      });
      expect(next.supportPlan!.id).not.toBe(plan.id);

      // History kept: the old plan is still the old placement's, at its version.
      const plans = await t.db.query(
        `SELECT placement_id, version, carried_from_id FROM support_plans WHERE placement_id IN ($1, $2) ORDER BY version`, [placement.id, next.id],
      );
      expect(plans).toEqual([
        { placement_id: placement.id, version: 1, carried_from_id: null },
        { placement_id: next.id, version: 2, carried_from_id: plan.id },
      ]);
      expect(await activeOf(child.id)).toEqual([{ id: next.id, org_id: schoolB.orgId }]);

      // The involvements follow the child: the old school's ends, the new one's begins.
      expect((await involvement(child.id, schoolA.orgId)).map((i: { until: Date | null }) => i.until !== null)).toEqual([true]);
      expect(await involvement(child.id, schoolB.orgId)).toEqual([{ source_id: next.id, until: null }]);
      await t.http.get(`/api/v1/placements/${next.id}`).set(await schoolA.auth()).expect(404);
      // The new school works on the carried plan with its version.
      const updated = await t.http.put(`/api/v1/placements/${next.id}/support-plan`).set(await schoolB.auth()).set('If-Match', '"2"').send(supportPlan(schoolB.orgId, '2027-02-01'));
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({ version: 3, carriedFromId: plan.id, reviewDate: '2027-02-01' });
      // Its history at the new school begins with the plan as carried, then the new school's change.
      const history = await t.http.get(`/api/v1/support-plans/${updated.body.id}`).set(await schoolB.auth()).expect(200);
      expect(history.body.versions.map((v: { version: number; change: string }) => [v.version, v.change])).toEqual([[2, 'carried'], [3, 'updated']]);
      expect((await t.http.get(`/api/v1/placements/${placement.id}`).set(await pmpc.auth()).expect(200)).body.supportPlan).toMatchObject({ version: 1 });

      // Both schools and the PMPC that signed the conclusion, with ids and codes only.
      const notes = await t.db.query(`SELECT org_id, payload FROM notifications WHERE kind = 'placement.transferred' AND child_id = $1`, [child.id]);
      expect([...new Set(notes.map((n: { org_id: string }) => n.org_id))].sort()).toEqual([schoolA.orgId, schoolB.orgId, pmpc.orgId].sort());
      for (const note of notes) {
        expect(note.payload).toMatchObject({ fromPlacementId: placement.id, placementId: next.id, fromOrgId: schoolA.orgId, toOrgId: schoolB.orgId, startedOn: '2026-03-10', planCarried: true });
        for (const personal of [child.identity.lastName, child.identity.firstName, child.identity.iin as string]) expect(JSON.stringify(note.payload)).not.toContain(personal);
      }
      const timeline = await t.http.get(`/api/v1/children/${child.id}/timeline?limit=100`).set(await pmpc.auth()).expect(200);
      expect(timeline.body.items.map((e: { kind: string }) => e.kind)).toEqual(expect.arrayContaining(['placement.transferred', 'placement.activated']));
      const actions = await t.db.query(`SELECT action, resource_id FROM audit_events WHERE resource_id IN ($1, $2) AND outcome = 'allowed' ORDER BY id`, [placement.id, next.id]);
      expect(actions).toEqual(expect.arrayContaining([
        { action: 'placement.transfer', resource_id: placement.id }, { action: 'placement.transferred_in', resource_id: next.id },
      ]));
    });

    it('refuses bad transfers with a stable code, writing nothing', async () => {
      const { child, placement } = await placedChild();
      const proposal = await proposePlacement(t, pmpc, child.id, { orgId: schoolC.orgId, form: 'inclusive_group' });
      const state = async () => ({
        placements: await t.db.query(`SELECT id, status, version, ended_as FROM placements WHERE child_id = $1 ORDER BY id`, [child.id]),
        plans: await t.db.query(`SELECT s.id, s.version FROM support_plans s JOIN placements p ON p.id = s.placement_id WHERE p.child_id = $1 ORDER BY s.id`, [child.id]),
        involvements: await t.db.query(`SELECT org_id, kind, until FROM involvements WHERE child_id = $1 ORDER BY org_id, kind`, [child.id]),
        child: await t.db.query(`SELECT version FROM children WHERE id = $1`, [child.id]),
        notifications: await t.db.query(`SELECT count(*)::int AS n FROM notifications WHERE child_id = $1`, [child.id]),
      });
      const before = await state();
      const cases: [string, CaseWorker, string, Record<string, unknown>, number, string, string | null][] = [
        ['to the same school', schoolA, placement.id, { toOrgId: schoolA.orgId }, 422, 'TRANSFER_TO_SAME_ORGANIZATION', 'toOrgId'],
        ['to a correction room', schoolA, placement.id, { toOrgId: room.orgId }, 422, 'PLACEMENT_ORGANIZATION_NOT_ELIGIBLE', 'toOrgId'],
        ['to an unknown organisation', schoolA, placement.id, { toOrgId: '00000000-0000-4000-8000-000000000000' }, 400, 'UNKNOWN_ORGANIZATION', 'toOrgId'],
        ['in an unknown form', schoolA, placement.id, { form: 'sometimes' }, 400, 'UNKNOWN_FORM', 'form'],
        ['starting before the placement began', schoolA, placement.id, { startedOn: '2026-02-01' }, 422, 'ENDED_BEFORE_START', 'startedOn'],
        ['without a start date', schoolA, placement.id, { startedOn: undefined }, 400, 'VALIDATION_FAILED', 'startedOn'],
        ['of a placement not active', schoolC, proposal.id, {}, 422, 'TRANSITION_NOT_ALLOWED', null],
        ['by a school not involved', outsider, placement.id, {}, 404, 'NOT_FOUND', null],
        ['by the receiving school before it has the child', schoolB, placement.id, {}, 404, 'NOT_FOUND', null],
        ['by the PMPC, which sees the case but does not place', pmpc, placement.id, {}, 403, 'FORBIDDEN', null],
      ];
      for (const [what, as, id, override, status, code, field] of cases) {
        const res = await transfer(as, id, { ...valid(), ...(id === proposal.id ? { toOrgId: schoolB.orgId } : {}), ...override });
        expect([what, res.status, res.body.code]).toEqual([what, status, code]);
        expect(res.headers['content-type']).toContain('application/problem+json');
        if (field) expect([what, res.body.errors.map((e: { field: string }) => e.field)]).toEqual([what, expect.arrayContaining([field])]);
      }
      expect(await state()).toEqual(before);
    });
  });

  describe('a placement that answers a school_placement referral', () => {
    it('is proposed only with an accepted school_placement referral of this child to that school', async () => {
      const { child } = await placedChild();
      const accepted = await acceptedPlacementReferral(child, schoolB);
      const sentOnly = await sentReferral(t, pmpc, child.id, schoolC.orgId, { serviceType: 'school_placement', reason: 'Балабақша' });
      const other = await consentingChild(t, pmpc);
      const speech = await sentReferral(t, pmpc, child.id, room.orgId);
      for (const [as, childId, orgId, referralId] of [
        [schoolB, child.id, schoolB.orgId, sentOnly.id], // not accepted, and to another school
        [schoolC, child.id, schoolC.orgId, sentOnly.id], // not accepted yet
        [schoolC, child.id, schoolC.orgId, accepted.id], // to another school
        [pmpc, other.id, schoolB.orgId, accepted.id], // another child
        [pmpc, child.id, room.orgId, speech.id], // not a school placement (nor a school)
        [schoolB, child.id, schoolB.orgId, '00000000-0000-4000-8000-000000000000'],
      ] as const) {
        const res = await t.http.post(`/api/v1/children/${childId}/placements`).set(await as.auth()).send({ orgId, form: 'inclusive_class', referralId });
        expect([referralId, res.status]).toEqual([referralId, 422]);
        expect(res.body.code).toBe(orgId === room.orgId ? 'PLACEMENT_ORGANIZATION_NOT_ELIGIBLE' : 'REFERRAL_NOT_FOR_PLACEMENT');
      }
      expect(await t.db.query(`SELECT count(*)::int AS n FROM placements WHERE referral_id IS NOT NULL AND child_id IN ($1, $2)`, [child.id, other.id])).toEqual([{ n: 0 }]);
      const proposal = await proposePlacement(t, schoolB, child.id, { referralId: accepted.id });
      expect(proposal).toMatchObject({ status: 'proposed', referralId: accepted.id });
    });

    it('transfers the child on activation instead of 409, and completes the referral with the outcome placed', async () => {
      const { child, placement, plan } = await placedChild();
      const referral = await acceptedPlacementReferral(child, schoolB);
      expect(referral.funding).toBe('other');
      const proposal = await proposePlacement(t, schoolB, child.id, { referralId: referral.id });

      const res = await activate(schoolB, proposal.id);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        status: 'active', referralId: referral.id, transferredFromId: placement.id, startedOn: '2026-03-02',
        supportPlan: { version: 2, carriedFromId: plan.id },
      });
      const old = (await t.http.get(`/api/v1/placements/${placement.id}`).set(await pmpc.auth()).expect(200)).body;
      expect(old).toMatchObject({ status: 'ended', endedAs: 'transferred', endedOn: '2026-03-02', transferredToId: proposal.id });
      expect(await activeOf(child.id)).toEqual([{ id: proposal.id, org_id: schoolB.orgId }]);
      expect((await involvement(child.id, schoolA.orgId))[0].until).not.toBeNull();

      const done = await readReferral(referral.id);
      expect(done).toMatchObject({ status: 'completed', sla: { phase: null, overdue: false }, slaDueAt: null });
      expect(done.episode).toMatchObject({ outcome: 'placed', sessions: 0, startedOn: '2026-03-02', endedOn: '2026-03-02', funding: 'other' });
      const events = (await t.http.get(`/api/v1/referrals/${referral.id}/events`).set(await pmpc.auth()).expect(200)).body.items;
      expect(events.map((e: { event: string }) => e.event)).toEqual(['create', 'send', 'accept', 'start', 'complete']);
      // The PMPC that referred is told the referral completed, and of the transfer.
      const kinds = (await t.db.query(`SELECT DISTINCT kind FROM notifications WHERE org_id = $1 AND child_id = $2`, [pmpc.orgId, child.id])).map((r: { kind: string }) => r.kind);
      expect(kinds).toEqual(expect.arrayContaining(['referral.completed', 'placement.transferred']));
      // Placed is the activation's outcome, never one a provider picks.
      const byHand = await act(t, schoolB, referral.id, 'complete', { outcome: 'placed' });
      expect(byHand.status).toBe(400);
    });

    it('of two activations at two schools at once, leaves exactly one placement active', async () => {
      const { child, placement } = await placedChild();
      const [toB, toC] = [await acceptedPlacementReferral(child, schoolB), await acceptedPlacementReferral(child, schoolC)];
      const atB = await proposePlacement(t, schoolB, child.id, { referralId: toB.id });
      const atC = await proposePlacement(t, schoolC, child.id, { referralId: toC.id, form: 'inclusive_group' });
      const answers = await Promise.all([activate(schoolB, atB.id), activate(schoolC, atC.id)]);
      // Each is a transfer from whichever placement was active when its turn came under the child's lock.
      expect(answers.map((r) => r.status)).toEqual([200, 200]);
      const active = await activeOf(child.id);
      expect(active).toHaveLength(1);
      const rows = await t.db.query(`SELECT id, status, ended_as, transferred_from_id FROM placements WHERE child_id = $1`, [child.id]);
      const chain = [placement.id];
      for (let next = rows.find((r: { transferred_from_id: string }) => r.transferred_from_id === chain[0]); next; next = rows.find((r: { transferred_from_id: string }) => r.transferred_from_id === chain[chain.length - 1])) {
        chain.push(next.id);
      }
      expect(chain).toHaveLength(3);
      expect(chain[2]).toBe(active[0].id);
      expect(rows.filter((r: { status: string }) => r.status === 'ended').map((r: { ended_as: string }) => r.ended_as)).toEqual(['transferred', 'transferred']);
      for (const id of [toB.id, toC.id]) expect((await readReferral(id)).episode).toMatchObject({ outcome: 'placed' });

      // Without referrals the second of two activations at once is refused: still one active placement.
      const plain = await consentingChild(t, pmpc);
      const [p1, p2] = [
        await proposePlacement(t, pmpc, plain.id, { orgId: schoolB.orgId }),
        await proposePlacement(t, pmpc, plain.id, { orgId: schoolC.orgId, form: 'inclusive_group' }),
      ];
      const plainAnswers = await Promise.all([activate(schoolB, p1.id), activate(schoolC, p2.id)]);
      expect(plainAnswers.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(await activeOf(plain.id)).toHaveLength(1);
    });
  });

  describe('referral defaults and completion', () => {
    it('a social_support referral to a social-protection office defaults to other funding and starts without a state-order place', async () => {
      const child = await consentingChild(t, pmpc);
      const social = await sentReferral(t, pmpc, child.id, office.orgId, { serviceType: 'social_support', reason: 'Отбасына әлеуметтік қолдау' });
      expect(social.funding).toBe('other');
      await act(t, office, social.id, 'accept').expect(200);
      const started = await act(t, office, social.id, 'start', {}).expect(200);
      expect(started.body).toMatchObject({ status: 'in_progress', episode: { funding: 'other' } });

      // The default is what makes it startable: asked for under the state order, the office has no place.
      const asStateOrder = await sentReferral(t, pmpc, child.id, office.orgId, { serviceType: 'social_support', reason: 'Қосымша', funding: 'state_order' });
      await act(t, office, asStateOrder.id, 'accept').expect(200);
      expect((await act(t, office, asStateOrder.id, 'start', {})).body.code).toBe('STATE_ORDER_QUOTA_FULL');
      // Psychological-pedagogical correction in a correction room stays under the state order.
      expect((await sentReferral(t, pmpc, child.id, room.orgId)).funding).toBe('state_order');
      expect(await t.db.query(`SELECT funding FROM referral_funding_defaults WHERE service_type = 'social_support' AND receiver_type = 'social_protection_office'`))
        .toEqual([{ funding: 'other' }]);
    });

    it('completes a service only after a logged session, or as discontinued with a reason', async () => {
      const child = await consentingChild(t, pmpc);
      const referral = await sentReferral(t, pmpc, child.id, room.orgId);
      await act(t, room, referral.id, 'accept').expect(200);
      const episodeId = (await act(t, room, referral.id, 'start', {}).expect(200)).body.episode.id as string;

      const results = await act(t, room, referral.id, 'complete', { outcome: 'goals_met', summary: 'Жақсы' });
      expect(results.status).toBe(422);
      expect(results.body).toMatchObject({ code: 'NO_SESSIONS_LOGGED', errors: [{ field: 'outcome', code: 'NO_SESSIONS_LOGGED' }] });
      const noReason = await act(t, room, referral.id, 'complete', { outcome: 'discontinued' });
      expect(noReason.status).toBe(422);
      expect(noReason.body).toMatchObject({ code: 'NO_SESSIONS_LOGGED', errors: [{ field: 'summary' }] });
      expect((await readReferral(referral.id)).status).toBe('in_progress');

      await t.http.post(`/api/v1/service-episodes/${episodeId}/sessions`).set(await room.auth()).send({ date: t.clock.today(), durationMinutes: 40, attended: true }).expect(201);
      const done = await act(t, room, referral.id, 'complete', { outcome: 'goals_met' }).expect(200);
      expect(done.body).toMatchObject({ status: 'completed', episode: { outcome: 'goals_met', sessions: 1 } });

      const other = await sentReferral(t, pmpc, child.id, room.orgId);
      await act(t, room, other.id, 'accept').expect(200);
      await act(t, room, other.id, 'start', {}).expect(200);
      const stopped = await act(t, room, other.id, 'complete', { outcome: 'discontinued', summary: 'Отбасы басқа қалаға көшті' }).expect(200);
      expect(stopped.body).toMatchObject({ status: 'completed', episode: { outcome: 'discontinued', sessions: 0 } });
    });
  });

  // Moves the test clock weeks ahead: keep it last.
  describe('the SLA job afterwards', () => {
    it('sends no breach for a referral its placement completed, while an accepted one left waiting breaches', async () => {
      const { child } = await placedChild();
      const placed = await acceptedPlacementReferral(child, schoolB);
      const waiting = await acceptedPlacementReferral(child, schoolC);
      await activatePlacement(t, schoolB, (await proposePlacement(t, schoolB, child.id, { referralId: placed.id })).id);

      t.clock.set(almaty('2026-04-20 10:00')); // far beyond SLA_START_DAYS working days after acceptance
      const result = await t.app.get(ReferralSlaService).run();
      expect(result.breached).toBeGreaterThanOrEqual(1);
      const breaches = async (id: string) =>
        (await t.db.query(`SELECT count(*)::int AS n FROM notifications WHERE referral_id = $1 AND kind IN ('referral.sla_breached', 'referral.sla_due_soon')`, [id]))[0].n;
      expect(await breaches(placed.id)).toBe(0);
      expect(await breaches(waiting.id)).toBeGreaterThan(0);
      expect((await readReferral(placed.id))).toMatchObject({ status: 'completed', sla: { overdue: false } });
      expect((await readReferral(waiting.id))).toMatchObject({ status: 'accepted', sla: { overdue: true } });
      const events = (await t.http.get(`/api/v1/referrals/${placed.id}/events`).set(await pmpc.auth()).expect(200)).body.items;
      expect(events.map((e: { event: string }) => e.event)).not.toContain('sla_breached');
    });
  });
});
