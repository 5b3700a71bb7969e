import type { Page } from 'playwright-core';
import { newCaseWorker, newChild } from '../support/children';
import { asAdmin, DEFAULT_PASSWORD, newOrganization, newUser, ZHAMBYL } from '../support/factories';
import { grantConsent, sentReferral, serviceProvider } from '../support/referrals';
import { TEST_ADMIN_PASSWORD } from '../support/test-app';
import { accessibilityViolations, newPage, pickOption, referenceLabels, screenshot, settled, signIn, startWebTest, tr, type WebTest } from './browser';

/**
 * Issue 19's admin screens and profile. In Kazakh, the national admin adds an organisation, then a
 * user of it — first with a role that does not fit its type (the server's field error shows under
 * Roles), then with one that does — and puts Kurban Ait into the working-day calendar, which moves a
 * running referral deadline and says so; then renames the day in one language, keeping the others.
 * In English, a user changes their own password on the profile page.
 */
describe('administration and the profile, in a real browser', () => {
  let web: WebTest;
  let referralId: string;
  const catalogue = new Map<string, Record<'kk' | 'ru' | 'en', string>>();

  beforeAll(async () => {
    // Monday 25 May 2026, 10:00 in Almaty: a referral sent now is due Monday 1 June (26 27 28 29 1).
    web = await startWebTest({ now: '2026-05-25T05:00:00Z' });
    const admin = await asAdmin(web.t);
    const pmpc = await newCaseWorker(web.t, admin, 'pmpc', ['pmpc_specialist']);
    const room = await serviceProvider(web.t, 'correction_room', ['correction_specialist'], { capacity: 10 });
    const child = await newChild(web.t, pmpc);
    await grantConsent(web.t, pmpc, child);
    referralId = (await sentReferral(web.t, pmpc, child.id, room.orgId)).id;
    const entries = (await (await fetch(`${web.baseUrl}/api/v1/reference/error-codes`)).json()) as { code: string; title: Record<'kk' | 'ru' | 'en', string> }[];
    for (const entry of entries) catalogue.set(entry.code, entry.title);
  });
  afterAll(() => web.close());

  const dialog = (page: Page) => page.getByRole('dialog');
  const slaDueOf = async (id: string) => (await web.t.db.query(`SELECT to_char(sla_due_at AT TIME ZONE 'Asia/Almaty', 'YYYY-MM-DD') AS due FROM referrals WHERE id = $1`, [id]))[0].due as string;

  it('adds an organisation and a user (a misfit role shown under Roles, then fixed) and puts a holiday into the calendar (kk)', async () => {
    const types = await referenceLabels(web, 'organization-types', 'kk');
    const regions = (await (await fetch(`${web.baseUrl}/api/v1/reference/regions`, { headers: { 'Accept-Language': 'kk' } })).json()) as { kato: string; label: string }[];
    const page = await newPage(web, 'kk');
    await signIn(web, page, 'admin', TEST_ADMIN_PASSWORD);
    await page.getByRole('navigation', { name: tr('kk', 'common:mainMenu') }).getByRole('link', { name: tr('kk', 'admin:nav') }).click();
    await page.waitForURL('**/admin/organizations');

    // An organisation: type, names, region, capacity.
    await page.getByRole('button', { name: tr('kk', 'admin:organizations.add') }).click();
    await settled(page);
    await pickOption(page, tr('kk', 'admin:organizations.type'), types.get('correction_room')!);
    await dialog(page).getByLabel(tr('kk', 'admin:organizations.nameKk')).fill('Тараз түзету кабинеті №3');
    await dialog(page).getByLabel(tr('kk', 'admin:organizations.nameRu')).fill('Кабинет коррекции №3 города Тараз');
    await pickOption(page, tr('kk', 'admin:organizations.region'), regions.find((region) => region.kato === ZHAMBYL)!.label);
    await dialog(page).getByLabel(tr('kk', 'admin:organizations.capacity')).fill('15');
    await dialog(page).getByLabel(tr('kk', 'admin:organizations.stateOrderPlaces')).fill('10');
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'admin-organization-form', { fullPage: false });
    await dialog(page).getByRole('button', { name: tr('kk', 'admin:save') }).click();
    await page.getByText(tr('kk', 'admin:organizations.saved', { name: 'Тараз түзету кабинеті №3' })).waitFor();
    const [org] = await web.t.db.query(`SELECT id, type, kato, capacity, state_order_places FROM organizations WHERE name_kk = 'Тараз түзету кабинеті №3'`);
    expect(org).toMatchObject({ type: 'correction_room', kato: ZHAMBYL, capacity: 15, state_order_places: 10 });
    await page.getByRole('row').filter({ hasText: 'Тараз түзету кабинеті №3' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'admin-organizations');

    // A user of it: a PMPC role first, which a correction room cannot hold.
    await page.getByRole('link', { name: tr('kk', 'admin:users.title') }).click();
    await page.getByRole('button', { name: tr('kk', 'admin:users.add') }).click();
    await settled(page);
    await dialog(page).getByLabel(tr('kk', 'admin:users.username')).fill('aruzhan.t');
    await dialog(page).getByLabel(tr('kk', 'admin:users.fullName')).fill('Аружан Тоқтарова');
    await pickOption(page, tr('kk', 'admin:users.orgField'), 'Тараз түзету кабинеті №3');
    await pickOption(page, tr('kk', 'admin:users.roles'), tr('kk', 'admin:roles.pmpc_specialist'), { multiple: true });
    await dialog(page).getByLabel(tr('kk', 'admin:users.password'), { exact: true }).fill('a-long-enough-passphrase');
    await dialog(page).getByRole('button', { name: tr('kk', 'admin:save') }).click();
    const misfit = catalogue.get('ROLE_NOT_ALLOWED_FOR_ORGANIZATION')!.kk;
    const rolesItem = dialog(page).locator('.ant-form-item').filter({ has: page.getByRole('combobox', { name: tr('kk', 'admin:users.roles') }) });
    await rolesItem.getByText(misfit).waitFor();
    expect(await web.t.db.query(`SELECT 1 FROM users WHERE username = 'aruzhan.t'`)).toHaveLength(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'admin-user-role-error', { fullPage: false });

    // Fixed: the role of a correction room.
    const roles = page.getByRole('combobox', { name: tr('kk', 'admin:users.roles') });
    await roles.focus();
    await roles.press('Backspace');
    await pickOption(page, tr('kk', 'admin:users.roles'), tr('kk', 'admin:roles.correction_specialist'), { multiple: true });
    expect(await rolesItem.getByText(misfit).count()).toBe(0);
    await dialog(page).getByRole('button', { name: tr('kk', 'admin:save') }).click();
    await page.getByText(tr('kk', 'admin:users.saved', { name: 'Аружан Тоқтарова' })).waitFor();
    const [user] = await web.t.db.query(`SELECT roles, org_id FROM users WHERE username = 'aruzhan.t'`);
    expect(user).toEqual({ roles: ['correction_specialist'], org_id: org.id });
    await page.getByRole('row').filter({ hasText: 'aruzhan.t' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'admin-users');

    // The calendar: Kurban Ait on Wednesday 27 May moves the running deadline to 2 June, and says so.
    expect(await slaDueOf(referralId)).toBe('2026-06-01');
    await page.getByRole('link', { name: tr('kk', 'admin:calendar.title') }).click();
    await page.getByRole('button', { name: tr('kk', 'admin:calendar.add') }).click();
    await settled(page);
    const date = dialog(page).getByLabel(tr('kk', 'admin:calendar.date'));
    await date.fill('27.05.2026');
    await date.press('Enter');
    await dialog(page).getByLabel(tr('kk', 'admin:calendar.nameKk')).fill('Құрбан айт');
    await dialog(page).getByLabel(tr('kk', 'admin:calendar.nameRu')).fill('Курбан айт');
    await dialog(page).getByLabel(tr('kk', 'admin:calendar.nameEn')).fill('Kurban Ait');
    await dialog(page).getByRole('button', { name: tr('kk', 'admin:save') }).click();
    await page.getByRole('status').getByText(tr('kk', 'admin:calendar.moved', { count: 1, date: '27.05.2026' })).waitFor();
    expect(await slaDueOf(referralId)).toBe('2026-06-02');

    // Renamed in English only: the Kazakh and Russian names stay as they were.
    await page.getByRole('button', { name: tr('kk', 'admin:calendar.editDay', { date: '27.05.2026' }) }).click();
    await settled(page);
    await dialog(page).getByLabel(tr('kk', 'admin:calendar.nameEn')).fill('Kurban Ait (Eid al-Adha)');
    await dialog(page).getByRole('button', { name: tr('kk', 'admin:save') }).click();
    await page.getByRole('status').getByText(tr('kk', 'admin:calendar.moved', { count: 0, date: '27.05.2026' })).waitFor();
    const [day] = await web.t.db.query(`SELECT kind, name_kk, name_ru, name_en FROM holidays WHERE date = '2026-05-27'`);
    expect(day).toEqual({ kind: 'holiday', name_kk: 'Құрбан айт', name_ru: 'Курбан айт', name_en: 'Kurban Ait (Eid al-Adha)' });
    expect(await slaDueOf(referralId)).toBe('2026-06-02');
    await page.getByRole('row').filter({ hasText: 'Құрбан айт' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'admin-calendar');
    await page.context().close();
  }, 240_000);

  it('lets a user change their own password on the profile page, the wrong current one shown on its field (en)', async () => {
    const admin = await asAdmin(web.t);
    const org = await newOrganization(web.t, admin, { type: 'correction_room', capacity: 5 });
    const user = await newUser(web.t, admin, org.id, ['correction_specialist'], { locale: 'en', fullName: 'Dana Serikova' });
    const page = await newPage(web, 'en');
    await signIn(web, page, user.username, DEFAULT_PASSWORD, 'en');
    await page.getByRole('link', { name: /^Dana Serikova/ }).click();
    await page.getByRole('heading', { name: tr('en', 'profile:title'), level: 1 }).waitFor();
    await page.getByText(tr('en', 'admin:roles.correction_specialist')).waitFor();

    const current = page.getByLabel(tr('en', 'profile:password.current'));
    await current.fill('not-the-password-i-have');
    await page.getByLabel(tr('en', 'profile:password.new'), { exact: true }).fill('my-new-long-passphrase');
    await page.getByLabel(tr('en', 'profile:password.repeat')).fill('my-new-long-passphrase');
    await page.getByRole('button', { name: tr('en', 'profile:password.submit') }).click();
    const currentItem = page.locator('.ant-form-item').filter({ has: current });
    await currentItem.getByText(catalogue.get('CURRENT_PASSWORD_WRONG')!.en).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'profile-password-error-en');

    await current.fill(DEFAULT_PASSWORD);
    await page.getByRole('button', { name: tr('en', 'profile:password.submit') }).click();
    await page.getByRole('status').getByText(tr('en', 'profile:password.changed')).waitFor();
    await web.t.http.post('/api/v1/auth/login').send({ username: user.username, password: 'my-new-long-passphrase' }).expect(200);
    // Still signed in here: the page goes on working.
    await page.getByRole('link', { name: tr('en', 'common:notifications') }).click();
    await page.waitForURL('**/notifications');
    await page.goBack();
    await page.getByRole('heading', { name: tr('en', 'profile:title'), level: 1 }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'profile-en');
    await page.context().close();
  }, 120_000);
});
