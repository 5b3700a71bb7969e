import { asAdmin, bearer, DEFAULT_PASSWORD, loginAs, newOrganization, newUser, PAVLODAR, Session, ZHAMBYL } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

describe('organisations, users and /me', () => {
  let t: TestApp;
  let admin: Session;
  let zhambylDept: { id: string };
  let pavlodarDept: { id: string };
  let regionalAdmin: Session;
  let tarazPmpc: { id: string };
  let pavlodarSchool: { id: string; version: number };

  beforeAll(async () => {
    t = await startTestApp();
    admin = await asAdmin(t);
    zhambylDept = await newOrganization(t, admin, { type: 'education_department', kato: ZHAMBYL });
    pavlodarDept = await newOrganization(t, admin, { type: 'education_department', kato: PAVLODAR });
    tarazPmpc = await newOrganization(t, admin, { type: 'pmpc', kato: ZHAMBYL, capacity: 40 });
    pavlodarSchool = await newOrganization(t, admin, { type: 'school', kato: PAVLODAR, supportRooms: 2, senConditions: true, senConditionsSince: '2025-09-01' });
    regionalAdmin = await (await newUser(t, admin, zhambylDept.id, ['admin'])).session();
  });
  afterAll(() => t.close());

  describe('organisations', () => {
    it('registers an organisation with its sector derived from the type, and an ETag', async () => {
      const res = await t.http
        .post('/api/v1/organizations')
        .set(bearer(admin))
        .send({ type: 'correction_room', nameKk: 'Түзету кабинеті №1', nameRu: 'Кабинет коррекции №1', kato: ZHAMBYL, capacity: 40, stateOrderPlaces: 30, externalId: 'PPKK-TRZ-01' })
        .expect(201);
      expect(res.body).toMatchObject({ type: 'correction_room', sector: 'education', specialised: true, capacity: 40, stateOrderPlaces: 30, version: 1, active: true });
      expect(res.headers.etag).toBe('"1"');
      const read = await t.http.get(`/api/v1/organizations/${res.body.id}`).set(bearer(admin)).expect(200);
      expect(read.body).toEqual(res.body);
      expect(read.headers.etag).toBe('"1"');
    });

    it('refuses a duplicate externalId with 409', async () => {
      await newOrganization(t, admin, { type: 'polyclinic', externalId: 'POLY-1' });
      const res = await t.http.post('/api/v1/organizations').set(bearer(admin)).send({ type: 'polyclinic', nameKk: 'Емхана', nameRu: 'Поликлиника', kato: ZHAMBYL, externalId: 'POLY-1' });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('DUPLICATE_EXTERNAL_ID');
    });

    it('changes with If-Match, and refuses a stale or missing version', async () => {
      const org = await newOrganization(t, admin, { type: 'rehab_centre', capacity: 10 });
      const ok = await t.http.patch(`/api/v1/organizations/${org.id}`).set(bearer(admin)).set('If-Match', '"1"').send({ capacity: 12 }).expect(200);
      expect(ok.body).toMatchObject({ capacity: 12, version: 2 });
      expect(ok.headers.etag).toBe('"2"');
      const stale = await t.http.patch(`/api/v1/organizations/${org.id}`).set(bearer(admin)).set('If-Match', '"1"').send({ capacity: 99 });
      expect(stale.status).toBe(412);
      expect(stale.body).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: 2 });
      const missing = await t.http.patch(`/api/v1/organizations/${org.id}`).set(bearer(admin)).send({ capacity: 99 });
      expect(missing.status).toBe(428);
      expect(missing.body.code).toBe('IF_MATCH_REQUIRED');
      const after = await t.http.get(`/api/v1/organizations/${org.id}`).set(bearer(admin)).expect(200);
      expect(after.body.capacity).toBe(12);
    });

    it('filters by type, region, sector and name, paging by keyset without repeats', async () => {
      for (let i = 0; i < 5; i++) await newOrganization(t, admin, { type: 'kindergarten', kato: PAVLODAR, nameKk: `Балабақша ${i}` });
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res: { body: { items: { id: string }[]; nextCursor: string | null } } = await t.http
          .get('/api/v1/organizations')
          .query({ type: 'kindergarten', kato: PAVLODAR, limit: 2, ...(cursor ? { cursor } : {}) })
          .set(bearer(admin))
          .expect(200);
        expect(res.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...res.body.items.map((o: { id: string }) => o.id));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(seen).toHaveLength(5);
      expect(new Set(seen).size).toBe(5);
      const health = await t.http.get('/api/v1/organizations?sector=health').set(bearer(admin)).expect(200);
      expect(health.body.items.every((o: { sector: string }) => o.sector === 'health')).toBe(true);
      const byName = await t.http.get('/api/v1/organizations').query({ q: 'Балабақша 3' }).set(bearer(admin)).expect(200);
      expect(byName.body.items.map((o: { nameKk: string }) => o.nameKk)).toEqual(['Балабақша 3']);
    });

    it.each([
      [{ type: 'no_such_type' }, 400, 'VALIDATION_FAILED', 'type'],
      [{ kato: '999999999' }, 400, 'VALIDATION_FAILED', 'kato'],
      [{ kato: '31' }, 400, 'VALIDATION_FAILED', 'kato'],
      [{ parentId: '00000000-0000-4000-8000-000000000000' }, 400, 'VALIDATION_FAILED', 'parentId'],
      [{ capacity: -1 }, 400, 'VALIDATION_FAILED', 'capacity'],
      [{ nameKk: 'bad\u0000name' }, 400, 'INVALID_TEXT', 'nameKk'],
      [{ nameKk: 'x'.repeat(301) }, 400, 'VALIDATION_FAILED', 'nameKk'],
      [{ colour: 'red' }, 400, 'VALIDATION_FAILED', 'colour'],
      [{ type: 'pmpc', supportRooms: 3 }, 422, 'NOT_APPLICABLE_TO_TYPE', 'supportRooms'],
    ])('refuses %j with %i %s naming %s, writing nothing', async (override, status, code, field) => {
      const before = await t.db.query('SELECT count(*)::int AS n FROM organizations');
      const res = await t.http
        .post('/api/v1/organizations')
        .set(bearer(admin))
        .send({ type: 'school', nameKk: 'Мектеп', nameRu: 'Школа', kato: ZHAMBYL, ...override });
      expect(res.status).toBe(status);
      expect(res.body.code).toBe(code);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      const after = await t.db.query('SELECT count(*)::int AS n FROM organizations');
      expect(after[0].n).toBe(before[0].n);
    });
  });

  describe('the national ministry', () => {
    it('has no region, and holds national admin, analyst and auditor users', async () => {
      const ministry = await newOrganization(t, admin, { type: 'ministry', kato: undefined });
      expect(ministry).toMatchObject({ type: 'ministry', kato: null });
      for (const role of ['admin', 'analyst', 'auditor']) await newUser(t, admin, ministry.id, [role]);
      const auditor = await newUser(t, admin, ministry.id, ['auditor']);
      const me = await t.http.get('/api/v1/me').set(bearer(await auditor.session())).expect(200);
      expect(me.body.organization).toMatchObject({ type: 'ministry', kato: null });
      const pmpc = await t.http.post('/api/v1/users').set(bearer(admin))
        .send({ username: 'ministry-pmpc', password: DEFAULT_PASSWORD, fullName: 'Айгерім Сейітқызы', orgId: ministry.id, roles: ['pmpc_specialist'] });
      expect(pmpc.status).toBe(422);
    });

    it('refuses a region for the ministry and a missing region for everything else, writing nothing', async () => {
      const [{ n: before }] = await t.db.query(`SELECT count(*)::int AS n FROM organizations`);
      const withRegion = await t.http.post('/api/v1/organizations').set(bearer(admin)).send({ type: 'ministry', kato: ZHAMBYL, nameKk: 'Министрлік', nameRu: 'Министерство' });
      expect(withRegion.status).toBe(400);
      expect(withRegion.body.errors).toEqual([expect.objectContaining({ field: 'kato', code: 'NATIONAL_HAS_NO_REGION' })]);
      const without = await t.http.post('/api/v1/organizations').set(bearer(admin)).send({ type: 'school', nameKk: 'Мектеп', nameRu: 'Школа' });
      expect(without.status).toBe(400);
      expect(without.body.errors.map((e: { field: string }) => e.field)).toContain('kato');
      const [{ n: after }] = await t.db.query(`SELECT count(*)::int AS n FROM organizations`);
      expect(after).toBe(before);
    });

    it('cannot be registered by a regional admin (403)', async () => {
      const res = await t.http.post('/api/v1/organizations').set(bearer(regionalAdmin)).send({ type: 'ministry', nameKk: 'Министрлік', nameRu: 'Министерство' });
      expect(res.status).toBe(403);
    });
  });

  describe('regional admin', () => {
    it('manages organisations of its own region', async () => {
      const org = await newOrganization(t, regionalAdmin, { type: 'school', kato: ZHAMBYL });
      await t.http.patch(`/api/v1/organizations/${org.id}`).set(bearer(regionalAdmin)).set('If-Match', '"1"').send({ supportRooms: 1 }).expect(200);
    });

    it('cannot register an organisation in another region (403)', async () => {
      const res = await t.http.post('/api/v1/organizations').set(bearer(regionalAdmin)).send({ type: 'school', nameKk: 'Мектеп', nameRu: 'Школа', kato: PAVLODAR });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('OUTSIDE_REGION');
    });

    it("cannot touch another region's organisation or users (404)", async () => {
      const patch = await t.http.patch(`/api/v1/organizations/${pavlodarSchool.id}`).set(bearer(regionalAdmin)).set('If-Match', '"1"').send({ supportRooms: 9 });
      expect(patch.status).toBe(404);
      expect(patch.body.code).toBe('NOT_FOUND');
      const pavlodarUser = await newUser(t, admin, pavlodarSchool.id, ['school_coordinator']);
      for (const req of [
        t.http.get(`/api/v1/users/${pavlodarUser.id}`),
        t.http.post(`/api/v1/users/${pavlodarUser.id}/deactivate`),
        t.http.post(`/api/v1/users/${pavlodarUser.id}/reset-password`).send({ password: 'another-long-password' }),
        t.http.patch(`/api/v1/users/${pavlodarUser.id}`).set('If-Match', '"1"').send({ fullName: 'Басқа Адам' }),
      ]) {
        const res = await req.set(bearer(regionalAdmin));
        expect(res.status).toBe(404);
      }
      const list = await t.http.get('/api/v1/users?limit=100').set(bearer(regionalAdmin)).expect(200);
      expect(list.body.items.map((u: { id: string }) => u.id)).not.toContain(pavlodarUser.id);
      const create = await t.http
        .post('/api/v1/users')
        .set(bearer(regionalAdmin))
        .send({ username: 'someone.pvl', password: DEFAULT_PASSWORD, fullName: 'Someone', orgId: pavlodarDept.id, roles: ['admin'] });
      expect(create.status).toBe(400);
      expect(create.body.errors[0]).toMatchObject({ field: 'orgId', code: 'UNKNOWN_ORGANIZATION' });
      const untouched = await t.http.get(`/api/v1/organizations/${pavlodarSchool.id}`).set(bearer(admin)).expect(200);
      expect(untouched.body.supportRooms).toBe(2);
    });

    it('cannot see the national admin', async () => {
      const [row] = await t.db.query(`SELECT id FROM users WHERE username = 'admin'`);
      await t.http.get(`/api/v1/users/${row.id}`).set(bearer(regionalAdmin)).expect(404);
    });
  });

  describe('users', () => {
    it('refuses a role that does not fit the organisation type (422)', async () => {
      const school = await newOrganization(t, admin, { type: 'school' });
      const res = await t.http
        .post('/api/v1/users')
        .set(bearer(admin))
        .send({ username: 'head.in.school', password: DEFAULT_PASSWORD, fullName: 'Head', orgId: school.id, roles: ['school_coordinator', 'pmpc_head'] });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('ROLE_NOT_ALLOWED_FOR_ORGANIZATION');
      expect(res.body.detail).toContain('pmpc_head');
      const count = await t.db.query(`SELECT count(*)::int AS n FROM users WHERE username = 'head.in.school'`);
      expect(count[0].n).toBe(0);
    });

    it.each([
      ['short', 'too-short'],
      ['containing the username', 'xx-nurlan.b-1234567'],
    ])('refuses a password %s', async (_why, password) => {
      const res = await t.http
        .post('/api/v1/users')
        .set(bearer(admin))
        .send({ username: 'nurlan.b', password, fullName: 'Нұрлан Б', orgId: tarazPmpc.id, roles: ['pmpc_specialist'] });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'password', code: 'PASSWORD_TOO_WEAK' })]);
    });

    it('refuses a taken username (409), case-insensitively', async () => {
      const first = await newUser(t, admin, tarazPmpc.id, ['pmpc_specialist']);
      const res = await t.http
        .post('/api/v1/users')
        .set(bearer(admin))
        .send({ username: first.username.toUpperCase(), password: DEFAULT_PASSWORD, fullName: 'Twin', orgId: tarazPmpc.id, roles: ['pmpc_specialist'] });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('USERNAME_TAKEN');
    });

    it('lets a specialist see only its own organisation, and never administer', async () => {
      const specialist = await newUser(t, admin, tarazPmpc.id, ['pmpc_specialist']);
      const colleague = await newUser(t, admin, tarazPmpc.id, ['pmpc_head']);
      const stranger = await newUser(t, admin, pavlodarSchool.id, ['school_coordinator']);
      const me = await specialist.session();
      const list = await t.http.get('/api/v1/users?limit=100').set(bearer(me)).expect(200);
      const ids = list.body.items.map((u: { id: string }) => u.id);
      expect(ids).toEqual(expect.arrayContaining([specialist.id, colleague.id]));
      expect(ids).not.toContain(stranger.id);
      expect(list.body.items.every((u: { orgId: string }) => u.orgId === tarazPmpc.id)).toBe(true);
      await t.http.get(`/api/v1/users/${stranger.id}`).set(bearer(me)).expect(404);
      await t.http.post(`/api/v1/users/${colleague.id}/deactivate`).set(bearer(me)).expect(403);
      await t.http.post('/api/v1/organizations').set(bearer(me)).send({ type: 'school', nameKk: 'Мектеп', nameRu: 'Школа', kato: ZHAMBYL }).expect(403);
      await t.http.patch(`/api/v1/organizations/${tarazPmpc.id}`).set(bearer(me)).set('If-Match', '"1"').send({ capacity: 1 }).expect(403);
      // The directory itself is public to signed-in users.
      await t.http.get(`/api/v1/organizations/${pavlodarSchool.id}`).set(bearer(me)).expect(200);
    });

    it('deactivation ends the sessions at once and blocks login', async () => {
      const user = await newUser(t, admin, tarazPmpc.id, ['pmpc_specialist']);
      const session = await user.session();
      await t.http.get('/api/v1/me').set(bearer(session)).expect(200);
      const res = await t.http.post(`/api/v1/users/${user.id}/deactivate`).set(bearer(admin)).expect(200);
      expect(res.body.active).toBe(false);
      await t.http.get('/api/v1/me').set(bearer(session)).expect(401);
      const login = await t.http.post('/api/v1/auth/login').send({ username: user.username, password: user.password });
      expect(login.status).toBe(401);
      await t.http.post(`/api/v1/users/${user.id}/activate`).set(bearer(admin)).expect(200);
      await loginAs(t, user.username, user.password);
    });

    it('a password reset ends the sessions and the new password works', async () => {
      const user = await newUser(t, admin, tarazPmpc.id, ['pmpc_specialist']);
      const session = await user.session();
      await t.http.post(`/api/v1/users/${user.id}/reset-password`).set(bearer(admin)).send({ password: 'a-brand-new-password' }).expect(200);
      await t.http.get('/api/v1/me').set(bearer(session)).expect(401);
      await expect(loginAs(t, user.username, user.password)).rejects.toThrow(/401/);
      await loginAs(t, user.username, 'a-brand-new-password');
    });

    it('a role change ends the sessions; If-Match guards it', async () => {
      const user = await newUser(t, admin, tarazPmpc.id, ['pmpc_specialist']);
      const session = await user.session();
      await t.http.patch(`/api/v1/users/${user.id}`).set(bearer(admin)).set('If-Match', '"7"').send({ roles: ['pmpc_head'] }).expect(412);
      const res = await t.http.patch(`/api/v1/users/${user.id}`).set(bearer(admin)).set('If-Match', '"1"').send({ roles: ['pmpc_head'] }).expect(200);
      expect(res.body.roles).toEqual(['pmpc_head']);
      await t.http.get('/api/v1/me').set(bearer(session)).expect(401);
      const fresh = await user.session();
      const me = await t.http.get('/api/v1/me').set(bearer(fresh)).expect(200);
      expect(me.body.user.roles).toEqual(['pmpc_head']);
    });
  });

  describe('/me', () => {
    it('returns the user, its organisation and the permissions the UI needs', async () => {
      const user = await newUser(t, admin, tarazPmpc.id, ['pmpc_head'], { locale: 'ru' });
      const res = await t.http.get('/api/v1/me').set(bearer(await user.session())).expect(200);
      expect(res.body.user).toMatchObject({ id: user.id, username: user.username, roles: ['pmpc_head'], locale: 'ru' });
      expect(res.body.user).not.toHaveProperty('passwordHash');
      expect(res.body.organization).toMatchObject({ id: tarazPmpc.id, type: 'pmpc', kato: ZHAMBYL });
      expect(res.body.permissions).toEqual(expect.arrayContaining(['create:Child', 'lookup_by_iin:Child', 'break_glass:Child']));
      expect(res.body.permissions).not.toContain('create:Organization');
    });

    it('lets users set their own language, and only that, on the record and the trail', async () => {
      const user = await newUser(t, admin, tarazPmpc.id, ['pmpc_specialist']);
      const session = bearer(await user.session());
      const res = await t.http.patch('/api/v1/me').set(session).send({ locale: 'ru' }).expect(200);
      expect(res.body.user).toMatchObject({ id: user.id, locale: 'ru' });
      expect((await t.http.get('/api/v1/me').set(session).expect(200)).body.user.locale).toBe('ru');
      const [event] = await t.db.query(`SELECT changes FROM audit_events WHERE action = 'user.locale' AND resource_id = $1`, [user.id]);
      expect(event.changes.fields.locale).toEqual({ from: 'kk', to: 'ru' });
      for (const body of [{ locale: 'de' }, {}, { locale: 'kk', roles: ['admin'] }]) {
        const bad = await t.http.patch('/api/v1/me').set(session).send(body);
        expect(bad.status).toBe(400);
      }
      const [row] = await t.db.query(`SELECT locale, roles FROM users WHERE id = $1`, [user.id]);
      expect(row).toEqual({ locale: 'ru', roles: ['pmpc_specialist'] });
    });

    it('gives the national admin no organisation', async () => {
      const res = await t.http.get('/api/v1/me').set(bearer(admin)).expect(200);
      expect(res.body.organization).toBeNull();
      expect(res.body.permissions).toEqual(expect.arrayContaining(['create:Organization', 'create:User']));
    });
  });

  describe('bad input and authentication', () => {
    it.each([
      ['get', '/api/v1/organizations'],
      ['get', '/api/v1/users'],
      ['get', '/api/v1/me'],
      ['post', '/api/v1/organizations'],
    ])('%s %s without a token is 401', async (method, path) => {
      const res = await (t.http as unknown as Record<string, (p: string) => Promise<{ status: number; body: { code: string } }>>)[method](path);
      expect(res.status).toBe(401);
    });

    it('answers a malformed id with 400 naming it', async () => {
      const res = await t.http.get('/api/v1/organizations/not-a-uuid').set(bearer(admin));
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'id', code: 'INVALID_UUID' })]);
    });

    it('answers a missing id with 404', async () => {
      await t.http.get('/api/v1/users/00000000-0000-4000-8000-000000000000').set(bearer(admin)).expect(404);
    });

    it('refuses an oversized body with 413', async () => {
      const res = await t.http
        .post('/api/v1/organizations')
        .set(bearer(admin))
        .set('content-type', 'application/json')
        .send(JSON.stringify({ type: 'school', nameKk: 'x'.repeat(1_200_000) }));
      expect(res.status).toBe(413);
      expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
    });

    it('refuses malformed JSON with 400 MALFORMED_JSON', async () => {
      const res = await t.http.post('/api/v1/organizations').set(bearer(admin)).set('content-type', 'application/json').send('{"type":');
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('MALFORMED_JSON');
    });
  });
});
