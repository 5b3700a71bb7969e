import type { Page } from 'playwright-core';
import { ageInYears, almatyDate, formatDate } from '../../apps/web/src/features/cases/dates';
import { deadlineState, workCalendar } from '../../apps/web/src/features/cases/working-days';
import { signedConclusion } from '../support/assessments';
import { type CaseWorker, involve, makeIin, newCaseWorker, newChild, type RegisteredChild, shareWith } from '../support/children';
import { asAdmin, DEFAULT_PASSWORD, newOrganization, newUser, type Session, ZHAMBYL } from '../support/factories';
import { grantConsent, sentReferral, type ReferralBody } from '../support/referrals';
import { accessibilityViolations, type Language, newPage, referenceLabels, screenshot, signIn, startWebTest, tr, type WebTest } from './browser';



const CHILD = { lastName: 'Сейітова', firstName: 'Аружан', patronymic: 'Қайратқызы', birthDate: '2019-05-14', sex: 'female' as const };
const CHILD_NAME = 'Сейітова Аружан Қайратқызы';
const ICD10 = 'F80.1';

/** An organisation with a readable name in both languages (they show in the access log) and one user of `roles` in it. */
async function staffed(web: WebTest, admin: Session, type: string, roles: string[], nameKk: string, nameRu: string): Promise<CaseWorker> {
  const org = await newOrganization(web.t, admin, { type, kato: ZHAMBYL, nameKk, nameRu });
  return newCaseWorker(web.t, admin, type, roles, ZHAMBYL, org.id);
}

/** Signs in through the sign-in page and opens the case at its address. */
async function openCase(web: WebTest, username: string, childId: string, language: Language): Promise<Page> {
  const page = await newPage(web, language);
  await signIn(web, page, username, DEFAULT_PASSWORD, language);
  await page.goto(`${web.baseUrl}/cases/${childId}`);
  return page;
}

const tab = (page: Page, language: Language, key: string) => page.getByRole('tab', { name: tr(language, `cases:tabs.${key}`) });

