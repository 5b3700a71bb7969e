import type { Page, Request } from 'playwright-core';
import { type CaseWorker, newCaseWorker } from '../support/children';
import { asAdmin, DEFAULT_PASSWORD } from '../support/factories';
import { accessibilityViolations, newPage, signIn, startWebTest, tr, type WebTest } from './browser';

const MINUTE = 60_000;

/** The tokens this tab holds (sessionStorage, as the app keeps them). */
const tokens = (page: Page) => page.evaluate(() => JSON.parse(sessionStorage.getItem('qoldau.session') ?? 'null') as { accessToken: string; refreshToken: string } | null);

/** The API calls the page makes from now on, by method and path. */
function apiCalls(page: Page): string[] {
  const calls: string[] = [];
  page.on('request', (request: Request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/api/')) calls.push(`${request.method()} ${url.pathname}`);
  });
  return calls;
}

describe('a session in the browser: expiry is silent while it may be, and said when it ends', () => {
  let web: WebTest;
  let specialist: CaseWorker;

  beforeAll(async () => {
    web = await startWebTest({ now: '2026-11-25T06:00:00Z' });
    specialist = await newCaseWorker(web.t, await asAdmin(web.t), 'pmpc', ['pmpc_specialist']);
  });
  afterAll(() => web.close());

  it('refreshes an expired access token once, for every request that met it, and carries on', async () => {
    const page = await newPage(web, 'kk');
    await signIn(web, page, specialist.username, DEFAULT_PASSWORD, 'kk');
    const before = await tokens(page);
    const calls = apiCalls(page);

    // The access token lives 15 minutes by the server's clock; the refresh token much longer.
    web.t.clock.advance(16 * MINUTE);
    // The notifications page asks for several things at once (its list, the unread count), all with
    // the expired token.
    await page.getByRole('link', { name: tr('kk', 'common:notifications'), exact: true }).click();
    await page.getByRole('heading', { name: tr('kk', 'notifications:title') }).waitFor();
    await page.getByText(tr('kk', 'notifications:noneUnread')).waitFor();

    expect(calls.filter((call) => call === 'POST /api/v1/auth/refresh')).toHaveLength(1);
    const after = await tokens(page);
    expect(after?.accessToken).not.toBe(before?.accessToken);
    expect(after?.refreshToken).not.toBe(before?.refreshToken); // rotated
    // Nothing on the page speaks of an error: the user never noticed.
    expect(await page.getByRole('alert').count()).toBe(0);
    const me = await fetch(`${web.baseUrl}/api/v1/me`, { headers: { Authorization: `Bearer ${after!.accessToken}` } });
    expect(me.status).toBe(200);
    await page.context().close();
  });

  it('sends the user to sign in when the session is over, says why, and brings them back to the same page', async () => {
    const page = await newPage(web, 'kk');
    await signIn(web, page, specialist.username, DEFAULT_PASSWORD, 'kk');
    await page.goto(`${web.baseUrl}/notifications`);
    await page.getByRole('heading', { name: tr('kk', 'notifications:title') }).waitFor();

    // Idle for more than the refresh token's 7 days: the refresh is refused.
    web.t.clock.advance(8 * 24 * 60 * MINUTE);
    await page.getByText(tr('kk', 'notifications:all'), { exact: true }).click();
    await page.waitForURL('**/sign-in');
    await page.getByText(tr('kk', 'auth:sessionEnded')).waitFor();
    expect(await tokens(page)).toBeNull();
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByLabel(tr('kk', 'auth:username')).fill(specialist.username);
    await page.getByLabel(tr('kk', 'auth:password')).fill(DEFAULT_PASSWORD);
    await page.getByRole('button', { name: tr('kk', 'auth:submit') }).click();
    await page.waitForURL('**/notifications');
    await page.getByRole('heading', { name: tr('kk', 'notifications:title') }).waitFor();
    await page.context().close();
  });
});
