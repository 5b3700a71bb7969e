import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { almatyDate, formatDate } from '../../apps/web/src/features/cases/dates';
import { pdfText } from '../support/assessments';
import { type CaseWorker, makeIin } from '../support/children';
import { DEFAULT_PASSWORD, newOrganization, newUser, ZHAMBYL } from '../support/factories';
import { admin } from '../support/referrals';
import {
  accessibilityViolations, confirmReferralAction, type Language, newPage, pickOption, pressReferralAction, referenceLabels, referralStatusShown, screenshot, signIn,
  startWebTest, tr, type WebTest,
} from './browser';

/**
 * The core loop of issue 14, end to end through the screens and nothing else, once in Kazakh and once
 * in Russian: a PMPC specialist registers a child, records the guardian's consents and opens an
 * assessment; the commission confirms; the head signs and downloads the conclusion; the child is
 * referred to a correction room, which accepts, starts, logs a session and completes the service.
 * The API is only read, to check that what the screens said happened did.
 */
const PEOPLE = {
  kk: { specialist: 'Нұрланова Әсем Болатқызы', head: 'Жақсылықов Ерлан Маратұлы', teacher: 'Серікова Гүлнар Әсетқызы', child: ['Бекенова', 'Айым', 'Талғатқызы'], mother: 'Бекенова Жанар Серікқызы', region: 'Жамбыл облысы' },
  ru: { specialist: 'Иванова Ольга Петровна', head: 'Ахметов Ерлан Маратович', teacher: 'Ким Светлана Игоревна', child: ['Ли', 'Артём', 'Сергеевич'], mother: 'Ли Наталья Викторовна', region: 'Жамбылская область' },
} as const;

/** A date a year from today in Kazakhstan (YYYY-MM-DD): a review date the server accepts. */
function nextYear(): string {
  const [y, m, d] = almatyDate(new Date()).split('-').map(Number);
  return new Date(Date.UTC(y + 1, m - 1, d)).toISOString().slice(0, 10);
}

