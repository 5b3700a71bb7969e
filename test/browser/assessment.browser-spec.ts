import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { almatyDate, formatDate } from '../../apps/web/src/features/cases/dates';
import { completeDraft, grantAssessmentConsent, openAssessment } from '../support/assessments';
import { type CaseWorker, newCaseWorker, newChild, type RegisteredChild } from '../support/children';
import { asAdmin, bearer, DEFAULT_PASSWORD, newOrganization, newUser, type Session, ZHAMBYL } from '../support/factories';
import { accessibilityViolations, newPage, pickOption, referenceLabels, screenshot, signIn, startWebTest, tr, type WebTest } from './browser';

const SPECIALIST = 'Нұрланова Әсем Болатқызы';
const HEAD = 'Жақсылықов Ерлан Маратұлы';

/** A PMPC user with a name of their own (the member picker lists people by name), usable for API seeding too. */
async function pmpcUser(web: WebTest, admin: Session, orgId: string, role: string, fullName: string): Promise<CaseWorker> {
  const user = await newUser(web.t, admin, orgId, [role], { fullName });
  // One API sign-in per user: sign-ins are rate-limited, and the browser signs these users in too.
  let session: Session | undefined;
  return { orgId, userId: user.id, username: user.username, auth: async () => bearer((session ??= await user.session())) };
}

async function signedInAt(web: WebTest, username: string, path: string): Promise<Page> {
  const page = await newPage(web, 'kk');
  await signIn(web, page, username, DEFAULT_PASSWORD, 'kk');
  await page.goto(`${web.baseUrl}${path}`);
  return page;
}

async function assessment(web: WebTest, as: CaseWorker, id: string) {
  return (await web.t.http.get(`/api/v1/assessments/${id}`).set(await as.auth()).expect(200)).body;
}

/** The date a year from today in Kazakhstan (YYYY-MM-DD): a review date the server accepts. */
function nextYear(): string {
  const [y, m, d] = almatyDate(new Date()).split('-').map(Number);
  return new Date(Date.UTC(y + 1, m - 1, d)).toISOString().slice(0, 10);
}

const kk = (key: string, values?: Record<string, string | number>) => tr('kk', key, values);

