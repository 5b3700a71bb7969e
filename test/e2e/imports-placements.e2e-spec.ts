import ExcelJS from 'exceljs';
import { ImportsService } from '@qoldau/imports';
import { CaseWorker, newCaseWorker, newChild, withWrongCheckDigit } from '../support/children';
import { asAdmin, bearer, newOrganization, Session } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Issue 18: POST /imports/placements — a school's list of its placements, each row proposed and
 * activated through the placements use cases, corrected by (child, school, first day). The job is
 * driven by calling its handler, as pg-boss would.
 */
const API = '/api/v1';
const HEADER = 'child_iin,org_external_id,form,class_label,started_on,ended_on,uses_support_room';

describe('imports: placements', () => {
  let t: TestApp;
  let admin: Session;
  let school: CaseWorker;
  let pmpc: CaseWorker;
  const iins: string[] = [];
  let stranger: string;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-25T06:00:00Z' });
    admin = await asAdmin(t);
    const org = await newOrganization(t, admin, { type: 'school', externalId: 'SCH-1' });
    await newOrganization(t, admin, { type: 'school', externalId: 'SCH-2' });
    school = await newCaseWorker(t, admin, 'school', ['school_coordinator'], undefined, org.id);
    pmpc = await newCaseWorker(t, admin, 'pmpc', ['pmpc_specialist']);
    for (const [i, birth] of ['2016-02-01', '2016-03-02', '2016-04-03', '2016-05-04', '2016-06-05'].entries()) {
      const child = await newChild(t, school, { birthDate: birth, sex: i % 2 ? 'male' : 'female' });
      iins.push(child.identity.iin as string);
    }
    stranger = (await newChild(t, pmpc, { birthDate: '2015-01-09' })).identity.iin as string;
  });
  afterAll(() => t.close());

  const upload = (auth: Record<string, string>, content: Buffer | string, name = 'placements.csv', dryRun = false) =>
    t.http.post(`${API}/imports/placements${dryRun ? '?dryRun=true' : ''}`).set(auth).attach('file', Buffer.from(content), name);
  const applyJob = () => t.app.get(ImportsService).applyPending();
  const count = async (sql: string, params: unknown[] = []) => (await t.db.query(sql, params))[0].n as number;
  const rowCodes = (rows: { rowNumber: number; errors: { code: string }[] }[]) =>
    Object.fromEntries(rows.filter((r) => r.errors.length).map((r) => [r.rowNumber, r.errors.map((e) => e.code)]));
  const outcomes = (rows: { rowNumber: number; outcome: string }[]) => Object.fromEntries(rows.map((r) => [r.rowNumber, r.outcome]));

  // Rows 2–3 good; every other row fails with one code.
  const file = () => [
    HEADER,
    `${iins[0]},SCH-1,inclusive_class,2 «А»,2026-09-01,,да`,
    `${iins[1]},SCH-1,special_class,3 «Б»,01.09.2026,,нет`,
    `${withWrongCheckDigit(iins[2])},SCH-1,inclusive_class,1,2026-09-01,,`,
    `${stranger},SCH-1,inclusive_class,1,2026-09-01,,`,
    `${iins[2]},NO-SUCH,inclusive_class,1,2026-09-01,,`,
    `${iins[2]},SCH-2,inclusive_class,1,2026-09-01,,`,
    `${iins[2]},SCH-1,special_group,1,2026-09-01,,`,
    `${iins[2]},SCH-1,no_such_form,1,2026-09-01,,`,
    `${iins[2]},SCH-1,inclusive_class,1,,,`,
    `${iins[0]},SCH-1,inclusive_class,2 «А»,2026-10-01,,`,
    `${iins[2]},SCH-1,inclusive_class,1,2026-09-01,2026-08-01,`,
  ].join('\n');
  const EXPECTED_ERRORS = {
    4: ['IIN_INVALID'], 5: ['UNKNOWN_CHILD'], 6: ['UNKNOWN_ORGANIZATION'], 7: ['NOT_OWN_ORGANIZATION'], 8: ['FORM_NOT_OFFERED'],
    9: ['UNKNOWN_FORM'], 10: ['REQUIRED'], 11: ['ACTIVE_PLACEMENT_EXISTS'], 12: ['ENDED_BEFORE_START'],
  };

  it('only a placing school imports placements: 403 for a PMPC and for an admin', async () => {
    await upload(await pmpc.auth(), file()).expect(403);
    await upload(bearer(admin), file()).expect(403);
  });

  it('a dry run reports every row code and writes nothing', async () => {
    const res = await upload(await school.auth(), file(), 'placements.csv', true).expect(200);
    expect(res.body).toMatchObject({ kind: 'placements', rowsTotal: 11, created: 2, failed: 9 });
    expect(rowCodes(res.body.rows)).toEqual(EXPECTED_ERRORS);
    expect(await count(`SELECT count(*)::int AS n FROM placements`)).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM imports`)).toBe(0);
  });

  let importId: string;
  it('a real run places the good rows (proposed and activated, the school involved) and reports the bad ones', async () => {
    const res = await upload(await school.auth(), file()).expect(202);
    importId = res.body.id;
    await applyJob();
    const view = await t.http.get(`${API}/imports/${importId}`).set(await school.auth()).expect(200);
    expect(view.body).toMatchObject({ status: 'done', rowsDone: 11, created: 2, failed: 9 });
    expect(rowCodes(view.body.rows)).toEqual(EXPECTED_ERRORS);
    const placed = await t.db.query(
      `SELECT c.iin, p.status, p.form, p.class_label, p.started_on::text AS started, p.uses_support_room
         FROM placements p JOIN children c ON c.id = p.child_id ORDER BY p.started_on, p.form`);
    expect(placed).toEqual([
      { iin: iins[0], status: 'active', form: 'inclusive_class', class_label: '2 «А»', started: '2026-09-01', uses_support_room: true },
      { iin: iins[1], status: 'active', form: 'special_class', class_label: '3 «Б»', started: '2026-09-01', uses_support_room: false },
    ]);
    expect(await count(`SELECT count(*)::int AS n FROM involvements WHERE org_id = $1 AND kind = 'placement' AND until IS NULL`, [school.orgId])).toBe(2);
    const events = await t.db.query(`SELECT changes, resource_id FROM audit_events WHERE action = 'import.placements'`);
    expect(events).toHaveLength(1);
    expect(events[0].resource_id).toBe(importId);
    expect(events[0].changes.fields.rows.to).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('the same file again is the earlier import and changes nothing', async () => {
    const res = await upload(await school.auth(), file(), 'again.csv').expect(200);
    expect(res.body.id).toBe(importId);
    expect(await count(`SELECT count(*)::int AS n FROM imports`)).toBe(1);
  });

  it('a corrected file updates by child, school and first day: class, form, support room and the end', async () => {
    const corrected = [
      HEADER,
      `${iins[0]},SCH-1,inclusive_class,2 «Ә»,2026-09-01,,да`,
      `${iins[1]},SCH-1,special_class,3 «Б»,2026-09-01,2026-11-20,нет`,
      `${iins[2]},SCH-1,home_schooling,,2026-09-01,,`,
    ].join('\n');
    const res = await upload(await school.auth(), corrected, 'fixed.csv').expect(202);
    await applyJob();
    const view = await t.http.get(`${API}/imports/${res.body.id}`).set(await school.auth()).expect(200);
    expect(rowCodes(view.body.rows)).toEqual({});
    expect(outcomes(view.body.rows)).toEqual({ 2: 'updated', 3: 'updated', 4: 'created' });
    const rows = await t.db.query(
      `SELECT c.iin, p.status, p.form, p.class_label, p.ended_on::text AS ended FROM placements p JOIN children c ON c.id = p.child_id`);
    const byIin = Object.fromEntries(rows.map((r: { iin: string }) => [r.iin, r]));
    expect(byIin[iins[0]]).toMatchObject({ status: 'active', class_label: '2 «Ә»', ended: null });
    expect(byIin[iins[1]]).toMatchObject({ status: 'ended', ended: '2026-11-20' });
    expect(byIin[iins[2]]).toMatchObject({ status: 'active', form: 'home_schooling' });
    expect(await count(`SELECT count(*)::int AS n FROM placements`)).toBe(3);
    // The same rows once more (another file: a trailing line) change nothing; reopening an ended one is refused.
    const again = await upload(await school.auth(), `${corrected}\n`, 'fixed-again.csv').expect(202);
    await applyJob();
    const second = await t.http.get(`${API}/imports/${again.body.id}`).set(await school.auth()).expect(200);
    expect(outcomes(second.body.rows)).toEqual({ 2: 'unchanged', 3: 'unchanged', 4: 'unchanged' });
    const reopen = await upload(await school.auth(), `${HEADER}\n${iins[1]},SCH-1,special_class,3 «Б»,2026-09-01,,нет\n`, 'reopen.csv', true).expect(200);
    expect(rowCodes(reopen.body.rows)).toEqual({ 2: ['TRANSITION_NOT_ALLOWED'] });
  });

  it('reads XLSX with Russian headers and date cells', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Зачисления');
    sheet.addRow(['ИИН ребёнка', 'Внешний ID организации', 'Форма обучения', 'Класс', 'Дата начала', 'Кабинет поддержки']);
    sheet.addRow([iins[3], 'SCH-1', 'inclusive_class', '4 «В»', new Date(Date.UTC(2026, 8, 1)), 'да']);
    sheet.addRow([iins[4], 'SCH-1', 'inclusive_class', '4 «В»', new Date(Date.UTC(2026, 9, 15)), 'нет']);
    const res = await upload(await school.auth(), Buffer.from(await book.xlsx.writeBuffer()), 'placements.xlsx').expect(202);
    await applyJob();
    const view = await t.http.get(`${API}/imports/${res.body.id}`).set(await school.auth()).expect(200);
    expect(view.body).toMatchObject({ created: 2, failed: 0 });
    const started = await t.db.query(
      `SELECT p.started_on::text AS started, p.uses_support_room FROM placements p JOIN children c ON c.id = p.child_id WHERE c.iin = ANY($1) ORDER BY 1`,
      [[iins[3], iins[4]]]);
    expect(started).toEqual([{ started: '2026-09-01', uses_support_room: true }, { started: '2026-10-15', uses_support_room: false }]);
  });
});