describe.each(['kk', 'ru'] as const)('the journey from registration to a completed service, in %s', (language: Language) => {
  const t = (key: string, values?: Record<string, string | number>) => tr(language, key, values);
  const people = PEOPLE[language as 'kk' | 'ru'];
  const childName = people.child.join(' ');
  let web: WebTest;
  let specialist: CaseWorker;
  let head: CaseWorker;
  let teacher: CaseWorker;
  let roomName: string;

  beforeAll(async () => {
    web = await startWebTest();
    const national = await admin(web.t);
    const pmpc = await newOrganization(web.t, national, { type: 'pmpc', kato: ZHAMBYL, nameKk: 'Тараз қаласының №2 ПМПК', nameRu: 'ПМПК №2 города Тараз' });
    const room = await newOrganization(web.t, national, {
      type: 'correction_room', kato: ZHAMBYL, nameKk: '«Балбөбек» түзету кабинеті', nameRu: 'Кабинет коррекции «Балбобек»', capacity: 5, stateOrderPlaces: 5,
    });
    roomName = language === 'ru' ? 'Кабинет коррекции «Балбобек»' : '«Балбөбек» түзету кабинеті';
    // Named people (the commission picker lists them by name), each working in the journey's language.
    specialist = await named(web, national, pmpc.id, 'pmpc_specialist', people.specialist, language);
    head = await named(web, national, pmpc.id, 'pmpc_head', people.head, language);
    teacher = await named(web, national, room.id, 'correction_specialist', people.teacher, language);
  });
  afterAll(() => web.close());

  async function signedIn(who: CaseWorker, path?: string): Promise<Page> {
    const page = await newPage(web, language);
    await signIn(web, page, who.username, DEFAULT_PASSWORD, language);
    if (path) await page.goto(`${web.baseUrl}${path}`);
    return page;
  }

  it('walks the whole loop through the screens', async () => {
    const iin = makeIin('2018-04-17', language === 'ru' ? 'male' : 'female');
    const sen = await referenceLabels(web, 'sen-categories', language);
    const forms = await referenceLabels(web, 'education-forms', language);
    const services = (await web.t.http.get('/api/v1/referrals/service-types').set('Accept-Language', language).set(await specialist.auth()).expect(200)).body as { code: string; label: string }[];

    // ── The PMPC specialist searches, then registers the child with the mother as legal representative.
    const page = await signedIn(specialist);
    await page.getByRole('navigation').getByRole('link', { name: t('common:findChild') }).click();
    const search = page.getByLabel(t('children:searchLabel'));
    await search.fill(iin);
    await search.press('Enter');
    await page.getByText(t('children:noResults', { term: iin })).waitFor();
    await page.getByRole('button', { name: t('children:registerChild') }).click();
    await page.getByRole('heading', { name: t('children:registerTitle') }).waitFor();
    // The IIN searched for comes along, and with it the date of birth (children.browser-spec checks the details).
    await page.locator('input[value="17.04.2018"]').waitFor();
    await page.getByLabel(t('children:lastName'), { exact: true }).fill(people.child[0]);
    await page.getByLabel(t('children:firstName'), { exact: true }).fill(people.child[1]);
    await page.getByLabel(t('children:patronymic'), { exact: true }).fill(people.child[2]);
    await pickOption(page, t('children:region'), people.region);
    await page.getByLabel(t('children:guardianFullName'), { exact: true }).fill(people.mother);
    await pickOption(page, t('children:relation'), t('children:relations.mother'));
    // In Kazakh the mother's consents are ticked on the registration form (the paper signed at the
    // first visit); in Russian they are recorded on the case page afterwards. Both ways are the journey.
    const atRegistration = language === 'kk';
    if (atRegistration) {
      for (const kind of ['assessment', 'services']) await page.getByRole('checkbox', { name: t(`children:consentChoice.${kind}`) }).check();
    }
    await page.getByRole('button', { name: t('children:submit'), exact: true }).click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    const childId = page.url().split('/cases/')[1];

    // ── The mother's consents to the assessment and to services, in force on the case.
    await page.getByRole('tab', { name: t('cases:tabs.consents') }).click();
    for (const kind of ['assessment', 'services']) {
      if (!atRegistration) {
        await page.getByRole('button', { name: t('cases:consent.record') }).click();
        await pickOption(page, t('cases:consent.kind'), t(`cases:consentKind.${kind}`));
        await page.getByRole('button', { name: t('cases:consent.save'), exact: true }).click();
      }
      await page.getByRole('row').filter({ hasText: t(`cases:consentKind.${kind}`) }).getByText(t('cases:consent.active')).waitFor();
    }
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, `case-consents-${language}`);

    // ── An assessment opened from the case, filled in with the reference lists, saved, confirmed.
    await page.getByRole('tab', { name: t('cases:tabs.assessments') }).click();
    await page.getByRole('button', { name: t('cases:assessment.open') }).click();
    await page.waitForURL(/\/assessments\/[0-9a-f-]{36}$/);
    const assessmentId = page.url().split('/').pop()!;
    await pickOption(page, t('assessments:form.senCategories'), sen.get('speech')!, { multiple: true });
    await pickOption(page, t('assessments:form.programme'), t('cases:programme.adapted'));
    await pickOption(page, t('assessments:form.formOfEducation'), forms.get('inclusive_class')!);
    await page.getByLabel(t('assessments:form.recommendationFor.education')).fill(language === 'ru' ? 'Занятия с логопедом дважды в неделю' : 'Логопедпен аптасына екі рет');
    const reviewDate = page.getByLabel(t('assessments:form.reviewDate'));
    await reviewDate.fill(formatDate(nextYear()));
    await reviewDate.press('Tab');
    for (const [number, who, specialty] of [[1, people.specialist, 'speech_therapist'], [2, people.head, 'psychologist']] as const) {
      await page.getByRole('button', { name: t('assessments:form.addMember') }).click();
      await pickOption(page, t('assessments:form.member', { number }), who);
      await pickOption(page, t('assessments:form.memberSpecialty', { number }), t(`cases:specialty.${specialty}`));
    }
    await page.getByRole('button', { name: t('assessments:form.save') }).click();
    await page.getByText(t('assessments:form.saved')).waitFor();
    await page.getByLabel(t('assessments:commission.yourFindings')).fill(language === 'ru' ? 'Общее недоразвитие речи, III уровень' : 'Сөйлеу тілінің жалпы дамымауы, III деңгей');
    await page.getByRole('button', { name: t('assessments:commission.confirm') }).click();
    await page.getByText(t('assessments:commission.confirmed')).waitFor();
    await page.context().close();

    // ── The head confirms their own findings, signs through the dialog and downloads the conclusion.
    const headPage = await signedIn(head, `/assessments/${assessmentId}`);
    await headPage.getByLabel(t('assessments:commission.yourFindings')).fill(language === 'ru' ? 'Внимание неустойчивое' : 'Зейін тұрақсыз');
    await headPage.getByRole('button', { name: t('assessments:commission.confirm') }).click();
    await headPage.getByText(t('assessments:commission.confirmed')).waitFor();
    await headPage.getByRole('button', { name: t('assessments:sign.button') }).click();
    await headPage.getByRole('dialog').getByRole('button', { name: t('assessments:sign.confirm'), exact: true }).click();
    await headPage.getByRole('heading', { name: `${t('assessments:conclusionTitle')}: ${childName}` }).waitFor();
    const pdfLanguage = language === 'ru' ? 'ru' : 'kk';
    const [download] = await Promise.all([headPage.waitForEvent('download'), headPage.getByRole('button', { name: t(`assessments:pdf.${pdfLanguage}`) }).click()]);
    const pdf = await readFile((await download.path())!);
    expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');
    expect((await pdfText(pdf)).replace(/\s+/g, ' ')).toContain(people.child[0]);

    // ── The head refers the child from the case to the correction room, with the signed conclusion.
    await headPage.goto(`${web.baseUrl}/cases/${childId}?tab=referrals`);
    await headPage.getByRole('link', { name: t('cases:referral.refer') }).click();
    await pickOption(headPage, t('referrals:refer.serviceType'), services.find((s) => s.code === 'speech_therapy')!.label);
    await headPage.getByRole('radio', { name: roomName }).check();
    await headPage.getByLabel(t('referrals:refer.reason')).fill(language === 'ru' ? 'Нарушение звукопроизношения' : 'Дыбыстарды айтуы бұзылған');
    expect(await headPage.getByRole('checkbox', { name: /\d\d\.\d\d\.\d{4}/ }).isChecked()).toBe(true);
    await headPage.getByRole('button', { name: t('referrals:refer.send') }).click();
    await headPage.waitForURL(/\/referrals\/[0-9a-f-]{36}$/);
    const referralId = headPage.url().split('/').pop()!;
    await referralStatusShown(headPage, language, 'sent');
    await headPage.context().close();

    // ── The correction room finds it among its incoming referrals, accepts, starts, logs, completes.
    const roomPage = await signedIn(teacher);
    await roomPage.getByRole('navigation').getByRole('link', { name: t('common:referrals') }).click();
    await roomPage.getByRole('row').filter({ hasText: childName }).getByRole('link').first().click();
    await roomPage.waitForURL(`**/referrals/${referralId}`);
    await pressReferralAction(roomPage, language, 'accept');
    await referralStatusShown(roomPage, language, 'accepted');
    await pressReferralAction(roomPage, language, 'start');
    await confirmReferralAction(roomPage, language, 'start');
    await referralStatusShown(roomPage, language, 'in_progress');
    await roomPage.getByLabel(t('referrals:sessions.durationMinutes')).fill('45');
    await roomPage.getByRole('button', { name: t('referrals:sessions.log') }).click();
    await roomPage.getByRole('cell', { name: t('referrals:sessions.minutes', { count: 45 }) }).waitFor();
    await pressReferralAction(roomPage, language, 'complete');
    await pickOption(roomPage, t('referrals:actions.outcome'), t('referrals:outcome.goals_met'));
    await confirmReferralAction(roomPage, language, 'complete');
    await referralStatusShown(roomPage, language, 'completed');
    expect(await accessibilityViolations(roomPage)).toEqual([]);
    await roomPage.context().close();

    // ── What the screens said happened, did.
    const referral = (await web.t.http.get(`/api/v1/referrals/${referralId}`).set(await head.auth()).expect(200)).body;
    expect(referral).toMatchObject({
      status: 'completed', childId, toOrgId: teacher.orgId, serviceType: 'speech_therapy', assessmentId,
      episode: { sessions: 1, attendedSessions: 1, outcome: 'goals_met' },
    });
    const conclusion = (await web.t.http.get(`/api/v1/assessments/${assessmentId}`).set(await head.auth()).expect(200)).body;
    expect(conclusion).toMatchObject({ status: 'signed', senCategories: ['speech'], programme: 'adapted', formOfEducation: 'inclusive_class', signedBy: { fullName: people.head } });
    const consents = await web.t.db.query(`SELECT kind FROM consents WHERE child_id = $1 AND withdrawn_at IS NULL ORDER BY kind`, [childId]);
    expect(consents.map((c: { kind: string }) => c.kind)).toEqual(['assessment', 'services']);
  }, 240_000);
});

/** A signed-in user of `orgId` with a name of their own and `language` as their language. */
async function named(web: WebTest, as: Awaited<ReturnType<typeof admin>>, orgId: string, role: string, fullName: string, language: Language): Promise<CaseWorker> {
  const user = await newUser(web.t, as, orgId, [role], { fullName, locale: language });
  const session = await user.session();
  return { orgId, userId: user.id, username: user.username, auth: async () => ({ Authorization: `Bearer ${session.token}` }) };
}
