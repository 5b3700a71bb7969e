import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { TransactionHost } from '@qoldau/core';
import { WorklistRepository } from '../../libs/worklist/worklist.repository';
import { reviewDateIn, signedConclusion } from '../support/assessments';
import type { CaseWorker, RegisteredChild } from '../support/children';
import { newChild } from '../support/children';
import { newOrganization } from '../support/factories';
import { activePlacement, proposePlacement, supportPlan } from '../support/placements';
import {
  act, admin, almaty, colleague, consentingChild, grantConsent, member, ReferralBody, sentReferral, serviceProvider, worker,
} from '../support/referrals';
import { startTestApp, TestApp } from '../support/test-app';

const DAY = 24 * 3600_000;

interface Bucket<T = ReferralBody> {
  count: number;
  countCapped: boolean;
  items: T[];
}

/** GET /worklist per role (issue 9): counts and first items of what each organisation has to do. */
describe('worklist', () => {
  let t: TestApp;
  let pmpc: CaseWorker;
  let pmpcHead: CaseWorker;
  let room: CaseWorker;
  let social: CaseWorker;

  beforeAll(async () => {
    t = await startTestApp({ now: almaty('2026-11-02 09:00').toISOString() }); // a Monday
    pmpc = await worker(t, 'pmpc', ['pmpc_specialist']);
    pmpcHead = await colleague(t, pmpc, 'pmpc', ['pmpc_head']);
    room = await serviceProvider(t, 'correction_room', ['correction_specialist'], { capacity: 10, stateOrderPlaces: 10 });
    social = await worker(t, 'social_protection_office', ['social_worker']);
  });
  afterAll(() => t.close());

  const worklist = async (who: CaseWorker, query: Record<string, unknown> = {}) => {
    const res = await t.http.get('/api/v1/worklist').query(query).set(await who.auth()).expect(200);
    expect(res.body.generatedAt).toBe(t.clock.now().toISOString());
    return res.body as { orgId: string; buckets: Record<string, Bucket<Record<string, unknown>>> };
  };
  const ids = (bucket: Bucket<Record<string, unknown>> | undefined) => (bucket?.items ?? []).map((i) => i.id);

  describe('referrals', () => {
    const sent: ReferralBody[] = [];

    beforeAll(async () => {
      // Three referrals sent on three days: their respond deadlines follow in the same order.
      for (let i = 0; i < 3; i++) {
        t.clock.set(almaty(`2026-11-0${2 + i} 10:00`));
        sent.push(await sentReferral(t, pmpc, (await consentingChild(t, pmpc)).id, room.orgId));
      }
      t.clock.set(almaty('2026-11-05 10:00'));
    });

    it('shows the receiver its incoming referrals awaiting an answer, the closest deadline first, paused ones last', async () => {
      await act(t, room, sent[0].id, 'pause', { reason: 'family_away' }).expect(200);
      const { orgId, buckets } = await worklist(room);
      expect(orgId).toBe(room.orgId);
      expect(buckets.incomingAwaitingResponse.count).toBe(3);
      expect(ids(buckets.incomingAwaitingResponse)).toEqual([sent[1].id, sent[2].id, sent[0].id]);
      await act(t, room, sent[0].id, 'resume').expect(200);
      const limited = await worklist(room, { limit: 1 });
      expect(limited.buckets.incomingAwaitingResponse).toMatchObject({ count: 3, items: [expect.objectContaining({ id: sent[0].id })] });
    });

    it('moves an accepted referral to "accepted, not started", and out of it once started', async () => {
      await act(t, room, sent[1].id, 'accept').expect(200);
      let { buckets } = await worklist(room);
      expect(ids(buckets.incomingAwaitingResponse)).toEqual([sent[0].id, sent[2].id]);
      expect(buckets.acceptedNotStarted).toMatchObject({ count: 1, items: [expect.objectContaining({ id: sent[1].id, status: 'accepted' })] });
      await act(t, room, sent[1].id, 'start', {}).expect(200);
      ({ buckets } = await worklist(room));
      expect(buckets.acceptedNotStarted).toEqual({ count: 0, countCapped: false, items: [] });
    });

    it('lists overdue referrals for both organisations, and the sender has nothing incoming', async () => {
      // sent[0]: 2 Nov + 5 working days = 9 Nov (paused and resumed the same day: no change); sent[2]: 11 Nov.
      t.clock.set(almaty('2026-11-12 09:00'));
      const receiver = await worklist(room);
      expect(ids(receiver.buckets.overdue)).toEqual([sent[0].id, sent[2].id]);
      expect(receiver.buckets.overdue.count).toBe(2);
      const sender = await worklist(pmpc);
      expect(ids(sender.buckets.overdue)).toEqual([sent[0].id, sent[2].id]);
      expect(sender.buckets.incomingAwaitingResponse).toEqual({ count: 0, countCapped: false, items: [] });
      expect(sender.buckets.acceptedNotStarted).toEqual({ count: 0, countCapped: false, items: [] });
    });
  });

  describe('consents expiring within 30 days', () => {
    let soon: RegisteredChild;
    let later: RegisteredChild;
    let renewed: RegisteredChild;
    let withdrawn: RegisteredChild;
    let soonConsent: string;

    beforeAll(async () => {
      t.clock.set(almaty('2026-11-12 09:00'));
      const inDays = (days: number) => new Date(t.clock.now().getTime() + days * DAY).toISOString();
      soon = await newChild(t, pmpc);
      soonConsent = (await grantConsent(t, pmpc, soon, 'data_sharing', { sector: 'education', expiresAt: inDays(10) })).id;
      later = await newChild(t, pmpc);
      await grantConsent(t, pmpc, later, 'services', { expiresAt: inDays(40) });
      renewed = await newChild(t, pmpc);
      await grantConsent(t, pmpc, renewed, 'services', { expiresAt: inDays(5) });
      await grantConsent(t, pmpc, renewed, 'services', { expiresAt: inDays(365) });
      withdrawn = await newChild(t, pmpc);
      const gone = await grantConsent(t, pmpc, withdrawn, 'assessment', { expiresAt: inDays(3) });
      await t.http.post(`/api/v1/consents/${gone.id}/withdraw`).set(await pmpc.auth()).send({}).expect(200);
    });

    it('shows those of the organisation’s cases that need renewing, soonest first', async () => {
      const { buckets } = await worklist(pmpc);
      const childIds = buckets.consentsExpiring.items.map((i) => i.childId);
      expect(childIds).toContain(soon.id);
      for (const other of [later, renewed, withdrawn]) expect(childIds).not.toContain(other.id);
      const item = buckets.consentsExpiring.items.find((i) => i.childId === soon.id);
      expect(item).toEqual({
        consentId: soonConsent, childId: soon.id, kind: 'data_sharing', sector: 'education',
        expiresAt: new Date(t.clock.now().getTime() + 10 * DAY).toISOString(),
        child: { id: soon.id, lastName: 'Ахметова', firstName: 'Әлия', patronymic: 'Серікқызы', birthDate: '2019-05-14' },
      });
      const expiries = buckets.consentsExpiring.items.map((i) => i.expiresAt as string);
      expect([...expiries].sort()).toEqual(expiries);
    });

    it('stops counting past 100 and says so, still listing the soonest first', async () => {
      const busy = await worker(t, 'pmpc', ['pmpc_specialist']);
      const inDays = (days: number) => new Date(t.clock.now().getTime() + days * DAY).toISOString();
      const expiries: string[] = [];
      for (let batch = 0; batch < 101; batch += 10) {
        await Promise.all(
          Array.from({ length: Math.min(10, 101 - batch) }, async (_, i) => {
            const child = await newChild(t, busy, { birthDate: `2018-0${1 + ((batch + i) % 9)}-1${(batch + i) % 10}` });
            const expiresAt = inDays(1 + ((batch + i) % 28));
            expiries.push(expiresAt);
            await grantConsent(t, busy, child, 'services', { expiresAt });
          }),
        );
      }
      const { buckets } = await worklist(busy);
      expect(buckets.consentsExpiring.count).toBe(100);
      expect(buckets.consentsExpiring.countCapped).toBe(true);
      expect(buckets.consentsExpiring.items.map((i) => i.expiresAt)).toEqual([...expiries].sort().slice(0, 5));
      // One fewer: exactly 100, not capped.
      const [first] = buckets.consentsExpiring.items;
      await t.http.post(`/api/v1/consents/${first.consentId}/withdraw`).set(await busy.auth()).send({}).expect(200);
      expect((await worklist(busy)).buckets.consentsExpiring).toMatchObject({ count: 100, countCapped: false });
    });

    it('not those of cases the organisation does not see', async () => {
      const { buckets } = await worklist(social);
      expect(buckets.consentsExpiring).toEqual({ count: 0, countCapped: false, items: [] });
    });

    // The bucket reads org_consent_expiries, which the database keeps: these are its writers.
    it('follows the organisation’s involvements and each consent’s changes', async () => {
      const inDays = (days: number) => new Date(t.clock.now().getTime() + days * DAY).toISOString();
      const sender = await worker(t, 'pmpc', ['pmpc_specialist']);
      const receiver = await serviceProvider(t, 'correction_room', ['correction_specialist'], { capacity: 10, stateOrderPlaces: 10 });
      const child = await consentingChild(t, sender);
      const consent = await grantConsent(t, sender, child, 'data_sharing', { sector: 'education', expiresAt: inDays(12) });
      const consentIds = async (who: CaseWorker) => (await worklist(who)).buckets.consentsExpiring.items.map((i) => i.consentId);
      expect(await consentIds(sender)).toEqual([consent.id]);
      expect(await consentIds(receiver)).toEqual([]);
      // Granted before the receiver was involved: the referral's involvement brings it along.
      await sentReferral(t, sender, child.id, receiver.orgId);
      expect(await consentIds(receiver)).toEqual([consent.id]);
      // Granted after: it reaches both organisations.
      const second = await grantConsent(t, sender, child, 'assessment', { expiresAt: inDays(20) });
      expect(await consentIds(receiver)).toEqual([consent.id, second.id]);
      // Withdrawn: gone from both.
      await t.http.post(`/api/v1/consents/${consent.id}/withdraw`).set(await sender.auth()).send({}).expect(200);
      expect(await consentIds(sender)).toEqual([second.id]);
      expect(await consentIds(receiver)).toEqual([second.id]);
    });
  });

  describe('conclusions due for review (PMPC)', () => {
    it('lists signed conclusions whose review date is within 30 days', async () => {
      const child = await newChild(t, pmpc);
      const due = await signedConclusion(t, { child, specialist: pmpc, head: pmpcHead, draft: { reviewDate: reviewDateIn(t, 20) } });
      const distant = await newChild(t, pmpc);
      await signedConclusion(t, { child: distant, specialist: pmpc, head: pmpcHead, draft: { reviewDate: reviewDateIn(t, 200) } });
      const { buckets } = await worklist(pmpcHead);
      expect(buckets.reviewsDue.items.map((i) => i.assessmentId)).toEqual([due.id]);
      expect(buckets.reviewsDue.count).toBe(1);
      expect((await worklist(room)).buckets).not.toHaveProperty('reviewsDue');
    });
  });

  describe('placements', () => {
    it('shows a school its active placements that have no support plan yet, oldest first, until a plan is written', async () => {
      const school = await worker(t, 'school', ['school_coordinator']);
      const first = await activePlacement(t, school, (await newChild(t, school)).id);
      t.clock.advance(60_000);
      const second = await activePlacement(t, school, (await newChild(t, school)).id);
      await proposePlacement(t, school, (await newChild(t, school)).id); // proposed only: not yet the school's to plan
      let { buckets } = await worklist(school);
      expect(buckets.placementsWithoutPlan).toMatchObject({
        count: 2,
        items: [expect.objectContaining({ placementId: first.id, childId: first.childId }), expect.objectContaining({ placementId: second.id })],
      });
      await t.http.put(`/api/v1/placements/${first.id}/support-plan`).set(await school.auth()).send(supportPlan(school.orgId)).expect(200);
      ({ buckets } = await worklist(school, { limit: 1 }));
      expect(buckets.placementsWithoutPlan).toMatchObject({ count: 1, items: [expect.objectContaining({ placementId: second.id })] });
      await t.http.post(`/api/v1/placements/${second.id}/end`).set(await school.auth()).send({ reason: 'Moved away' }).expect(200);
      expect((await worklist(school)).buckets.placementsWithoutPlan).toEqual({ count: 0, countCapped: false, items: [] });
    });
  });

  describe('per role', () => {
    it('an auditor gets break-glass uses awaiting review for over 7 days, and no referral or case buckets', async () => {
      const dept = await newOrganization(t, await admin(t), { type: 'education_department' });
      const auditor = await member(t, dept.id, ['auditor']);
      expect((await worklist(auditor)).buckets).toEqual({ breakGlassToReview: { count: 0, countCapped: false, items: [] } });
      const health = await worker(t, 'polyclinic', ['health_worker']);
      const child = await newChild(t, pmpc);
      const reason = 'Child brought to the emergency room unconscious; need the diagnoses and guardians now.';
      const opened = await t.http.post('/api/v1/break-glass').set(await health.auth()).send({ iin: child.identity.iin, reason }).expect(201);
      t.clock.advance(6 * DAY);
      expect((await worklist(auditor)).buckets.breakGlassToReview.count).toBe(0);
      t.clock.advance(2 * DAY);
      const { buckets } = await worklist(auditor);
      expect(Object.keys(buckets)).toEqual(['breakGlassToReview']);
      expect(buckets.breakGlassToReview).toMatchObject({ count: 1, items: [expect.objectContaining({ id: opened.body.id })] });
    });

    it('analysts and the national admin have no worklist (403)', async () => {
      const dept = await newOrganization(t, await admin(t), { type: 'education_department' });
      const analyst = await member(t, dept.id, ['analyst']);
      expect((await t.http.get('/api/v1/worklist').set(await analyst.auth())).status).toBe(403);
      expect((await t.http.get('/api/v1/worklist').set({ Authorization: `Bearer ${(await admin(t)).token}` })).status).toBe(403);
    });

    it('every case role gets the referral and consent buckets', async () => {
      for (const who of [pmpc, room, social]) {
        const { buckets } = await worklist(who);
        expect(Object.keys(buckets)).toEqual(expect.arrayContaining(['incomingAwaitingResponse', 'overdue', 'acceptedNotStarted', 'consentsExpiring']));
        expect(buckets).not.toHaveProperty('placementsWithoutPlan');
      }
    });

    it('runs its statements on generic plans (@GenericPlans), and hands its connection back planning as before', async () => {
      // What the worklist's own transaction sees, read through it from inside a bucket's query.
      const host = t.app.get<TransactionHost<TransactionalAdapterTypeOrm>>(TransactionHost);
      const repository = t.app.get(WorklistRepository);
      const original = repository.consentsExpiring.bind(repository);
      const seen: string[] = [];
      const spy = jest.spyOn(repository, 'consentsExpiring').mockImplementation(async (...args) => {
        seen.push((await host.tx.query('SHOW plan_cache_mode'))[0].plan_cache_mode);
        return original(...args);
      });
      try {
        await worklist(room);
      } finally {
        spy.mockRestore();
      }
      expect(seen).toEqual(['force_generic_plan']);
      // SET LOCAL ended with the request's transaction: every pooled connection plans as configured.
      const modes = await Promise.all(Array.from({ length: 5 }, () => t.db.query('SHOW plan_cache_mode')));
      expect(modes.map((rows) => rows[0].plan_cache_mode)).toEqual(Array(5).fill('auto'));
    });

    it.each([[{ limit: 0 }], [{ limit: 21 }], [{ limit: 'x' }], [{ colour: 'red' }]])('refuses %j with 400', async (query) => {
      const res = await t.http.get('/api/v1/worklist').query(query).set(await room.auth());
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    });
  });
});
