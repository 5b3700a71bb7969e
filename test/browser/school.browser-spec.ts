import type { Page } from 'playwright-core';
import { TransitionsJobService } from '@qoldau/placements';
import { almatyDate, formatDate } from '../../apps/web/src/features/cases/dates';
import { signedConclusion } from '../support/assessments';
import { type CaseWorker, makeIin, newChild } from '../support/children';
import { DEFAULT_PASSWORD, newOrganization, newUser, ZHAMBYL } from '../support/factories';
import { admin, grantConsent, sentReferral } from '../support/referrals';
import {
  accessibilityViolations, type Language, newPage, pickOption, pressReferralAction, referenceLabels, referralStatusShown, screenshot, settled, signIn, startWebTest, tr, type WebTest,
} from './browser';

/**
 * The school coordinator's screens (issue 19), through the screens and nothing else: a family brings a
 * child with a signed PMPC conclusion (inclusive class, a speech therapist) to school №12, which enrols
 * it into a special class without the speech therapist and sees both warnings inline; it activates the
 * placement, writes the support plan and records a review; then transfers the child to school №5,
 * where the plan has followed the child. The daily transitions job then puts the plan's review into
 * the new school's worklist, and a child turning 6 without a school into the PMPC's (in Russian).
 */
const SCHOOL_A = { kk: '№12 мектеп-гимназия', ru: 'Школа-гимназия №12' };
const SCHOOL_B = { kk: '№5 жалпы білім беретін мектеп', ru: 'Общеобразовательная школа №5' };
const CHILD = { lastName: 'Омарова', firstName: 'Дана', patronymic: 'Ерланқызы', birthDate: '2017-03-09' };
const MOTHER_IIN = makeIin('1989-06-21', 'female');
const GOAL = { area: 'Сөйлеу', description: 'Қысқа мәтінді көмекпен дауыстап оқиды', criterion: 'Бес сөйлемді бір ғана көмекпен оқиды, қатарынан 3 сабақта' };

