import { AuditSealService } from '@qoldau/audit';
import { asAdmin, bearer, newOrganization, newUser, PAVLODAR, Session, ZHAMBYL } from '../support/factories';
import { CaseWorker, newCaseWorker, newChild, RegisteredChild } from '../support/children';
import { startTestApp, TestApp } from '../support/test-app';

interface EventRow {
  id: string;
  action: string;
  outcome: string;
  actor_user_id: string | null;
  actor_org_id: string | null;
  resource_type: string | null;
  resource_id: string | null;
  reason: string | null;
  operation: string | null;
  request_id: string | null;
  changes: { fields?: Record<string, { from?: unknown; to?: unknown }>; resultIds?: string[]; query?: Record<string, unknown> } | null;
}

describe('audit trail', () => {
  let t: TestApp;
  let admin: Session;
  let adminId: string;
  let zhambylDept: { id: string };
  let pavlodarDept: { id: string };
  let auditor: Session;
  let auditorId: string;
  let regionalAdmin: Session;

  const events = (where = 'true', params: unknown[] = []): Promise<EventRow[]> =>
    t.db.query(`SELECT * FROM audit_events WHERE ${where} ORDER BY id`, params);
  const lastEvent = async (): Promise<EventRow> => (await t.db.query(`SELECT * FROM audit_events ORDER BY id DESC LIMIT 1`))[0];

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-25T06:00:00Z' });
    admin = await asAdmin(t);
    [{ id: adminId }] = await t.db.query(`SELECT id FROM users WHERE username = 'admin'`);
    zhambylDept = await newOrganization(t, admin, { type: 'education_department', kato: ZHAMBYL });
    pavlodarDept = await newOrganization(t, admin, { type: 'education_department', kato: PAVLODAR });
    const auditorUser = await newUser(t, admin, zhambylDept.id, ['auditor']);
    auditorId = auditorUser.id;
    auditor = await auditorUser.session();
    regionalAdmin = await (await newUser(t, admin, zhambylDept.id, ['admin'])).session();
  });
  afterAll(() => t.close());

  describe('one event per request, in the same transaction', () => {
    it.each([
      ['POST /organizations', 'POST /api/v1/organizations', 'organization'],
      ['PATCH /organizations/:id', 'PATCH /api/v1/organizations/:id', 'organization'],
      ['GET /organizations/:id', 'GET /api/v1/organizations/:id', 'organization'],
      ['GET /organizations', 'GET /api/v1/organizations', 'organization'],
      ['POST /users', 'POST /api/v1/users', 'user'],
      ['POST /users/:id/deactivate', 'POST /api/v1/users/:id/deactivate', 'user'],
      ['POST /users/:id/reset-password', 'POST /api/v1/users/:id/reset-password', 'user'],
      ['GET /me', 'GET /api/v1/me', 'me'],
    ])('%s leaves an allowed event naming the actor, the resource and the request', async (route, action, resourceType) => {
      const org = await newOrganization(t, admin, { type: 'correction_room', capacity: 5 });
      const user = await newUser(t, admin, org.id, ['correction_specialist']);
      const calls: Record<string, () => Promise<{ headers: Record<string, string>; body: { id?: string } }>> = {
        'POST /organizations': () => t.http.post('/api/v1/organizations').set(bearer(admin)).send({ type: 'school', nameKk: 'Мектеп', nameRu: 'Школа', kato: ZHAMBYL }),
        'PATCH /organizations/:id': () => t.http.patch(`/api/v1/organizations/${org.id}`).set(bearer(admin)).set('If-Match', '"1"').send({ capacity: 7 }),
        'GET /organizations/:id': () => t.http.get(`/api/v1/organizations/${org.id}`).set(bearer(admin)),
        'GET /organizations': () => t.http.get('/api/v1/organizations?type=correction_room').set(bearer(admin)),
        'POST /users': () => t.http.post('/api/v1/users').set(bearer(admin)).send({ username: `u${Date.now()}`, password: 'a-long-enough-password', fullName: 'Асель Н', orgId: org.id, roles: ['correction_specialist'] }),
        'POST /users/:id/deactivate': () => t.http.post(`/api/v1/users/${user.id}/deactivate`).set(bearer(admin)),
        'POST /users/:id/reset-password': () => t.http.post(`/api/v1/users/${user.id}/reset-password`).set(bearer(admin)).send({ password: 'another-long-password' }),
        'GET /me': () => t.http.get('/api/v1/me').set(bearer(admin)),
      };
      const res = await calls[route]();
      const event = await lastEvent();
      expect(event).toMatchObject({ action, outcome: 'allowed', actor_user_id: adminId, resource_type: resourceType, request_id: res.headers['x-request-id'] });
      if (route.includes(':id')) expect(event.resource_id).toBe(route.startsWith('POST /users') ? user.id : org.id);
      if (route === 'POST /organizations' || route === 'POST /users') expect(event.resource_id).toBe(res.body.id);
    });

    it('tells reading from changing by the HTTP method', async () => {
      await t.http.get('/api/v1/me').set(bearer(admin)).expect(200);
      expect((await lastEvent()).operation).toBe('read');
      await newOrganization(t, admin, { type: 'school' });
      expect((await lastEvent()).operation).toBe('change');
    });

    it('records changed fields with before and after values', async () => {
      const org = await newOrganization(t, admin, { type: 'rehab_centre', capacity: 5 });
      await t.http.patch(`/api/v1/organizations/${org.id}`).set(bearer(admin)).set('If-Match', '"1"').send({ capacity: 9, nameRu: 'Новое имя' }).expect(200);
      const event = await lastEvent();
      expect(event.changes?.fields).toEqual({ capacity: { from: 5, to: 9 }, nameRu: { from: expect.any(String), to: 'Новое имя' } });
    });

    it('records a list query and the ids it returned', async () => {
      const res = await t.http.get('/api/v1/organizations?type=education_department').set(bearer(admin)).expect(200);
      const event = await lastEvent();
      expect(event.changes?.query).toEqual({ type: 'education_department' });
      expect(event.changes?.resultIds).toEqual(res.body.items.map((o: { id: string }) => o.id));
    });

    it('never records a password', async () => {
      const org = await newOrganization(t, admin, { type: 'polyclinic' });
      await newUser(t, admin, org.id, ['health_worker'], { password: 'sekret-password-that-must-not-leak' });
      const leaked = await t.db.query(`SELECT count(*)::int AS n FROM audit_events WHERE changes::text LIKE '%sekret-password%'`);
      expect(leaked[0].n).toBe(0);
    });

    it('rolls the change back and answers 503 AUDIT_UNAVAILABLE when the audit row cannot be written', async () => {
      const org = await newOrganization(t, admin, { type: 'autism_centre', capacity: 3 });
      const before = await events();
      await t.db.query(`CREATE FUNCTION test_fail_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit disk full'; END $$`);
      await t.db.query(`CREATE TRIGGER test_fail_audit BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION test_fail_audit()`);
      try {
        const res = await t.http.patch(`/api/v1/organizations/${org.id}`).set(bearer(admin)).set('If-Match', '"1"').send({ capacity: 99 });
        expect(res.status).toBe(503);
        expect(res.body.code).toBe('AUDIT_UNAVAILABLE');
        const created = await t.http.post('/api/v1/organizations').set(bearer(admin)).send({ type: 'school', nameKk: 'Жоқ мектеп', nameRu: 'Несуществующая школа', kato: ZHAMBYL });
        expect(created.status).toBe(503);
      } finally {
        await t.db.query(`DROP TRIGGER test_fail_audit ON audit_events; DROP FUNCTION test_fail_audit()`);
      }
      const after = await t.http.get(`/api/v1/organizations/${org.id}`).set(bearer(admin)).expect(200);
      expect(after.body).toMatchObject({ capacity: 3, version: 1 });
      const ghosts = await t.db.query(`SELECT count(*)::int AS n FROM organizations WHERE name_ru = 'Несуществующая школа'`);
      expect(ghosts[0].n).toBe(0);
      expect((await events()).length).toBe(before.length + 1); // only the GET just made
    });
  });

  describe('case routes', () => {
    let worker: CaseWorker;
    let child: RegisteredChild;
    beforeAll(async () => {
      worker = await newCaseWorker(t, admin, 'pmpc', ['pmpc_specialist']);
      child = await newChild(t, worker, { lastName: 'Жұмабаев', firstName: 'Алихан' });
    });

    it.each([
      ['register', 'child.create', 'change'],
      ['read', 'child.read', 'read'],
      ['search', 'child.search', 'read'],
      ['timeline', 'child.timeline', 'read'],
      ['give a consent', 'child.consent.grant', 'change'],
      ['change identity', 'child.update', 'change'],
    ])('%s leaves an allowed %s event tied to the child', async (what, action, operation) => {
      const auth = await worker.auth();
      const calls: Record<string, () => Promise<unknown>> = {
        register: async () => (child = await newChild(t, worker, { lastName: 'Тұрсынов', firstName: 'Нұрсұлтан' })),
        read: () => t.http.get(`/api/v1/children/${child.id}`).set(auth).expect(200),
        search: () => t.http.get('/api/v1/children?q=Nursultan').set(auth).expect(200),
        timeline: () => t.http.get(`/api/v1/children/${child.id}/timeline`).set(auth).expect(200),
        'give a consent': () => t.http.post(`/api/v1/children/${child.id}/consents`).set(auth).send({ kind: 'assessment', guardianId: child.guardians[0].id }).expect(201),
        'change identity': async () => {
          const current = await t.http.get(`/api/v1/children/${child.id}`).set(auth).expect(200);
          await t.http.patch(`/api/v1/children/${child.id}`).set(auth).set('If-Match', `"${current.body.version}"`).send({ address: 'Тараз қ., Абай к-сі 1' }).expect(200);
        },
      };
      await calls[what]();
      const event = await lastEvent();
      expect(event).toMatchObject({ action, outcome: 'allowed', operation, actor_user_id: worker.userId, actor_org_id: worker.orgId });
      if (what === 'search') {
        expect(event.changes?.resultIds).toContain(child.id);
        expect(JSON.stringify(event.changes)).not.toContain('Nursultan'); // the kind of term, never the term
      } else {
        expect((event as unknown as { child_id: string }).child_id).toBe(child.id);
      }
      if (what === 'change identity') expect(event.changes?.fields).toHaveProperty('address', {}); // personal: name only
    });

    it("records an uninvolved organisation's attempt on the case as denied", async () => {
      const stranger = await newCaseWorker(t, admin, 'school', ['school_coordinator'], PAVLODAR);
      await t.http.get(`/api/v1/children/${child.id}`).set(await stranger.auth()).expect(404);
      expect(await lastEvent()).toMatchObject({ action: 'child.read', outcome: 'denied', actor_user_id: stranger.userId, reason: 'NOT_FOUND' });
    });
  });

  describe('authentication', () => {
    it('records a successful login with the user as actor', async () => {
      const user = await newUser(t, admin, zhambylDept.id, ['analyst']);
      const res = await t.http.post('/api/v1/auth/login').send({ username: user.username, password: user.password }).expect(200);
      expect(await lastEvent()).toMatchObject({ action: 'auth.login', outcome: 'allowed', actor_user_id: user.id, actor_org_id: zhambylDept.id, request_id: res.headers['x-request-id'] });
    });

    it.each([
      ['a wrong password', true, 'INVALID_CREDENTIALS'],
      ['an unknown username', false, 'INVALID_CREDENTIALS'],
    ])('records a login refused for %s, with no password in the trail', async (_why, known, reason) => {
      const user = await newUser(t, admin, zhambylDept.id, ['analyst']);
      const res = await t.http.post('/api/v1/auth/login').send({ username: known ? user.username : 'nobody.here', password: 'not-the-password-1' }).expect(401);
      const event = await lastEvent();
      expect(event).toMatchObject({ action: 'auth.login', outcome: 'denied', reason, actor_user_id: known ? user.id : null, request_id: res.headers['x-request-id'], ip: expect.any(String) });
      expect(JSON.stringify(event)).not.toContain('not-the-password-1');
    });

    it('records a logout and the end of its session', async () => {
      const user = await newUser(t, admin, zhambylDept.id, ['analyst']);
      const session = await user.session();
      await t.http.post('/api/v1/auth/logout').set(bearer(session)).expect(204);
      const [revoked, logout] = (await events()).slice(-2);
      expect(revoked).toMatchObject({ action: 'auth.sessions_revoked', outcome: 'allowed', actor_user_id: user.id, reason: 'logout' });
      expect(logout).toMatchObject({ action: 'auth.logout', outcome: 'allowed', actor_user_id: user.id });
    });

    it("records the revocation of a deactivated user's sessions", async () => {
      const user = await newUser(t, admin, zhambylDept.id, ['analyst']);
      await user.session();
      await t.http.post(`/api/v1/users/${user.id}/deactivate`).set(bearer(admin)).expect(200);
      const revoked = (await events(`action = 'auth.sessions_revoked' AND reason = 'deactivated'`)).pop();
      expect(revoked).toMatchObject({ actor_user_id: adminId, changes: { fields: { user: { to: user.id }, sessions: { to: [expect.any(String)] } } } });
    });
  });

  describe('refusals', () => {
    it("records a regional admin's 404 on another region's organisation as denied, naming the resource", async () => {
      const org = await newOrganization(t, admin, { type: 'school', kato: PAVLODAR });
      const res = await t.http.patch(`/api/v1/organizations/${org.id}`).set(bearer(regionalAdmin)).set('If-Match', '"1"').send({ supportRooms: 1 });
      expect(res.status).toBe(404);
      const event = await lastEvent();
      expect(event).toMatchObject({ action: 'PATCH /api/v1/organizations/:id', outcome: 'denied', resource_type: 'Organization', resource_id: org.id, reason: 'NOT_FOUND', request_id: res.headers['x-request-id'] });
    });

    it('records a 403 as denied', async () => {
      const res = await t.http.get('/api/v1/audit').set(bearer(regionalAdmin));
      expect(res.status).toBe(403);
      expect(await lastEvent()).toMatchObject({ action: 'audit.read', outcome: 'denied', reason: 'FORBIDDEN' });
    });

    it('does not record a denial for a resource that does not exist', async () => {
      const before = (await events()).length;
      await t.http.patch('/api/v1/organizations/00000000-0000-4000-8000-000000000000').set(bearer(regionalAdmin)).set('If-Match', '"1"').send({ supportRooms: 1 }).expect(404);
      expect((await events()).length).toBe(before);
    });
  });

  describe('append-only', () => {
    it.each([
      ['UPDATE', `UPDATE audit_events SET action = 'forged' WHERE id = (SELECT min(id) FROM audit_events)`],
      ['DELETE', `DELETE FROM audit_events WHERE id = (SELECT min(id) FROM audit_events)`],
      ['TRUNCATE', `TRUNCATE audit_events`],
      ['re-seal', `UPDATE audit_events SET seal_hash = 'x' WHERE id = (SELECT min(id) FROM audit_events)`],
    ])('the database refuses %s', async (_op, sql) => {
      if (_op === 're-seal') await t.app.get(AuditSealService).seal(0);
      await expect(t.db.query(sql)).rejects.toThrow(/append-only/);
    });
  });

  describe('sealing and verification', () => {
    const tamper = async (sql: string) => {
      await t.db.query(`ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only`);
      try {
        await t.db.query(sql);
      } finally {
        await t.db.query(`ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only`);
      }
    };

    it('seals on demand after the settle time, and verifies the chain', async () => {
      await t.http.get('/api/v1/me').set(bearer(admin)).expect(200);
      t.clock.advance(2 * 60_000);
      const sealed = await t.http.post('/api/v1/audit/seal').set(bearer(auditor)).expect(200);
      expect(sealed.body.sealed).toBeGreaterThan(0);
      const unsealed = await t.db.query(`SELECT count(*)::int AS n FROM audit_events WHERE seal_hash IS NULL AND id <= $1`, [sealed.body.lastSealedId]);
      expect(unsealed[0].n).toBe(0);
      const verify = await t.http.get('/api/v1/audit/verify?full=true').set(bearer(auditor)).expect(200);
      expect(verify.body).toMatchObject({ ok: true, fromId: '0' });
      expect(verify.body.checked).toBeGreaterThan(10);
    });

    it('verifies incrementally from the last verified checkpoint', async () => {
      await t.http.get('/api/v1/audit/verify?full=true').set(bearer(auditor)).expect(200);
      for (let i = 0; i < 3; i++) await t.http.get('/api/v1/me').set(bearer(admin)).expect(200);
      await t.app.get(AuditSealService).seal(0);
      const incremental = await t.http.get('/api/v1/audit/verify').set(bearer(auditor)).expect(200);
      expect(incremental.body.ok).toBe(true);
      expect(Number(incremental.body.fromId)).toBeGreaterThan(0);
      expect(incremental.body.checked).toBeLessThan(10);
    });

    it('verifies a chain longer than one read batch, and names an edited row in a later batch', async () => {
      await t.db.query(
        `INSERT INTO audit_events (at, action, outcome, operation, changes)
         SELECT $1::timestamptz, 'bench.filler', 'allowed', 'read', jsonb_build_object('n', n) FROM generate_series(1, 25000) n`,
        [t.clock.now()],
      );
      await t.app.get(AuditSealService).seal(0);
      const whole = await t.http.get('/api/v1/audit/verify?full=true').set(bearer(auditor)).expect(200);
      expect(whole.body.ok).toBe(true);
      expect(whole.body.checked).toBeGreaterThan(25000);
      const [victim] = await t.db.query(`SELECT id FROM audit_events WHERE action = 'bench.filler' ORDER BY id LIMIT 1 OFFSET 22000`);
      await tamper(`UPDATE audit_events SET outcome = 'denied' WHERE id = ${victim.id}`);
      const verify = await t.http.get('/api/v1/audit/verify?full=true').set(bearer(auditor)).expect(200);
      expect(verify.body).toMatchObject({ ok: false, firstBrokenId: victim.id, problem: 'hash_mismatch' });
      expect(verify.body.checked).toBeGreaterThan(22000);
      await tamper(`UPDATE audit_events SET outcome = 'allowed' WHERE id = ${victim.id}`);
      expect((await t.http.get('/api/v1/audit/verify?full=true').set(bearer(auditor)).expect(200)).body.ok).toBe(true);
    });

    it('names exactly the row that was edited', async () => {
      await t.app.get(AuditSealService).seal(0);
      const [victim] = await t.db.query(`SELECT id FROM audit_events WHERE seal_hash IS NOT NULL ORDER BY id LIMIT 1 OFFSET 5`);
      await tamper(`UPDATE audit_events SET reason = 'covered up' WHERE id = ${victim.id}`);
      const verify = await t.http.get('/api/v1/audit/verify?full=true').set(bearer(auditor)).expect(200);
      expect(verify.body).toMatchObject({ ok: false, firstBrokenId: victim.id, problem: 'hash_mismatch' });
      await tamper(`UPDATE audit_events SET reason = NULL WHERE id = ${victim.id}`);
      const restored = await t.http.get('/api/v1/audit/verify?full=true').set(bearer(auditor)).expect(200);
      expect(restored.body.ok).toBe(true);
    });

    it('names the row after a deleted one', async () => {
      await t.app.get(AuditSealService).seal(0);
      const rows = await t.db.query(`SELECT id FROM audit_events WHERE seal_hash IS NOT NULL ORDER BY id LIMIT 2 OFFSET 8`);
      await tamper(`DELETE FROM audit_events WHERE id = ${rows[0].id}`);
      const verify = await t.http.get('/api/v1/audit/verify?full=true').set(bearer(auditor)).expect(200);
      expect(verify.body).toMatchObject({ ok: false, firstBrokenId: rows[1].id, problem: 'hash_mismatch' });
    });
  });

  describe('reading the trail', () => {
    it('is for auditors only', async () => {
      for (const session of [admin, regionalAdmin]) {
        await t.http.get('/api/v1/audit').set(bearer(session)).expect(403);
        await t.http.get('/api/v1/audit/verify').set(bearer(session)).expect(403);
        await t.http.get('/api/v1/audit/export.csv').set(bearer(session)).expect(403);
      }
    });

    it("shows a regional auditor only its region's actors and its region's children, filtered and paged", async () => {
      const pavlodarAdmin = await (await newUser(t, admin, pavlodarDept.id, ['admin'])).session();
      await t.http.get('/api/v1/organizations').set(bearer(pavlodarAdmin)).expect(200);
      await t.http.get('/api/v1/organizations').set(bearer(regionalAdmin)).expect(200);
      for (let i = 0; i < 2; i++) await t.http.get('/api/v1/audit?limit=1').set(bearer(auditor)).expect(200);
      const res = await t.http.get('/api/v1/audit?limit=100').set(bearer(auditor)).expect(200);
      const orgs = [...new Set(res.body.items.map((e: { actorOrgId: string }) => e.actorOrgId))];
      expect(orgs).toContain(zhambylDept.id);
      expect(orgs).not.toContain(pavlodarDept.id);
      // An actor of another region appears only for what it did to a child of this region.
      for (const event of res.body.items as { actorOrgId: string | null; childId: string | null }[]) {
        const [actorRegion] = await t.db.query(`SELECT kato FROM organizations WHERE id = $1`, [event.actorOrgId]);
        const [childRegion] = event.childId ? await t.db.query(`SELECT left(kato, 2) || '0000000' AS kato FROM children WHERE id = $1`, [event.childId]) : [];
        expect([actorRegion?.kato, childRegion?.kato]).toContain(ZHAMBYL);
      }
      const mine = await t.http.get(`/api/v1/audit?actorUserId=${auditorId}&action=audit.read&limit=2`).set(bearer(auditor)).expect(200);
      expect(mine.body.items).toHaveLength(2);
      expect(mine.body.nextCursor).toEqual(expect.any(String));
      const next = await t.http.get(`/api/v1/audit?actorUserId=${auditorId}&action=audit.read&limit=2&cursor=${mine.body.nextCursor}`).set(bearer(auditor)).expect(200);
      expect(Number(next.body.items[0].id)).toBeLessThan(Number(mine.body.items[1].id));
    });

    it('filters by the record read or changed: its kind and its id', async () => {
      await t.http.get(`/api/v1/organizations/${zhambylDept.id}`).set(bearer(regionalAdmin)).expect(200);
      await t.http.get(`/api/v1/organizations/${pavlodarDept.id}`).set(bearer(admin)).expect(200);
      const res = await t.http.get(`/api/v1/audit?resourceType=organization&resourceId=${zhambylDept.id}`).set(bearer(auditor)).expect(200);
      expect(res.body.items.length).toBeGreaterThan(0);
      for (const event of res.body.items) expect(event).toMatchObject({ resourceType: 'organization', resourceId: zhambylDept.id });
      const byKind = await t.http.get('/api/v1/audit?resourceType=organization&limit=100').set(bearer(auditor)).expect(200);
      expect(byKind.body.items.every((e: { resourceType: string }) => e.resourceType === 'organization')).toBe(true);
      expect(byKind.body.items.map((e: { resourceId: string }) => e.resourceId)).toContain(zhambylDept.id);
    });

    it('exports a filtered view as CSV, and the export is itself audited', async () => {
      const res = await t.http.get('/api/v1/audit/export.csv?action=audit.read').set(bearer(auditor)).expect(200);
      expect(res.headers['content-type']).toMatch(/text\/csv/);
      const lines = res.text.replace(/^\ufeff/, '').trim().split('\n');
      expect(lines[0]).toBe('id,at,actorUserId,actorOrgId,action,resourceType,resourceId,childId,outcome,reason,requestId,ip,changes,sealed');
      expect(lines.length).toBeGreaterThan(1);
      expect(lines.slice(1).every((l) => l.includes(',audit.read,'))).toBe(true);
      expect(await lastEvent()).toMatchObject({ action: 'audit.export', outcome: 'allowed', actor_user_id: auditorId });
    });

    it.each([['childId=abc'], ['from=yesterday'], ['outcome=maybe'], ['cursor=zzz'], ['resourceType=Child%27--'], ['resourceId=a%20b']])('refuses a bad filter %s with 400', async (query) => {
      const res = await t.http.get(`/api/v1/audit?${query}`).set(bearer(auditor));
      expect(res.status).toBe(400);
    });
  });
});
