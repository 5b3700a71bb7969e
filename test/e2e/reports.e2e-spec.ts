import ExcelJS from 'exceljs';
import { makeIin } from '../support/children';
import { asAdmin, bearer, newOrganization, newUser, PAVLODAR, Session, ZHAMBYL } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * GET /reports/summary (issue 17) on a small crafted dataset seeded straight into the tables with the
 * dates each definition turns on (as-of boundaries, ended and superseded records, Almaty midnight), so
 * every figure below is exact and worked out by hand in the comments. asOf is 2026-06-30.
 */

const API = '/api/v1';
const NOW = '2026-11-25T06:00:00Z';
const AS_OF = '2026-06-30';
const SURNAME = 'Есептегіова';

interface Seed {
  userId: string;
  orgs: Record<string, string>;
  children: Record<string, { id: string; iin: string }>;
}

describe('reports: GET /reports/summary', () => {
  let t: TestApp;
  let seed: Seed;
  let zhambylAnalyst: Session;
  let ministryAnalyst: Session;
  let zhambylAdmin: Session;
  let pmpcUser: Session;

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    const admin = await asAdmin(t);
    const department = await newOrganization(t, admin, { type: 'education_department', kato: ZHAMBYL });
    const ministry = await newOrganization(t, admin, { type: 'ministry', kato: undefined });
    const pmpc = await newOrganization(t, admin, { type: 'pmpc', kato: PAVLODAR });
    zhambylAnalyst = await (await newUser(t, admin, department.id, ['analyst'])).session();
    zhambylAdmin = await (await newUser(t, admin, department.id, ['admin'])).session();
    ministryAnalyst = await (await newUser(t, admin, ministry.id, ['analyst'])).session();
    pmpcUser = await (await newUser(t, admin, pmpc.id, ['pmpc_specialist'])).session();
    // The Pavlodar PMPC above is real, but registered now (after asOf): it must not count as of asOf.
    seed = await seedDataset(t);
  });
  afterAll(() => t?.close());

  const get = (session: Session, query: string, language = 'en') =>
    t.http.get(`${API}/reports/summary${query}`).set(bearer(session)).set('Accept-Language', language);

  it('gives a regional analyst exact figures of its region as of a date, and a total row', async () => {
    const res = await get(zhambylAnalyst, `?asOf=${AS_OF}`).expect(200);
    expect(res.body.asOf).toBe(AS_OF);
    expect(res.body.refreshedAt).toBe(NOW.replace('Z', '.000Z'));
    expect(res.body.suppression.threshold).toBe(5);
    expect(res.body.rows.map((row: { kato: string | null; total: boolean }) => [row.kato, row.total])).toEqual([[ZHAMBYL, false], [null, true]]);
    const [zhambyl, total] = res.body.rows;
    expect(total).toEqual({ ...zhambyl, kato: null, name: 'Total', total: true });
    const shown = (value: number | null) => ({ value, suppressed: false });
    const hidden = { value: null, suppressed: true };
    expect(zhambyl).toEqual({
      kato: ZHAMBYL,
      name: 'Zhambyl Region',
      total: false,
      // 2 PMPC and 1 special school; the correction room registered after asOf and the inactive autism
      // centre do not count.
      organizations: {
        special_kindergarten: shown(0), special_school: shown(1), pmpc: shown(2), correction_room: shown(0),
        autism_centre: shown(0), rehab_centre: shown(0), total: shown(3),
      },
      // Schools A (3) and B (2) and C (0); the kindergarten's 4 are not a school's.
      supportRooms: shown(5),
      // A has conditions since 2026-01-01; B only from 2026-07-15; C none: 1 of 3.
      schoolsWithSenConditionsPercent: shown(33.3),
      // z1–z6 and z9 (ended on asOf itself); not z7 (ended the day before), z8 (starts after),
      // z10 (never activated), z11 (special class).
      childrenInInclusiveEducation: shown(7),
      // z1–z5; not z6 (paid), z7 (episode ended), z9 (disability ended), z11 (established after asOf).
      childrenWithDisabilityUnderStateOrder: shown(5),
      // z1–z5, z6 (01:00 Almaty on 1 January), z9 (two conclusions, counted once); not z7 (23:00 on
      // 31 December in Almaty) nor z8 (01:00 on 1 July in Almaty).
      childrenAssessedThisYear: shown(7),
      // sent 5 (z8, z10, z11, z12, z13), in_progress 6 (z1–z6), completed 1 (z7); z14's draft is nobody's
      // business. completed (1) is hidden; the smallest other non-zero status, sent (5), goes with it.
      referralsByStatus: [
        { status: 'sent', count: hidden }, { status: 'accepted', count: shown(0) }, { status: 'waitlisted', count: shown(0) },
        { status: 'in_progress', count: shown(6) }, { status: 'completed', count: hidden },
        { status: 'declined', count: shown(0) }, { status: 'withdrawn', count: shown(0) },
      ],
      waitingTimes: SERVICE_TYPES.map((serviceType) =>
        serviceType === 'speech_therapy'
          ? // working days 5, 2 (over Nauryz), 1, 10, 4, 2 → sorted 1 2 2 4 5 10: median 3, p90 7.5
            { serviceType, started: shown(6), medianWorkingDays: shown(3), p90WorkingDays: shown(7.5) }
          : // z7's defectology started on 2025-06-30: exactly a year before asOf, outside the window
            { serviceType, started: shown(0), medianWorkingDays: shown(null), p90WorkingDays: shown(null) },
      ),
      waitlistLength: shown(0),
      // Current conclusion + active placement: z1–z6, z9, z11 (its old conclusion was still current).
      // Honoured: z1–z4, z9 (no form recommended), z11; not z5 (no sign interpreter), z6 (wrong form).
      provisionHonouredPercent: shown(75),
      // z6, z10, z11 (superseded only after asOf), z12, z13; not z7 (review on asOf itself), z8 (signed
      // after asOf), z9 (its overdue conclusion was superseded).
      conclusionsOverdueForReview: shown(5),
    });
  });

  it('counts only what is true as of an earlier date', async () => {
    // On 2026-01-31: z6 is the only child assessed in 2026; z1–z6 placements started on 2026-01-15, and
    // z7's had not ended; of the state-order episodes only z1's and z7's had begun.
    const res = await get(zhambylAnalyst, `?asOf=2026-01-31&kato=${ZHAMBYL}`).expect(200);
    expect(res.body.rows).toHaveLength(1);
    const [row] = res.body.rows;
    expect(row.childrenAssessedThisYear).toEqual({ value: null, suppressed: true }); // z6 only
    expect(row.childrenInInclusiveEducation).toEqual({ value: 8, suppressed: false }); // z1–z7, z9
    expect(row.childrenWithDisabilityUnderStateOrder).toEqual({ value: null, suppressed: true }); // z1 (from 19 January), z7
    expect(row.waitingTimes.find((w: { serviceType: string }) => w.serviceType === 'speech_therapy').started).toEqual({ value: null, suppressed: true }); // z6, z1
  });

  it('shows a national analyst every region, suppressing a second cell wherever a total would reveal one', async () => {
    const res = await get(ministryAnalyst, `?asOf=${AS_OF}`).expect(200);
    const rows = res.body.rows as { kato: string | null; childrenInInclusiveEducation: unknown; referralsByStatus: { status: string; count: unknown }[]; waitlistLength: unknown; organizations: { total: unknown } }[];
    expect(rows).toHaveLength(21);
    const byKato = new Map(rows.map((row) => [row.kato, row]));
    const status = (kato: string | null, name: string) => byKato.get(kato)!.referralsByStatus.find((entry) => entry.status === name)!.count;
    // Inclusive: Zhambyl 7, Pavlodar 2 (hidden); with the total 9 shown, Zhambyl goes too.
    expect(byKato.get(PAVLODAR)!.childrenInInclusiveEducation).toEqual({ value: null, suppressed: true });
    expect(byKato.get(ZHAMBYL)!.childrenInInclusiveEducation).toEqual({ value: null, suppressed: true });
    expect(byKato.get(null)!.childrenInInclusiveEducation).toEqual({ value: 9, suppressed: false });
    // Zhambyl's sent (5) was hidden by its row; every other region sent none, so the total must go.
    expect(status(ZHAMBYL, 'sent')).toEqual({ value: null, suppressed: true });
    expect(status(null, 'sent')).toEqual({ value: null, suppressed: true });
    // Pavlodar's one waitlisted referral, and the total of 1.
    expect(byKato.get(PAVLODAR)!.waitlistLength).toEqual({ value: null, suppressed: true });
    expect(byKato.get(null)!.waitlistLength).toEqual({ value: null, suppressed: true });
    // Organisations are not about children: 3 in Zhambyl and Pavlodar's rehab centre.
    expect(byKato.get(PAVLODAR)!.organizations.total).toEqual({ value: 1, suppressed: false });
    expect(byKato.get(null)!.organizations.total).toEqual({ value: 4, suppressed: false });
    // The region filter works for a national user too, without a total row.
    const one = await get(ministryAnalyst, `?asOf=${AS_OF}&kato=${PAVLODAR}`, 'ru').expect(200);
    expect(one.body.rows.map((row: { name: string }) => row.name)).toEqual(['Павлодарская область']);
    expect(one.body.rows[0].childrenInInclusiveEducation).toEqual({ value: null, suppressed: true });
    expect(one.body.rows[0].schoolsWithSenConditionsPercent).toEqual({ value: 100, suppressed: false });
  });

  it('never carries a child id, name or IIN', async () => {
    for (const [session, query] of [[ministryAnalyst, `?asOf=${AS_OF}`], [zhambylAnalyst, ''], [zhambylAdmin, `?asOf=${AS_OF}&kato=${ZHAMBYL}`]] as const) {
      const text = (await get(session, query).expect(200)).text;
      expect(text).not.toContain(SURNAME);
      for (const child of Object.values(seed.children)) {
        expect(text).not.toContain(child.id);
        expect(text).not.toContain(child.iin);
      }
    }
  });

  it('keeps a regional user to its region: another region is 403, an unknown one 400', async () => {
    const res = await get(zhambylAnalyst, `?kato=${PAVLODAR}`).expect(403);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.code).toBe('OUTSIDE_REGION');
    const unknown = await get(zhambylAnalyst, '?kato=311010000').expect(400);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'kato', code: 'UNKNOWN_REGION' })]);
    // Case workers never read reports.
    expect((await get(pmpcUser, '').expect(403)).body.code).toBe('FORBIDDEN');
  });

  it.each([
    ['?kato=12', 'kato', 'INVALID_FORMAT'],
    ['?asOf=tomorrow', 'asOf', 'INVALID_DATE'],
    ['?format=pdf', 'format', 'NOT_ALLOWED_VALUE'],
    ['?asOf=2026-11-26', 'asOf', 'DATE_IN_FUTURE'],
  ])('refuses %s with a 400 problem naming the field', async (query, field, code) => {
    const res = await get(zhambylAnalyst, query).expect(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors).toEqual([expect.objectContaining({ field, code })]);
  });

  it('exports the same table as CSV (UTF-8 with BOM) and audits the export', async () => {
    const res = await get(zhambylAnalyst, `?asOf=${AS_OF}&format=csv`, 'ru').buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="summary-${AS_OF}.csv"`);
    const bytes = res.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(bytes.toString('utf8').slice(1));
    expect(rows).toHaveLength(3);
    const column = (heading: string) => rows[0].indexOf(heading);
    expect(rows[1][0]).toBe('Жамбылская область');
    expect(rows[2][0]).toBe('Итого');
    expect(rows[1][column('Дети в инклюзивной среде')]).toBe('7');
    expect(rows[1][column('Направления: отправлено')]).toBe('*');
    expect(rows[1][column('Школы, создавшие условия для детей с ООП, %')]).toBe('33.3');
    expect(rows[1][column('Логопедическая помощь: медиана, рабочих дней')]).toBe('3');
    expect(rows[1][column('Логопедическая помощь: 90-й перцентиль, рабочих дней')]).toBe('7.5');
    const events = await t.db.query(`SELECT action, changes -> 'query' AS query FROM audit_events WHERE action IN ('report.summary', 'report.export') ORDER BY id DESC LIMIT 2`);
    expect(events.map((e: { action: string }) => e.action).sort()).toEqual(['report.export', 'report.summary']);
    expect(events.find((e: { action: string }) => e.action === 'report.summary').query).toEqual({ asOf: AS_OF, format: 'csv' });
    expect(events.find((e: { action: string }) => e.action === 'report.export').query).toMatchObject({ format: 'csv', asOf: AS_OF, regions: [ZHAMBYL] });
  });

  it('exports XLSX with headings in the language asked for and a notes sheet', async () => {
    const res = await get(zhambylAnalyst, `?asOf=${AS_OF}&format=xlsx`, 'kk').buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as ArrayBuffer);
    const [table, notes] = workbook.worksheets;
    expect([table.name, notes.name]).toEqual(['Жиынтық', 'Түсініктеме']);
    const heading = (table.getRow(1).values as unknown[]).slice(1);
    const value = (row: number, name: string) => table.getRow(row).getCell(heading.indexOf(name) + 1).value;
    expect(value(2, 'Өңір')).toBe('Жамбыл облысы');
    expect(value(2, 'Инклюзивті ортада оқитын балалар')).toBe(7);
    expect(value(2, 'Қолдау кабинеттері')).toBe(5);
    expect(value(2, 'Жолдамалар: аяқталды')).toBe('*');
    expect(value(3, 'Өңір')).toBe('Барлығы');
    expect(notes.getRow(1).values).toEqual([undefined, 'Күні', AS_OF]);
    expect(String(notes.getRow(3).getCell(2).value)).toContain('1-ден 4-ке дейін');
    const english = await get(zhambylAnalyst, `?asOf=${AS_OF}&format=xlsx`, 'en').buffer(true).parse(binary).expect(200);
    const en = new ExcelJS.Workbook();
    await en.xlsx.load(english.body as ArrayBuffer);
    expect(en.worksheets[0].getRow(1).getCell(1).value).toBe('Region');
  });
});

const SERVICE_TYPES = [
  'psychological_pedagogical_correction', 'speech_therapy', 'defectology', 'psychological_support', 'rehabilitation',
  'autism_support', 'early_intervention', 'school_placement', 'social_support', 'medical_consultation',
];

/** Reads a file answer as bytes. */
const binary = (response: import('supertest').Response, done: (error: Error | null, body: unknown) => void): void => {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => done(null, Buffer.concat(chunks)));
};

/** RFC 4180 as csv-stringify writes it: fields quoted when they hold a comma, a quote or a line break. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',' || ch === '\n') {
      row.push(field);
      field = '';
      if (ch === '\n') {
        rows.push(row);
        row = [];
      }
    } else field += ch;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

/** Almaty 09:00 on a date, as an instant. */
const morning = (date: string) => `${date}T04:00:00Z`;

async function seedDataset(t: TestApp): Promise<Seed> {
  const q = (sql: string, params: unknown[] = []) => t.db.query(sql, params);
  const [{ id: userId }] = await q(`SELECT id FROM users WHERE username = 'admin'`);
  const orgs: Record<string, string> = {};
  const org = async (key: string, type: string, kato: string, extra: { rooms?: number; conditions?: boolean; since?: string | null; active?: boolean; created?: string } = {}) => {
    const [row] = await q(
      `INSERT INTO organizations (type, name_kk, name_ru, kato, support_rooms, sen_conditions, sen_conditions_since, active, created_at)
       VALUES ($1, $2, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [type, `Есеп ${key}`, kato, extra.rooms ?? 0, extra.conditions ?? false, extra.since ?? null, extra.active ?? true, extra.created ?? '2025-01-01T00:00:00Z'],
    );
    orgs[key] = row.id;
  };
  await org('pmpc1', 'pmpc', ZHAMBYL);
  await org('pmpc2', 'pmpc', ZHAMBYL);
  await org('specialSchool', 'special_school', ZHAMBYL);
  await org('lateRoom', 'correction_room', ZHAMBYL, { created: '2026-06-30T19:30:00Z' }); // 00:30 on 1 July in Almaty
  await org('closedCentre', 'autism_centre', ZHAMBYL, { active: false });
  await org('schoolA', 'school', ZHAMBYL, { rooms: 3, conditions: true, since: '2026-01-01' });
  await org('schoolB', 'school', ZHAMBYL, { rooms: 2, conditions: true, since: '2026-07-15' });
  await org('schoolC', 'school', ZHAMBYL);
  await org('kindergarten', 'kindergarten', ZHAMBYL, { rooms: 4, conditions: true });
  await org('room', 'correction_room', ZHAMBYL, { active: false }); // the provider of the referrals, not counted
  await org('rehab', 'rehab_centre', PAVLODAR);
  await org('schoolP', 'school', PAVLODAR, { conditions: true });
  await org('kindergartenP', 'kindergarten', PAVLODAR);

  const children: Seed['children'] = {};
  let n = 0;
  const child = async (key: string, kato: string) => {
    n++;
    const birthDate = `2018-0${1 + (n % 9)}-${String(10 + n).padStart(2, '0')}`;
    const iin = makeIin(birthDate, 'female');
    const [row] = await q(
      `INSERT INTO children (iin, last_name, first_name, search_key, birth_date, sex, kato, registered_at, registered_by_org, registered_by_user)
       VALUES ($1, $2, $3, $4, $5, 'female', $6, '2025-01-01T00:00:00Z', $7, $8) RETURNING id`,
      [iin, SURNAME, `Бала${key}`, `esepteg ${key}`, birthDate, kato, orgs.pmpc1, userId],
    );
    children[key] = { id: row.id, iin };
    return row.id as string;
  };
  for (let i = 1; i <= 14; i++) await child(`z${i}`, i % 2 ? '311010000' : ZHAMBYL); // Zhambyl, some in a district
  await child('p1', '551010000');
  await child('p2', PAVLODAR);
  const id = (key: string) => children[key].id;

  const placement = async (key: string, orgKey: string, form: string, from: string, to: string | null, options: { activated?: boolean; provided?: string[] } = {}) => {
    const activated = options.activated ?? true;
    const status = !activated ? 'proposed' : to ? 'ended' : 'active';
    await q(
      `INSERT INTO placements (child_id, org_id, status, form, started_on, ended_on, proposed_at, proposed_by, activated_at, ended_at, ended_as, provided_conditions)
       VALUES ($1, $2, $3, $4, $5, $6, '2025-01-01T00:00:00Z', $7, $8, $9, $10, $11)`,
      [id(key), orgs[orgKey], status, form, from, to, userId, activated ? morning(from) : null, to ? morning(to) : null, to ? 'ended' : null, options.provided ?? []],
    );
  };
  for (const key of ['z1', 'z2', 'z3', 'z4']) await placement(key, 'schoolA', 'inclusive_class', '2026-01-15', null, { provided: ['tutor', 'assistant'] });
  await placement('z5', 'schoolA', 'inclusive_class', '2026-01-15', null, { provided: ['tutor'] });
  await placement('z6', 'schoolA', 'inclusive_class', '2026-01-15', null);
  await placement('z7', 'schoolA', 'inclusive_class', '2025-09-01', '2026-06-29');
  await placement('z8', 'schoolA', 'inclusive_class', '2026-07-01', null);
  await placement('z9', 'schoolA', 'inclusive_class', '2025-09-01', AS_OF);
  await placement('z10', 'schoolA', 'inclusive_class', '2026-02-01', null, { activated: false });
  await placement('z11', 'schoolA', 'special_class', '2025-09-01', null);
  await placement('p1', 'kindergartenP', 'inclusive_group', '2026-03-01', null);
  await placement('p2', 'kindergartenP', 'inclusive_group', '2026-03-01', null);

  const conclusion = async (key: string, signedAt: string, reviewDate: string, options: { form?: string | null; conditions?: string[]; supersededAt?: string } = {}) => {
    const [row] = await q(
      `INSERT INTO assessments (child_id, pmpc_org_id, status, sen_categories, form_of_education, special_conditions, review_date, opened_at, opened_by, signed_at, signed_by, superseded_at)
       VALUES ($1, $2, $3, '{speech}', $4, $5, $6, $7, $8, $7, $8, $9) RETURNING id`,
      [id(key), orgs.pmpc1, options.supersededAt ? 'superseded' : 'signed', options.form === undefined ? 'inclusive_class' : options.form, options.conditions ?? [], reviewDate, signedAt, userId, options.supersededAt ?? null],
    );
    return row.id as string;
  };
  for (const key of ['z1', 'z2', 'z3', 'z4']) await conclusion(key, morning('2026-02-10'), '2027-02-10', { conditions: ['tutor'] });
  await conclusion('z5', morning('2026-02-10'), '2027-02-10', { conditions: ['tutor', 'sign_interpreter'] });
  await conclusion('z6', '2025-12-31T20:00:00Z', '2026-06-29', { form: 'special_class' });
  await conclusion('z7', '2025-12-31T18:00:00Z', AS_OF);
  await conclusion('z8', '2026-06-30T20:00:00Z', '2026-01-01');
  await conclusion('z9', morning('2026-03-01'), '2026-05-01', { supersededAt: morning('2026-04-01') });
  await conclusion('z9', morning('2026-04-01'), '2027-04-01', { form: null });
  await conclusion('z10', morning('2025-06-01'), '2026-06-01');
  await conclusion('z11', morning('2025-05-01'), '2026-05-01', { form: 'special_class', supersededAt: morning('2026-07-10') });
  await conclusion('z11', morning('2026-07-10'), '2027-07-10');
  await conclusion('z12', morning('2025-03-01'), '2026-03-01');
  await conclusion('z13', morning('2025-03-01'), '2026-03-01');

  const disability = async (key: string, status: string, recordedAt: string) =>
    q(`INSERT INTO disabilities (child_id, status, established_on, recorded_at, recorded_by_org, recorded_by_user) VALUES ($1, $2, $3, $4, $5, $6)`,
      [id(key), status, status === 'established' ? recordedAt.slice(0, 10) : null, recordedAt, orgs.pmpc1, userId]);
  for (const key of ['z1', 'z2', 'z3', 'z4', 'z5', 'z6', 'z7', 'z9']) await disability(key, 'established', morning('2026-01-10'));
  await disability('z9', 'ended', morning('2026-05-01'));
  await disability('z11', 'established', morning('2026-07-05'));

  const referral = async (key: string, status: string, serviceType: string, sentOn: string | null, toOrg = orgs.room) => {
    const [row] = await q(
      `INSERT INTO referrals (child_id, from_org_id, to_org_id, service_type, reason, status, created_by_user, sent_at)
       VALUES ($1, $2, $3, $4, 'report test', $5, $6, $7) RETURNING id`,
      [id(key), orgs.pmpc1, toOrg, serviceType, status, userId, sentOn ? morning(sentOn) : null],
    );
    return row.id as string;
  };
  const episode = async (key: string, referralId: string, funding: string, from: string, to: string | null = null) =>
    q(`INSERT INTO service_episodes (referral_id, child_id, org_id, funding, started_on, ended_on, outcome) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [referralId, id(key), orgs.room, funding, from, to, to ? 'goals_met' : null]);
  // Working days from sending to the start: 5, 2 (Nauryz 21–25 March off), 1, 10, 4 and 2.
  const speech: [string, string, string, string][] = [
    ['z1', '2026-01-12', '2026-01-19', 'state_order'],
    ['z2', '2026-03-20', '2026-03-27', 'state_order'],
    ['z3', '2026-02-02', '2026-02-03', 'state_order'],
    ['z4', '2026-04-06', '2026-04-20', 'state_order'],
    ['z5', '2026-06-01', '2026-06-05', 'state_order'],
    ['z6', '2025-09-08', '2025-09-10', 'paid'],
  ];
  for (const [key, sent, started, funding] of speech) await episode(key, await referral(key, 'in_progress', 'speech_therapy', sent), funding, started);
  await episode('z7', await referral('z7', 'completed', 'defectology', '2025-06-20'), 'state_order', '2025-06-30', '2026-06-29');
  for (const key of ['z8', 'z10', 'z11', 'z12', 'z13']) await referral(key, 'sent', 'defectology', '2026-06-01');
  await referral('z14', 'draft', 'defectology', null);
  await referral('p1', 'waitlisted', 'speech_therapy', '2026-05-01', orgs.rehab);
  return { userId, orgs, children };
}