/** YYYY-MM-DD `days` after today in Kazakhstan (the browser's and the server's today: both run on the real clock). */
function inDays(days: number): string {
  const [y, m, d] = almatyDate(new Date()).split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Types a date into an antd DatePicker labelled `label`, as DD.MM.YYYY, and leaves the field. */
async function typeDate(page: Page, label: string, date: string): Promise<void> {
  const field = page.getByLabel(label, { exact: true });
  await field.fill(formatDate(date));
  await field.press('Tab');
  await settled(page);
}

describe('the school coordinator: enrol with a warning, plan, review, transfer — the plan follows the child', () => {
  let web: WebTest;
  let coordinatorA: CaseWorker;
  let coordinatorB: CaseWorker;
  let specialist: CaseWorker;
  let head: CaseWorker;
  let childId: string;
  let childIin: string;

  beforeAll(async () => {
    web = await startWebTest();
    const national = await admin(web.t);
    const pmpc = await newOrganization(web.t, national, { type: 'pmpc', kato: ZHAMBYL, nameKk: 'Тараз қаласының №3 ПМПК', nameRu: 'ПМПК №3 города Тараз' });
    const schoolA = await newOrganization(web.t, national, { type: 'school', kato: ZHAMBYL, nameKk: SCHOOL_A.kk, nameRu: SCHOOL_A.ru, supportRooms: 1 });
    const schoolB = await newOrganization(web.t, national, { type: 'school', kato: ZHAMBYL, nameKk: SCHOOL_B.kk, nameRu: SCHOOL_B.ru, supportRooms: 1 });
    specialist = await named(web, pmpc.id, 'pmpc_specialist', 'Иванова Ольга Петровна', 'ru');
    head = await named(web, pmpc.id, 'pmpc_head', 'Жақсылықов Ерлан Маратұлы', 'kk');
    coordinatorA = await named(web, schoolA.id, 'school_coordinator', 'Серікова Гүлнар Әсетқызы', 'kk');
    coordinatorB = await named(web, schoolB.id, 'school_coordinator', 'Нұрланова Әсем Болатқызы', 'kk');
    // The PMPC registered the child and signed its conclusion: an inclusive class with a speech therapist.
    const child = await newChild(web.t, specialist, {
      ...CHILD,
      guardians: [{ iin: MOTHER_IIN, fullName: 'Омарова Сәуле Бекқызы', relation: 'mother', phone: '+77017654321' }],
    });
    childId = child.id;
    childIin = child.identity.iin!;
    await signedConclusion(web.t, { child, specialist, head, draft: { formOfEducation: 'inclusive_class', specialConditions: ['speech_therapist'] } });
  });
  afterAll(() => web.close());

  async function signedIn(who: CaseWorker, language: Language = 'kk'): Promise<Page> {
    const page = await newPage(web, language);
    await signIn(web, page, who.username, DEFAULT_PASSWORD, language);
    return page;
  }

  it('enrols with the mismatch shown inline, activates, writes the plan, reviews it, transfers; the new school sees the plan', async () => {
    const t = (key: string, values?: Record<string, string | number>) => tr('kk', key, values);
    const forms = await referenceLabels(web, 'education-forms', 'kk');
    const conditions = await referenceLabels(web, 'special-conditions', 'kk');
    const services = (await web.t.http.get('/api/v1/referrals/service-types').set('Accept-Language', 'kk').set(await coordinatorA.auth()).expect(200)).body as { code: string; label: string }[];
    const childName = `${CHILD.lastName} ${CHILD.firstName} ${CHILD.patronymic}`;

    // ── School №12: the placements from the menu, then "enrol a child" with the mother's application.
    const page = await signedIn(coordinatorA);
    await page.getByRole('navigation').getByRole('link', { name: t('common:placements') }).click();
    await page.getByRole('heading', { name: t('placements:roster.title') }).waitFor();
    await page.getByRole('link', { name: t('placements:enrol.open') }).click();
    await page.getByRole('heading', { name: t('placements:enrol.title') }).waitFor();
    await page.getByLabel(t('placements:enrol.iin')).fill(childIin);
    await typeDate(page, t('placements:enrol.birthDate'), CHILD.birthDate);
    await page.getByLabel(t('placements:enrol.guardianName')).fill('Омарова Сәуле Бекқызы');
    await pickOption(page, t('placements:enrol.relation'), t('cases:relation.mother'));
    await page.getByLabel(t('placements:enrol.guardianIin')).fill(MOTHER_IIN);
    await page.getByLabel(t('placements:enrol.documentNumber')).fill('№ 148');
    // A special class, without the speech therapist the conclusion names: saved, with both warnings.
    await pickOption(page, t('placements:fields.form'), forms.get('special_class')!);
    await page.getByLabel(t('placements:fields.classLabel')).fill('3 «Б»');
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'school-enrol');
    await page.getByRole('button', { name: t('placements:enrol.submit'), exact: true }).click();
    await page.waitForURL(/\/placements\/[0-9a-f-]{36}$/);
    const placementId = page.url().split('/').pop()!;
    const warnings = page.locator('.placement-warnings');
    await warnings.getByText(t('placements:warnings.FORM_DIFFERS_FROM_CONCLUSION', { recommended: forms.get('inclusive_class')!, form: forms.get('special_class')! })).waitFor();
    await warnings.getByText(t('placements:warnings.CONDITION_NOT_PROVIDED', { condition: conditions.get('speech_therapist')! })).waitFor();
    await page.getByRole('heading', { name: t('placements:placement.titleOf', { name: childName }) }).waitFor();
    await page.locator('.placement-summary').getByText(t('placements:status.proposed'), { exact: true }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'school-placement-warnings');

    // ── Activated as it is: the activation says the same, the placement is active.
    await page.getByRole('group', { name: t('placements:actions.label') }).getByRole('button', { name: t('placements:actions.activate') }).click();
    await settled(page);
    await page.getByRole('dialog').getByRole('button', { name: t('placements:actions.activate') }).click();
    await page.locator('.placement-summary').getByText(t('placements:status.active'), { exact: true }).waitFor();
    await warnings.getByText(t('placements:warnings.CONDITION_NOT_PROVIDED', { condition: conditions.get('speech_therapist')! })).waitFor();

    // ── The support plan: a goal with its measure and target date, a service, the person responsible.
    await page.getByRole('link', { name: t('placements:plan.write') }).click();
    await page.getByRole('heading', { name: t('placements:plan.writeTitle') }).waitFor();
    await page.getByLabel(t('placements:plan.areaOf', { number: 1 })).fill(GOAL.area);
    await typeDate(page, t('placements:plan.targetDateOf', { number: 1 }), inDays(180));
    await page.getByLabel(t('placements:plan.goalOf', { number: 1 })).fill(GOAL.description);
    await page.getByLabel(t('placements:plan.criterionOf', { number: 1 })).fill(GOAL.criterion);
    await page.getByRole('button', { name: t('placements:plan.addService') }).click();
    await pickOption(page, t('placements:plan.serviceOf', { number: 1 }), services.find((s) => s.code === 'speech_therapy')!.label);
    await page.getByLabel(t('placements:plan.hoursOf', { number: 1 })).fill('2');
    await page.getByLabel(t('placements:plan.whereOf', { number: 1 })).fill('қолдау кабинеті');
    await page.getByLabel(t('placements:plan.staffNameOf', { number: 1 })).fill('Ахметова Айгүл');
    await page.getByLabel(t('placements:plan.staffRoleOf', { number: 1 })).fill('логопед');
    await typeDate(page, t('placements:plan.reviewDate'), inDays(90));
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'school-plan-editor');
    await page.getByRole('button', { name: t('placements:plan.save') }).click();
    await page.waitForURL(`**/placements/${placementId}`);
    await page.getByRole('cell', { name: GOAL.criterion }).waitFor();

    // ── A review: the goal is progressing; the next review in ten days.
    await page.getByRole('link', { name: t('placements:plan.reviewsAndHistory') }).click();
    await page.waitForURL(/\/support-plans\/[0-9a-f-]{36}$/);
    await pickOption(page, t('placements:review.progressOf', { number: 1 }), t('placements:progress.progressing'));
    await page.getByLabel(t('placements:review.noteOf', { number: 1 })).fill('Үш сөйлемді өздігінен оқиды');
    await typeDate(page, t('placements:review.nextReviewDate'), inDays(10));
    await page.getByRole('button', { name: t('placements:review.submit') }).click();
    await page.getByText(t('placements:review.saved')).waitFor();
    const review = page.getByRole('region', { name: t('placements:review.of', { date: formatDate(inDays(0)) }) });
    await review.getByText(t('placements:progress.progressing'), { exact: true }).waitFor();
    await review.getByRole('cell', { name: GOAL.description }).waitFor();
    // The history: written, then reviewed.
    await page.getByRole('cell', { name: t('placements:history.changes.reviewed') }).waitFor();
    await page.getByRole('cell', { name: t('placements:history.changes.created') }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'school-support-plan');

    // ── The roster: the child, not following the conclusion, with the plan and its review date.
    await page.getByRole('navigation').getByRole('link', { name: t('common:placements') }).click();
    await pickOption(page, t('placements:roster.provision'), t('placements:roster.notHonoured'));
    const row = page.getByRole('row').filter({ hasText: childName });
    await row.getByText(t('placements:provision.formDiffers')).waitFor();
    await row.getByText(t('placements:provision.missing', { condition: conditions.get('speech_therapist')! })).waitFor();
    await row.getByText(t('placements:provision.planUntil', { date: formatDate(inDays(10)) })).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'school-roster');

    // ── Transferred to school №5 from today: this placement ends as transferred.
    await row.getByRole('link', { name: childName }).click();
    await page.waitForURL(`**/placements/${placementId}`);
    await page.getByRole('group', { name: t('placements:actions.label') }).getByRole('button', { name: t('placements:actions.transfer') }).click();
    await settled(page);
    await pickOption(page, t('placements:fields.toOrg'), SCHOOL_B.kk);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'school-transfer-dialog', { fullPage: false });
    await page.getByRole('dialog').getByRole('button', { name: t('placements:actions.transfer') }).click();
    await page.locator('.placement-summary').getByText(t('placements:endedAs.transferred'), { exact: true }).waitFor();
    // The new school's placement keeps the special class without the therapist: said again.
    await warnings.getByText(t('placements:warnings.FORM_DIFFERS_FROM_CONCLUSION', { recommended: forms.get('inclusive_class')!, form: forms.get('special_class')! })).waitFor();
    await page.context().close();

    // ── School №5: the child is on its roster, active, and the plan came along with its goal and review.
    const pageB = await signedIn(coordinatorB);
    await pageB.goto(`${web.baseUrl}/placements`);
    const rowB = pageB.getByRole('row').filter({ hasText: childName });
    await rowB.getByText(t('placements:status.active'), { exact: true }).waitFor();
    await rowB.getByRole('link', { name: childName }).click();
    await pageB.getByText(t('placements:plan.carried')).first().waitFor();
    await pageB.getByRole('cell', { name: GOAL.criterion }).waitFor();
    await pageB.getByText(t('placements:placement.transferredFromText')).waitFor();
    expect(await accessibilityViolations(pageB)).toEqual([]);
    await screenshot(pageB, 'school-placement-transferred');
    await pageB.getByRole('link', { name: t('placements:plan.reviewsAndHistory') }).click();
    await pageB.getByRole('cell', { name: t('placements:history.changes.carried') }).waitFor();
    await pageB.getByText(t('placements:review.none')).waitFor();
    // The review was of the previous school's plan, which stays as it was, one link away.
    await pageB.getByRole('link', { name: t('placements:plan.previous') }).click();
    await pageB.getByRole('region', { name: t('placements:review.of', { date: formatDate(inDays(0)) }) }).getByText(t('placements:progress.progressing'), { exact: true }).waitFor();

    // ── The case page's placement section links to both placements.
    await pageB.goto(`${web.baseUrl}/cases/${childId}?tab=placements`);
    const placementLinks = pageB.getByRole('link', { name: t('placements:placement.open') });
    await placementLinks.nth(1).waitFor();
    expect(await placementLinks.count()).toBe(2);
    await pageB.getByText(t('placements:lifeStage.title')).waitFor();
    expect(await accessibilityViolations(pageB)).toEqual([]);
    await screenshot(pageB, 'school-case-placements');

    // ── The daily transitions job: the plan's review, ten days away, is in school №5's worklist.
    await web.t.app.get(TransitionsJobService).run();
    await pageB.goto(`${web.baseUrl}/`);
    await pageB.getByRole('link', { name: new RegExp(t('worklist:planReviewsDue')) }).click();
    await pageB.waitForURL('**/work/planReviewsDue');
    const item = pageB.getByRole('listitem').filter({ hasText: childName });
    await item.getByText(t('worklist:transitionKind.plan_review_due'), { exact: false }).waitFor();
    await item.getByText(t('worklist:reviewDue', { date: formatDate(inDays(10)) })).waitFor();
    expect(await accessibilityViolations(pageB)).toEqual([]);
    await screenshot(pageB, 'school-worklist-plan-reviews');

    // ── What the screens said happened, did.
    const ended = (await web.t.http.get(`/api/v1/placements/${placementId}`).set(await coordinatorA.auth()).expect(200)).body;
    expect(ended).toMatchObject({ status: 'ended', endedAs: 'transferred', form: 'special_class', classLabel: '3 «Б»', applicationDocument: '№ 148' });
    const current = (await web.t.http.get(`/api/v1/placements/${ended.transferredToId}`).set(await coordinatorB.auth()).expect(200)).body;
    expect(current).toMatchObject({ status: 'active', organization: { id: coordinatorB.orgId }, transferredFromId: placementId });
    expect(current.supportPlan).toMatchObject({ carriedFromId: ended.supportPlan.id, reviewDate: inDays(10), goals: [{ ...GOAL, targetDate: inDays(180) }] });
    const previous = (await web.t.http.get(`/api/v1/support-plans/${ended.supportPlan.id}`).set(await coordinatorB.auth()).expect(200)).body;
    expect(previous.reviews).toEqual([expect.objectContaining({ nextReviewDate: inDays(10), goals: [expect.objectContaining({ progress: 'progressing', goalId: current.supportPlan.goals[0].id })] })]);
    expect(previous.versions.map((v: { change: string }) => v.change)).toEqual(['created', 'reviewed']);
  }, 300_000);

  it('answers a school_placement referral with a placement: accept, place as the conclusion says, activate; the referral is completed', async () => {
    const t = (key: string, values?: Record<string, string | number>) => tr('kk', key, values);
    const referred = await newChild(web.t, specialist, { lastName: 'Сапарова', firstName: 'Томирис', patronymic: 'Бекұлы', birthDate: '2018-11-02' });
    await grantConsent(web.t, specialist, referred);
    await signedConclusion(web.t, { child: referred, specialist, head, draft: { formOfEducation: 'inclusive_class', specialConditions: ['speech_therapist'] } });
    const referral = await sentReferral(web.t, specialist, referred.id, coordinatorA.orgId, { serviceType: 'school_placement', reason: 'Инклюзивті сыныпқа орналастыру' });

    const page = await signedIn(coordinatorA);
    await page.goto(`${web.baseUrl}/referrals/${referral.id}`);
    await pressReferralAction(page, 'kk', 'accept');
    await referralStatusShown(page, 'kk', 'accepted');
    // The school places the child instead of starting a service.
    expect(await page.getByRole('group', { name: t('referrals:actions.label') }).getByRole('button', { name: t('referrals:actions.start') }).count()).toBe(0);
    await page.getByRole('link', { name: t('placements:placeChild') }).click();
    await page.getByText(t('placements:propose.fromReferral')).waitFor();
    // The school and what the conclusion recommends are filled in: nothing to warn about.
    await page.getByRole('button', { name: t('placements:propose.submit') }).click();
    await page.waitForURL(/\/placements\/[0-9a-f-]{36}$/);
    await page.locator('.placement-summary').getByText(t('placements:status.proposed'), { exact: true }).waitFor();
    await page.getByRole('group', { name: t('placements:actions.label') }).getByRole('button', { name: t('placements:actions.activate') }).click();
    await settled(page);
    await page.getByRole('dialog').getByRole('button', { name: t('placements:actions.activate') }).click();
    await page.locator('.placement-summary').getByText(t('placements:status.active'), { exact: true }).waitFor();
    expect(await page.locator('.placement-warnings').count()).toBe(0);
    await page.getByRole('link', { name: t('placements:placement.openReferral') }).click();
    await referralStatusShown(page, 'kk', 'completed');

    const completed = (await web.t.http.get(`/api/v1/referrals/${referral.id}`).set(await specialist.auth()).expect(200)).body;
    expect(completed).toMatchObject({ status: 'completed', episode: { outcome: 'placed' } });
  }, 180_000);

  it('in Russian: the PMPC\'s worklist lists a child turning 6 without a school', async () => {
    const t = (key: string, values?: Record<string, string | number>) => tr('ru', key, values);
    // Six by the coming 1 September, the first day of school: school entry is due, and the child has no school.
    const [year, month, day] = almatyDate(new Date()).split('-').map(Number);
    const entryYear = month > 9 || (month === 9 && day > 1) ? year + 1 : year;
    const preschooler = await newChild(web.t, specialist, { lastName: 'Ким', firstName: 'Тимур', patronymic: 'Олегович', birthDate: `${entryYear - 6}-03-10`, sex: 'male' });
    await signedConclusion(web.t, { child: preschooler, specialist, head });
    await web.t.app.get(TransitionsJobService).run();

    const page = await signedIn(specialist, 'ru');
    await page.getByRole('link', { name: new RegExp(t('worklist:transitionsDue')) }).click();
    await page.waitForURL('**/work/transitionsDue');
    const item = page.getByRole('listitem').filter({ hasText: 'Ким Тимур Олегович' });
    await item.getByText(t('worklist:transitionKind.school_entry_due'), { exact: false }).waitFor();
    await item.getByText(t('worklist:reviewDue', { date: formatDate(`${entryYear}-09-01`) })).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'school-worklist-transitions-ru');
  }, 120_000);
});

/** A signed-in user of `orgId` with a name of their own and `language` as their language. */
async function named(web: WebTest, orgId: string, role: string, fullName: string, language: Language): Promise<CaseWorker> {
  const user = await newUser(web.t, await admin(web.t), orgId, [role], { fullName, locale: language });
  const session = await user.session();
  return { orgId, userId: user.id, username: user.username, auth: async () => ({ Authorization: `Bearer ${session.token}` }) };
}