describe('a PMPC assessment, in a real browser', () => {
  let web: WebTest;
  let specialist: CaseWorker;
  let head: CaseWorker;
  let child: RegisteredChild;

  beforeAll(async () => {
    web = await startWebTest();
    const admin = await asAdmin(web.t);
    const pmpc = await newOrganization(web.t, admin, { type: 'pmpc', kato: ZHAMBYL, nameKk: 'Тараз қаласының №1 ПМПК', nameRu: 'ПМПК №1 города Тараз' });
    specialist = await pmpcUser(web, admin, pmpc.id, 'pmpc_specialist', SPECIALIST);
    head = await pmpcUser(web, admin, pmpc.id, 'pmpc_head', HEAD);
    child = await newChild(web.t, specialist, { lastName: 'Сейітова', firstName: 'Аружан', patronymic: 'Қайратқызы' });
    await grantAssessmentConsent(web.t, specialist, child);
  });
  afterAll(() => web.close());

  it('is opened from the case, filled and saved by a specialist, confirmed by the commission and signed by the head; the PDF downloads in kk and ru', async () => {
    const sen = await referenceLabels(web, 'sen-categories', 'kk');
    const forms = await referenceLabels(web, 'education-forms', 'kk');
    const conditions = await referenceLabels(web, 'special-conditions', 'kk');
    const reviewDate = nextYear();

    // The specialist opens an assessment from the case's conclusions tab.
    const page = await signedInAt(web, specialist.username, `/cases/${child.id}?tab=assessments`);
    await page.getByRole('button', { name: kk('cases:assessment.open') }).click();
    await page.waitForURL(/\/assessments\/[0-9a-f-]{36}$/);
    const id = page.url().split('/').pop()!;
    await page.getByRole('heading', { name: `${kk('assessments:draftTitle')}: Сейітова Аружан Қайратқызы` }).waitFor();

    // Filled through the form as a person does: reference lists, recommendations, date, commission.
    await pickOption(page, kk('assessments:form.senCategories'), sen.get('speech')!, { multiple: true });
    await pickOption(page, kk('assessments:form.programme'), kk('cases:programme.adapted'));
    await pickOption(page, kk('assessments:form.formOfEducation'), forms.get('inclusive_class')!);
    await pickOption(page, kk('assessments:form.specialConditions'), conditions.get('speech_therapist')!, { multiple: true });
    await page.getByLabel(kk('assessments:form.recommendationFor.education')).fill('Логопедпен аптасына екі рет');
    await page.getByLabel(kk('assessments:form.recommendationFor.health')).fill('Невропатолог кеңесі');
    await page.getByLabel(kk('assessments:form.protocolNotes')).fill('Сөйлеу тілінің жүйелі бұзылуы');
    const date = page.getByLabel(kk('assessments:form.reviewDate'));
    await date.fill(formatDate(reviewDate));
    // Leaving the field keeps a typed date (Enter would also submit the form, as in any HTML form).
    await date.press('Tab');
    await page.getByRole('button', { name: kk('assessments:form.addMember') }).click();
    await pickOption(page, kk('assessments:form.member', { number: 1 }), SPECIALIST);
    await pickOption(page, kk('assessments:form.memberSpecialty', { number: 1 }), kk('cases:specialty.speech_therapist'));
    await page.getByRole('button', { name: kk('assessments:form.addMember') }).click();
    await pickOption(page, kk('assessments:form.member', { number: 2 }), HEAD);
    await pickOption(page, kk('assessments:form.memberSpecialty', { number: 2 }), kk('cases:specialty.psychologist'));
    // Confirming waits for the changes to be saved: it would otherwise confirm something else.
    expect(await page.getByRole('button', { name: kk('assessments:commission.confirm') }).count()).toBe(0);
    await page.getByRole('button', { name: kk('assessments:form.save') }).click();
    await page.getByText(kk('assessments:form.saved')).waitFor();

    const saved = await assessment(web, specialist, id);
    expect(saved).toMatchObject({
      status: 'draft',
      noSen: false,
      senCategories: ['speech'],
      programme: 'adapted',
      formOfEducation: 'inclusive_class',
      specialConditions: ['speech_therapist'],
      recommendations: { education: 'Логопедпен аптасына екі рет', health: 'Невропатолог кеңесі', social: null },
      reviewDate,
    });
    expect(saved.commission.map((m: { userId: string; specialty: string }) => [m.userId, m.specialty])).toEqual([
      [specialist.userId, 'speech_therapist'],
      [head.userId, 'psychologist'],
    ]);

    // The specialist confirms their own findings; the list says who has and who has not.
    await page.getByLabel(kk('assessments:commission.yourFindings')).fill('Сөйлеу тілінің жалпы дамымауы, III деңгей');
    await page.getByRole('button', { name: kk('assessments:commission.confirm') }).click();
    await page.getByText(kk('assessments:commission.confirmed')).waitFor();
    const commission = page.getByRole('list').filter({ hasText: HEAD }).last();
    await commission.getByRole('listitem').filter({ hasText: SPECIALIST }).getByText(kk('assessments:commission.confirmedAt', { at: '' }).trim()).waitFor();
    expect(await commission.getByRole('listitem').filter({ hasText: HEAD }).getByText(kk('assessments:commission.notConfirmed')).count()).toBe(1);
    expect((await assessment(web, specialist, id)).commission[0].confirmedAt).not.toBeNull();
    // A specialist is offered no signature.
    expect(await page.getByRole('button', { name: kk('assessments:sign.button') }).count()).toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByText(kk('assessments:commission.confirmed')).waitFor({ state: 'hidden' });
    await screenshot(page, 'assessment-draft');
    await page.context().close();

    // The head, also on the commission, confirms and signs through the dialog.
    const headPage = await signedInAt(web, head.username, `/assessments/${id}`);
    await headPage.getByLabel(kk('assessments:commission.yourFindings')).fill('Зейін тұрақсыз, танымдық белсенділігі жасына сай');
    await headPage.getByRole('button', { name: kk('assessments:commission.confirm') }).click();
    await headPage.getByText(kk('assessments:commission.confirmed')).waitFor();
    await headPage.getByRole('button', { name: kk('assessments:sign.button') }).click();
    const dialog = headPage.getByRole('dialog', { name: kk('assessments:sign.dialogTitle') });
    await dialog.getByText(kk('assessments:sign.freezeSupersede')).waitFor();
    for (const key of ['freezeCurrent', 'freezeEdit']) expect(await dialog.getByText(kk(`assessments:sign.${key}`)).count()).toBe(1);
    expect(await accessibilityViolations(headPage)).toEqual([]);
    await headPage.getByText(kk('assessments:commission.confirmed')).waitFor({ state: 'hidden' });
    await screenshot(headPage, 'assessment-sign-dialog', { fullPage: false });
    await dialog.getByRole('button', { name: kk('assessments:sign.confirm'), exact: true }).click();

    // The signed conclusion, read-only, in the reference lists' Kazakh labels.
    await headPage.getByRole('heading', { name: `${kk('assessments:conclusionTitle')}: Сейітова Аружан Қайратқызы` }).waitFor();
    expect((await assessment(web, head, id)).status).toBe('signed');
    const facts: [string, string][] = [
      ['senCategories', sen.get('speech')!],
      ['form', forms.get('inclusive_class')!],
      ['conditions', conditions.get('speech_therapist')!],
      ['programme', kk('cases:programme.adapted')],
      ['reviewDate', formatDate(reviewDate)],
    ];
    for (const [label, value] of facts) {
      const cell = headPage.getByRole('article').getByText(kk(`cases:assessment.${label}`), { exact: true }).locator('xpath=following::*[1]');
      expect([label, await cell.textContent()]).toEqual([label, value]);
    }
    expect(await headPage.getByRole('button', { name: kk('assessments:form.save') }).count()).toBe(0);
    expect(await headPage.getByRole('textbox').count()).toBe(0);
    expect(await accessibilityViolations(headPage)).toEqual([]);
    await headPage.getByText(kk('assessments:sign.signed')).waitFor({ state: 'hidden' });
    await screenshot(headPage, 'assessment-signed');

    // The printable conclusion, fetched with the session's token, in both languages of documents.
    for (const lang of ['kk', 'ru'] as const) {
      const [download] = await Promise.all([headPage.waitForEvent('download'), headPage.getByRole('button', { name: kk(`assessments:pdf.${lang}`) }).click()]);
      expect(download.suggestedFilename()).toMatch(new RegExp(`-${lang}\\.pdf$`));
      const bytes = await readFile((await download.path())!);
      expect(bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
    }
    await headPage.context().close();
  }, 180_000);

  it('names what an incomplete draft still lacks when the head tries to sign it', async () => {
    const other = await newChild(web.t, specialist, { lastName: 'Омаров', firstName: 'Тимур', sex: 'male', birthDate: '2018-10-02' });
    await grantAssessmentConsent(web.t, specialist, other);
    const draft = await openAssessment(web.t, specialist, other.id);

    const page = await signedInAt(web, head.username, `/assessments/${draft.id}`);
    await page.getByRole('button', { name: kk('assessments:sign.button') }).click();
    await page.getByRole('dialog').getByRole('button', { name: kk('assessments:sign.confirm'), exact: true }).click();
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    const refusal = page.getByRole('alert').filter({ hasText: kk('assessments:sign.missingFields') });
    await refusal.waitFor();
    for (const field of ['senCategories', 'programme', 'formOfEducation', 'reviewDate']) {
      expect([field, await refusal.getByRole('listitem').filter({ hasText: kk(`assessments:fields.${field}`) }).count()]).toEqual([field, 1]);
    }
    expect((await assessment(web, head, draft.id)).status).toBe('draft');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('does not let the head sign a draft a colleague changed after the head opened it; the page reloads it', async () => {
    const other = await newChild(web.t, specialist, { lastName: 'Ержанова', firstName: 'Мира', birthDate: '2018-02-11' });
    await grantAssessmentConsent(web.t, specialist, other);
    const draft = await openAssessment(web.t, specialist, other.id, {
      ...completeDraft(web.t), specialists: [{ userId: head.userId, specialty: 'psychologist' }],
    });
    await web.t.http.post(`/api/v1/assessments/${draft.id}/confirmations`).set(await head.auth()).send({ findings: 'Зейін тұрақсыз' }).expect(201);

    const page = await signedInAt(web, head.username, `/assessments/${draft.id}`);
    await page.getByRole('button', { name: kk('assessments:sign.button') }).waitFor();
    // Meanwhile the specialist adds a recommendation the head has not read.
    const version = (await assessment(web, specialist, draft.id)).version as number;
    await web.t.http.patch(`/api/v1/assessments/${draft.id}`).set(await specialist.auth()).set('If-Match', `"${version}"`).send({ recommendations: { social: 'Әлеуметтік көмек' } }).expect(200);

    await page.getByRole('button', { name: kk('assessments:sign.button') }).click();
    await page.getByRole('dialog').getByRole('button', { name: kk('assessments:sign.confirm'), exact: true }).click();
    const catalogue = (await (await fetch(`${web.baseUrl}/api/v1/reference/error-codes`)).json()) as { code: string; title: { kk: string } }[];
    await page.getByRole('alert').filter({ hasText: catalogue.find((entry) => entry.code === 'VERSION_CONFLICT')!.title.kk }).waitFor();
    expect((await assessment(web, head, draft.id)).status).toBe('draft');
    // The draft on screen is now the one the specialist saved.
    await page.getByText('Әлеуметтік көмек').waitFor();
    await page.context().close();
  });

  it('tells another PMPC that the draft is not found or not theirs', async () => {
    const admin = await asAdmin(web.t);
    const outsider = await newCaseWorker(web.t, admin, 'pmpc', ['pmpc_specialist']);
    const other = await newChild(web.t, specialist, { lastName: 'Бекова', firstName: 'Дана', birthDate: '2017-04-21' });
    await grantAssessmentConsent(web.t, specialist, other);
    const draft = await openAssessment(web.t, specialist, other.id);
    const page = await signedInAt(web, outsider.username, `/assessments/${draft.id}`);
    await page.getByRole('heading', { name: kk('assessments:notFound.title') }).waitFor();
    const catalogue = (await (await fetch(`${web.baseUrl}/api/v1/reference/error-codes`)).json()) as { code: string; title: { kk: string } }[];
    expect(await page.getByRole('alert').textContent()).toBe(catalogue.find((entry) => entry.code === 'NOT_FOUND')!.title.kk);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.context().close();
  });
});
