import type { Page } from 'playwright-core';
import { type CaseWorker, makeIin, newCaseWorker, newChild, type RegisteredChild, withWrongCheckDigit } from '../support/children';
import { asAdmin, DEFAULT_PASSWORD, newUser, ZHAMBYL } from '../support/factories';
import { accessibilityViolations, newPage, pickOption, screenshot, signIn, startWebTest, tr, type WebTest } from './browser';

type Language = 'kk' | 'ru' | 'en';

/** Signs `username` in (their stored language is `language`) and opens Find a child through the header link. */
async function openSearch(web: WebTest, username: string, language: Language): Promise<Page> {
  const page = await newPage(web, language);
  await signIn(web, page, username, DEFAULT_PASSWORD, language);
  await page.getByRole('navigation').getByRole('link', { name: tr(language, 'common:findChild') }).click();
  await page.getByRole('heading', { name: tr(language, 'children:findTitle') }).waitFor();
  return page;
}

async function search(page: Page, language: Language, term: string): Promise<void> {
  const box = page.getByLabel(tr(language, 'children:searchLabel'));
  await box.fill(term);
  await box.press('Enter');
  await page.waitForURL((url) => url.searchParams.get('q') === term);
}

/** POSTs of a registration sent by the page (none may leave while the form says something is wrong). */
function countRegistrations(page: Page): { count: number } {
  const seen = { count: 0 };
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/v1/children') seen.count++;
  });
  return seen;
}

const childrenCount = async (web: WebTest) => (await web.t.db.query(`SELECT count(*)::int AS n FROM children`))[0].n as number;

