import { readFile } from 'node:fs/promises';
import { signedConclusion } from '../support/assessments';
import { type CaseWorker, involve, newCaseWorker, newChild } from '../support/children';
import { asAdmin, DEFAULT_PASSWORD, newOrganization, ZHAMBYL } from '../support/factories';
import { activePlacement } from '../support/placements';
import { accessibilityViolations, newPage, screenshot, startWebTest, tr, type WebTest } from './browser';

/**
 * The analyst's dashboard over a small crafted region: what the tiles say is what GET
 * /reports/summary says (the figures' own definitions are tested in test/e2e/reports.e2e-spec.ts), the
 * crafted counts come out, no child is named anywhere on the page, and the exports download.
 */
describe('the national picture, in a real browser', () => {
  let web: WebTest;
  let analyst: CaseWorker;
  const childNames: string[] = [];

  beforeAll(async () => {
    web = await startWebTest();
    const admin = await asAdmin(web.t);
    for (const type of ['special_school', 'special_school', 'correction_room', 'autism_centre']) await newOrganization(web.t, admin, { type, kato: ZHAMBYL });
    const pmpc = await newCaseWorker(web.t, admin, 'pmpc', ['pmpc_specialist']);
    const head = await newCaseWorker(web.t, admin, 'pmpc', ['pmpc_head'], ZHAMBYL, pmpc.orgId);
    const school = await newCaseWorker(web.t, admin, 'school', ['school_coordinator']);
    // Six children in an inclusive class: above the suppression threshold of 5.
    for (let i = 0; i < 6; i++) {
      const lastName = `Инклюзова${'абвгде'[i]}`;
      childNames.push(lastName);
      const child = await newChild(web.t, pmpc, { lastName, firstName: 'Дана', birthDate: `2017-0${i + 1}-11` });
      await signedConclusion(web.t, { child, specialist: pmpc, head });
      await involve(web.t, child.id, school.orgId, 'registered');
      await activePlacement(web.t, school, child.id, { providedConditions: ['speech_therapist'] });
    }
    analyst = await newCaseWorker(web.t, admin, 'education_department', ['analyst']);
    await web.t.http.patch('/api/v1/me').set(await analyst.auth()).send({ locale: 'ru' }).expect(200);
  });
  afterAll(() => web.close());

  it("takes an analyst from sign-in to the dashboard, whose tiles are the API's figures, without a name of a child", async () => {
    const summary = (await web.t.http.get('/api/v1/reports/summary').set(await analyst.auth()).set('Accept-Language', 'ru').expect(200)).body;
    const total = summary.rows.find((row: { total: boolean }) => row.total) ?? summary.rows[0];
    expect(total.childrenInInclusiveEducation).toEqual({ value: 6, suppressed: false });
    expect(total.organizations.total.value).toBeGreaterThanOrEqual(5); // the four crafted + the PMPC

    const page = await newPage(web, 'ru');
    // Signing in lands on home, which for an analyst (no worklist) is the dashboard.
    await page.goto(`${web.baseUrl}/sign-in`);
    await page.getByLabel(tr('ru', 'auth:username')).fill(analyst.username);
    await page.getByLabel(tr('ru', 'auth:password')).fill(DEFAULT_PASSWORD);
    await page.getByRole('button', { name: tr('ru', 'auth:submit') }).click();
    await page.waitForURL('**/reports');
    await page.getByRole('heading', { name: tr('ru', 'reports:title') }).waitFor();
    const tile = (key: string) => page.locator('.report-tile').filter({ hasText: tr('ru', `reports:figures.${key}`) });
    expect(await tile('childrenInInclusiveEducation').locator('.ant-statistic-content').textContent()).toBe('6');
    expect(await tile('specialisedOrganizations').locator('.ant-statistic-content').textContent()).toBe(String(total.organizations.total.value));
    const text = (await page.locator('main, .shell-content').first().textContent()) ?? '';
    for (const name of childNames) expect(text).not.toContain(name);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'reports-ru');

    // The table view says what the bars show, region by region.
    await page.getByText(tr('ru', 'reports:table'), { exact: true }).first().click();
    await page.getByRole('cell', { name: '6', exact: true }).first().waitFor();

    for (const format of ['xlsx', 'csv'] as const) {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: tr('ru', format === 'xlsx' ? 'reports:exportXlsx' : 'reports:exportCsv') }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(new RegExp(`\\.${format}$`));
      const bytes = await readFile((await download.path())!);
      if (format === 'xlsx') expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK'); // a zip, as XLSX is
      else expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 with BOM, for Excel
    }
    await page.context().close();
  });
});
