import { readFile } from 'node:fs/promises';
import { ImportsService } from '@qoldau/imports';
import { TEST_ADMIN_PASSWORD } from '../support/test-app';
import { accessibilityViolations, newPage, screenshot, signIn, startWebTest, tr, type WebTest } from './browser';

/**
 * Issue 18's import page with a small file of organisations, one good row and one bad: the check
 * names the bad row's problem in the user's language and writes nothing, the real run's progress
 * reaches done (the job is driven by calling its handler, as pg-boss would), the failed row is listed
 * and downloadable, and the import is in the history.
 */
describe('the import page, in a real browser', () => {
  let web: WebTest;
  const FILE = [
    'external_id,type,name_kk,name_ru,kato,parent_external_id,capacity',
    'BR-IMP-1,correction_room,Түзету кабинеті №7,Кабинет коррекции №7,310000000,,12',
    'BR-IMP-2,no_such_type,Белгісіз ұйым,Неизвестная организация,310000000,,5',
  ].join('\n');

  beforeAll(async () => {
    web = await startWebTest();
  });
  afterAll(() => web.close());

  const organizationsNamed = async (externalId: string) =>
    (await web.t.db.query(`SELECT count(*)::int AS n FROM organizations WHERE external_id = $1`, [externalId]))[0].n as number;

  it('checks a file, imports it with progress, lists the failed row and keeps the history (kk)', async () => {
    const catalogue = (await (await fetch(`${web.baseUrl}/api/v1/reference/error-codes`)).json()) as { code: string; title: { kk: string } }[];
    const unknownType = catalogue.find((entry) => entry.code === 'UNKNOWN_TYPE')!.title.kk;
    const page = await newPage(web, 'kk');
    await signIn(web, page, 'admin', TEST_ADMIN_PASSWORD);
    await page.getByRole('navigation', { name: tr('kk', 'common:mainMenu') }).getByRole('link', { name: tr('kk', 'imports:title') }).click();
    await page.getByRole('heading', { name: tr('kk', 'imports:title'), level: 1 }).waitFor();
    await page.locator('input[type="file"]').setInputFiles({ name: 'orgs.csv', mimeType: 'text/csv', buffer: Buffer.from(FILE) });

    // The check: every row's problem, in Kazakh from the catalogue; nothing written.
    await page.getByRole('button', { name: tr('kk', 'imports:check') }).click();
    const report = page.getByRole('region', { name: tr('kk', 'imports:dryRun.title') });
    await report.getByText(tr('kk', 'imports:dryRun.someFail', { count: 1 })).waitFor();
    const problem = report.getByRole('row').filter({ hasText: unknownType });
    expect(await problem.getByRole('cell').allTextContents()).toEqual(['3', 'type', unknownType]);
    expect(await organizationsNamed('BR-IMP-1')).toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'import-dry-run');

    // The real run: a page of its own, polled until the job has applied every row.
    await page.getByRole('button', { name: tr('kk', 'imports:start') }).click();
    await page.waitForURL(/\/imports\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: 'orgs.csv', level: 1 }).waitFor();
    await web.t.app.get(ImportsService).applyPending();
    // "Done: 2 rows, finished <time>": the words before the time.
    await page.getByText(tr('kk', 'imports:progress.done', { count: 2, finished: '' }).trim()).waitFor();
    expect(await page.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');
    expect(await organizationsNamed('BR-IMP-1')).toBe(1);
    expect(await organizationsNamed('BR-IMP-2')).toBe(0);

    // The failed row, and the file to fix it in.
    const failed = page.getByRole('table').getByRole('row').filter({ hasText: unknownType });
    expect(await failed.getByRole('cell').allTextContents()).toEqual(['3', 'type', unknownType]);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: tr('kk', 'imports:errors.download') }).click()]);
    expect(download.suggestedFilename()).toMatch(/errors\.xlsx$/);
    expect((await readFile((await download.path())!)).subarray(0, 2).toString('latin1')).toBe('PK');
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'import-done');

    // The history names the file, done, with its one failed row.
    await page.getByRole('link', { name: tr('kk', 'imports:backToImports') }).click();
    // (The list shown first may be the one cached while the import was queued; it refreshes by itself.)
    const history = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'orgs.csv' }) }).filter({ hasText: tr('kk', 'imports:status.done') });
    await history.waitFor();
    expect(await history.getByRole('cell').allTextContents()).toEqual(
      expect.arrayContaining([tr('kk', 'imports:kinds.organizations.label'), tr('kk', 'imports:status.done'), '2', '1']),
    );
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'import-history');
    await page.context().close();
  });
});
