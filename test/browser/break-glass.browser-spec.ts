import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { minutesLeft } from '../../apps/web/src/features/health/time-left';
import { type CaseWorker, newChild, type RegisteredChild } from '../support/children';
import { bearer, DEFAULT_PASSWORD, newOrganization, newUser, ZHAMBYL } from '../support/factories';
import { admin, member } from '../support/referrals';
import { accessibilityViolations, newPage, screenshot, settled, signIn, startWebTest, tr, type WebTest } from './browser';

const REASON = 'Бала жедел жәрдеммен әкелінді, ұстамалар басталды; емдеу үшін диагноздар керек';

/** Types `term` into the searchable select labelled `label` and chooses the option reading `option`. */
async function searchAndPick(page: Page, label: string, term: string, option: string): Promise<void> {
  const box = page.getByRole('combobox', { name: label });
  await box.fill(term);
  const list = await box.getAttribute('aria-controls');
  const popup = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').filter(list ? { has: page.locator(`[id="${list}"]`) } : {});
  await popup.getByText(option, { exact: true }).waitFor();
  const active = popup.locator('.ant-select-item-option-active');
  for (let step = 0; (await active.textContent())?.trim() !== option; step++) {
    if (step > 20) throw new Error(`no option "${option}" in ${label}`);
    await box.press('ArrowDown');
  }
  await box.press('Enter');
  await popup.waitFor({ state: 'hidden' });
}

