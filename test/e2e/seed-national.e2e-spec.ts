import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ImportsService } from '@qoldau/imports';
import { startTestApp, TEST_ADMIN_PASSWORD, TestApp } from '../support/test-app';

/**
 * Issue 18: `npm run seed:national` at a reduced scale against the real app listening on a loopback
 * port. Everything goes through the import API; the summary it prints must be the ministry's figures.
 */
describe('seed:national', () => {
  let t: TestApp;
  let url: string;
  let pump: NodeJS.Timeout;
  let applying: Promise<void> = Promise.resolve();

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    url = await t.app.getUrl();
    // The import job, as the worker runs it (safe to run while pg-boss would too).
    const imports = t.app.get(ImportsService);
    let running = false;
    pump = setInterval(() => {
      if (running) return;
      running = true;
      applying = imports.applyPending().finally(() => { running = false; });
    }, 200);
  });
  afterAll(async () => {
    clearInterval(pump);
    await applying.catch(() => undefined);
    await t.close();
  });

  it('loads the national dataset through the imports and reproduces the ministry\'s figures', async () => {
    const out = mkdtempSync(join(tmpdir(), 'seed-national-'));
    const { stdout } = await promisify(execFile)(process.execPath, [
      'test/seed/seed-national.ts', '--url', url.replace('[::1]', '127.0.0.1'), '--admin-password', TEST_ADMIN_PASSWORD, '--scale', '0.003', '--out', out,
    ], { maxBuffer: 10 * 1024 * 1024 });
    const { expected, total } = JSON.parse(stdout);
    expect(expected).toMatchObject({ childrenInInclusiveEducation: 284, childrenWithDisabilityUnderStateOrder: 23 });
    const values = (cells: Record<string, { value: number } | string>) =>
      Object.fromEntries(Object.entries(cells).filter(([, c]) => typeof c === 'object').map(([k, c]) => [k, (c as { value: number }).value]));
    expect(values(total.organizations)).toEqual({
      special_kindergarten: 48, special_school: 99, pmpc: 126, correction_room: 238, autism_centre: 12, rehab_centre: 14, total: 537,
    });
    expect(total.supportRooms.value).toBe(1095);
    expect(total.schoolsWithSenConditionsPercent.value).toBe(95.2);
    expect(total.childrenInInclusiveEducation).toEqual({ value: 284, suppressed: false });
    expect(total.childrenWithDisabilityUnderStateOrder).toEqual({ value: 23, suppressed: false });
    // PMPC conclusions and waiting times: the summary's figures are the ones the script generated.
    expect(expected.childrenAssessedThisYear).toBeGreaterThan(0);
    expect(total.childrenAssessedThisYear).toEqual({ value: expected.childrenAssessedThisYear, suppressed: false });
    expect(total.conclusionsOverdueForReview.value).toBe(expected.conclusionsOverdueForReview);
    const shown = Object.entries(expected.waitingTimes as Record<string, { started: number; medianWorkingDays: number; p90WorkingDays: number }>)
      .filter(([, generated]) => generated.started >= 5);
    expect(shown.map(([serviceType]) => serviceType)).toEqual(expect.arrayContaining(['psychological_pedagogical_correction', 'speech_therapy']));
    for (const [serviceType, generated] of shown) {
      const figures = total.waitingTimes.find((w: { serviceType: string }) => w.serviceType === serviceType);
      expect({ serviceType, ...values(figures) }).toEqual({ serviceType, started: generated.started, medianWorkingDays: generated.medianWorkingDays, p90WorkingDays: generated.p90WorkingDays });
      expect(generated.medianWorkingDays).toBeGreaterThan(0);
    }
    const conclusions = await t.db.query(`SELECT count(*)::int AS n FROM assessments WHERE status = 'signed'`);
    expect(conclusions[0].n).toBeGreaterThanOrEqual(expected.childrenAssessedThisYear);
    const byType = await t.db.query(`SELECT type, count(*)::int AS n FROM organizations WHERE external_id LIKE 'SEED-%' GROUP BY type ORDER BY type`);
    expect(Object.fromEntries(byType.map((r: { type: string; n: number }) => [r.type, r.n]))).toMatchObject({ pmpc: 126, correction_room: 238, school: 125 });
  }, 180_000);
});
