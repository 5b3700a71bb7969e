import type { Page } from 'playwright-core';
import { deadlineState, workCalendar } from '../../apps/web/src/features/cases/working-days';
import { type CaseWorker, newChild, type RegisteredChild, shareWith, withdrawConsent } from '../support/children';
import { DEFAULT_PASSWORD, newOrganization, ZHAMBYL } from '../support/factories';
import { admin, grantConsent, member, sentReferral, type ReferralBody } from '../support/referrals';
import {
  accessibilityViolations, confirmReferralAction, newPage, pickOption, pressReferralAction, referralStatusShown, screenshot, signIn, startWebTest, tr, type WebTest,
} from './browser';

const OFFICE_KK = 'Тараз қаласының әлеуметтік қорғау бөлімі';
const CHILD_NAME = 'Жұмабаева Дана';

const statusShown = (page: Page, status: string) => referralStatusShown(page, 'kk', status);
const press = (page: Page, action: string) => pressReferralAction(page, 'kk', action);
const confirm = (page: Page, action: string) => confirmReferralAction(page, 'kk', action);
const tab = (page: Page, key: string) => page.getByRole('tab', { name: tr('kk', `cases:tabs.${key}`) });

describe('the social worker, in a real browser (kk)', () => {
  let web: WebTest;
  let pmpc: CaseWorker;
  let social: CaseWorker;
  let child: RegisteredChild;
  let socialConsent: string;
  let referral: ReferralBody;

  beforeAll(async () => {
    web = await startWebTest();
    const national = await admin(web.t);
    const pmpcOrg = await newOrganization(web.t, national, { type: 'pmpc', kato: ZHAMBYL, nameKk: 'Тараз қаласының №1 ПМПК', nameRu: 'ПМПК №1 города Тараз' });
    pmpc = await member(web.t, pmpcOrg.id, ['pmpc_specialist']);
    const office = await newOrganization(web.t, national, { type: 'social_protection_office', kato: ZHAMBYL, nameKk: OFFICE_KK, nameRu: 'Отдел социальной защиты города Тараз' });
    social = await member(web.t, office.id, ['social_worker']);
    // The family consents to services and to sharing the case with social protection; the PMPC has
    // recorded a diagnosis — a section social protection sees only while that consent stands.
    child = await newChild(web.t, pmpc, { lastName: 'Жұмабаева', firstName: 'Дана', patronymic: null });
    await grantConsent(web.t, pmpc, child);
    socialConsent = await shareWith(web.t, pmpc, child, 'social');
    await web.t.http.post(`/api/v1/children/${child.id}/diagnoses`).set(await pmpc.auth()).send({ icd10: 'F84.0', date: '2024-03-01' }).expect(201);
    referral = await sentReferral(web.t, pmpc, child.id, office.id, { serviceType: 'social_support', reason: 'Отбасыға әлеуметтік қолдау қажет' });
  });
  afterAll(() => web.close());

  it('receives the social-support referral with its deadline, accepts, starts, logs a visit and completes it; the case loses its consent-gated sections when the consent is withdrawn', async () => {
    const page = await newPage(web, 'kk');
    await signIn(web, page, social.username, DEFAULT_PASSWORD, 'kk');
    await page.getByRole('navigation').getByRole('link', { name: tr('kk', 'common:referrals') }).click();
    await page.getByRole('heading', { name: tr('kk', 'referrals:list.title') }).waitFor();
    const row = page.getByRole('row').filter({ hasText: CHILD_NAME });
    await row.waitFor();
    // The working days left to answer, as the calendar counts them.
    const year = new Date().getFullYear();
    const holidays = await Promise.all([year, year + 1].map(async (y) => (await (await fetch(`${web.baseUrl}/api/v1/reference/holidays?year=${y}`)).json()) as { date: string; kind: string }[]));
    const state = deadlineState(new Date(), new Date(referral.slaDueAt!), workCalendar(holidays.flat()));
    if (state.overdue) throw new Error('a referral sent just now cannot be overdue');
    expect(await row.textContent()).toContain(tr('kk', 'cases:deadline.left', { count: state.workingDaysLeft }));
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'social-incoming');

    await row.getByRole('link', { name: CHILD_NAME }).click();
    await statusShown(page, 'sent');
    await press(page, 'accept');
    await statusShown(page, 'accepted');
    await press(page, 'start');
    await page.getByRole('dialog').getByLabel(tr('kk', 'referrals:actions.funding')).waitFor();
    await confirm(page, 'start');
    await statusShown(page, 'in_progress');

    // Social support is delivered in visits to the family, and the screen says so.
    await page.getByRole('heading', { name: tr('kk', 'social:visits.title'), exact: true }).waitFor();
    await page.getByLabel(tr('kk', 'referrals:sessions.durationMinutes')).fill('60');
    await page.getByRole('button', { name: tr('kk', 'social:visits.log') }).click();
    await page.getByRole('cell', { name: tr('kk', 'referrals:sessions.minutes', { count: 60 }) }).waitFor();
    await page.getByText(tr('kk', 'social:visits.attendedOf', { attended: 1, total: 1 })).waitFor();
    expect(await page.getByText(tr('kk', 'referrals:sessions.log')).count()).toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'social-referral');

    await press(page, 'complete');
    await pickOption(page, tr('kk', 'referrals:actions.outcome'), tr('kk', 'referrals:outcome.goals_met'));
    await confirm(page, 'complete');
    await statusShown(page, 'completed');
    const done = (await web.t.http.get(`/api/v1/referrals/${referral.id}`).set(await social.auth()).expect(200)).body as ReferralBody;
    expect(done).toMatchObject({ status: 'completed', episode: { sessions: 1, attendedSessions: 1, outcome: 'goals_met' } });

    // The case as social protection sees it: the diagnosis is there while the family shares the case.
    await page.getByRole('link', { name: CHILD_NAME }).click();
    await tab(page, 'diagnoses').waitFor();
    expect(await tab(page, 'placements').count()).toBe(1);
    await tab(page, 'diagnoses').click();
    await page.getByRole('cell', { name: 'F84.0' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'social-case');

    // Social protection records the disability status it is establishing; it stays whatever the consent.
    await tab(page, 'disability').click();
    await pickOption(page, tr('kk', 'cases:disability.status'), tr('kk', 'cases:disability.statuses.under_review'));
    await page.getByRole('button', { name: tr('kk', 'health:disability.record') }).click();
    await page.locator('.ant-descriptions').getByText(tr('kk', 'cases:disability.statuses.under_review')).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'social-case-disability');
    const [disability] = await web.t.db.query(`SELECT status, recorded_by_org FROM disabilities WHERE child_id = $1`, [child.id]);
    expect(disability).toEqual({ status: 'under_review', recorded_by_org: social.orgId });

    // The mother takes the consent back (recorded by the PMPC). The social worker goes on working in the
    // same tab, without reloading: back to the referral, then the case again — and the sections are gone.
    await page.evaluate(() => Object.assign(globalThis, { stillTheSamePage: true }));
    await withdrawConsent(web.t, pmpc, socialConsent);
    await page.goBack();
    await statusShown(page, 'completed');
    await page.getByRole('link', { name: CHILD_NAME }).click();
    await tab(page, 'identity').waitFor();
    await tab(page, 'diagnoses').waitFor({ state: 'detached' });
    expect(await tab(page, 'placements').count()).toBe(0);
    expect(await tab(page, 'disability').count()).toBe(1);
    // The consents tab says the consent was withdrawn; the page was never reloaded.
    await tab(page, 'consents').click();
    await page.getByText(tr('kk', 'cases:consent.withdrawn'), { exact: false }).first().waitFor();
    expect(await page.evaluate(() => (globalThis as unknown as { stillTheSamePage?: boolean }).stillTheSamePage)).toBe(true);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'social-case-consent-withdrawn');
    await page.context().close();
  }, 180_000);
});
