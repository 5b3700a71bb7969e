import { asAdmin, bearer, DEFAULT_PASSWORD, loginAs, newOrganization, newUser } from '../support/factories';
import { eventually } from '../support/eventually';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * POST /me/password (issue 19, the profile page): a user changes their own password knowing the
 * current one; every other session ends, the one asking stays; the trail says it happened, never what.
 */
describe('changing my own password', () => {
  let t: TestApp;
  let orgId: string;
  const NEW_PASSWORD = 'a-brand-new-passphrase-2026';

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await asAdmin(t);
    orgId = (await newOrganization(t, admin, { type: 'correction_room', capacity: 5 })).id;
  });
  afterAll(() => t.close());

  const hashOf = async (id: string) => (await t.db.query(`SELECT password_hash FROM users WHERE id = $1`, [id]))[0].password_hash as string;

  it('changes it, keeps the asking session, ends the others, and the old password no longer signs in', async () => {
    const admin = await asAdmin(t);
    const user = await newUser(t, admin, orgId, ['correction_specialist']);
    const here = await user.session();
    const elsewhere = await user.session();
    await t.http.post('/api/v1/me/password').set(bearer(here)).send({ currentPassword: DEFAULT_PASSWORD, newPassword: NEW_PASSWORD }).expect(204);

    await t.http.get('/api/v1/me').set(bearer(here)).expect(200);
    await eventually(async () => ((await t.http.get('/api/v1/me').set(bearer(elsewhere))).status === 401 ? true : undefined));
    const [revoked] = await t.db.query(`SELECT count(*)::int AS n FROM sessions WHERE user_id = $1 AND revoked_reason = 'password_changed'`, [user.id]);
    expect(revoked.n).toBe(1);

    await t.http.post('/api/v1/auth/login').send({ username: user.username, password: DEFAULT_PASSWORD }).expect(401);
    await expect(loginAs(t, user.username, NEW_PASSWORD)).resolves.toHaveProperty('token');

    const [event] = await t.db.query(`SELECT actor_user_id, resource_id, changes FROM audit_events WHERE action = 'user.password' AND outcome = 'allowed'`);
    expect(event).toMatchObject({ actor_user_id: user.id, resource_id: user.id });
    expect(JSON.stringify(event.changes)).not.toContain(NEW_PASSWORD);
    expect(JSON.stringify(event.changes)).not.toContain(DEFAULT_PASSWORD);
  });

  it('refuses a wrong current password and a weak new one on their fields, changing nothing', async () => {
    const admin = await asAdmin(t);
    const user = await newUser(t, admin, orgId, ['correction_specialist']);
    const session = await user.session();
    const before = await hashOf(user.id);

    const wrong = await t.http.post('/api/v1/me/password').set(bearer(session)).send({ currentPassword: 'not-my-password-at-all', newPassword: NEW_PASSWORD }).expect(400);
    expect(wrong.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(wrong.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'currentPassword', code: 'CURRENT_PASSWORD_WRONG' }] });

    for (const newPassword of ['short-one', `${user.username}-and-more-letters`]) {
      const weak = await t.http.post('/api/v1/me/password').set(bearer(session)).send({ currentPassword: DEFAULT_PASSWORD, newPassword }).expect(400);
      expect(weak.body.errors).toEqual([expect.objectContaining({ field: 'newPassword', code: 'PASSWORD_TOO_WEAK' })]);
    }
    for (const body of [{}, { currentPassword: DEFAULT_PASSWORD }, { currentPassword: DEFAULT_PASSWORD, newPassword: NEW_PASSWORD, userId: admin.userId ?? 'x' }]) {
      await t.http.post('/api/v1/me/password').set(bearer(session)).send(body).expect(400);
    }
    expect(await hashOf(user.id)).toBe(before);
    await t.http.get('/api/v1/me').set(bearer(session)).expect(200);
    await t.http.post('/api/v1/me/password').send({ currentPassword: DEFAULT_PASSWORD, newPassword: NEW_PASSWORD }).expect(401);
  });
});
