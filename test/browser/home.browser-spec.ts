import { formatDate } from '../../apps/web/src/features/cases/dates';
import type { Page } from 'playwright-core';
import { reviewDateIn, signedConclusion } from '../support/assessments';
import { type CaseWorker, newCaseWorker, newChild, type RegisteredChild } from '../support/children';
import { asAdmin, DEFAULT_PASSWORD } from '../support/factories';
import { grantConsent, sentReferral, serviceProvider } from '../support/referrals';
import { accessibilityViolations, newPage, screenshot, signIn, startWebTest, tr, type WebTest } from './browser';

const DAY = 86_400_000;

/** A counter of the home page: a link named by its title and its number. */
const counter = (page: Page, title: string, count: number) => page.getByRole('link', { name: new RegExp(`^${title}\\s*${count}$`) });

describe('home = my work: counters that open their lists, and notifications', () => {
  let web: WebTest;
  let pmpc: CaseWorker;
  let head: CaseWorker;
  let room: CaseWorker;
  let reviewDue: RegisteredChild;
  let expiring: RegisteredChild;

  beforeAll(async () => {
    web = await startWebTest({ now: '2026-11-25T06:00:00Z' });
    const admin = await asAdmin(web.t);
    pmpc = await newCaseWorker(web.t, admin, 'pmpc', ['pmpc_specialist']);
    head = await newCaseWorker(web.t, admin, 'pmpc', ['pmpc_head'], undefined, pmpc.orgId);
    room = await serviceProvider(web.t, 'correction_room', ['correction_specialist'], { capacity: 10, stateOrderPlaces: 10 });
    reviewDue = await newChild(web.t, pmpc, { lastName: 'Қасымова', firstName: 'Дана', patronymic: null });
    await signedConclusion(web.t, { child: reviewDue, specialist: pmpc, head, draft: { reviewDate: reviewDateIn(web.t, 20) } });
    expiring = await newChild(web.t, pmpc, { lastName: 'Омаров', firstName: 'Ерлан', sex: 'male' });
    await grantConsent(web.t, pmpc, expiring, 'services', { expiresAt: new Date(web.t.clock.now().getTime() + 10 * DAY).toISOString() });
    await sentReferral(web.t, pmpc, expiring.id, room.orgId);
  });
  afterAll(() => web.close());

  it('opens a PMPC counter into its list and the list into the case (Russian)', async () => {
    await web.t.http.patch('/api/v1/me').set(await pmpc.auth()).send({ locale: 'ru' }).expect(200);
    const page = await newPage(web, 'ru');
    await signIn(web, page, pmpc.username, DEFAULT_PASSWORD, 'ru');
    const reviews = counter(page, tr('ru', 'worklist:reviewsDue'), 1);
    await reviews.click();
    await page.getByRole('heading', { name: tr('ru', 'worklist:reviewsDue') }).waitFor();
    expect(await page.getByText(tr('ru', 'worklist:reviewDue', { date: formatDate(reviewDateIn(web.t, 20)) })).isVisible()).toBe(true);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'work-reviews-due');
    await page.getByRole('link', { name: 'Қасымова Дана' }).click();
    await page.waitForURL(`**/cases/${reviewDue.id}`);

    await page.goto(`${web.baseUrl}/`);
    await counter(page, tr('ru', 'worklist:consentsExpiring'), 1).click();
    await page.getByRole('link', { name: /^Омаров Ерлан/ }).waitFor();
    expect(await page.getByText(tr('ru', 'cases:consentKind.services'), { exact: false }).count()).toBeGreaterThan(0);
    await page.context().close();
  });

  it('leads a correction room from its incoming counter to the referrals awaiting an answer, and shows its notifications', async () => {
    await web.t.http.patch('/api/v1/me').set(await room.auth()).send({ locale: 'en' }).expect(200);
    const page = await newPage(web, 'en');
    await signIn(web, page, room.username, DEFAULT_PASSWORD, 'en');
    const incoming = counter(page, tr('en', 'worklist:incomingAwaitingResponse'), 1);
    expect(await incoming.getAttribute('href')).toBe('/referrals?box=incoming&status=sent');

    // Every user of the room was told of the referral: the bell and the home page say so.
    const bell = page.getByRole('link', { name: `${tr('en', 'common:notifications')} 1`, exact: true });
    await bell.waitFor();
    expect(await bell.getAttribute('title')).toBe(tr('en', 'common:notificationsBell', { count: 1 }));
    await page.getByRole('link', { name: tr('en', 'worklist:unread', { count: 1 }) }).click();
    await page.getByRole('heading', { name: tr('en', 'notifications:title') }).waitFor();
    const received = page.getByRole('link', { name: tr('en', 'notifications:kinds.referral.received') });
    await received.waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'notifications');

    await page.getByRole('button', { name: tr('en', 'notifications:markAllRead') }).click();
    await page.getByText(tr('en', 'notifications:noneUnread')).waitFor();
    await page.getByRole('link', { name: tr('en', 'common:notifications'), exact: true }).waitFor();
    // Read ones are still there under "All", leading to the referral.
    await page.getByText(tr('en', 'notifications:all'), { exact: true }).click();
    expect(await received.getAttribute('href')).toMatch(/^\/referrals\/[0-9a-f-]{36}$/);
    const unread = await web.t.http.get('/api/v1/notifications/unread-count').set(await room.auth()).expect(200);
    expect(unread.body.unread).toBe(0);
    await page.context().close();
  });
});
