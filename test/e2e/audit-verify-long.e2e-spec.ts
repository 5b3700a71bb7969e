import { AuditSealService } from '@qoldau/audit';
import { asAdmin, bearer, newOrganization, newUser, ZHAMBYL } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';
import { createTestDatabase } from '../support/test-database';

/**
 * A full verify that takes longer than the idle-in-transaction limit (2 × the statement timeout) still
 * answers 200 and is audited: at 5 M rows the walk outlived a request transaction held open beside it,
 * whose connection the server then closed, and the audit write failed with 503 (issue 16's benchmark).
 */
describe('audit verify longer than idle_in_transaction_session_timeout', () => {
  let t: TestApp;

  beforeAll(async () => {
    const now = '2026-11-25T06:00:00Z';
    const databaseUrl = await createTestDatabase();
    // 200 000 sealed rows: on an idle machine the walk takes well over the 800 ms idle limit. Written and
    // sealed by an app with the default timeouts: it is the verify that is under test, not this set-up,
    // and under the 400 ms limit a 2 000-row seal batch could time out on a busy CI machine.
    const setup = await startTestApp({ now, databaseUrl });
    try {
      for (let from = 1; from <= 200_000; from += 10_000) {
        await setup.db.query(
          `INSERT INTO audit_events (at, action, outcome, operation, changes)
           SELECT $1::timestamptz, 'bench.filler', 'allowed', 'read', jsonb_build_object('n', n) FROM generate_series($2::int, $2::int + 9999) n`,
          [setup.clock.now(), from],
        );
      }
      await setup.app.get(AuditSealService).seal(0);
    } finally {
      await setup.close();
    }
    // 400 ms statements, so a transaction idle for 800 ms is ended by the server.
    t = await startTestApp({ now, databaseUrl, env: { DATABASE_STATEMENT_TIMEOUT_MS: '400' } });
  });
  afterAll(() => t.close());

  it('answers and records the verify however long the walk takes', async () => {
    const admin = await asAdmin(t);
    const department = await newOrganization(t, admin, { type: 'education_department', kato: ZHAMBYL });
    const auditor = await (await newUser(t, admin, department.id, ['auditor'])).session();
    const started = Date.now();
    const verify = await t.http.get('/api/v1/audit/verify?full=true').set(bearer(auditor)).expect(200);
    expect(verify.body).toMatchObject({ ok: true });
    expect(verify.body.checked).toBeGreaterThanOrEqual(200_000);
    // The walk outlasted the idle limit, which is what made the request transaction die before.
    expect(Date.now() - started).toBeGreaterThan(800);
    const [recorded] = await t.db.query(`SELECT outcome FROM audit_events WHERE action = 'audit.verify' ORDER BY id DESC LIMIT 1`);
    expect(recorded).toEqual({ outcome: 'allowed' });
  });
});
