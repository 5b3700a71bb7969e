import type { Page } from 'playwright-core';
import { deadlineState, workCalendar } from '../../apps/web/src/features/cases/working-days';
import { signedConclusion } from '../support/assessments';
import { type CaseWorker, newChild, type RegisteredChild } from '../support/children';
import { DEFAULT_PASSWORD, newOrganization, PAVLODAR, ZHAMBYL } from '../support/factories';
import { act, admin, grantConsent, member, sentReferral, type ReferralBody } from '../support/referrals';
import {
  accessibilityViolations, confirmReferralAction, newPage, pickOption, pressReferralAction, referralStatusShown, screenshot, signIn, startWebTest, tr, type WebTest,
} from './browser';

const ROOM_KK = '«Үміт» түзету кабинеті';
const ROOM_RU = 'Кабинет коррекции «Умит»';
const FAR_ROOM_KK = 'Павлодар қаласының «Шуақ» кабинеті';
const DAY_MS = 86_400_000;

/** Signs `username` in and opens `path`. */
async function open(web: WebTest, username: string, path: string): Promise<Page> {
  const page = await newPage(web, 'kk');
  await signIn(web, page, username, DEFAULT_PASSWORD, 'kk');
  await page.goto(`${web.baseUrl}${path}`);
  return page;
}

/** Until the last select's popup has closed (pickOption finds the open popup's active option). */
const noOpenSelect = (page: Page) => page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').waitFor({ state: 'detached' });

const statusShown = (page: Page, status: string) => referralStatusShown(page, 'kk', status);
const press = (page: Page, action: string) => pressReferralAction(page, 'kk', action);
const confirm = (page: Page, action: string) => confirmReferralAction(page, 'kk', action);

