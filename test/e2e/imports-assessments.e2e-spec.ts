import ExcelJS from 'exceljs';
import { ImportsService } from '@qoldau/imports';
import { grantAssessmentConsent } from '../support/assessments';
import { CaseWorker, makeIin, newCaseWorker, newChild, withWrongCheckDigit } from '../support/children';
import { asAdmin, newOrganization } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Issue 18: POST /imports/assessments — a PMPC's register of signed conclusions, each row opened and
 * signed on its day through ConclusionRecordsService (libs/assessments: AssessmentsService.open and
 * SigningService.sign), keyed by child + PMPC + the day of signing. Also the children file's
 * `sen_categories` (a conclusion from a PMPC head's children row; anyone else's row is FORBIDDEN).
 */
const API = '/api/v1';
const HEADER = 'child_iin,assessed_on,no_sen,sen_categories,programme,education_form,special_conditions,review_on';

describe('imports: PMPC conclusions', () => {
  let t: TestApp;
  let head: CaseWorker;
  let specialist: CaseWorker;
  let school: CaseWorker;
  const iins: string[] = [];
  let noConsent: string;
  let stranger: string;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-25T06:00:00Z' });
    const admin = await asAdmin(t);
    const pmpc = await newOrganization(t, admin, { type: 'pmpc', externalId: 'PMPC-1' });
    head = await newCaseWorker(t, admin, 'pmpc', ['pmpc_head'], undefined, pmpc.id);
    specialist = await newCaseWorker(t, admin, 'pmpc', ['pmpc_specialist'], undefined, pmpc.id);
    school = await newCaseWorker(t, admin, 'school', ['school_coordinator']);
    for (let i = 0; i < 4; i++) {
      const child = await newChild(t, specialist, { birthDate: `2017-0${i + 1}-1${i}`, sex: i % 2 ? 'male' : 'female' });
      await grantAssessmentConsent(t, specialist, child);
      iins.push(child.identity.iin as string);
    }
    noConsent = (await newChild(t, specialist, { birthDate: '2017-08-08' })).identity.iin as string;
    stranger = (await newChild(t, school, { birthDate: '2016-09-09' })).identity.iin as string;
  });
  afterAll(() => t.close());

  const upload = (auth: Record<string, string>, content: Buffer | string, name = 'conclusions.csv', dryRun = false, kind = 'assessments') =>
    t.http.post(`${API}/imports/${kind}${dryRun ? '?dryRun=true' : ''}`).set(auth).attach('file', Buffer.from(content), name);
  const applyJob = () => t.app.get(ImportsService).applyPending();
  const view = async (id: string, as = head) => (await t.http.get(`${API}/imports/${id}`).set(await as.auth()).expect(200)).body;
  const count = async (sql: string, params: unknown[] = []) => (await t.db.query(sql, params))[0].n as number;
  const rowCodes = (rows: { rowNumber: number; errors: { code: string; field: string | null }[] }[]) =>
    Object.fromEntries(rows.filter((r) => r.errors.length).map((r) => [r.rowNumber, r.errors.map((e) => `${e.field}:${e.code}`)]));
  const outcomes = (rows: { rowNumber: number; outcome: string }[]) => rows.map((r) => r.outcome);

  // Rows 2–4 good (row 4's review date has passed, but it was within 3 years of the day it was signed); every other row fails with one code.
  const file = () => [
    HEADER,
    `${iins[0]},2026-03-10,,speech;delayed_development,adapted,inclusive_class,speech_therapist;tutor,2027-03-10`,
    `${iins[1]},05.05.2026,да,,,,,2027-05-05`,
    `${iins[2]},2025-02-03,,hearing,special,special_class,sign_interpreter,2026-02-03`,
    `${iins[3]},2026-04-01,,intellectual,adapted,inclusive_class,,2027-04-01`,
    `${iins[3]},2026-04-01,,speech,adapted,circus_class,,2027-04-01`,
    `${iins[3]},2026-04-01,,speech,adapted,inclusive_class,juggler,2027-04-01`,
    `${iins[3]},2026-04-01,,speech,adapted,inclusive_class,,2026-03-01`,
    `${noConsent},2026-04-01,,speech,adapted,inclusive_class,,2027-04-01`,
    `${stranger},2026-04-01,,speech,adapted,inclusive_class,,2027-04-01`,
    `${withWrongCheckDigit(iins[3])},2026-04-01,,speech,adapted,inclusive_class,,2027-04-01`,
    `${iins[3]},2026-12-20,,speech,adapted,inclusive_class,,2027-04-01`,
    `${iins[3]},2026-04-01,,speech,,inclusive_class,,2027-04-01`,
    `${iins[3]},2026-04-01,,intellectual_mild;intellectual_moderate,adapted,inclusive_class,,2027-04-01`,
    `${iins[3]},2026-04-01,,speech,magic,inclusive_class,,2027-04-01`,
    `${iins[3]},,,speech,adapted,inclusive_class,,2027-04-01`,
  ].join('\n');
  const EXPECTED_ERRORS = {
    5: ['sen_categories:UNKNOWN_SEN_CATEGORY'], 6: ['education_form:UNKNOWN_FORM_OF_EDUCATION'], 7: ['special_conditions:UNKNOWN_SPECIAL_CONDITION'],
    8: ['review_on:REVIEW_DATE_OUT_OF_RANGE'], 9: ['consents:CONSENT_REQUIRED'], 10: ['child_iin:UNKNOWN_CHILD'], 11: ['child_iin:IIN_INVALID'],
    12: ['assessed_on:DATE_IN_FUTURE'], 13: ['programme:REQUIRED'], 14: ['sen_categories:CONFLICTING_SEN_CATEGORIES'],
    15: ['programme:NOT_ALLOWED_VALUE'], 16: ['assessed_on:REQUIRED'],
  };

  it('only a PMPC head imports conclusions: 403 for a PMPC specialist and a school', async () => {
    await upload(await specialist.auth(), file()).expect(403);
    await upload(await school.auth(), file()).expect(403);
  });

  it('a dry run reports every row code and writes nothing', async () => {
    const res = await upload(await head.auth(), file(), 'conclusions.csv', true).expect(200);
    expect(res.body).toMatchObject({ kind: 'assessments', rowsTotal: 15, created: 3, failed: 12 });
    expect(rowCodes(res.body.rows)).toEqual(EXPECTED_ERRORS);
    expect(await count(`SELECT count(*)::int AS n FROM assessments`)).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM imports`)).toBe(0);
  });

  let importId: string;
  it('a real run signs the good rows on their own days, with the timeline and one audit event per batch', async () => {
    const res = await upload(await head.auth(), file()).expect(202);
    importId = res.body.id;
    await applyJob();
    const body = await view(importId);
    expect(body).toMatchObject({ status: 'done', rowsDone: 15, created: 3, failed: 12 });
    expect(rowCodes(body.rows)).toEqual(EXPECTED_ERRORS);
    const signed = await t.db.query(
      `SELECT c.iin, a.status, a.no_sen, a.sen_categories, a.programme, a.form_of_education, a.special_conditions, a.review_date::text AS review,
              to_char((a.signed_at AT TIME ZONE 'UTC') + interval '5 hours', 'YYYY-MM-DD') AS signed, a.signed_by = $1 AS by_head
         FROM assessments a JOIN children c ON c.id = a.child_id ORDER BY a.signed_at`, [head.userId]);
    expect(signed).toEqual([
      { iin: iins[2], status: 'signed', no_sen: false, sen_categories: ['hearing'], programme: 'special', form_of_education: 'special_class', special_conditions: ['sign_interpreter'], review: '2026-02-03', signed: '2025-02-03', by_head: true },
      { iin: iins[0], status: 'signed', no_sen: false, sen_categories: ['speech', 'delayed_development'], programme: 'adapted', form_of_education: 'inclusive_class', special_conditions: ['speech_therapist', 'tutor'], review: '2027-03-10', signed: '2026-03-10', by_head: true },
      { iin: iins[1], status: 'signed', no_sen: true, sen_categories: [], programme: null, form_of_education: null, special_conditions: [], review: '2027-05-05', signed: '2026-05-05', by_head: true },
    ]);
    const childId = (await t.db.query(`SELECT id FROM children WHERE iin = $1`, [iins[0]]))[0].id;
    const case_ = await t.http.get(`${API}/children/${childId}`).set(await specialist.auth()).expect(200);
    expect(case_.body.assessments).toEqual([expect.objectContaining({ status: 'signed', senCategories: ['speech', 'delayed_development'] })]);
    expect(await count(`SELECT count(*)::int AS n FROM timeline_entries WHERE kind = 'assessment.signed'`)).toBe(3);
    const events = await t.db.query(`SELECT changes FROM audit_events WHERE action = 'import.assessments'`);
    expect(events).toHaveLength(1);
    expect(events[0].changes.fields.rows.to).toHaveLength(15);
  });

  it('the same file again is the earlier import and changes nothing', async () => {
    expect((await upload(await head.auth(), file(), 'again.csv').expect(200)).body.id).toBe(importId);
    expect(await count(`SELECT count(*)::int AS n FROM assessments`)).toBe(3);
  });

  it('a corrected file: the same conclusion is unchanged, a differing one ASSESSMENT_SIGNED, a later one supersedes, an earlier one is refused', async () => {
    const corrected = [
      HEADER,
      `${iins[0]},2026-03-10,,delayed_development;speech,adapted,inclusive_class,tutor;speech_therapist,2027-03-10`,
      `${iins[1]},2026-05-05,да,,,,,2027-06-05`,
      `${iins[2]},2026-04-01,,hearing,adapted,inclusive_class,sign_interpreter,2027-04-01`,
      `${iins[2]},2024-12-01,,hearing,special,special_class,,2025-12-01`,
      `${iins[3]},2026-04-01,,speech,adapted,inclusive_class,,2027-04-01`,
    ].join('\n');
    const res = await upload(await head.auth(), corrected, 'fixed.csv').expect(202);
    await applyJob();
    const body = await view(res.body.id);
    expect(outcomes(body.rows)).toEqual(['unchanged', 'error', 'created', 'error', 'created']);
    expect(rowCodes(body.rows)).toEqual({ 3: ['null:ASSESSMENT_SIGNED'], 5: ['null:NEWER_CONCLUSION_EXISTS'] });
    const history = await t.db.query(
      `SELECT a.status, to_char((a.signed_at AT TIME ZONE 'UTC') + interval '5 hours', 'YYYY-MM-DD') AS signed
         FROM assessments a JOIN children c ON c.id = a.child_id WHERE c.iin = $1 ORDER BY a.signed_at`, [iins[2]]);
    expect(history).toEqual([{ status: 'superseded', signed: '2025-02-03' }, { status: 'signed', signed: '2026-04-01' }]);
  });

  it('reads XLSX with Russian headers and date cells', async () => {
    const child = await newChild(t, specialist, { birthDate: '2016-10-10' });
    await grantAssessmentConsent(t, specialist, child);
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Заключения');
    sheet.addRow(['ИИН ребёнка', 'Дата заключения', 'Категории ООП', 'Программа', 'Рекомендуемая форма обучения', 'Дата пересмотра']);
    sheet.addRow([child.identity.iin, new Date(Date.UTC(2026, 8, 15)), 'autism_spectrum', 'individual', 'home_schooling', new Date(Date.UTC(2027, 8, 15))]);
    const res = await upload(await head.auth(), Buffer.from(await book.xlsx.writeBuffer()), 'conclusions.xlsx').expect(202);
    await applyJob();
    expect(await view(res.body.id)).toMatchObject({ created: 1, failed: 0 });
    const [row] = await t.db.query(
      `SELECT a.review_date::text AS review, to_char((a.signed_at AT TIME ZONE 'UTC') + interval '5 hours', 'YYYY-MM-DD') AS signed FROM assessments a WHERE a.child_id = $1`, [child.id]);
    expect(row).toEqual({ review: '2027-09-15', signed: '2026-09-15' });
  });

  describe('the children file\'s sen_categories', () => {
    const CHILD_HEADER = 'iin,last_name,first_name,birth_date,sex,kato,guardian_iin,guardian_name,guardian_relation,consent_assessment,confirm_new,sen_categories,programme,education_form,assessed_on,review_on';
    const row = (iin: string, birth: string) =>
      `${iin},Омаров,Ернар,${birth},male,310000000,${makeIin('1986-02-02', 'female')},Омарова Дана,mother,да,да,speech,adapted,inclusive_class,2026-10-01,2027-10-01`;

    it('from a PMPC head registers the child with its assessment consent and signs the conclusion; identical again is unchanged', async () => {
      const iin = makeIin('2018-11-11', 'male');
      const content = [CHILD_HEADER, row(iin, '2018-11-11')].join('\n');
      const res = await upload(await head.auth(), content, 'children.csv', false, 'children').expect(202);
      await applyJob();
      expect(await view(res.body.id)).toMatchObject({ created: 1, failed: 0 });
      const [conclusion] = await t.db.query(
        `SELECT a.status, a.sen_categories, to_char((a.signed_at AT TIME ZONE 'UTC') + interval '5 hours', 'YYYY-MM-DD') AS signed
           FROM assessments a JOIN children c ON c.id = a.child_id WHERE c.iin = $1`, [iin]);
      expect(conclusion).toEqual({ status: 'signed', sen_categories: ['speech'], signed: '2026-10-01' });
      const again = await upload(await head.auth(), `${content}\n`, 'children-again.csv', false, 'children').expect(202);
      await applyJob();
      expect(outcomes((await view(again.body.id)).rows)).toEqual(['unchanged']);
    });

    it('from a school is a FORBIDDEN row, and nothing of it is registered', async () => {
      const iin = makeIin('2018-12-12', 'male');
      const res = await upload(await school.auth(), [CHILD_HEADER, row(iin, '2018-12-12')].join('\n'), 'children.csv', true, 'children').expect(200);
      expect(rowCodes(res.body.rows)).toEqual({ 2: ['null:FORBIDDEN'] });
      expect(await count(`SELECT count(*)::int AS n FROM children WHERE iin = $1`, [iin])).toBe(0);
    });
  });
});
