import ExcelJS from 'exceljs';
import { ImportsService } from '@qoldau/imports';
import { CaseWorker, newCaseWorker, newChild, withWrongCheckDigit } from '../support/children';
import { asAdmin, bearer, newOrganization, Session } from '../support/factories';
import { grantConsent } from '../support/referrals';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Issue 18: POST /imports/service-episodes — the register of services an organisation referred its
 * children to, each row recorded through EpisodeRecordsService (libs/referrals): a referral to the
 * provider stored already in service (or completed), corrected by (child, provider, service, first day).
 */
const API = '/api/v1';
const HEADER = 'child_iin,org_external_id,service_type,funding,started_on,ended_on,sessions,outcome';

describe('imports: service episodes', () => {
  let t: TestApp;
  let admin: Session;
  let office: CaseWorker;
  let provider: CaseWorker;
  const iins: string[] = [];
  let noConsent: string;
  let stranger: string;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-25T06:00:00Z' });
    admin = await asAdmin(t);
    const officeOrg = await newOrganization(t, admin, { type: 'social_protection_office', externalId: 'SOC-1' });
    office = await newCaseWorker(t, admin, 'social_protection_office', ['social_worker'], undefined, officeOrg.id);
    const room = await newOrganization(t, admin, { type: 'correction_room', externalId: 'PPKK-1', capacity: 40, stateOrderPlaces: 2 });
    provider = await newCaseWorker(t, admin, 'correction_room', ['correction_specialist'], undefined, room.id);
    for (const [i, birth] of ['2018-02-01', '2018-03-02', '2018-04-03', '2018-05-04'].entries()) {
      const child = await newChild(t, office, { birthDate: birth, sex: i % 2 ? 'male' : 'female' });
      await grantConsent(t, office, child);
      iins.push(child.identity.iin as string);
    }
    noConsent = (await newChild(t, office, { birthDate: '2018-06-05' })).identity.iin as string;
    const pmpc = await newCaseWorker(t, admin, 'pmpc', ['pmpc_specialist']);
    stranger = (await newChild(t, pmpc, { birthDate: '2015-01-09' })).identity.iin as string;
  });
  afterAll(() => t.close());

  const upload = (auth: Record<string, string>, content: Buffer | string, name = 'episodes.csv', dryRun = false) =>
    t.http.post(`${API}/imports/service-episodes${dryRun ? '?dryRun=true' : ''}`).set(auth).attach('file', Buffer.from(content), name);
  const applyJob = () => t.app.get(ImportsService).applyPending();
  const count = async (sql: string, params: unknown[] = []) => (await t.db.query(sql, params))[0].n as number;
  const rowCodes = (rows: { rowNumber: number; errors: { code: string }[] }[]) =>
    Object.fromEntries(rows.filter((r) => r.errors.length).map((r) => [r.rowNumber, r.errors.map((e) => e.code)]));
  const outcomes = (rows: { rowNumber: number; outcome: string }[]) => Object.fromEntries(rows.map((r) => [r.rowNumber, r.outcome]));

  // Rows 2–4 good (two state-order places: both taken by rows 2 and 3); every other row fails with one code.
  const file = () => [
    HEADER,
    `${iins[0]},PPKK-1,speech_therapy,state_order,2026-09-01,,12,`,
    `${iins[1]},PPKK-1,defectology,state_order,01.09.2026,,8,`,
    `${iins[2]},PPKK-1,speech_therapy,paid,2026-03-01,2026-06-30,30,goals_met`,
    `${iins[3]},PPKK-1,speech_therapy,state_order,2026-09-01,,4,`,
    `${withWrongCheckDigit(iins[3])},PPKK-1,speech_therapy,paid,2026-09-01,,4,`,
    `${stranger},PPKK-1,speech_therapy,paid,2026-09-01,,4,`,
    `${iins[3]},NO-SUCH,speech_therapy,paid,2026-09-01,,4,`,
    `${iins[3]},PPKK-1,rehabilitation,paid,2026-09-01,,4,`,
    `${iins[3]},SOC-1,psychological_support,paid,2026-09-01,,4,`,
    `${noConsent},PPKK-1,speech_therapy,paid,2026-09-01,,4,`,
    `${iins[3]},PPKK-1,speech_therapy,grant,2026-09-01,,4,`,
    `${iins[3]},PPKK-1,speech_therapy,paid,2026-09-01,2026-08-01,4,discontinued`,
    `${iins[3]},PPKK-1,speech_therapy,paid,2026-09-01,2026-10-01,4,`,
    `${iins[3]},PPKK-1,speech_therapy,paid,2027-01-10,,,`,
    `${iins[3]},PPKK-1,speech_therapy,paid,2026-09-01,,many,`,
  ].join('\n');
  const EXPECTED_ERRORS = {
    5: ['STATE_ORDER_QUOTA_FULL'], 6: ['IIN_INVALID'], 7: ['UNKNOWN_CHILD'], 8: ['UNKNOWN_ORGANIZATION'], 9: ['SERVICE_NOT_PROVIDED'],
    10: ['REFERRAL_TO_OWN_ORGANIZATION'], 11: ['CONSENT_REQUIRED'], 12: ['NOT_ALLOWED_VALUE'], 13: ['END_BEFORE_START'], 14: ['REQUIRED'],
    15: ['DATE_IN_FUTURE'], 16: ['NOT_AN_INTEGER'],
  };

  it('only roles that refer import service episodes: 403 for an admin', async () => {
    await upload(bearer(admin), file()).expect(403);
  });

  it('a dry run reports every row code and writes nothing', async () => {
    const res = await upload(await office.auth(), file(), 'episodes.csv', true).expect(200);
    expect(res.body).toMatchObject({ kind: 'service-episodes', rowsTotal: 15, created: 3, failed: 12 });
    expect(rowCodes(res.body.rows)).toEqual(EXPECTED_ERRORS);
    expect(await count(`SELECT count(*)::int AS n FROM service_episodes`)).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM referrals`)).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM imports`)).toBe(0);
  });

  let importId: string;
  it('a real run records the good rows as referrals in service or completed, and the provider sees its children', async () => {
    const res = await upload(await office.auth(), file()).expect(202);
    importId = res.body.id;
    await applyJob();
    const view = await t.http.get(`${API}/imports/${importId}`).set(await office.auth()).expect(200);
    expect(view.body).toMatchObject({ status: 'done', rowsDone: 15, created: 3, failed: 12 });
    expect(rowCodes(view.body.rows)).toEqual(EXPECTED_ERRORS);
    const recorded = await t.db.query(
      `SELECT c.iin, r.status, r.service_type, r.sent_at, e.funding, e.started_on::text AS started, e.ended_on::text AS ended, e.sessions, e.outcome
         FROM service_episodes e JOIN referrals r ON r.id = e.referral_id JOIN children c ON c.id = e.child_id ORDER BY e.started_on, r.service_type`);
    expect(recorded).toEqual([
      { iin: iins[2], status: 'completed', service_type: 'speech_therapy', sent_at: null, funding: 'paid', started: '2026-03-01', ended: '2026-06-30', sessions: 30, outcome: 'goals_met' },
      { iin: iins[1], status: 'in_progress', service_type: 'defectology', sent_at: null, funding: 'state_order', started: '2026-09-01', ended: null, sessions: 8, outcome: null },
      { iin: iins[0], status: 'in_progress', service_type: 'speech_therapy', sent_at: null, funding: 'state_order', started: '2026-09-01', ended: null, sessions: 12, outcome: null },
    ]);
    // The provider reads the running episode as its own, and sees the child's case.
    const episodeId = view.body.rows.find((r: { rowNumber: number }) => r.rowNumber === 2).entityId;
    const episode = await t.http.get(`${API}/service-episodes/${episodeId}`).set(await provider.auth()).expect(200);
    expect(episode.body).toMatchObject({ serviceType: 'speech_therapy', funding: 'state_order', sessions: 12 });
    const childId = (await t.db.query(`SELECT id FROM children WHERE iin = $1`, [iins[0]]))[0].id;
    await t.http.get(`${API}/children/${childId}`).set(await provider.auth()).expect(200);
    const events = await t.db.query(`SELECT changes, resource_id FROM audit_events WHERE action = 'import.service-episodes'`);
    expect(events).toHaveLength(1);
    expect(events[0].changes.fields.rows.to).toHaveLength(15);
  });

  it('the same file again is the earlier import and changes nothing', async () => {
    const res = await upload(await office.auth(), file(), 'again.csv').expect(200);
    expect(res.body.id).toBe(importId);
    expect(await count(`SELECT count(*)::int AS n FROM service_episodes`)).toBe(3);
  });

  it('a corrected file updates by child, provider, service and first day: sessions, funding, the end', async () => {
    const corrected = [
      HEADER,
      `${iins[0]},PPKK-1,speech_therapy,state_order,2026-09-01,2026-11-20,16,goals_partly_met`,
      `${iins[1]},PPKK-1,defectology,state_order,2026-09-01,,8,`,
      `${iins[3]},PPKK-1,speech_therapy,state_order,2026-09-01,,4,`,
    ].join('\n');
    const res = await upload(await office.auth(), corrected, 'fixed.csv').expect(202);
    await applyJob();
    const view = await t.http.get(`${API}/imports/${res.body.id}`).set(await office.auth()).expect(200);
    expect(rowCodes(view.body.rows)).toEqual({});
    // Row 2 ended and freed its state-order place, which row 4 then takes.
    expect(outcomes(view.body.rows)).toEqual({ 2: 'updated', 3: 'unchanged', 4: 'created' });
    const [ended] = await t.db.query(
      `SELECT r.status, e.ended_on::text AS ended, e.sessions, e.outcome FROM service_episodes e JOIN referrals r ON r.id = e.referral_id
        JOIN children c ON c.id = e.child_id WHERE c.iin = $1`, [iins[0]]);
    expect(ended).toEqual({ status: 'completed', ended: '2026-11-20', sessions: 16, outcome: 'goals_partly_met' });
    expect(await count(`SELECT count(*)::int AS n FROM involvements WHERE org_id = $1 AND kind = 'service' AND until IS NULL`, [provider.orgId])).toBe(2);
  });

  it('reads XLSX with Kazakh headers and date cells', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Қызметтер');
    sheet.addRow(['Баланың ЖСН', 'Ұйымның сыртқы id', 'Қызмет түрі', 'Қаржыландыру', 'Басталған күні', 'Сабақтар саны']);
    sheet.addRow([iins[2], 'PPKK-1', 'psychological_support', 'other', new Date(Date.UTC(2026, 9, 5)), 3]);
    const res = await upload(await office.auth(), Buffer.from(await book.xlsx.writeBuffer()), 'episodes.xlsx').expect(202);
    await applyJob();
    const view = await t.http.get(`${API}/imports/${res.body.id}`).set(await office.auth()).expect(200);
    expect(view.body).toMatchObject({ created: 1, failed: 0 });
    const [episode] = await t.db.query(`SELECT started_on::text AS started, sessions FROM service_episodes WHERE id = $1`, [view.body.rows[0].entityId]);
    expect(episode).toEqual({ started: '2026-10-05', sessions: 3 });
  });
});