describe('referring a child, and the receiving organisation\'s screens, in a real browser', () => {
  let web: WebTest;
  let pmpc: CaseWorker;
  let room: CaseWorker;
  let speech: string;
  let referredChild: RegisteredChild;
  let referredId: string | undefined;

  /** A child registered by the PMPC with a services consent, named so its row can be found. */
  async function child(lastName: string, firstName: string): Promise<RegisteredChild> {
    const registered = await newChild(web.t, pmpc, { lastName, firstName, patronymic: null });
    await grantConsent(web.t, pmpc, registered);
    return registered;
  }

  beforeAll(async () => {
    web = await startWebTest();
    const national = await admin(web.t);
    const pmpcOrg = await newOrganization(web.t, national, { type: 'pmpc', kato: ZHAMBYL, nameKk: 'Тараз қаласының №1 ПМПК', nameRu: 'ПМПК №1 города Тараз' });
    pmpc = await member(web.t, pmpcOrg.id, ['pmpc_specialist']);
    const head = await member(web.t, pmpcOrg.id, ['pmpc_head']);
    // Two places, both free; one more room of the same service in another region.
    const roomOrg = await newOrganization(web.t, national, { type: 'correction_room', kato: ZHAMBYL, nameKk: ROOM_KK, nameRu: ROOM_RU, capacity: 2, stateOrderPlaces: 2 });
    room = await member(web.t, roomOrg.id, ['correction_specialist']);
    await newOrganization(web.t, national, { type: 'correction_room', kato: PAVLODAR, nameKk: FAR_ROOM_KK, nameRu: 'Кабинет «Шуак» города Павлодар', capacity: null });
    referredChild = await child('Сейітова', 'Аружан');
    await signedConclusion(web.t, { child: referredChild, specialist: pmpc, head });
    const types = (await web.t.http.get('/api/v1/referrals/service-types').set(await pmpc.auth()).set('Accept-Language', 'kk').expect(200)).body as { code: string; label: string }[];
    speech = types.find((type) => type.code === 'speech_therapy')!.label;
  });
  afterAll(() => web.close());

  it('lets the PMPC refer from the case: the service, a provider from the child\'s region with its free places, the reason; sending opens the referral', async () => {
    const page = await open(web, pmpc.username, `/cases/${referredChild.id}?tab=referrals`);
    await page.getByRole('link', { name: tr('kk', 'cases:referral.refer') }).click();
    await page.getByRole('heading', { name: tr('kk', 'referrals:refer.title') }).waitFor();
    // No organisation is offered before the service is known.
    await page.getByText(tr('kk', 'referrals:refer.chooseServiceFirst')).waitFor();

    await pickOption(page, tr('kk', 'referrals:refer.serviceType'), speech);
    await noOpenSelect(page);
    const row = page.getByRole('row').filter({ hasText: ROOM_KK });
    await row.waitFor();
    // Its free places and queue; the room in Pavlodar only once all regions are asked for.
    expect(await row.getByRole('cell').allTextContents()).toEqual(['', ROOM_KK, expect.any(String), '2', '0']);
    expect(await page.getByRole('row').filter({ hasText: FAR_ROOM_KK }).count()).toBe(0);
    await pickOption(page, tr('kk', 'referrals:refer.region'), tr('kk', 'referrals:refer.allRegions'));
    await page.getByRole('row').filter({ hasText: FAR_ROOM_KK }).getByText(tr('kk', 'referrals:refer.noLimit')).waitFor();
    // Finding by part of the name narrows the list.
    await page.getByLabel(tr('kk', 'referrals:refer.search')).fill('Үміт');
    await page.getByLabel(tr('kk', 'referrals:refer.search')).press('Enter');
    await page.getByRole('row').filter({ hasText: FAR_ROOM_KK }).waitFor({ state: 'detached' });

    // Sending without a reason or an organisation is refused on the page, field by field.
    await page.getByRole('button', { name: tr('kk', 'referrals:refer.send') }).click();
    await page.getByText(tr('kk', 'referrals:refer.providerRequired')).waitFor();
    await page.getByText(tr('kk', 'referrals:refer.reasonRequired')).waitFor();

    await page.getByRole('radio', { name: ROOM_KK }).check();
    await page.getByLabel(tr('kk', 'referrals:refer.reason')).fill('Дыбыстарды айтуы бұзылған, логопед қажет');
    await page.getByRole('radio', { name: tr('kk', 'referrals:priority.urgent') }).check();
    expect(await page.getByRole('checkbox', { name: /2026|20\d\d/ }).isChecked()).toBe(true); // the signed conclusion goes with it
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'refer');

    await page.getByRole('button', { name: tr('kk', 'referrals:refer.send') }).click();
    await page.waitForURL(/\/referrals\/[0-9a-f-]{36}$/);
    referredId = page.url().split('/').pop();
    await statusShown(page, 'sent');
    const sent = (await web.t.http.get(`/api/v1/referrals/${referredId}`).set(await pmpc.auth()).expect(200)).body as ReferralBody;
    expect(sent).toMatchObject({ toOrgId: room.orgId, serviceType: 'speech_therapy', priority: 'urgent', assessmentId: expect.any(String) });
    // The sender may withdraw it, never answer it.
    expect(await page.getByRole('button', { name: tr('kk', 'referrals:actions.withdraw') }).count()).toBe(1);
    expect(await page.getByRole('button', { name: tr('kk', 'referrals:actions.accept') }).count()).toBe(0);
    await page.context().close();
  });

  it('shows the correction room the referral among its incoming ones with the working days left; it accepts, starts, logs a session and completes it', async () => {
    if (!referredId) throw new Error('the referral of the first test was not sent');
    const referral = (await web.t.http.get(`/api/v1/referrals/${referredId}`).set(await room.auth()).expect(200)).body as ReferralBody;
    const page = await open(web, room.username, '/');
    await page.getByRole('navigation').getByRole('link', { name: tr('kk', 'common:referrals') }).click();
    await page.getByRole('heading', { name: tr('kk', 'referrals:list.title') }).waitFor();
    const row = page.getByRole('row').filter({ hasText: 'Сейітова Аружан' });
    await row.waitFor();
    const year = new Date().getFullYear();
    const holidays = await Promise.all([year, year + 1].map(async (y) => (await (await fetch(`${web.baseUrl}/api/v1/reference/holidays?year=${y}`)).json()) as { date: string; kind: string }[]));
    const state = deadlineState(new Date(), new Date(referral.slaDueAt!), workCalendar(holidays.flat()));
    if (state.overdue) throw new Error('a referral sent just now cannot be overdue');
    expect(await row.textContent()).toContain(tr('kk', 'cases:deadline.left', { count: state.workingDaysLeft }));
    expect(await row.textContent()).toContain('Тараз қаласының №1 ПМПК');
    expect(await row.textContent()).toContain(tr('kk', 'referrals:priority.urgent'));
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'referrals-incoming');

    await row.getByRole('link', { name: 'Сейітова Аружан' }).click();
    await statusShown(page, 'sent');
    await press(page, 'accept');
    await statusShown(page, 'accepted');
    await press(page, 'start');
    await page.getByRole('dialog').getByLabel(tr('kk', 'referrals:actions.funding')).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await confirm(page, 'start');
    await statusShown(page, 'in_progress');

    // A session: 40 minutes, attended; it shows in the list below the form.
    const duration = page.getByLabel(tr('kk', 'referrals:sessions.durationMinutes'));
    await duration.fill('40');
    await page.getByRole('button', { name: tr('kk', 'referrals:sessions.log') }).click();
    await page.getByRole('cell', { name: tr('kk', 'referrals:sessions.minutes', { count: 40 }) }).waitFor();
    await page.getByText(tr('kk', 'cases:referral.sessions', { attended: 1, total: 1 })).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'referral');

    await press(page, 'complete');
    // The outcome is required.
    await confirm(page, 'complete');
    await page.getByRole('dialog').getByText(tr('kk', 'referrals:actions.outcomeRequired')).waitFor();
    await pickOption(page, tr('kk', 'referrals:actions.outcome'), tr('kk', 'referrals:outcome.goals_partly_met'));
    await page.getByRole('dialog').getByLabel(tr('kk', 'referrals:actions.summary')).fill('Дыбыстар қойылды, автоматтандыру жалғасуда');
    await confirm(page, 'complete');
    await statusShown(page, 'completed');
    await page.getByText(tr('kk', 'referrals:outcome.goals_partly_met')).waitFor();
    // Nothing is left to do, and the history tells the whole story.
    expect(await page.getByRole('group', { name: tr('kk', 'referrals:actions.label') }).count()).toBe(0);
    for (const event of ['create', 'send', 'accept', 'start', 'complete']) {
      await page.getByRole('cell', { name: tr('kk', `referrals:events.${event}`), exact: true }).first().waitFor();
    }
    await page.context().close();
  });

  it('puts a second referral on the waiting list, which shows it in order; the room accepts it from there', async () => {
    const waiting = await child('Омаров', 'Нұрлан');
    const referral = await sentReferral(web.t, pmpc, waiting.id, room.orgId);
    const page = await open(web, room.username, `/referrals/${referral.id}`);
    await statusShown(page, 'sent');
    await press(page, 'waitlist');
    await statusShown(page, 'waitlisted');
    await page.getByText(tr('kk', 'referrals:referral.waitlistPosition')).waitFor();

    await page.getByRole('navigation').getByRole('link', { name: tr('kk', 'common:waitlist') }).click();
    await page.getByRole('heading', { name: tr('kk', 'referrals:waitlist.title') }).waitFor();
    const row = page.getByRole('row').filter({ hasText: 'Омаров Нұрлан' });
    await row.waitFor();
    expect((await row.getByRole('cell').allTextContents())[0]).toBe('1');
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'waitlist');

    await row.getByRole('button', { name: tr('kk', 'referrals:waitlist.acceptChild', { name: 'Омаров Нұрлан' }) }).click();
    await page.getByText(tr('kk', 'referrals:waitlist.none')).waitFor();
    expect((await act(web.t, room, referral.id, 'start').expect(200)).body.status).toBe('in_progress');
    await page.context().close();
  });

  it('declines only with a reason, which the referral then shows', async () => {
    const declined = await child('Жұмабаев', 'Ерлан');
    const referral = await sentReferral(web.t, pmpc, declined.id, room.orgId);
    const page = await open(web, room.username, `/referrals/${referral.id}`);
    await press(page, 'decline');
    await confirm(page, 'decline');
    await page.getByRole('dialog').getByText(tr('kk', 'referrals:actions.declineReasonRequired')).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('dialog').getByLabel(tr('kk', 'referrals:actions.declineReason')).fill('Қыркүйекке дейін логопед жоқ');
    await confirm(page, 'decline');
    await statusShown(page, 'declined');
    await page.getByText('Қыркүйекке дейін логопед жоқ').first().waitFor();
    expect((await web.t.http.get(`/api/v1/referrals/${referral.id}`).set(await pmpc.auth()).expect(200)).body.declineReason).toBe('Қыркүйекке дейін логопед жоқ');
    await page.context().close();
  });

  it('pauses the deadline with a reason, shows it paused, and resumes it', async () => {
    const ill = await child('Бекова', 'Дана');
    const referral = await sentReferral(web.t, pmpc, ill.id, room.orgId);
    const page = await open(web, room.username, `/referrals/${referral.id}`);
    await press(page, 'pause');
    await pickOption(page, tr('kk', 'referrals:actions.pauseReason'), tr('kk', 'referrals:pauseReason.child_ill'));
    await confirm(page, 'pause');
    const paused = tr('kk', 'referrals:sla.pausedBecause', { reason: tr('kk', 'referrals:pauseReason.child_ill') });
    await page.locator('.referral-summary').getByText(paused).waitFor();
    await page.getByRole('button', { name: tr('kk', 'referrals:actions.resume') }).waitFor();
    // Among the page's actions (the closing dialog's own "pause" button may still be fading out).
    const actions = page.getByRole('group', { name: tr('kk', 'referrals:actions.label') });
    expect(await actions.getByRole('button', { name: tr('kk', 'referrals:actions.pause') }).count()).toBe(0);
    // The list says so too.
    await page.goto(`${web.baseUrl}/referrals?box=incoming&status=sent`);
    await page.getByRole('row').filter({ hasText: 'Бекова Дана' }).getByText(paused).waitFor();

    await page.goBack();
    await press(page, 'resume');
    await page.locator('.referral-summary').getByText(paused).waitFor({ state: 'detached' });
    await page.getByRole('button', { name: tr('kk', 'referrals:actions.pause') }).waitFor();
    expect((await web.t.http.get(`/api/v1/referrals/${referral.id}`).set(await room.auth()).expect(200)).body.sla.paused).toBe(false);
    await page.context().close();
  });

  it('shows an overdue referral in red, and lists only overdue ones when the URL asks for them', async () => {
    // Registered and referred three weeks ago on the server's clock: five working days to answer are long gone.
    const now = web.t.clock.now();
    web.t.clock.set(new Date(now.getTime() - 21 * DAY_MS));
    const late = await child('Нұрланова', 'Айым');
    await sentReferral(web.t, pmpc, late.id, room.orgId);
    web.t.clock.set(now);
    const onTime = await child('Уақытты', 'Бала');
    await sentReferral(web.t, pmpc, onTime.id, room.orgId);

    const page = await open(web, room.username, '/referrals?box=incoming&overdue=true');
    const row = page.getByRole('row').filter({ hasText: 'Нұрланова Айым' });
    const tag = row.getByText(tr('kk', 'cases:deadline.overdue'), { exact: true });
    await tag.waitFor();
    expect(await tag.evaluate((element) => (globalThis as unknown as { getComputedStyle(e: unknown): { color: string } }).getComputedStyle(element).color)).toBe('rgb(168, 7, 26)');
    expect(await page.getByRole('switch', { name: tr('kk', 'referrals:list.overdueOnly') }).isChecked()).toBe(true);
    expect(await page.getByRole('row').filter({ hasText: 'Уақытты Бала' }).count()).toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);

    // Switching the filter off is said in the URL too, and the referral on time comes back.
    await page.getByRole('switch', { name: tr('kk', 'referrals:list.overdueOnly') }).click();
    await page.waitForURL((url) => !url.searchParams.has('overdue'));
    await page.getByRole('row').filter({ hasText: 'Уақытты Бала' }).waitFor();
    await page.context().close();
  });
});
