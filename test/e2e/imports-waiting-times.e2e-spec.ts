import ExcelJS from 'exceljs';
import { ImportsService } from '@qoldau/imports';
import { CaseWorker, newCaseWorker, newChild } from '../support/children';
import { asAdmin, bearer, newOrganization, newUser, Session, ZHAMBYL } from '../support/factories';
import { grantConsent } from '../support/referrals';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Issue 18: the service-episodes column `referred_on` — the day the referral was sent. The imported
 * referral is stored as sent that day, so GET /reports/summary counts its working days to started_on
 * in the waiting times as it does for a live referral (libs/reports summary.repository.ts).
 */
const API = '/api/v1';
const HEADER = 'child_iin,org_external_id,service_type,funding,started_on,sessions,referred_on';
const SERVICE = 'psychological_pedagogical_correction';

describe('imports: service episodes with referred_on (waiting times)', () => {
  let t: TestApp;
  let office: CaseWorker;
  let analyst: Session;
  const iins: string[] = [];

  beforeAll(async () => {
    // The summary is read after each upload: computed afresh each time, not served from its snapshot.
    t = await startTestApp({ now: '2026-11-25T06:00:00Z', env: { REPORT_CACHE_SECONDS: '0' } });
    const admin = await asAdmin(t);
    const officeOrg = await newOrganization(t, admin, { type: 'social_protection_office', externalId: 'SOC-W' });
    office = await newCaseWorker(t, admin, 'social_protection_office', ['social_worker'], undefined, officeOrg.id);
    await newOrganization(t, admin, { type: 'correction_room', externalId: 'PPKK-W', capacity: 40 });
    const department = await newOrganization(t, admin, { type: 'education_department', kato: ZHAMBYL });
    analyst = await (await newUser(t, admin, department.id, ['analyst'])).session();
    for (let i = 0; i < 7; i++) {
      const child = await newChild(t, office, { birthDate: `2018-0${i + 1}-0${i + 1}`, sex: i % 2 ? 'male' : 'female' });
      await grantConsent(t, office, child);
      iins.push(child.identity.iin as string);
    }
  });
  afterAll(() => t.close());

  let auth: Record<string, string>;
  beforeEach(async () => {
    auth = await office.auth();
  });
  const upload = (content: Buffer | string, name = 'episodes.csv', dryRun = false) =>
    t.http.post(`${API}/imports/service-episodes${dryRun ? '?dryRun=true' : ''}`).set(auth).attach('file', Buffer.from(content), name);
  const applyJob = () => t.app.get(ImportsService).applyPending();
  const view = async (id: string) => (await t.http.get(`${API}/imports/${id}`).set(await office.auth()).expect(200)).body;
  const rowCodes = (rows: { rowNumber: number; errors: { code: string; field: string | null }[] }[]) =>
    Object.fromEntries(rows.filter((r) => r.errors.length).map((r) => [r.rowNumber, r.errors.map((e) => `${e.field}:${e.code}`)]));
  const waiting = async () => {
    const res = await t.http.get(`${API}/reports/summary?kato=${ZHAMBYL}`).set(bearer(analyst)).expect(200);
    return res.body.rows.find((r: { total: boolean }) => !r.total).waitingTimes.find((w: { serviceType: string }) => w.serviceType === SERVICE);
  };
  const sentDays = () => t.db.query(
    `SELECT c.iin, to_char((r.sent_at AT TIME ZONE 'UTC') + interval '5 hours', 'YYYY-MM-DD') AS sent, r.sla_due_at
       FROM referrals r JOIN children c ON c.id = r.child_id ORDER BY c.iin`);

  // Working days from the day after referred_on through started_on (October 2026 has no holiday):
  // 5, 1, 10, 4, 0 → median 4, p90 8 (percentile_cont). Row 7 gives no referral day: it waits for nothing.
  const file = () => [
    HEADER,
    `${iins[0]},PPKK-W,${SERVICE},paid,2026-10-08,4,2026-10-01`,
    `${iins[1]},PPKK-W,${SERVICE},paid,2026-10-06,4,05.10.2026`,
    `${iins[2]},PPKK-W,${SERVICE},paid,2026-10-15,4,2026-10-01`,
    `${iins[3]},PPKK-W,${SERVICE},paid,2026-10-02,4,2026-09-28`,
    `${iins[4]},PPKK-W,${SERVICE},paid,2026-10-12,4,2026-10-12`,
    `${iins[5]},PPKK-W,${SERVICE},paid,2026-10-12,4,`,
    `${iins[6]},PPKK-W,${SERVICE},paid,2026-10-01,4,2026-10-10`,
    `${iins[6]},PPKK-W,${SERVICE},paid,2026-10-01,4,yesterday`,
  ].join('\n');

  it('a dry run names a referral day after the start and writes nothing', async () => {
    const res = await upload(file(), 'episodes.csv', true).expect(200);
    expect(res.body).toMatchObject({ rowsTotal: 8, created: 6, failed: 2 });
    expect(rowCodes(res.body.rows)).toEqual({ 8: ['referred_on:REFERRED_AFTER_START'], 9: ['referred_on:INVALID_DATE'] });
    expect((await t.db.query(`SELECT count(*)::int AS n FROM referrals`))[0].n).toBe(0);
  });

  let importId: string;
  it('stores each referral as sent on its day, and the summary counts the waiting times like live referrals', async () => {
    const res = await upload(file()).expect(202);
    importId = res.body.id;
    await applyJob();
    const body = await view(importId);
    expect(body).toMatchObject({ status: 'done', created: 6, failed: 2 });
    expect(await sentDays()).toEqual(expect.arrayContaining([
      { iin: iins[0], sent: '2026-10-01', sla_due_at: null }, { iin: iins[1], sent: '2026-10-05', sla_due_at: null },
      { iin: iins[5], sent: null, sla_due_at: null },
    ]));
    expect(await waiting()).toEqual({
      serviceType: SERVICE, started: { value: 5, suppressed: false },
      medianWorkingDays: { value: 4, suppressed: false }, p90WorkingDays: { value: 8, suppressed: false },
    });
  });

  it('the same file again is the earlier import; a corrected referral day updates, a missing one keeps what was recorded', async () => {
    expect((await upload(file(), 'again.csv').expect(200)).body.id).toBe(importId);
    const corrected = [
      HEADER,
      `${iins[0]},PPKK-W,${SERVICE},paid,2026-10-08,4,2026-10-01`,
      `${iins[1]},PPKK-W,${SERVICE},paid,2026-10-06,4,2026-09-29`,
      `${iins[2]},PPKK-W,${SERVICE},paid,2026-10-15,4,`,
      `${iins[5]},PPKK-W,${SERVICE},paid,2026-10-12,4,2026-10-09`,
    ].join('\n');
    const res = await upload(corrected, 'fixed.csv').expect(202);
    await applyJob();
    const body = await view(res.body.id);
    expect(body.rows.map((r: { outcome: string }) => r.outcome)).toEqual(['unchanged', 'updated', 'unchanged', 'updated']);
    const days = Object.fromEntries((await sentDays()).map((r: { iin: string; sent: string }) => [r.iin, r.sent]));
    expect(days).toMatchObject({ [iins[1]]: '2026-09-29', [iins[2]]: '2026-10-01', [iins[5]]: '2026-10-09' });
    // 5 (29 Sep → 6 Oct), 5, 10, 4, 0, 1 (9 Oct, a Friday → Monday 12th): sorted 0 1 4 5 5 10.
    expect(await waiting()).toMatchObject({ started: { value: 6, suppressed: false }, medianWorkingDays: { value: 4.5, suppressed: false } });
  });

  it('reads the Russian header and an Excel date cell for the referral day', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Услуги');
    sheet.addRow(['ИИН ребёнка', 'Внешний id организации', 'Вид услуги', 'Финансирование', 'Дата начала', 'Дата направления']);
    sheet.addRow([iins[6], 'PPKK-W', 'speech_therapy', 'paid', new Date(Date.UTC(2026, 10, 2)), new Date(Date.UTC(2026, 9, 26))]);
    const res = await upload(Buffer.from(await book.xlsx.writeBuffer()), 'episodes.xlsx').expect(202);
    await applyJob();
    expect(await view(res.body.id)).toMatchObject({ created: 1, failed: 0 });
    const [row] = await t.db.query(
      `SELECT to_char((r.sent_at AT TIME ZONE 'UTC') + interval '5 hours', 'YYYY-MM-DD') AS sent FROM referrals r WHERE r.service_type = 'speech_therapy'`);
    expect(row.sent).toBe('2026-10-26');
  });
});
