import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS, ImportsService } from '@qoldau/imports';
import { CaseWorker, makeIin, newCaseWorker, newChild, withWrongCheckDigit } from '../support/children';
import { asAdmin, bearer, newOrganization, newUser, Session, ZHAMBYL } from '../support/factories';
import { eventually } from '../support/eventually';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Issue 18: POST /imports/{organizations|children} over HTTP on the real database. The job is driven by
 * calling its handler (ImportsService.applyPending), as pg-boss would.
 */
const API = '/api/v1';
const ORG_HEADER = 'external_id,type,name_kk,name_ru,kato,parent_external_id,capacity';

describe('imports', () => {
  let t: TestApp;
  let admin: Session;
  let regionAdmin: Session;
  let pmpc: CaseWorker;
  let otherPmpc: CaseWorker;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-25T06:00:00Z' });
    admin = await asAdmin(t);
    const department = await newOrganization(t, admin, { type: 'education_department', kato: ZHAMBYL });
    regionAdmin = await (await newUser(t, admin, department.id, ['admin'])).session();
    pmpc = await newCaseWorker(t, admin, 'pmpc', ['pmpc_specialist']);
    otherPmpc = await newCaseWorker(t, admin, 'pmpc', ['pmpc_specialist']);
  });
  afterAll(() => t.close());

  const upload = (kind: string, auth: Record<string, string>, content: Buffer | string, name = 'file.csv', dryRun = false) =>
    t.http.post(`${API}/imports/${kind}${dryRun ? '?dryRun=true' : ''}`).set(auth).attach('file', Buffer.from(content), name);
  const applyJob = () => t.app.get(ImportsService).applyPending();
  const count = async (sql: string, params: unknown[] = []) => (await t.db.query(sql, params))[0].n as number;
  const rowCodes = (rows: { rowNumber: number; errors: { code: string }[] }[]) =>
    Object.fromEntries(rows.filter((r) => r.errors.length).map((r) => [r.rowNumber, r.errors.map((e) => e.code)]));

  const orgFile = [
    ORG_HEADER,
    'IMP-1,correction_room,Түзету кабинеті 1,Кабинет коррекции 1,310000000,,40',
    'IMP-2,no_such_type,Бір,Один,310000000,,10',
    'IMP-3,correction_room,Екі,Два,999999999,,10',
    'IMP-4,correction_room,,Три,310000000,,10',
    'IMP-5,correction_room,Бес,Пять,310000000,IMP-1,12',
  ].join('\n');

  describe('organisations', () => {
    it('a dry run reports every row\'s problems and writes nothing but its audit event', async () => {
      const before = await count(`SELECT count(*)::int AS n FROM organizations`);
      const res = await upload('organizations', bearer(regionAdmin), orgFile, 'orgs.csv', true).expect(200);
      expect(res.body).toMatchObject({ kind: 'organizations', rowsTotal: 5, created: 2, failed: 3 });
      expect(rowCodes(res.body.rows)).toEqual({ 3: ['UNKNOWN_TYPE'], 4: ['OUTSIDE_REGION'], 5: ['REQUIRED'] });
      expect(await count(`SELECT count(*)::int AS n FROM organizations`)).toBe(before);
      expect(await count(`SELECT count(*)::int AS n FROM imports`)).toBe(0);
      expect(await count(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'import.upload'`)).toBe(1);
      // The national admin may register anywhere: an unknown region is UNKNOWN_REGION.
      const national = await upload('organizations', bearer(admin), orgFile, 'orgs.csv', true).expect(200);
      expect(rowCodes(national.body.rows)[4]).toEqual(['UNKNOWN_REGION']);
    });

    let importId: string;
    it('a real run applies the good rows, reports the bad ones, one audit event per batch', async () => {
      const res = await upload('organizations', bearer(regionAdmin), orgFile, 'orgs.csv').expect(202);
      importId = res.body.id;
      expect(res.body).toMatchObject({ status: 'queued', rowsTotal: 5, rowsDone: 0 });
      await applyJob();
      const view = await t.http.get(`${API}/imports/${importId}`).set(bearer(regionAdmin)).expect(200);
      expect(view.body).toMatchObject({ status: 'done', rowsDone: 5, created: 2, failed: 3, updated: 0 });
      expect(rowCodes(view.body.rows)).toEqual({ 3: ['UNKNOWN_TYPE'], 4: ['OUTSIDE_REGION'], 5: ['REQUIRED'] });
      const [child] = await t.db.query(`SELECT o.parent_id, p.external_id AS parent FROM organizations o JOIN organizations p ON p.id = o.parent_id WHERE o.external_id = 'IMP-5'`);
      expect(child.parent).toBe('IMP-1');
      expect(await count(`SELECT count(*)::int AS n FROM organizations WHERE external_id IN ('IMP-2', 'IMP-3', 'IMP-4')`)).toBe(0);
      const events = await t.db.query(`SELECT changes, actor_user_id, resource_id FROM audit_events WHERE action = 'import.organizations'`);
      expect(events).toHaveLength(1);
      expect(events[0].resource_id).toBe(importId);
      expect(events[0].changes.fields.rows.to).toEqual([2, 3, 4, 5, 6]);
      expect(events[0].actor_user_id).not.toBeNull();
      const page = await t.http.get(`${API}/imports/${importId}?limit=2&offset=1`).set(bearer(regionAdmin)).expect(200);
      expect(page.body.rows.map((r: { rowNumber: number }) => r.rowNumber)).toEqual([3, 4]);
    });

    it('the same file again is the earlier import, untouched', async () => {
      const res = await upload('organizations', bearer(regionAdmin), orgFile, 'again.csv').expect(200);
      expect(res.body.id).toBe(importId);
      expect(await count(`SELECT count(*)::int AS n FROM imports`)).toBe(1);
    });

    it('two uploads of one new file at once make one import', async () => {
      const file = `${ORG_HEADER}\nTWICE-1,correction_room,Бір,Один,310000000,,5\n`;
      const [a, b] = await Promise.all([upload('organizations', bearer(admin), file), upload('organizations', bearer(admin), file)]);
      expect([a.status, b.status].sort()).toEqual([200, 202]);
      expect(a.body.id).toBe(b.body.id);
      await applyJob();
    });

    it('lists the organisation\'s imports, and hides them from others', async () => {
      const list = await t.http.get(`${API}/imports`).set(bearer(regionAdmin)).expect(200);
      expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([importId]);
      const national = (await t.http.get(`${API}/imports`).set(bearer(admin)).expect(200)).body.items.map((i: { id: string }) => i.id);
      expect(national).toHaveLength(1);
      expect(national).not.toContain(importId);
      await t.http.get(`${API}/imports/${importId}`).set(bearer(admin)).expect(404);
    });

    it('hands the failed rows back as XLSX with an error column', async () => {
      const res = await t.http.get(`${API}/imports/${importId}/errors.xlsx`).set(bearer(regionAdmin)).buffer(true)
        .parse((r, done) => { const chunks: Buffer[] = []; r.on('data', (c: Buffer) => chunks.push(c)); r.on('end', () => done(null, Buffer.concat(chunks))); })
        .expect(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(res.body);
      const sheet = book.worksheets[0];
      const header = (sheet.getRow(1).values as unknown[]).slice(1);
      expect(header).toContain('error');
      expect(sheet.rowCount).toBe(4);
      const errorColumn = header.indexOf('error') + 1;
      expect(String(sheet.getRow(2).getCell(errorColumn).value)).toMatch(/^UNKNOWN_TYPE/);
      expect(sheet.getRow(2).getCell(1).value).toBe('IMP-2');
    });

    it('a corrected file updates by external_id and leaves the unchanged rows alone', async () => {
      const corrected = [
        ORG_HEADER,
        'IMP-1,correction_room,Түзету кабинеті 1,Кабинет коррекции 1,310000000,,40',
        'IMP-2,correction_room,Бір,Один,310000000,,10',
        'IMP-5,correction_room,Бес,Пять (исправлено),310000000,IMP-1,12',
      ].join('\n');
      const res = await upload('organizations', bearer(regionAdmin), corrected, 'orgs-fixed.csv').expect(202);
      await applyJob();
      const view = await t.http.get(`${API}/imports/${res.body.id}`).set(bearer(regionAdmin)).expect(200);
      expect(view.body).toMatchObject({ status: 'done', created: 1, updated: 1, unchanged: 1, failed: 0 });
      expect(view.body.rows.map((r: { outcome: string }) => r.outcome)).toEqual(['unchanged', 'created', 'updated']);
      const [row] = await t.db.query(`SELECT name_ru FROM organizations WHERE external_id = 'IMP-5'`);
      expect(row.name_ru).toBe('Пять (исправлено)');
    });

    it('refuses roles that may not import, and a children import by an admin', async () => {
      const analyst = await (await newUser(t, admin, (await newOrganization(t, admin, { type: 'education_department', kato: ZHAMBYL })).id, ['analyst'])).session();
      const res = await upload('organizations', bearer(analyst), orgFile).expect(403);
      expect(res.headers['content-type']).toContain('application/problem+json');
      await upload('organizations', await pmpc.auth(), orgFile).expect(403);
      await upload('children', bearer(regionAdmin), 'iin\n1').expect(403);
    });

    it('413 on a file over the size cap; 400 on an unreadable one or unknown columns', async () => {
      const big = Buffer.alloc(IMPORT_MAX_BYTES + 1024 * 1024, 'a');
      const stored = async () => (await t.db.query(`SELECT count(*)::int AS n FROM imports`))[0].n;
      const before = await stored();
      const res = await upload('organizations', bearer(regionAdmin), big).expect(413);
      expect(res.body.code).toBe('IMPORT_TOO_LARGE');
      // One row over the row cap, after 100,000 rows were already being stored: nothing of them stays.
      const rows = `external_id\n${'X\n'.repeat(IMPORT_MAX_ROWS + 1)}`;
      expect((await upload('organizations', bearer(regionAdmin), rows).expect(413)).body.code).toBe('IMPORT_TOO_LARGE');
      expect(await stored()).toBe(before);
      expect((await t.db.query(`SELECT count(*)::int AS n FROM import_rows r LEFT JOIN imports i ON i.id = r.import_id WHERE i.id IS NULL OR i.rows_total = 0`))[0].n).toBe(0);
      expect((await upload('organizations', bearer(regionAdmin), 'external_id,shoe_size\n1,2').expect(400)).body.code).toBe('IMPORT_UNREADABLE');
      const notMultipart = await t.http.post(`${API}/imports/organizations`).set(bearer(regionAdmin)).send({ file: 'x' }).expect(400);
      expect(notMultipart.body.code).toBe('IMPORT_UNREADABLE');
      // Placements are the placing school's to import (imports-placements.e2e-spec.ts), not an admin's.
      expect((await t.http.post(`${API}/imports/placements`).set(bearer(regionAdmin)).attach('file', Buffer.from('a'), 'x.csv').expect(403)).body.code).toBe('FORBIDDEN');
    });
  });

  it('applies a long file in batches, one audit event per batch naming its rows', async () => {
    const lines = [ORG_HEADER, ...Array.from({ length: 60 }, (_, i) => `BATCH-${i},correction_room,Кабинет ${i},Кабинет ${i},310000000,,5`)];
    const res = await upload('organizations', bearer(regionAdmin), lines.join('\n')).expect(202);
    await applyJob();
    const events = await t.db.query(`SELECT changes FROM audit_events WHERE action = 'import.organizations' AND resource_id = $1 ORDER BY id`, [res.body.id]);
    expect(events.map((e: { changes: { fields: { rows: { to: number[] } } } }) => e.changes.fields.rows.to.length)).toEqual([50, 10]);
    expect(events[1].changes.fields.rows.to[0]).toBe(52);
  });

  describe('children', () => {
    it('cp1251 with semicolons: creates, and reports IIN_INVALID, REQUIRED, UNKNOWN_REGION, DUPLICATE_CHILD, POSSIBLE_DUPLICATE', async () => {
      const someoneElses = await newChild(t, otherPmpc, { birthDate: '2018-02-03', sex: 'male' });
      await newChild(t, otherPmpc, { iinPending: true, lastName: 'Сериков', firstName: 'Нурлан', birthDate: '2017-07-07', sex: 'male' });
      const good = makeIin('2019-05-14', 'female');
      const file = iconv.encode([
        'ИИН;Фамилия;Имя;Отчество;Дата рождения;Пол;КАТО',
        `${good};Ахметова;Алия;Сериковна;14.05.2019;female;310000000`,
        `${withWrongCheckDigit(makeIin('2019-05-14', 'female'))};Ахметова;Алия;;;;310000000`,
        `${makeIin('2019-05-14', 'male')};;Арман;;;;310000000`,
        `${makeIin('2019-05-14', 'male')};Касымов;Арман;;;;999999999`,
        `${someoneElses.identity.iin};Ахметов;Ерлан;;;;310000000`,
        `;Сериков;Нурлан;;07.07.2017;male;310000000`,
      ].join('\r\n'), 'win1251');
      const res = await upload('children', await pmpc.auth(), file, 'children.csv').expect(202);
      await applyJob();
      const view = await t.http.get(`${API}/imports/${res.body.id}`).set(await pmpc.auth()).expect(200);
      expect(view.body).toMatchObject({ status: 'done', created: 1, failed: 5 });
      expect(rowCodes(view.body.rows)).toEqual({
        3: ['IIN_INVALID'], 4: ['REQUIRED'], 5: ['UNKNOWN_REGION'], 6: ['DUPLICATE_CHILD'], 7: ['POSSIBLE_DUPLICATE'],
      });
      const created = view.body.rows[0].entityId;
      const [child] = await t.db.query(`SELECT last_name, first_name, birth_date::text AS birth FROM children WHERE id = $1`, [created]);
      expect(child).toEqual({ last_name: 'Ахметова', first_name: 'Алия', birth: '2019-05-14' });
      expect(await count(`SELECT count(*)::int AS n FROM involvements WHERE child_id = $1 AND org_id = $2`, [created, pmpc.orgId])).toBe(1);
      // A corrected row for the same IIN updates the child; a row that says what the record says is unchanged.
      const fix = await upload('children', await pmpc.auth(), `iin,last_name,first_name,kato\n${good},Ахметова-Серік,Алия,310000000\n`).expect(202);
      await applyJob();
      const same = await upload('children', await pmpc.auth(), `last_name,iin,first_name,kato\nАхметова-Серік,${good},Алия,310000000\n`).expect(202);
      await applyJob();
      expect((await t.http.get(`${API}/imports/${fix.body.id}`).set(await pmpc.auth())).body).toMatchObject({ updated: 1, rows: [{ outcome: 'updated', entityId: created }] });
      expect((await t.http.get(`${API}/imports/${same.body.id}`).set(await pmpc.auth())).body).toMatchObject({ unchanged: 1 });
      const [renamed] = await t.db.query(`SELECT last_name FROM children WHERE id = $1`, [created]);
      expect(renamed.last_name).toBe('Ахметова-Серік');
    });

    it('UTF-8 with BOM and commas, dry run: nothing written', async () => {
      const before = await count(`SELECT count(*)::int AS n FROM children`);
      const text = `\uFEFFiin,last_name,first_name,kato\n${makeIin('2020-01-02', 'male')},Әбілов,Әлихан,310000000\n`;
      const res = await upload('children', await pmpc.auth(), Buffer.from(text, 'utf8'), 'c.csv', true).expect(200);
      expect(res.body).toMatchObject({ rowsTotal: 1, created: 1, failed: 0 });
      expect(await count(`SELECT count(*)::int AS n FROM children`)).toBe(before);
    });

    it('XLSX with date cells reads the day shown in Excel', async () => {
      const book = new ExcelJS.Workbook();
      const sheet = book.addWorksheet('children');
      sheet.addRow(['жсн', 'тегі', 'аты', 'туған_күні', 'жынысы', 'като']);
      sheet.addRow([makeIin('2021-03-01', 'female'), 'Нұрланова', 'Айару', new Date(Date.UTC(2021, 2, 1)), 'female', '310000000']);
      sheet.addRow(['', 'Жоқова', 'Дана', new Date(Date.UTC(2020, 11, 31)), 'female', '310000000']);
      const res = await upload('children', await pmpc.auth(), Buffer.from(await book.xlsx.writeBuffer()), 'children.xlsx').expect(202);
      await applyJob();
      const view = await t.http.get(`${API}/imports/${res.body.id}`).set(await pmpc.auth()).expect(200);
      expect(view.body).toMatchObject({ created: 2, failed: 0 });
      const births = await t.db.query(`SELECT birth_date::text AS birth FROM children WHERE id = ANY($1) ORDER BY birth`, [view.body.rows.map((r: { entityId: string }) => r.entityId)]);
      expect(births.map((b: { birth: string }) => b.birth)).toEqual(['2020-12-31', '2021-03-01']);
    });
  });
});

describe('imports through pg-boss', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ worker: true, now: '2026-11-25T06:00:00Z' });
  });
  afterAll(() => t.close());

  it('the job queued by the upload applies the file', async () => {
    const admin = await asAdmin(t);
    const file = `${ORG_HEADER}\nJOB-1,correction_room,Бір,Один,310000000,,5\n`;
    const res = await t.http.post(`${API}/imports/organizations`).set(bearer(admin)).attach('file', Buffer.from(file), 'orgs.csv').expect(202);
    const done = await eventually(async () => {
      const view = await t.http.get(`${API}/imports/${res.body.id}`).set(bearer(admin)).expect(200);
      return view.body.status === 'done' ? view.body : undefined;
    });
    expect(done).toMatchObject({ created: 1, failed: 0, rowsDone: 1 });
  });
});