describe('the case page, in a real browser', () => {
  let web: WebTest;
  let pmpc: CaseWorker;
  let school: { username: string };
  let outsider: CaseWorker;
  let child: RegisteredChild;
  let referral: ReferralBody;

  beforeAll(async () => {
    web = await startWebTest();
    const admin = await asAdmin(web.t);
    pmpc = await staffed(web, admin, 'pmpc', ['pmpc_specialist'], 'Тараз қаласының №1 ПМПК', 'ПМПК №1 города Тараз');
    const head = await newCaseWorker(web.t, admin, 'pmpc', ['pmpc_head'], ZHAMBYL, pmpc.orgId);
    const health = await staffed(web, admin, 'polyclinic', ['health_worker'], 'Тараз қаласының №2 емханасы', 'Городская поликлиника №2 Тараза');
    const room = await staffed(web, admin, 'correction_room', ['correction_specialist'], '«Үміт» түзету кабинеті', 'Кабинет коррекции «Умит»');
    const schoolOrg = await newOrganization(web.t, admin, { type: 'school', kato: ZHAMBYL, nameKk: 'Тараз қаласының №15 мектеп-гимназиясы', nameRu: 'Школа-гимназия №15 города Тараз' });
    school = await newUser(web.t, admin, schoolOrg.id, ['school_coordinator'], { locale: 'ru', fullName: 'Ирина Ким' });
    outsider = await newCaseWorker(web.t, admin, 'pmpc', ['pmpc_specialist']);

    // Registered by the PMPC with the mother as legal representative; she consents to services and to
    // sharing the case with health care — not with education.
    child = await newChild(web.t, pmpc, {
      ...CHILD,
      guardians: [{ iin: makeIin('1990-02-11', 'female'), fullName: 'Сейітова Гүлмира Ерланқызы', relation: 'mother', phone: '+77015550101' }],
    });
    await grantConsent(web.t, pmpc, child, 'services');
    await shareWith(web.t, pmpc, child, 'health');
    // The polyclinic, involved with the child, records the diagnosis it established.
    await involve(web.t, child.id, health.orgId);
    await web.t.http.post(`/api/v1/children/${child.id}/diagnoses`).set(await health.auth()).send({ icd10: ICD10, date: '2024-03-01' }).expect(201);
    // The commission's conclusion (speech; inclusive class), signed by the head.
    await signedConclusion(web.t, { child, specialist: pmpc, head });
    // A referral to a correction room; its answer is due in working days.
    referral = await sentReferral(web.t, pmpc, child.id, room.orgId);
    // The school is involved with the case (the child is coming to it).
    await involve(web.t, child.id, schoolOrg.id);
  });
  afterAll(() => web.close());

  it('shows a PMPC specialist the header and a tab for every section, diagnoses included', async () => {
    const page = await openCase(web, pmpc.username, child.id, 'kk');
    const header = page.getByRole('region', { name: CHILD_NAME });
    await header.waitFor();
    const text = (await header.textContent()) ?? '';
    const today = almatyDate(new Date());
    expect(text).toContain(child.identity.iin!);
    expect(text).toContain(tr('kk', 'cases:header.years', { count: ageInYears(CHILD.birthDate, today) }));
    expect(text).toContain(formatDate(CHILD.birthDate));
    // The conclusion, in the reference lists' Kazakh labels.
    expect(text).toContain((await referenceLabels(web, 'sen-categories', 'kk')).get('speech')!);
    expect(text).toContain((await referenceLabels(web, 'education-forms', 'kk')).get('inclusive_class')!);
    // Consents in force as tags; the referral's deadline in working days.
    expect(text).toContain(tr('kk', 'cases:consentTag.services'));
    expect(text).toContain(tr('kk', 'cases:consentTag.data_sharing', { sector: tr('kk', 'cases:sector.health') }));
    const year = Number(today.slice(0, 4));
    const holidays = await Promise.all(
      [year, year + 1].map(async (y) => (await (await fetch(`${web.baseUrl}/api/v1/reference/holidays?year=${y}`)).json()) as { date: string; kind: string }[]),
    );
    const state = deadlineState(new Date(), new Date(referral.slaDueAt!), workCalendar(holidays.flat()));
    expect(state.overdue).toBe(false);
    if (!state.overdue) expect(text).toContain(state.workingDaysLeft ? tr('kk', 'cases:deadline.left', { count: state.workingDaysLeft }) : tr('kk', 'cases:deadline.dueToday'));

    for (const key of ['identity', 'consents', 'assessments', 'diagnoses', 'disability', 'placements', 'referrals', 'timeline', 'accessLog']) {
      expect([key, await tab(page, 'kk', key).count()]).toEqual([key, 1]);
    }
    await tab(page, 'kk', 'diagnoses').click();
    await page.getByRole('cell', { name: ICD10 }).waitFor();
    expect(await page.getByRole('cell', { name: '01.03.2024' }).count()).toBe(1);

    // The conclusion with every sector's recommendation and, for its own PMPC, the protocol notes.
    await tab(page, 'kk', 'assessments').click();
    await page.getByText(tr('kk', 'cases:assessment.protocolNotes')).waitFor();
    expect(await page.getByText('Логопедпен аптасына екі рет').isVisible()).toBe(true);
    expect(await page.getByText('Невропатолог кеңесі').isVisible()).toBe(true);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'case-pmpc-kk');

    await tab(page, 'kk', 'referrals').click();
    await page.getByRole('cell', { name: tr('kk', 'cases:referral.statuses.sent') }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('gives a school coordinator without an education data-sharing consent no diagnoses tab', async () => {
    const page = await openCase(web, school.username, child.id, 'ru');
    const header = page.getByRole('region', { name: CHILD_NAME });
    await header.waitFor();
    expect(await header.textContent()).toContain(child.identity.iin!);
    await tab(page, 'ru', 'identity').waitFor();
    for (const key of ['identity', 'consents', 'assessments', 'placements', 'referrals', 'timeline', 'accessLog']) {
      expect([key, await tab(page, 'ru', key).count()]).toEqual([key, 1]);
    }
    // Diagnoses and disability are education's only with the guardian's data-sharing consent.
    expect(await tab(page, 'ru', 'diagnoses').count()).toBe(0);
    expect(await tab(page, 'ru', 'disability').count()).toBe(0);
    expect(await page.getByText(ICD10).count()).toBe(0);

    // The conclusion: education's recommendation only, no protocol notes.
    await tab(page, 'ru', 'assessments').click();
    await page.getByText('Логопедпен аптасына екі рет').waitFor();
    expect(await page.getByText('Невропатолог кеңесі').count()).toBe(0);
    expect(await page.getByText(tr('ru', 'cases:assessment.protocolNotes')).count()).toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'case-school-ru');
    await page.context().close();
  });

  it('tells a user who is not involved that the case is not found or not theirs, in words from the error catalogue', async () => {
    const page = await openCase(web, outsider.username, child.id, 'kk');
    await page.getByRole('heading', { name: tr('kk', 'cases:notFound.title') }).waitFor();
    const catalogue = (await (await fetch(`${web.baseUrl}/api/v1/reference/error-codes`)).json()) as { code: string; title: { kk: string } }[];
    expect(await page.getByRole('alert').textContent()).toBe(catalogue.find((entry) => entry.code === 'NOT_FOUND')!.title.kk);
    expect(await page.getByText(CHILD_NAME).count()).toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    // Back to work from there.
    await page.getByRole('button', { name: tr('kk', 'cases:notFound.back') }).click();
    await page.waitForURL(`${web.baseUrl}/`);
    await page.context().close();
  });

  it('shows the timeline of what happened across agencies', async () => {
    const page = await openCase(web, pmpc.username, child.id, 'kk');
    await tab(page, 'kk', 'timeline').click();
    for (const kind of ['child.registered', 'consent.granted', 'diagnosis.recorded', 'assessment.signed', 'referral.sent']) {
      await page.getByRole('cell', { name: tr('kk', `cases:timeline.kinds.${kind}`), exact: true }).first().waitFor();
    }
    expect(await page.getByRole('cell', { name: 'Тараз қаласының №2 емханасы' }).count()).toBeGreaterThan(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('shows which organisations accessed the case, when and why, and prints it without the app around it', async () => {
    const page = await openCase(web, pmpc.username, child.id, 'kk');
    await tab(page, 'kk', 'accessLog').click();
    await page.getByRole('heading', { name: tr('kk', 'cases:accessLog.title') }).waitFor();
    // The polyclinic recorded the diagnosis; the PMPC registered the child and signed the conclusion.
    await page.getByRole('row').filter({ hasText: 'Тараз қаласының №2 емханасы' }).filter({ hasText: tr('kk', 'cases:accessLog.actions.child.diagnosis.add') }).first().waitFor();
    expect(await page.getByRole('row').filter({ hasText: 'Тараз қаласының №1 ПМПК' }).filter({ hasText: tr('kk', 'cases:accessLog.actions.child.create') }).count()).toBe(1);
    expect(await page.getByRole('row').filter({ hasText: tr('kk', 'cases:accessLog.actions.assessment.sign') }).count()).toBe(1);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'case-access-log-kk');

    // The print button asks the browser to print; on paper the shell and the tabs stay off.
    await page.evaluate(() => {
      const window = globalThis as unknown as { print(): void; printed?: boolean };
      window.print = () => {
        window.printed = true;
      };
    });
    await page.getByRole('button', { name: tr('kk', 'cases:accessLog.print') }).click();
    expect(await page.evaluate(() => (globalThis as unknown as { printed?: boolean }).printed)).toBe(true);
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('button', { name: tr('kk', 'common:signOut') }).isVisible()).toBe(false);
    expect(await tab(page, 'kk', 'timeline').isVisible()).toBe(false);
    expect(await page.getByRole('heading', { name: tr('kk', 'cases:accessLog.title') }).isVisible()).toBe(true);
    expect(await page.getByRole('heading', { name: CHILD_NAME }).isVisible()).toBe(true);
    await page.context().close();
  });
});