describe('finding and registering a child, in a real browser', () => {
  let web: WebTest;
  let pmpc: CaseWorker;
  let ruSpecialist: { username: string };
  let enSpecialist: { username: string };
  let correction: CaseWorker;
  let saule: RegisteredChild;

  beforeAll(async () => {
    web = await startWebTest();
    const admin = await asAdmin(web.t);
    pmpc = await newCaseWorker(web.t, admin, 'pmpc', ['pmpc_specialist']);
    ruSpecialist = await newUser(web.t, admin, pmpc.orgId, ['pmpc_specialist'], { locale: 'ru' });
    enSpecialist = await newUser(web.t, admin, pmpc.orgId, ['pmpc_specialist'], { locale: 'en' });
    correction = await newCaseWorker(web.t, admin, 'correction_room', ['correction_specialist']);
    saule = await newChild(web.t, pmpc, { lastName: 'Жұмабаева', firstName: 'Сәуле', patronymic: 'Ерланқызы', birthDate: '2018-03-09', sex: 'female' });
    // A look-alike registered by another organisation: the PMPC above may not see it, only count it.
    const elsewhere = await newCaseWorker(web.t, admin, 'pmpc', ['pmpc_specialist']);
    await newChild(web.t, elsewhere, { lastName: 'Жумабаева', firstName: 'Сауле', patronymic: null, birthDate: '2018-03-09', sex: 'female' });
  });
  afterAll(() => web.close());

  it('finds a registered child by IIN, by Cyrillic name and by Latin name; the search lives in the URL', async () => {
    const page = await openSearch(web, pmpc.username, 'kk');
    const name = 'Жұмабаева Сәуле Ерланқызы';
    // Searching first: nothing to register from yet.
    expect(await page.getByRole('button', { name: tr('kk', 'children:registerChild') }).count()).toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);

    for (const term of [saule.identity.iin as string, saule.identity.iin!.slice(0, 8), 'Жұмабаева Сәуле', 'жумабаева', 'Zhumabaeva Saule', 'Saule Zhumabayeva']) {
      await search(page, 'kk', term);
      const link = page.getByRole('link', { name });
      await link.waitFor();
      expect(await link.getAttribute('href')).toBe(`/cases/${saule.id}`);
    }
    const row = page.getByRole('row').filter({ hasText: name });
    expect(await row.textContent()).toContain('09.03.2018');
    expect(await row.textContent()).toContain('Жамбыл облысы');
    expect(await row.textContent()).toContain(saule.identity.iin);
    // The look-alike of the other organisation stays out of the list.
    expect(await page.getByRole('row').filter({ hasText: 'Жумабаева Сауле' }).count()).toBe(0);

    // A reload keeps the search; once searched, a PMPC may register.
    await page.reload();
    await page.getByRole('link', { name }).waitFor();
    await page.getByRole('button', { name: tr('kk', 'children:registerChild') }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'find-child-kk');

    // Too few digits for an IIN is said at once, without asking the server.
    await page.getByLabel(tr('kk', 'children:searchLabel'), { exact: true }).fill('1234');
    await page.getByLabel(tr('kk', 'children:searchLabel'), { exact: true }).press('Enter');
    await page.getByText(tr('kk', 'children:iinTooShort')).waitFor();

    await search(page, 'kk', 'Несуществующая');
    await page.getByText(tr('kk', 'children:noResults', { term: 'Несуществующая' })).waitFor();
    await page.context().close();
  });

  it('says a wrong IIN is wrong as it is typed, and sends nothing', async () => {
    const page = await openSearch(web, pmpc.username, 'kk');
    await search(page, 'kk', 'Сейітова Дана');
    await page.getByRole('button', { name: tr('kk', 'children:registerChild') }).click();
    await page.getByRole('heading', { name: tr('kk', 'children:registerTitle') }).waitFor();
    const posts = countRegistrations(page);
    const before = await childrenCount(web);

    const iin = page.getByLabel(tr('kk', 'children:iin'), { exact: true });
    await iin.fill(withWrongCheckDigit(makeIin('2016-07-01', 'female')));
    await page.getByText(tr('kk', 'children:iinProblem.CHECKSUM')).waitFor();
    // Digit 7 says the century and sex: 7 is neither.
    await iin.fill('160701700123');
    await page.getByText(tr('kk', 'children:iinProblem.CENTURY')).waitFor();
    await iin.fill('160701');
    await page.getByLabel(tr('kk', 'children:lastName'), { exact: true }).click();
    await page.getByText(tr('kk', 'children:iinProblem.FORMAT')).waitFor();

    await iin.fill(withWrongCheckDigit(makeIin('2016-07-01', 'female')));
    await page.getByLabel(tr('kk', 'children:lastName'), { exact: true }).fill('Сейітова');
    await page.getByLabel(tr('kk', 'children:firstName'), { exact: true }).fill('Дана');
    await pickOption(page, tr('kk', 'children:region'), 'Жамбыл облысы');
    await page.getByLabel(tr('kk', 'children:guardianFullName'), { exact: true }).fill('Сейітова Гүлжан');
    await pickOption(page, tr('kk', 'children:relation'), tr('kk', 'children:relations.mother'));
    await page.getByRole('button', { name: tr('kk', 'children:submit'), exact: true }).click();
    await page.getByText(tr('kk', 'children:iinProblem.CHECKSUM')).waitFor();
    expect(await page.getByLabel(tr('kk', 'children:birthDate'), { exact: true }).inputValue()).toBe('');

    // Without an IIN yet, the date of birth and sex are typed, and required.
    await page.getByRole('checkbox', { name: tr('kk', 'children:iinPending') }).check();
    expect(await page.getByText(tr('kk', 'children:iinProblem.CHECKSUM')).isVisible()).toBe(false);
    expect(await page.getByLabel(tr('kk', 'children:birthDate'), { exact: true }).isDisabled()).toBe(false);
    await page.getByRole('button', { name: tr('kk', 'children:submit'), exact: true }).click();
    await page.getByText(tr('kk', 'children:birthDateRequired')).waitFor();
    await page.getByText(tr('kk', 'children:sexRequired')).waitFor();

    expect(posts.count).toBe(0);
    expect(await childrenCount(web)).toBe(before);
    expect(page.url()).toContain('/children/new');
    await page.context().close();
  });

  it('refuses a second record under a registered IIN, and links to the case when it is visible', async () => {
    const page = await openSearch(web, pmpc.username, 'kk');
    await search(page, 'kk', 'Жұмабаева Сәуле');
    await page.getByRole('button', { name: tr('kk', 'children:registerChild') }).click();
    await page.getByLabel(tr('kk', 'children:iin'), { exact: true }).fill(saule.identity.iin as string);
    await page.getByLabel(tr('kk', 'children:lastName'), { exact: true }).fill('Жұмабаева');
    await page.getByLabel(tr('kk', 'children:firstName'), { exact: true }).fill('Сәуле');
    await pickOption(page, tr('kk', 'children:region'), 'Жамбыл облысы');
    await page.getByLabel(tr('kk', 'children:guardianFullName'), { exact: true }).fill('Жұмабаева Әйгерім');
    await pickOption(page, tr('kk', 'children:relation'), tr('kk', 'children:relations.mother'));
    await page.getByRole('button', { name: tr('kk', 'children:submit'), exact: true }).click();

    const existing = page.getByRole('link', { name: tr('kk', 'children:openExisting') });
    await existing.waitFor();
    expect(await existing.getAttribute('href')).toBe(`/cases/${saule.id}`);
    const catalogue = (await (await fetch(`${web.baseUrl}/api/v1/reference/error-codes`)).json()) as { code: string; title: { kk: string } }[];
    const title = catalogue.find((e) => e.code === 'DUPLICATE_CHILD')!.title.kk;
    expect(await page.getByRole('alert').filter({ hasText: title }).count()).toBeGreaterThan(0);
    const help = await page.getByLabel(tr('kk', 'children:iin'), { exact: true }).getAttribute('aria-describedby');
    expect(await page.locator(`[id="${help!.split(' ').find((id) => id.endsWith('_help'))}"]`).textContent()).toContain(title);
    await page.context().close();
  });

  it('registers a child through the form in Kazakh: the IIN searched for fills the date of birth and sex; lands on the case', async () => {
    const page = await openSearch(web, pmpc.username, 'kk');
    const childIin = makeIin('2017-11-21', 'female');
    const motherIin = makeIin('1990-02-14', 'female');
    await search(page, 'kk', childIin);
    await page.getByText(tr('kk', 'children:noResults', { term: childIin })).waitFor();
    await page.getByRole('button', { name: tr('kk', 'children:registerChild') }).click();
    await page.getByRole('heading', { name: tr('kk', 'children:registerTitle') }).waitFor();

    // The IIN searched for is filled in, and with it the date of birth and sex (read-only).
    expect(await page.getByLabel(tr('kk', 'children:iin'), { exact: true }).inputValue()).toBe(childIin);
    const birthDate = page.getByLabel(tr('kk', 'children:birthDate'), { exact: true });
    expect(await birthDate.inputValue()).toBe('21.11.2017');
    expect(await birthDate.isDisabled()).toBe(true);
    const girl = page.getByRole('radio', { name: tr('kk', 'children:female') });
    expect(await girl.isChecked()).toBe(true);
    expect(await girl.isDisabled()).toBe(true);

    await page.getByLabel(tr('kk', 'children:lastName'), { exact: true }).fill('Тоқтарова');
    await page.getByLabel(tr('kk', 'children:firstName'), { exact: true }).fill('Аружан');
    await page.getByLabel(tr('kk', 'children:patronymic'), { exact: true }).fill('Бауыржанқызы');
    await pickOption(page, tr('kk', 'children:region'), 'Жамбыл облысы');
    await page.getByLabel(tr('kk', 'children:address'), { exact: true }).fill('Тараз қ., Абай даңғылы, 12');
    await page.getByLabel(tr('kk', 'children:guardianFullName'), { exact: true }).fill('Тоқтарова Мадина Серікқызы');
    await pickOption(page, tr('kk', 'children:relation'), tr('kk', 'children:relations.mother'));
    await page.getByLabel(tr('kk', 'children:guardianIin'), { exact: true }).fill(motherIin);
    await page.getByLabel(tr('kk', 'children:phone'), { exact: true }).fill('8 701 555 12 34');
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'register-child-kk');

    await page.getByRole('button', { name: tr('kk', 'children:submit'), exact: true }).click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    const id = page.url().split('/cases/')[1];
    const [row] = await web.t.db.query(`SELECT iin, last_name, first_name, patronymic, birth_date::text AS birth_date, sex, kato, address FROM children WHERE id = $1`, [id]);
    expect(row).toEqual({
      iin: childIin, last_name: 'Тоқтарова', first_name: 'Аружан', patronymic: 'Бауыржанқызы', birth_date: '2017-11-21', sex: 'female', kato: ZHAMBYL,
      address: 'Тараз қ., Абай даңғылы, 12',
    });
    const guardians = await web.t.db.query(`SELECT iin, full_name, relation, phone FROM guardians WHERE child_id = $1`, [id]);
    expect(guardians).toEqual([{ iin: motherIin, full_name: 'Тоқтарова Мадина Серікқызы', relation: 'mother', phone: '+77015551234' }]);
    await page.context().close();
  });

  it('shows the look-alikes of a child being registered (in Russian), and registers anyway when told it is another child', async () => {
    const page = await openSearch(web, ruSpecialist.username, 'ru');
    await search(page, 'ru', 'Жумабаева Сауле');
    await page.getByRole('link', { name: 'Жұмабаева Сәуле Ерланқызы' }).waitFor();
    await page.getByRole('button', { name: tr('ru', 'children:registerChild') }).click();
    await page.getByRole('heading', { name: tr('ru', 'children:registerTitle') }).waitFor();

    const twinIin = makeIin('2018-03-09', 'female');
    await page.getByLabel(tr('ru', 'children:iin'), { exact: true }).fill(twinIin);
    await page.getByLabel(tr('ru', 'children:lastName'), { exact: true }).fill('Жумабаева');
    await page.getByLabel(tr('ru', 'children:firstName'), { exact: true }).fill('Сауле');
    await pickOption(page, tr('ru', 'children:region'), 'Жамбылская область');
    await page.getByLabel(tr('ru', 'children:guardianFullName'), { exact: true }).fill('Жумабаев Ерлан');
    await pickOption(page, tr('ru', 'children:relation'), tr('ru', 'children:relations.father'));
    const posts = countRegistrations(page);
    await page.getByRole('button', { name: tr('ru', 'children:submit'), exact: true }).click();

    const catalogue = (await (await fetch(`${web.baseUrl}/api/v1/reference/error-codes`)).json()) as { code: string; title: { ru: string } }[];
    await page.getByText(catalogue.find((e) => e.code === 'POSSIBLE_DUPLICATE')!.title.ru).waitFor();
    const candidate = page.getByRole('alert').getByRole('link', { name: /Жұмабаева Сәуле Ерланқызы/ });
    await candidate.waitFor();
    expect(await candidate.getAttribute('href')).toBe(`/cases/${saule.id}`);
    expect(await candidate.textContent()).toContain('09.03.2018');
    await page.getByText(tr('ru', 'children:othersHidden', { count: 1 })).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'register-child-duplicate-ru');
    expect(await web.t.db.query(`SELECT id FROM children WHERE iin = $1`, [twinIin])).toEqual([]);

    await page.getByRole('button', { name: tr('ru', 'children:registerAnyway') }).click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    const id = page.url().split('/cases/')[1];
    expect(await web.t.db.query(`SELECT id, last_name FROM children WHERE iin = $1`, [twinIin])).toEqual([{ id, last_name: 'Жумабаева' }]);
    expect(posts.count).toBe(2);
    await page.context().close();
  });

  it('puts the server\'s field errors under their fields, in the user\'s language', async () => {
    const page = await openSearch(web, enSpecialist.username, 'en');
    await search(page, 'en', 'Omarov');
    await page.getByRole('button', { name: tr('en', 'children:registerChild') }).click();
    await page.getByLabel(tr('en', 'children:iin'), { exact: true }).fill(makeIin('2015-01-30', 'male'));
    // Letters the API does not take in a name, and a Russian mobile number (+7 9…): only the server says no.
    await page.getByLabel(tr('en', 'children:lastName'), { exact: true }).fill('Omarov2');
    await page.getByLabel(tr('en', 'children:firstName'), { exact: true }).fill('Alikhan');
    await pickOption(page, tr('en', 'children:region'), 'Zhambyl Region');
    await page.getByLabel(tr('en', 'children:guardianFullName'), { exact: true }).fill('Omarova Aizhan');
    await pickOption(page, tr('en', 'children:relation'), tr('en', 'children:relations.mother'));
    await page.getByLabel(tr('en', 'children:phone'), { exact: true }).fill('+7 912 345 67 89');
    await page.getByRole('button', { name: tr('en', 'children:submit'), exact: true }).click();

    const catalogue = (await (await fetch(`${web.baseUrl}/api/v1/reference/error-codes`)).json()) as { code: string; title: { en: string } }[];
    const title = (code: string) => catalogue.find((e) => e.code === code)!.title.en;
    await page.getByRole('alert').filter({ hasText: title('VALIDATION_FAILED') }).waitFor();
    // Each message sits in its field's own help (aria-describedby), not just somewhere on the page.
    const describedBy = async (label: string) => {
      const ids = (await page.getByLabel(label, { exact: true }).getAttribute('aria-describedby')) ?? '';
      return (await Promise.all(ids.split(' ').filter(Boolean).map((id) => page.locator(`[id="${id}"]`).textContent()))).join(' ');
    };
    await page.getByText(title('PHONE_INVALID')).waitFor();
    expect(await describedBy(tr('en', 'children:lastName'))).toContain(title('NAME_INVALID'));
    expect(await describedBy(tr('en', 'children:phone'))).toContain(title('PHONE_INVALID'));

    // Correcting the fields clears them, and the child is registered.
    await page.getByLabel(tr('en', 'children:lastName'), { exact: true }).fill('Omarov');
    await page.getByLabel(tr('en', 'children:phone'), { exact: true }).fill('+7 701 987 65 43');
    await page.getByRole('button', { name: tr('en', 'children:submit'), exact: true }).click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    await page.context().close();
  });

  it('offers registering only to those GET /me allows it, and only from a search', async () => {
    const page = await openSearch(web, correction.username, 'kk');
    await search(page, 'kk', 'Жұмабаева');
    await page.getByText(tr('kk', 'children:noResults', { term: 'Жұмабаева' })).waitFor();
    expect(await page.getByRole('button', { name: tr('kk', 'children:registerChild') }).count()).toBe(0);
    // The form is not a door of its own: straight to it, one lands on the search.
    await page.goto(`${web.baseUrl}/children/new`);
    await page.waitForURL(`${web.baseUrl}/children`);
    await page.getByRole('heading', { name: tr('kk', 'children:findTitle') }).waitFor();
    await page.context().close();
  });
});
