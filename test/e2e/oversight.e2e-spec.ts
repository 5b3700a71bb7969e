import { asAdmin, newOrganization, PAVLODAR, Session, SHYMKENT, ZHAMBYL } from '../support/factories';
import { CaseWorker, newCaseWorker, newChild, RegisteredChild } from '../support/children';
import { startTestApp, TestApp } from '../support/test-app';

const HOUR = 60 * 60 * 1000;
const REASON = 'Child brought to the emergency room unconscious; need the diagnoses and guardians now.';

describe('break-glass and the access log', () => {
  let t: TestApp;
  let admin: Session;
  let school: CaseWorker;
  let health: CaseWorker;
  let pmpcOutsider: CaseWorker;
  let auditor: CaseWorker;
  let pavlodarAuditor: CaseWorker;
  let zhambylAuditor: CaseWorker;
  let stranger: CaseWorker;
  let shymkentAuditor: CaseWorker;
  let nationalAuditor: CaseWorker;
  let child: RegisteredChild;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-25T06:00:00Z' });
    admin = await asAdmin(t);
    school = await newCaseWorker(t, admin, 'school', ['school_coordinator']);
    health = await newCaseWorker(t, admin, 'polyclinic', ['health_worker'], PAVLODAR);
    pmpcOutsider = await newCaseWorker(t, admin, 'pmpc', ['pmpc_specialist'], PAVLODAR);
    auditor = await newCaseWorker(t, admin, 'education_department', ['auditor'], PAVLODAR);
    pavlodarAuditor = auditor;
    zhambylAuditor = await newCaseWorker(t, admin, 'education_department', ['auditor'], ZHAMBYL);
    stranger = await newCaseWorker(t, admin, 'school', ['school_coordinator'], PAVLODAR);
    shymkentAuditor = await newCaseWorker(t, admin, 'education_department', ['auditor'], SHYMKENT);
    const ministry = await newOrganization(t, admin, { type: 'ministry', kato: undefined });
    expect(ministry.kato).toBeNull();
    nationalAuditor = await newCaseWorker(t, admin, 'ministry', ['auditor'], undefined, ministry.id);
    child = await newChild(t, school, { lastName: 'Сәрсенова', firstName: 'Дана' });
  });
  afterAll(() => t.close());

  const breakGlass = async (who: CaseWorker, body: Record<string, unknown>) =>
    t.http.post('/api/v1/break-glass').set(await who.auth()).send(body);

  it('an uninvolved health worker cannot see the case before breaking the glass', async () => {
    await t.http.get(`/api/v1/children/${child.id}`).set(await health.auth()).expect(404);
  });

  it.each([
    [{ reason: REASON }, 'iin'],
    [{ iin: '123', reason: REASON }, 'iin'],
    [{ iin: 'IIN', reason: 'too short' }, 'reason'],
    [{ iin: 'IIN', reason: REASON, hours: 100 }, 'hours'],
    [{ iin: 'IIN', reason: REASON, extra: 1 }, 'extra'],
  ])('refuses %j naming %s, opening nothing', async (body, field) => {
    const filled = JSON.parse(JSON.stringify(body).replace('"IIN"', `"${child.identity.iin}"`));
    const res = await breakGlass(health, filled);
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM break_glass_uses`);
    expect(n).toBe(0);
  });

  it('is refused to roles without it (403) and answers 404 for an unknown IIN', async () => {
    const res = await breakGlass(school, { iin: child.identity.iin, reason: REASON });
    expect(res.status).toBe(403);
    const unknown = await breakGlass(health, { iin: '010101500003', reason: REASON });
    expect(unknown.status).toBe(404);
  });

  describe('once opened', () => {
    let use: { id: string; expiresAt: string; notifiedOrgIds: string[] };

    beforeAll(async () => {
      const res = await breakGlass(health, { iin: child.identity.iin, reason: REASON });
      expect(res.status).toBe(201);
      use = res.body;
    });

    it('opens the case for 24 hours by default, and tells the organisations already involved', async () => {
      expect(new Date(use.expiresAt).getTime() - t.clock.now().getTime()).toBe(24 * HOUR);
      expect(use.notifiedOrgIds).toEqual([school.orgId]);
      const view = await t.http.get(`/api/v1/children/${child.id}`).set(await health.auth()).expect(200);
      expect(view.body.identity.lastName).toBe('Сәрсенова');
      const inbox = await t.http.get('/api/v1/notifications').set(await school.auth()).expect(200);
      expect(inbox.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'case.break_glass', childId: child.id })]));
    });

    it('is on the audit trail with its reason', async () => {
      const [event] = await t.db.query(`SELECT * FROM audit_events WHERE action = 'child.break_glass' AND outcome = 'allowed'`);
      expect(event).toMatchObject({ child_id: child.id, actor_user_id: health.userId, actor_org_id: health.orgId, reason: REASON });
    });

    it("shows in the case's access log as the organisation, with the reason, never the person", async () => {
      const res = await t.http.get(`/api/v1/children/${child.id}/access-log?limit=100`).set(await school.auth()).expect(200);
      const glass = res.body.items.find((e: { kind: string }) => e.kind === 'break_glass');
      expect(glass).toMatchObject({ organizationId: health.orgId, reason: REASON, action: 'child.break_glass' });
      expect(res.body.items.some((e: { organizationId: string; kind: string }) => e.organizationId === school.orgId && e.kind === 'change')).toBe(true);
      expect(res.body.items.some((e: { organizationId: string; kind: string }) => e.organizationId === health.orgId && e.kind === 'read')).toBe(true);
      expect(JSON.stringify(res.body)).not.toContain(health.userId);
      expect(JSON.stringify(res.body)).not.toContain(school.userId);
    });

    it('closes again when the time is up', async () => {
      t.clock.advance(24 * HOUR + 60_000);
      await t.http.get(`/api/v1/children/${child.id}`).set(await health.auth()).expect(404);
      await t.http.get(`/api/v1/children/${child.id}/access-log`).set(await health.auth()).expect(404);
    });

    it('honours a shorter duration', async () => {
      const res = await breakGlass(pmpcOutsider, { iin: child.identity.iin, reason: REASON, hours: 2 });
      expect(res.status).toBe(201);
      expect(new Date(res.body.expiresAt).getTime() - t.clock.now().getTime()).toBe(2 * HOUR);
      await t.http.get(`/api/v1/children/${child.id}`).set(await pmpcOutsider.auth()).expect(200);
      t.clock.advance(2 * HOUR);
      await t.http.get(`/api/v1/children/${child.id}`).set(await pmpcOutsider.auth()).expect(404);
    });

    describe('review by an auditor', () => {
      const queueOf = async (who: CaseWorker) =>
        (await t.http.get('/api/v1/break-glass?reviewed=false').set(await who.auth()).expect(200)).body.items.map((u: { id: string }) => u.id);

      it("lists unreviewed uses for the auditors of the child's region, of the user's region and national ones", async () => {
        // The child is in Zhambyl; the health worker who broke the glass is in Pavlodar.
        expect(await queueOf(zhambylAuditor)).toContain(use.id);
        expect(await queueOf(pavlodarAuditor)).toContain(use.id);
        expect(await queueOf(nationalAuditor)).toContain(use.id);
        expect(await queueOf(shymkentAuditor)).toEqual([]);
        const res = await t.http.post(`/api/v1/break-glass/${use.id}/review`).set(await shymkentAuditor.auth()).send({ verdict: 'justified', comment: 'looks fine' });
        expect(res.status).toBe(404);
        expect(res.body.detail).toBe('Break-glass use not found');
      });

      it("shows the reads made under it to the auditor of the child's region", async () => {
        const res = await t.http.get(`/api/v1/audit?childId=${child.id}`).set(await zhambylAuditor.auth()).expect(200);
        const reads = res.body.items.filter((e: { actorUserId: string; action: string }) => e.actorUserId === health.userId && e.action === 'child.read');
        expect(reads.length).toBeGreaterThan(0);
        const none = await t.http.get(`/api/v1/audit?childId=${child.id}`).set(await shymkentAuditor.auth()).expect(200);
        expect(none.body.items).toEqual([]);
      });

      it('is for auditors only', async () => {
        await t.http.get('/api/v1/break-glass').set(await health.auth()).expect(403);
        await t.http.post(`/api/v1/break-glass/${use.id}/review`).set(await school.auth()).send({ verdict: 'justified', comment: 'fine' }).expect(403);
      });

      it('records a verdict once', async () => {
        const res = await t.http
          .post(`/api/v1/break-glass/${use.id}/review`)
          .set(await pavlodarAuditor.auth())
          .send({ verdict: 'justified', comment: 'Emergency admission confirmed by the hospital.' })
          .expect(200);
        expect(res.body).toMatchObject({ verdict: 'justified', reviewedBy: pavlodarAuditor.userId });
        const again = await t.http.post(`/api/v1/break-glass/${use.id}/review`).set(await pavlodarAuditor.auth()).send({ verdict: 'unjustified', comment: 'changed my mind' });
        expect(again.status).toBe(409);
        const queue = await t.http.get('/api/v1/break-glass?reviewed=false').set(await auditor.auth()).expect(200);
        expect(queue.body.items.map((u: { id: string }) => u.id)).not.toContain(use.id);
      });

      it('refuses a verdict outside the list', async () => {
        const res = await t.http.post(`/api/v1/break-glass/${use.id}/review`).set(await auditor.auth()).send({ verdict: 'maybe', comment: 'hmm' });
        expect(res.status).toBe(400);
        expect(res.body.errors[0].field).toBe('verdict');
      });
    });
  });

  it('is reviewed by a national auditor, who sees the reason without the child\'s IIN or name', async () => {
    const other = await newChild(t, school, { lastName: 'Жұмабаева', firstName: 'Аружан', birthDate: '2018-02-03' });
    const reason = `Жұмабаева Аружан (ИИН ${other.identity.iin}) доставлена в приёмный покой, нужны диагнозы`;
    const opened = await breakGlass(pmpcOutsider, { iin: other.identity.iin, reason });
    expect(opened.status).toBe(201);
    const res = await t.http.get('/api/v1/break-glass?reviewed=false').set(await nationalAuditor.auth()).expect(200);
    const listed = res.body.items.find((u: { id: string }) => u.id === opened.body.id);
    expect(listed.reason).toBe('*** *** (ИИН ***) доставлена в приёмный покой, нужны диагнозы');
    const trail = await t.http.get(`/api/v1/audit?childId=${other.id}&action=child.break_glass`).set(await nationalAuditor.auth()).expect(200);
    expect(JSON.stringify(trail.body)).not.toContain(other.identity.iin!);
    expect(JSON.stringify(trail.body)).not.toContain('Аружан');
    const reviewed = await t.http
      .post(`/api/v1/break-glass/${opened.body.id}/review`)
      .set(await nationalAuditor.auth())
      .send({ verdict: 'justified', comment: 'Admission confirmed.' })
      .expect(200);
    expect(reviewed.body).toMatchObject({ verdict: 'justified', reviewedBy: nationalAuditor.userId });
    expect(reviewed.body.reason).not.toContain('Аружан');
    // What was typed is kept as it was.
    const [stored] = await t.db.query(`SELECT reason FROM break_glass_uses WHERE id = $1`, [opened.body.id]);
    expect(stored.reason).toBe(reason);
  });

  it('keeps the access log from organisations not involved', async () => {
    await t.http.get(`/api/v1/children/${child.id}/access-log`).set(await stranger.auth()).expect(404);
  });
});
