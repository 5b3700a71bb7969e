import { ImportsService } from '@qoldau/imports';
import { CaseWorker, makeIin, newCaseWorker } from '../support/children';
import { asAdmin, Session } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Issue 18: the children columns consent_services, consent_data_sharing (registration consents of the
 * row's guardian) and disability_status / disability_established_on (PUT /children/:id/disability).
 */
const API = '/api/v1';
const HEADER = 'iin,last_name,first_name,birth_date,sex,kato,guardian_iin,guardian_name,guardian_relation,consent_services,consent_data_sharing,disability_status,disability_established_on,confirm_new';
const GUARDIAN = `${makeIin('1988-01-20', 'female')},Серікова Айгүл,mother`;

describe('imports: children consents and disability', () => {
  let t: TestApp;
  let admin: Session;
  let social: CaseWorker;
  let school: CaseWorker;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-25T06:00:00Z' });
    admin = await asAdmin(t);
    social = await newCaseWorker(t, admin, 'social_protection_office', ['social_worker']);
    school = await newCaseWorker(t, admin, 'school', ['school_coordinator']);
  });
  afterAll(() => t.close());

  const upload = (auth: Record<string, string>, content: string, name = 'children.csv', dryRun = false) =>
    t.http.post(`${API}/imports/children${dryRun ? '?dryRun=true' : ''}`).set(auth).attach('file', Buffer.from(content), name);
  const applyJob = () => t.app.get(ImportsService).applyPending();
  const rowCodes = (rows: { rowNumber: number; errors: { code: string; field: string | null }[] }[]) =>
    Object.fromEntries(rows.filter((r) => r.errors.length).map((r) => [r.rowNumber, r.errors.map((e) => `${e.field}:${e.code}`)]));
  const iins = new Map<string, string>();
  const iin = (birth: string) => iins.get(birth) ?? (iins.set(birth, makeIin(birth, 'male')), iins.get(birth) as string);

  it('records the consents and the disability status of each registered child', async () => {
    const file = [
      HEADER,
      `${iin('2017-01-02')},Серіков,Арман,2017-01-02,male,310000000,${GUARDIAN},да,health social,established,2025-03-01,да`,
      `${iin('2017-02-03')},Серіков,Нұрлан,2017-02-03,male,310000000,${GUARDIAN},нет,,under_review,,да`,
      `${iin('2017-03-04')},Серіков,Ерлан,2017-03-04,male,310000000,${GUARDIAN},да,,established,,да`,
      `${iin('2017-04-05')},Серіков,Қанат,2017-04-05,male,310000000,${GUARDIAN},да,,invalid_status,,да`,
      `${iin('2017-05-06')},Серіков,Дәурен,2017-05-06,male,310000000,,,,да,,,,да`,
    ].join('\n');
    const res = await upload(await social.auth(), file).expect(202);
    await applyJob();
    const view = await t.http.get(`${API}/imports/${res.body.id}`).set(await social.auth()).expect(200);
    expect(view.body).toMatchObject({ created: 2, failed: 3 });
    expect(rowCodes(view.body.rows)).toEqual({
      4: ['disability_established_on:REQUIRED'],
      5: ['disability_status:NOT_ALLOWED_VALUE'],
      6: [expect.stringMatching(/^consent_(services|data_sharing):/)],
    });
    const consents = await t.db.query(
      `SELECT c.iin, k.kind, k.sector FROM consents k JOIN children c ON c.id = k.child_id ORDER BY c.iin, k.kind, k.sector`);
    expect(consents).toEqual([
      { iin: iin('2017-01-02'), kind: 'data_sharing', sector: 'health' },
      { iin: iin('2017-01-02'), kind: 'data_sharing', sector: 'social' },
      { iin: iin('2017-01-02'), kind: 'services', sector: null },
    ]);
    const disabilities = await t.db.query(
      `SELECT c.iin, d.status, d.established_on::text AS established FROM disabilities d JOIN children c ON c.id = d.child_id ORDER BY c.iin`);
    expect(disabilities).toEqual([
      { iin: iin('2017-01-02'), status: 'established', established: '2025-03-01' },
      { iin: iin('2017-02-03'), status: 'under_review', established: null },
    ]);
    // A row that failed on its disability left no child behind.
    expect((await t.db.query(`SELECT count(*)::int AS n FROM children WHERE iin = $1`, [iin('2017-03-04')]))[0].n).toBe(0);

    // Corrected: the status under review is now established (a new record, the old one history); the other row is unchanged.
    const fixed = [
      HEADER,
      `${iin('2017-01-02')},Серіков,Арман,2017-01-02,male,310000000,${GUARDIAN},да,health social,established,2025-03-01,да`,
      `${iin('2017-02-03')},Серіков,Нұрлан,2017-02-03,male,310000000,${GUARDIAN},нет,,established,2026-10-01,да`,
    ].join('\n');
    const again = await upload(await social.auth(), fixed, 'fixed.csv').expect(202);
    await applyJob();
    const second = await t.http.get(`${API}/imports/${again.body.id}`).set(await social.auth()).expect(200);
    expect(second.body.rows.map((r: { outcome: string }) => r.outcome)).toEqual(['unchanged', 'updated']);
    const history = await t.db.query(
      `SELECT d.status FROM disabilities d JOIN children c ON c.id = d.child_id WHERE c.iin = $1 ORDER BY d.recorded_at, d.created_at`, [iin('2017-02-03')]);
    expect(history.map((h: { status: string }) => h.status)).toEqual(['under_review', 'established']);
  });

  it('a school may not record a disability: the row is refused with the API\'s 403 code, nothing registered', async () => {
    const file = `${HEADER}\n${iin('2017-06-07')},Серіков,Бауыржан,2017-06-07,male,310000000,${GUARDIAN},да,,established,2025-03-01,да\n`;
    const res = await upload(await school.auth(), file, 'school.csv', true).expect(200);
    expect(res.body.rows[0]).toMatchObject({ outcome: 'error', errors: [{ code: 'FORBIDDEN' }] });
    expect((await t.db.query(`SELECT count(*)::int AS n FROM children WHERE iin = $1`, [iin('2017-06-07')]))[0].n).toBe(0);
  });

  it('a corrected file adds a known child\'s new guardian and records the consents not active yet; the same again is unchanged', async () => {
    const child = iin('2017-08-09');
    const father = `${makeIin('1985-04-04', 'male')},Серіков Марат,father`;
    const first = `${HEADER}\n${child},Серіков,Санжар,2017-08-09,male,310000000,${GUARDIAN},да,,,,да\n`;
    await upload(await social.auth(), first, 'first.csv').expect(202);
    await applyJob();
    // The father now, with a data-sharing consent; the services consent the mother gave stays the only one.
    const corrected = `${HEADER}\n${child},Серіков,Санжар,2017-08-09,male,310000000,${father},да,health,,,да\n`;
    const res = await upload(await social.auth(), corrected, 'corrected.csv').expect(202);
    await applyJob();
    const view = await t.http.get(`${API}/imports/${res.body.id}`).set(await social.auth()).expect(200);
    expect(view.body.rows.map((r: { outcome: string }) => r.outcome)).toEqual(['updated']);
    const guardians = await t.db.query(
      `SELECT g.full_name, g.relation FROM guardians g JOIN children c ON c.id = g.child_id WHERE c.iin = $1 ORDER BY g.created_at, g.full_name`, [child]);
    expect(guardians).toEqual([{ full_name: 'Серікова Айгүл', relation: 'mother' }, { full_name: 'Серіков Марат', relation: 'father' }]);
    const consents = await t.db.query(
      `SELECT k.kind, k.sector, g.relation FROM consents k JOIN guardians g ON g.id = k.guardian_id JOIN children c ON c.id = k.child_id
        WHERE c.iin = $1 ORDER BY k.kind`, [child]);
    expect(consents).toEqual([{ kind: 'data_sharing', sector: 'health', relation: 'father' }, { kind: 'services', sector: null, relation: 'mother' }]);
    // The same rows in another file: nothing to add.
    const again = await upload(await social.auth(), `${corrected}\n`, 'again.csv').expect(202);
    await applyJob();
    const second = await t.http.get(`${API}/imports/${again.body.id}`).set(await social.auth()).expect(200);
    expect(second.body.rows.map((r: { outcome: string }) => r.outcome)).toEqual(['unchanged']);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM consents k JOIN children c ON c.id = k.child_id WHERE c.iin = $1`, [child]))[0].n).toBe(2);
    // Consents without the guardian who gives them: the row names none.
    const anonymous = `${HEADER}\n${child},Серіков,Санжар,2017-08-09,male,310000000,,,,да,social,,,да\n`;
    const dry = await upload(await social.auth(), anonymous, 'anonymous.csv', true).expect(200);
    expect(rowCodes(dry.body.rows)).toEqual({ 2: ['guardian_iin:REQUIRED'] });
  });
});
