import type { Response } from 'supertest';
import { CaseWorker, involve, newChild, RegisteredChild, shareWith, withdrawConsent } from '../support/children';
import { activePlacement, PlacementBody } from '../support/placements';
import { act, grantConsent, member, notificationsOf, ReferralBody, sentReferral, serviceProvider, worker } from '../support/referrals';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Regression tests for three access defects (DESIGN §5):
 *   1. break-glass is personal, read-only (but for a health worker's diagnosis) and bounded in time;
 *   2. withdrawing the services consent stops services: no start, no session, the provider is told;
 *   3. a health data_sharing consent opens a placement to health on the next request, and its
 *      withdrawal closes it on the next request, with a 404 that leaks nothing.
 */

const NOW = '2026-11-25T06:00:00Z'; // Wednesday, 11:00 in Almaty
const MINUTE = 60_000;
const REASON = 'Child brought to the emergency room unconscious; need the diagnoses and guardians now.';

describe('access defects', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
  });
  afterAll(() => t.close());

  const count = async (sql: string, params: unknown[] = []) => (await t.db.query(sql, params))[0].n as number;
  const isSuccess = (res: Response) => res.status >= 200 && res.status < 300;

  describe('break-glass is personal, read-only and bounded', () => {
    let school: CaseWorker;
    let breaker: CaseWorker;
    let colleague: CaseWorker;
    let room: CaseWorker;
    let child: RegisteredChild;
    let use: { id: string; childId: string; userId: string; orgId: string; expiresAt: string };

    /** Everything a refused write could have touched on this child's case. */
    const snapshot = async () => {
      const [row] = await t.db.query(`SELECT version, status, last_name AS "lastName", closed_at AS "closedAt" FROM children WHERE id = $1`, [child.id]);
      return {
        child: row,
        consents: await count(`SELECT count(*)::int AS n FROM consents WHERE child_id = $1`, [child.id]),
        guardians: await count(`SELECT count(*)::int AS n FROM guardians WHERE child_id = $1`, [child.id]),
        referrals: await count(`SELECT count(*)::int AS n FROM referrals WHERE child_id = $1`, [child.id]),
        diagnoses: await count(`SELECT count(*)::int AS n FROM diagnoses WHERE child_id = $1`, [child.id]),
        involvements: await count(`SELECT count(*)::int AS n FROM involvements WHERE child_id = $1`, [child.id]),
      };
    };
    const currentVersion = async () => (await t.db.query(`SELECT version FROM children WHERE id = $1`, [child.id]))[0].version as number;

    /** A refused write: not 2xx, the gate's 404 (403 tolerated), and nothing written. */
    const expectRefusedWithoutWriting = async (send: () => Promise<Response>) => {
      const before = await snapshot();
      const res = await send();
      expect(isSuccess(res)).toBe(false);
      expect(res.status).toBe(404); // the gate answers a case the actor may not change like an unreachable one
      expect(await snapshot()).toEqual(before);
      return res;
    };

    beforeAll(async () => {
      school = await worker(t, 'school', ['school_coordinator']);
      breaker = await worker(t, 'polyclinic', ['health_worker']);
      colleague = await member(t, breaker.orgId, ['health_worker']);
      room = await serviceProvider(t, 'correction_room', ['correction_specialist'], { capacity: 10, stateOrderPlaces: 10 });
      child = await newChild(t, school, { lastName: 'Сәрсенова', firstName: 'Дана' });
      // A services consent, so that a referral by the breaker could only be refused by the gate.
      await grantConsent(t, school, child, 'services');
    });

    it('the polyclinic is not involved and cannot see the case before the glass is broken', async () => {
      await t.http.get(`/api/v1/children/${child.id}`).set(await breaker.auth()).expect(404);
      await t.http.get(`/api/v1/children/${child.id}`).set(await colleague.auth()).expect(404);
    });

    it('breaks the glass for one hour, for that one user', async () => {
      const res = await t.http.post('/api/v1/break-glass').set(await breaker.auth()).send({ iin: child.identity.iin, reason: REASON, hours: 1 });
      expect(res.status).toBe(201);
      use = res.body;
      expect(use).toMatchObject({ childId: child.id, userId: breaker.userId, orgId: breaker.orgId });
      expect(new Date(use.expiresAt).getTime() - t.clock.now().getTime()).toBe(60 * MINUTE);
    });

    it('lets the breaker read the case and its timeline', async () => {
      const view = await t.http.get(`/api/v1/children/${child.id}`).set(await breaker.auth()).expect(200);
      expect(view.body).toMatchObject({ id: child.id, identity: { lastName: 'Сәрсенова', firstName: 'Дана' } });
      const timeline = await t.http.get(`/api/v1/children/${child.id}/timeline?limit=100`).set(await breaker.auth()).expect(200);
      expect(Array.isArray(timeline.body.items)).toBe(true);
      expect(timeline.body.items.length).toBeGreaterThan(0);
    });

    it('gives a colleague in the same polyclinic nothing (404 on the case and its timeline)', async () => {
      const res = await t.http.get(`/api/v1/children/${child.id}`).set(await colleague.auth());
      expect(res.status).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain('Сәрсенова');
      await t.http.get(`/api/v1/children/${child.id}/timeline`).set(await colleague.auth()).expect(404);
    });

    it('gives the polyclinic no involvement with the child', async () => {
      const rows = await t.db.query(`SELECT kind, since, until FROM involvements WHERE child_id = $1 AND org_id = $2`, [child.id, breaker.orgId]);
      expect(rows).toEqual([]);
    });

    it('refuses the breaker a change of identity (PATCH), writing nothing', async () => {
      const version = await currentVersion();
      await expectRefusedWithoutWriting(async () =>
        t.http.patch(`/api/v1/children/${child.id}`).set(await breaker.auth()).set('If-Match', `"${version}"`).send({ lastName: 'Өзгертілген' }),
      );
    });

    it('refuses the breaker closing the case, writing nothing', async () => {
      await expectRefusedWithoutWriting(async () =>
        t.http.post(`/api/v1/children/${child.id}/close`).set(await breaker.auth()).send({ reason: 'Отбыл за границу' }),
      );
    });

    it('refuses the breaker recording a consent, writing nothing', async () => {
      await expectRefusedWithoutWriting(async () =>
        t.http.post(`/api/v1/children/${child.id}/consents`).set(await breaker.auth()).send({ kind: 'services', guardianId: child.guardians[0].id }),
      );
    });

    it('refuses the breaker adding a guardian, writing nothing', async () => {
      await expectRefusedWithoutWriting(async () =>
        t.http.post(`/api/v1/children/${child.id}/guardians`).set(await breaker.auth()).send({ fullName: 'Сәрсенов Ерлан', relation: 'father', phone: '+77017654321' }),
      );
    });

    it('refuses the breaker a referral of the child, writing nothing', async () => {
      await expectRefusedWithoutWriting(async () =>
        t.http
          .post('/api/v1/referrals')
          .set(await breaker.auth())
          .send({ childId: child.id, toOrgId: room.orgId, serviceType: 'speech_therapy', reason: 'Нарушение звукопроизношения', priority: 'normal' }),
      );
      expect(await count(`SELECT count(*)::int AS n FROM referrals WHERE child_id = $1 AND from_org_id = $2`, [child.id, breaker.orgId])).toBe(0);
    });

    it('lets the breaking health worker record a diagnosis — the one write break-glass allows', async () => {
      const before = await count(`SELECT count(*)::int AS n FROM diagnoses WHERE child_id = $1`, [child.id]);
      const res = await t.http.post(`/api/v1/children/${child.id}/diagnoses`).set(await breaker.auth()).send({ icd10: 'F84.0', date: '2024-03-01' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ icd10: 'F84.0', date: '2024-03-01', establishedByOrgId: breaker.orgId });
      expect(await count(`SELECT count(*)::int AS n FROM diagnoses WHERE child_id = $1`, [child.id])).toBe(before + 1);
    });

    it('still gives the polyclinic no involvement after the diagnosis', async () => {
      const rows = await t.db.query(`SELECT kind, since, until FROM involvements WHERE child_id = $1 AND org_id = $2`, [child.id, breaker.orgId]);
      expect(rows).toEqual([]);
    });

    it('does not let the colleague record a diagnosis on the strength of the breaker’s glass', async () => {
      await expectRefusedWithoutWriting(async () =>
        t.http.post(`/api/v1/children/${child.id}/diagnoses`).set(await colleague.auth()).send({ icd10: 'F84.0', date: '2024-03-02' }),
      );
    });

    it('closes the case to the breaker when the hour is up: no read, no timeline, no diagnosis', async () => {
      t.clock.advance(61 * MINUTE);
      await t.http.get(`/api/v1/children/${child.id}`).set(await breaker.auth()).expect(404);
      await t.http.get(`/api/v1/children/${child.id}/timeline`).set(await breaker.auth()).expect(404);
      await expectRefusedWithoutWriting(async () =>
        t.http.post(`/api/v1/children/${child.id}/diagnoses`).set(await breaker.auth()).send({ icd10: 'F84.1', date: '2024-03-05' }),
      );
    });
  });

  describe('withdrawing the services consent stops services', () => {
    let pmpc: CaseWorker;
    let room: CaseWorker;
    let roomColleague: CaseWorker;

    beforeAll(async () => {
      pmpc = await worker(t, 'pmpc', ['pmpc_specialist']);
      room = await serviceProvider(t, 'correction_room', ['correction_specialist'], { capacity: 20, stateOrderPlaces: 20 });
      roomColleague = await member(t, room.orgId, ['correction_specialist']);
    });

    /** A child with a services consent (returned) and a referral to the room, accepted. */
    const acceptedReferral = async () => {
      const child = await newChild(t, pmpc);
      const consent = await grantConsent(t, pmpc, child, 'services');
      const referral = await sentReferral(t, pmpc, child.id, room.orgId);
      const accepted = (await act(t, room, referral.id, 'accept').expect(200)).body as ReferralBody;
      expect(accepted.status).toBe('accepted');
      return { child, consentId: consent.id, referral: accepted };
    };

    describe('an accepted referral, then the consent is withdrawn', () => {
      let referral: ReferralBody;

      beforeAll(async () => {
        const setup = await acceptedReferral();
        referral = setup.referral;
        await withdrawConsent(t, pmpc, setup.consentId);
      });

      it('refuses to start the service: 422 CONSENT_WITHDRAWN, no episode, still accepted', async () => {
        const before = await count(`SELECT count(*)::int AS n FROM service_episodes WHERE referral_id = $1`, [referral.id]);
        expect(before).toBe(0);
        const res = await act(t, room, referral.id, 'start', { funding: 'state_order' });
        expect(res.status).toBe(422);
        expect(res.body.code).toBe('CONSENT_WITHDRAWN');
        expect(await count(`SELECT count(*)::int AS n FROM service_episodes WHERE referral_id = $1`, [referral.id])).toBe(0);
        expect(await count(`SELECT count(*)::int AS n FROM service_episodes WHERE child_id = $1`, [referral.childId])).toBe(0);
        const [row] = await t.db.query(`SELECT status FROM referrals WHERE id = $1`, [referral.id]);
        expect(row.status).toBe('accepted');
      });
    });

    describe('a service in progress, then the consent is withdrawn', () => {
      let child: RegisteredChild;
      let referral: ReferralBody;
      let episodeId: string;
      const sessions = () => count(`SELECT count(*)::int AS n FROM service_sessions WHERE episode_id = $1`, [episodeId]);
      const logSession = async (who: CaseWorker) =>
        t.http.post(`/api/v1/service-episodes/${episodeId}/sessions`).set(await who.auth()).send({ date: t.clock.today(), durationMinutes: 40, attended: true });

      beforeAll(async () => {
        const setup = await acceptedReferral();
        child = setup.child;
        const started = (await act(t, room, setup.referral.id, 'start', { funding: 'state_order' }).expect(200)).body as ReferralBody;
        expect(started.status).toBe('in_progress');
        referral = started;
        episodeId = started.episode!.id;
        expect(await count(`SELECT count(*)::int AS n FROM service_episodes WHERE id = $1 AND ended_on IS NULL`, [episodeId])).toBe(1);
        // Sessions are logged while the consent stands.
        expect((await logSession(room)).status).toBe(201);
        expect(await sessions()).toBe(1);
        await withdrawConsent(t, pmpc, setup.consentId);
      });

      it('refuses to log a session: 422 CONSENT_WITHDRAWN, no session written', async () => {
        const before = await sessions();
        for (const who of [room, roomColleague]) {
          const res = await logSession(who);
          expect(res.status).toBe(422);
          expect(res.body.code).toBe('CONSENT_WITHDRAWN');
        }
        expect(await sessions()).toBe(before);
        const episode = await t.http.get(`/api/v1/service-episodes/${episodeId}`).set(await room.auth()).expect(200);
        expect(episode.body.sessions).toBe(before);
      });

      it('tells every user of the provider organisation that the services consent was withdrawn', async () => {
        for (const who of [room, roomColleague]) {
          const notes = (await notificationsOf(t, who)).filter((n) => n.kind === 'services.consent_withdrawn');
          expect(notes).toEqual([expect.objectContaining({ childId: child.id, referralId: referral.id, payload: expect.objectContaining({ episodeId }) })]);
        }
        const rows = await t.db.query(`SELECT user_id FROM notifications WHERE kind = 'services.consent_withdrawn' AND child_id = $1 ORDER BY user_id`, [child.id]);
        expect(rows.map((r: { user_id: string }) => r.user_id).sort()).toEqual([room.userId, roomColleague.userId].sort());
      });

      it('logs sessions again once a new services consent is given', async () => {
        await grantConsent(t, pmpc, child, 'services');
        const before = await sessions();
        const res = await logSession(roomColleague);
        expect(res.status).toBe(201);
        expect(res.body).toMatchObject({ episodeId, durationMinutes: 40, attended: true });
        expect(await sessions()).toBe(before + 1);
      });
    });
  });

  describe('a health data_sharing consent takes effect on the next request for a placement', () => {
    let school: CaseWorker;
    let health: CaseWorker;
    let child: RegisteredChild;
    let placement: PlacementBody;
    let consentId: string;

    const get = async (who: CaseWorker, id: string) => t.http.get(`/api/v1/placements/${id}`).set(await who.auth());
    const expectHidden = async () => {
      const res = await get(health, placement.id);
      expect(res.status).toBe(404);
      const body = JSON.stringify(res.body);
      expect(body).not.toContain(school.orgId);
      expect(body).not.toContain(child.identity.iin as string);
      expect(body).not.toContain(child.id);
      // Indistinguishable from a placement that does not exist.
      const missing = await get(health, '00000000-0000-4000-8000-000000000000');
      expect(missing.status).toBe(404);
      expect(res.body.code).toBe(missing.body.code);
      expect(res.body.detail).toBe(missing.body.detail);
    };

    beforeAll(async () => {
      school = await worker(t, 'school', ['school_coordinator']);
      health = await worker(t, 'polyclinic', ['health_worker']);
      child = await newChild(t, school, { lastName: 'Жұмабаева', firstName: 'Айша' });
      placement = await activePlacement(t, school, child.id);
      await involve(t, child.id, health.orgId);
      // Health sees the case itself, only not its placements.
      await t.http.get(`/api/v1/children/${child.id}`).set(await health.auth()).expect(200);
    });

    it('is 404 to health without a health data_sharing consent, leaking neither the school nor the IIN', async () => {
      await expectHidden();
    });

    it('is 200 to health on the request right after the consent is given', async () => {
      consentId = await shareWith(t, school, child, 'health');
      const res = await get(health, placement.id);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: placement.id, childId: child.id, status: 'active' });
    });

    it('is 404 again on the request right after the consent is withdrawn, leaking nothing', async () => {
      await withdrawConsent(t, school, consentId);
      await expectHidden();
      // The placing school still reads it.
      await get(school, placement.id).then((res) => expect(res.status).toBe(200));
    });
  });
});
