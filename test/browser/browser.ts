import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app';

/** Debian's Chromium (installed by .ci/run with apt); never a browser downloaded by a test tool. */
export const CHROMIUM = process.env.QOLDAU_CHROMIUM ?? '/usr/bin/chromium';
const SCREENSHOTS = join(__dirname, '../../docs/screenshots');

export interface WebTest {
  t: TestApp;
  browser: Browser;
  baseUrl: string;
  close(): Promise<void>;
}

/** The real app listening on a loopback port (same factory as npm start), and a headless Chromium. */
export async function startWebTest(options: { now?: string } = {}): Promise<WebTest> {
  const t = await startTestApp(options);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
  });
  return {
    t,
    browser,
    baseUrl: `http://127.0.0.1:${port}`,
    close: async () => {
      await browser.close();
      await t.close();
    },
  };
}

export async function newPage(web: WebTest, language: Language = 'kk'): Promise<Page> {
  const context = await web.browser.newContext({ locale: language, viewport: { width: 1280, height: 800 }, timezoneId: 'Asia/Almaty' });
  const page = await context.newPage();
  // The language a user chose is remembered on the device; start each test from a known one (a new
  // context has an empty storage; a reload keeps what the user chose since).
  await page.addInitScript((lang) => {
    if (!localStorage.getItem('qoldau.language')) localStorage.setItem('qoldau.language', lang);
  }, language);
  return page;
}

const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical violations on the page as it is now (empty is the bar). */
/** Until antd's motion (a dialog or popup fading or zooming in or out) is over, at most 5 s. */
export async function settled(page: Page): Promise<void> {
  const moving = page.locator('[class*="-appear-active"], [class*="-enter-active"], [class*="-leave-active"]');
  for (let waited = 0; (await moving.count()) > 0 && waited <= 5_000; waited += 50) await page.waitForTimeout(50);
}

export async function accessibilityViolations(page: Page): Promise<string[]> {
  // A dialog fading in is measured against its half-drawn mask (colours blended): what is checked is
  // what a person reads once it has settled.
  await settled(page);
  // Evaluated through the DevTools protocol: the page's own CSP (script-src 'self') stays as served.
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: { target: string[]; failureSummary?: string }[] }[] }> } }).axe;
    return (await axe.run()).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => `${n.target.join(' ')}${n.failureSummary ? ` (${n.failureSummary.replace(/\s+/g, ' ').trim()})` : ''}`).join(', ')}`);
}

/** A screenshot for docs/screenshots/ (committed, shown in the README); a dialog's is of the window, where its mask lies. */
export async function screenshot(page: Page, name: string, { fullPage = true } = {}): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage });
}

const LOCALES = join(__dirname, '../../apps/web/src/shared/i18n/locales');

/**
 * A string of the web app (`namespace:dotted.key` in locales/<language>/<namespace>.json), with its
 * {{values}} and, given a count, the plural form of the language: tests find things by what a user reads.
 */
export function tr(language: 'kk' | 'ru' | 'en', key: string, values: Record<string, string | number> = {}): string {
  const [namespace, path] = key.split(':');
  const strings = JSON.parse(readFileSync(join(LOCALES, language, `${namespace}.json`), 'utf8')) as Record<string, unknown>;
  const plural = typeof values.count === 'number' ? `_${new Intl.PluralRules(language).select(values.count)}` : '';
  const found = `${path}${plural}`.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], strings);
  if (typeof found !== 'string') throw new Error(`no string ${language}/${key}${plural}`);
  return found.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name]));
}

/** Signs in through the sign-in page, as a person does, and waits for the home screen. */
export async function signIn(web: WebTest, page: Page, username: string, password: string, language: Language = 'kk'): Promise<void> {
  await page.goto(`${web.baseUrl}/sign-in`);
  await page.getByLabel(tr(language, 'auth:username')).fill(username);
  await page.getByLabel(tr(language, 'auth:password')).fill(password);
  await page.getByRole('button', { name: tr(language, 'auth:submit') }).click();
  await page.waitForURL(`${web.baseUrl}/`);
}

/**
 * Chooses `option` in the antd Select labelled `label` with the keyboard, as a keyboard user does
 * (typing it first when the select is searchable): no click lands on a popup still sliding in. antd
 * renders the options in a popup outside the field: this is the one CSS selector the tests need.
 * A multiple select keeps its popup open after a choice (`multiple`): Escape closes it, as a person would.
 */
export async function pickOption(page: Page, label: string, option: string, { multiple = false } = {}): Promise<void> {
  const box = page.getByRole('combobox', { name: label });
  await box.focus();
  if (await box.isEditable()) await box.fill(option);
  else await box.press('ArrowDown');
  // This field's own popup (the open input names its list in aria-controls): another field's popup
  // may still be sliding out when forms are filled quickly one select after another.
  const list = await box.getAttribute('aria-controls');
  const popup = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').filter(list ? { has: page.locator(`[id="${list}"]`) } : {});
  const active = popup.locator('.ant-select-item-option-active');
  for (let step = 0; (await active.textContent())?.trim() !== option; step++) {
    if (step > 50) throw new Error(`no option "${option}" in ${label}`);
    await box.press('ArrowDown');
  }
  await box.press('Enter');
  if (multiple) await box.press('Escape');
  await popup.waitFor({ state: 'hidden' });
  // The popup slides out for a moment after it is "hidden" to Playwright, its unlabelled listbox for
  // screen readers still in the page; an accessibility check then reports that half-state. antd marks
  // it done with the -hidden class (display: none).
  for (let waited = 0; (await popup.count()) > 0; waited += 50) {
    if (waited > 5_000) throw new Error(`the list of ${label} stays open`);
    await page.waitForTimeout(50);
  }
}

export type Language = 'kk' | 'ru' | 'en';

/** Labels of a reference list in `language`, by code, as the forms offer them. */
export async function referenceLabels(web: WebTest, path: string, language: Language): Promise<Map<string, string>> {
  const res = await fetch(`${web.baseUrl}/api/v1/reference/${path}`, { headers: { 'Accept-Language': language } });
  return new Map(((await res.json()) as { code: string; label: string }[]).map((item) => [item.code, item.label]));
}

/** The referral page's status tag, once it says `status`. */
export const referralStatusShown = (page: Page, language: Language, status: string) =>
  page.locator('.referral-summary').getByText(tr(language, `cases:referral.statuses.${status}`), { exact: true }).waitFor();

/** Clicks the referral page's action button `action`. */
export const pressReferralAction = (page: Page, language: Language, action: string) =>
  page.getByRole('group', { name: tr(language, 'referrals:actions.label') }).getByRole('button', { name: tr(language, `referrals:actions.${action}`) }).click();

/** The open dialog's confirming button (its label is the action's). */
export async function confirmReferralAction(page: Page, language: Language, action: string): Promise<void> {
  // A click on a dialog still zooming in can land before its form has its values: let it settle first.
  await settled(page);
  await page.getByRole('dialog').getByRole('button', { name: tr(language, `referrals:actions.${action}`) }).click();
}
