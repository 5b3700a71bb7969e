import { newCaseWorker } from '../support/children';
import { asAdmin, DEFAULT_PASSWORD } from '../support/factories';
import { accessibilityViolations, newPage, screenshot, startWebTest, type WebTest } from './browser';

describe('signing in and the home screen, in a real browser', () => {
  let web: WebTest;
  let specialist: { username: string };

  beforeAll(async () => {
    web = await startWebTest();
    const admin = await asAdmin(web.t);
    specialist = await newCaseWorker(web.t, admin, 'pmpc', ['pmpc_specialist']);
  });
  afterAll(() => web.close());

  it('serves the sign-in page in Kazakh by default, with no serious accessibility violations', async () => {
    const page = await newPage(web, 'kk');
    await page.goto(`${web.baseUrl}/sign-in`);
    await page.getByRole('heading', { name: 'Жүйеге кіру' }).waitFor();
    expect(await page.getByLabel('Пайдаланушы аты').isVisible()).toBe(true);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'sign-in-kk');
    await page.context().close();
  });

  it('says why signing in failed, in the language chosen, from the error-code catalogue', async () => {
    const page = await newPage(web, 'ru');
    await page.goto(`${web.baseUrl}/sign-in`);
    await page.getByLabel('Имя пользователя').fill(specialist.username);
    await page.getByLabel('Пароль').fill('not-the-password');
    await page.getByRole('button', { name: 'Войти' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    const catalogue = (await (await fetch(`${web.baseUrl}/api/v1/reference/error-codes`)).json()) as { code: string; title: { ru: string } }[];
    expect(await alert.textContent()).toContain(catalogue.find((e) => e.code === 'INVALID_CREDENTIALS')!.title.ru);
    await page.context().close();
  });

  it('requires both fields before asking the server', async () => {
    const page = await newPage(web, 'en');
    await page.goto(`${web.baseUrl}/sign-in`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Enter your username').waitFor();
    expect(await page.getByText('Enter your password').isVisible()).toBe(true);
    await page.context().close();
  });

  it('signs a PMPC specialist in to the worklist, switches language, and signs out', async () => {
    const page = await newPage(web, 'kk');
    await page.goto(`${web.baseUrl}/`);
    await page.waitForURL('**/sign-in');
    await page.getByLabel('Пайдаланушы аты').fill(specialist.username);
    await page.getByLabel('Құпиясөз').fill(DEFAULT_PASSWORD);
    await page.getByRole('button', { name: 'Кіру' }).click();
    await page.getByRole('heading', { name: 'Менің жұмысым' }).waitFor();
    // A PMPC works with referrals and conclusion reviews: their counters, and nothing of a school's.
    expect(await page.getByText('Жауап күтетін жолдамалар').isVisible()).toBe(true);
    expect(await page.getByText('Қайта қарау мерзімі келген қорытындылар').isVisible()).toBe(true);
    expect(await page.getByText('Қолдау жоспары жоқ орналастырулар').count()).toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'home-kk');

    await page.getByRole('combobox', { name: 'Тіл' }).click();
    await page.getByTitle('Русский').click();
    await page.getByRole('heading', { name: 'Моя работа' }).waitFor();
    await screenshot(page, 'home-ru');
    // A reload keeps both the session and the language.
    await page.reload();
    await page.getByRole('heading', { name: 'Моя работа' }).waitFor();

    await page.getByRole('button', { name: 'Выйти' }).click();
    await page.waitForURL('**/sign-in');
    await page.goto(`${web.baseUrl}/`);
    await page.waitForURL('**/sign-in');
    await page.context().close();
  });

  it('remembers the language on the user: another device opens in the language chosen last', async () => {
    const traveller = await newCaseWorker(web.t, await asAdmin(web.t), 'pmpc', ['pmpc_specialist']);
    const page = await newPage(web, 'kk');
    await page.goto(`${web.baseUrl}/sign-in`);
    await page.getByLabel('Пайдаланушы аты').fill(traveller.username);
    await page.getByLabel('Құпиясөз').fill(DEFAULT_PASSWORD);
    await page.getByRole('button', { name: 'Кіру' }).click();
    await page.getByRole('heading', { name: 'Менің жұмысым' }).waitFor();
    await page.getByRole('combobox', { name: 'Тіл' }).click();
    await page.getByTitle('English').click();
    await page.getByRole('heading', { name: 'My work' }).waitFor();
    await page.context().close();

    const elsewhere = await newPage(web, 'ru');
    await elsewhere.goto(`${web.baseUrl}/sign-in`);
    await elsewhere.getByLabel('Имя пользователя').fill(traveller.username);
    await elsewhere.getByLabel('Пароль').fill(DEFAULT_PASSWORD);
    await elsewhere.getByRole('button', { name: 'Войти' }).click();
    await elsewhere.getByRole('heading', { name: 'My work' }).waitFor();
    await elsewhere.context().close();
  });

  it('serves a client route to a browser and keeps API paths the API\'s', async () => {
    const page = await newPage(web, 'en');
    const response = await page.goto(`${web.baseUrl}/cases/whatever`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['cache-control']).toBe('no-cache');
    const api = await fetch(`${web.baseUrl}/api/v1/no-such-route`);
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toContain('application/problem+json');
    await page.context().close();
  });
});