describe('break-glass: the health worker opens a case in an emergency (en), the auditor reviews it (ru), in a real browser', () => {
  let web: WebTest;
  let pmpc: CaseWorker;
  let health: CaseWorker;
  let auditor: { username: string };
  let child: RegisteredChild;
  let breakGlassId: string;

  beforeAll(async () => {
    web = await startWebTest();
    const national = await admin(web.t);
    const pmpcOrg = await newOrganization(web.t, national, { type: 'pmpc', kato: ZHAMBYL, nameKk: 'Тараз қаласының №1 ПМПК', nameRu: 'ПМПК №1 города Тараз' });
    pmpc = await member(web.t, pmpcOrg.id, ['pmpc_specialist']);
    // A polyclinic that has never worked with the child, and an auditor of the child's region.
    const clinic = await newOrganization(web.t, national, { type: 'polyclinic', kato: ZHAMBYL, nameKk: 'Тараз қаласының №2 емханасы', nameRu: 'Городская поликлиника №2 Тараза' });
    // Each user's language follows them from device to device: the health worker's is English.
    const healthUser = await newUser(web.t, national, clinic.id, ['health_worker'], { locale: 'en', fullName: 'Dana Health' });
    health = { orgId: clinic.id, userId: healthUser.id, username: healthUser.username, auth: async () => bearer(await healthUser.session()) };
    const department = await newOrganization(web.t, national, { type: 'education_department', kato: ZHAMBYL });
    auditor = await newUser(web.t, national, department.id, ['auditor'], { locale: 'ru', fullName: 'Ирина Ким' });
    child = await newChild(web.t, pmpc, { lastName: 'Омарова', firstName: 'Айша', patronymic: null });
  });
  afterAll(() => web.close());

  it('the health worker breaks the glass with a reason and a duration, sees the time left and what it does not allow, and records the diagnosis found by ICD-10 search', async () => {
    // Not involved: the case is not the polyclinic's to open.
    await web.t.http.get(`/api/v1/children/${child.id}`).set(await health.auth()).expect(404);
    const page = await newPage(web, 'en');
    await signIn(web, page, health.username, DEFAULT_PASSWORD, 'en');
    await page.getByRole('navigation').getByRole('link', { name: tr('en', 'common:breakGlass') }).click();
    await page.getByRole('heading', { name: tr('en', 'health:breakGlass.title') }).waitFor();
    await page.getByRole('button', { name: tr('en', 'health:breakGlass.start') }).click();
    const dialog = page.getByRole('dialog');
    // The dialog says, before anything is sent, what break-glass does not allow.
    const limits = dialog.getByRole('list', { name: tr('en', 'health:dialog.notAllowedTitle') });
    for (const key of ['referrals', 'changes', 'colleagues', 'afterWindow']) await limits.getByText(tr('en', `health:dialog.notAllowed.${key}`)).waitFor();
    // A reason too short to say why is refused before it is sent.
    await dialog.getByLabel(tr('en', 'health:dialog.iin')).fill(child.identity.iin!);
    await dialog.getByLabel(tr('en', 'health:dialog.reason')).fill('Emergency');
    await settled(page);
    await dialog.getByRole('button', { name: tr('en', 'health:dialog.confirm') }).click();
    await dialog.getByText(tr('en', 'health:dialog.reasonRequired', { count: 20 })).waitFor();
    await dialog.getByLabel(tr('en', 'health:dialog.reason')).fill(REASON);
    await dialog.getByLabel(tr('en', 'health:dialog.hours')).fill('2');
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'health-break-glass-dialog', { fullPage: false });
    const opened = page.waitForResponse((res) => res.url().endsWith('/api/v1/break-glass') && res.request().method() === 'POST');
    await dialog.getByRole('button', { name: tr('en', 'health:dialog.confirm') }).click();
    const use = (await (await opened).json()) as { id: string; childId: string; expiresAt: string; openedAt: string };
    breakGlassId = use.id;
    expect(Date.parse(use.expiresAt) - Date.parse(use.openedAt)).toBe(2 * 3600_000);

    // The time left counts down from two hours.
    const timer = page.getByRole('timer');
    await timer.waitFor();
    const left = minutesLeft(use.expiresAt, Date.now());
    const shown = (minutes: number) => tr('en', 'health:timeLeft.hoursMinutes', { hours: Math.floor(minutes / 60), minutes: String(minutes % 60).padStart(2, '0') });
    expect([shown(left), shown(left + 1), shown(left - 1)]).toContain((await timer.textContent())?.trim());
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'health-break-glass');

    // The case, with the window's time left and its limits on top; the diagnosis found by a word of its name.
    await page.getByRole('button', { name: tr('en', 'health:breakGlass.openCase') }).click();
    await page.getByText(tr('en', 'health:banner.title')).waitFor();
    await page.getByText(tr('en', 'health:banner.limits')).waitFor();
    await page.getByRole('tab', { name: tr('en', 'cases:tabs.diagnoses') }).click();
    await searchAndPick(page, tr('en', 'health:diagnosis.code'), 'autism', 'F84.0 — Childhood autism');
    await page.getByRole('button', { name: tr('en', 'health:diagnosis.add') }).click();
    await page.getByRole('cell', { name: 'F84.0' }).waitFor();
    // No disability form on a break-glass window: the window does not allow it.
    await page.getByRole('tab', { name: tr('en', 'cases:tabs.disability') }).click();
    await page.getByText(tr('en', 'cases:disability.none')).waitFor();
    expect(await page.getByRole('button', { name: tr('en', 'health:disability.record') }).count()).toBe(0);
    await page.getByRole('tab', { name: tr('en', 'cases:tabs.diagnoses') }).click();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'health-case-break-glass');

    const [row] = await web.t.db.query(`SELECT icd10, recorded_by_user FROM diagnoses WHERE child_id = $1`, [child.id]);
    expect(row).toEqual({ icd10: 'F84.0', recorded_by_user: health.userId });
    // What the window does not allow, the server refuses too.
    const refused = await web.t.http.put(`/api/v1/children/${child.id}/disability`).set(await health.auth()).send({ status: 'under_review' });
    expect([403, 404]).toContain(refused.status);
    await page.context().close();
  }, 180_000);

  it('the auditor finds it in the review queue, judges it with a comment, and follows the child to its trail; exports it and seals the trail (ru)', async () => {
    if (!breakGlassId) throw new Error('the glass was not broken in the first test');
    const page = await newPage(web, 'ru');
    await signIn(web, page, auditor.username, DEFAULT_PASSWORD, 'ru');
    await page.getByRole('navigation').getByRole('link', { name: tr('ru', 'common:breakGlassReview') }).click();
    await page.getByRole('heading', { name: tr('ru', 'audit:review.title') }).waitFor();
    // The reason, without the child's name.
    const row = page.getByRole('row').filter({ hasText: 'ұстамалар басталды' });
    await row.waitFor();
    expect(await row.textContent()).not.toContain('Омарова');
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'audit-break-glass-queue');

    await row.getByRole('button', { name: tr('ru', 'audit:review.review') }).click();
    const dialog = page.getByRole('dialog');
    await settled(page);
    // Both are required.
    await dialog.getByRole('button', { name: tr('ru', 'audit:review.save') }).click();
    await dialog.getByText(tr('ru', 'audit:review.verdictRequired')).waitFor();
    await dialog.getByRole('radio', { name: tr('ru', 'audit:review.verdicts.justified'), exact: true }).check();
    await dialog.getByLabel(tr('ru', 'audit:review.comment')).fill('Экстренная госпитализация подтверждена выпиской');
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'audit-break-glass-review', { fullPage: false });
    await dialog.getByRole('button', { name: tr('ru', 'audit:review.save') }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText(tr('ru', 'audit:review.noneQueue')).waitFor();
    const [use] = await web.t.db.query(`SELECT verdict, review_comment FROM break_glass_uses WHERE id = $1`, [breakGlassId]);
    expect(use).toEqual({ verdict: 'justified', review_comment: 'Экстренная госпитализация подтверждена выпиской' });

    await page.getByText(tr('ru', 'audit:review.done'), { exact: true }).click();
    const judged = page.getByRole('row').filter({ hasText: 'ұстамалар басталды' });
    await judged.getByText(tr('ru', 'audit:review.verdicts.justified')).waitFor();

    // The child's trail: everything done on the case, the break-glass among it.
    await judged.getByRole('link', { name: tr('ru', 'audit:searchBy', { what: tr('ru', 'audit:columns.child'), id: child.id }) }).click();
    await page.getByRole('heading', { name: tr('ru', 'audit:title') }).waitFor();
    expect(await page.getByLabel(tr('ru', 'audit:filters.childId')).inputValue()).toBe(child.id);
    await page.getByRole('cell', { name: 'child.break_glass' }).first().waitFor();
    await page.getByRole('cell', { name: 'child.diagnosis.add' }).first().waitFor();
    // The chain is intact, and can be sealed now.
    await page.getByText(tr('ru', 'audit:chain.intact')).waitFor();
    const sealing = page.waitForResponse((res) => res.url().endsWith('/api/v1/audit/seal'));
    await page.getByRole('button', { name: tr('ru', 'audit:chain.sealNow') }).click();
    const sealed = (await (await sealing).json()) as { sealed: number; lastSealedId: string | null };
    await page.getByText(tr('ru', 'audit:chain.sealed', { count: sealed.sealed, last: sealed.lastSealedId ?? '—' })).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'audit-search');

    // The CSV holds what the filters find.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: tr('ru', 'audit:export') }).click();
    const csv = (await readFile((await (await download).path())!, 'utf8')).replace(/^\ufeff/, '').trim().split('\n');
    expect(csv[0]).toBe('id,at,actorUserId,actorOrgId,action,resourceType,resourceId,childId,outcome,reason,requestId,ip,changes,sealed');
    expect(csv.length).toBeGreaterThan(2);
    expect(csv.slice(1).every((line) => line.includes(child.id))).toBe(true);
    expect(csv.some((line) => line.includes(',child.break_glass,'))).toBe(true);

    // Filtered by an action and a day, the search narrows; the URL keeps it.
    await page.getByLabel(tr('ru', 'audit:filters.action')).fill('child.break_glass');
    await page.getByRole('button', { name: tr('ru', 'audit:filters.search') }).click();
    await page.waitForURL(/action=child\.break_glass/);
    await page.getByRole('cell', { name: 'child.break_glass' }).first().waitFor();
    for (let waited = 0; (await page.getByRole('cell', { name: 'child.diagnosis.add' }).count()) > 0; waited += 50) {
      if (waited > 5_000) throw new Error('the action filter did not narrow the list');
      await page.waitForTimeout(50);
    }
    await page.context().close();
  }, 180_000);
});
