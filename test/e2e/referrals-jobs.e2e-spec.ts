import { Jobs } from '@qoldau/core';
import { OUTBOX_JOB } from '@qoldau/notifications';
import { SLA_JOB } from '@qoldau/referrals';
import { almaty, consentingChild, sentReferral, serviceProvider, worker } from '../support/referrals';
import { startTestApp, TestApp } from '../support/test-app';
import { eventually } from '../support/eventually';

// The SLA check and the outbox delivery run as pg-boss jobs in a worker (here the app itself, as in
// embedded mode); the other referral tests call the same handlers directly.
describe('referral jobs through pg-boss', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ worker: true, now: almaty('2026-03-16 10:00').toISOString() });
  });
  afterAll(() => t.close());

  it('schedules the SLA check every five minutes and the outbox every minute', async () => {
    const rows = await t.db.query(`SELECT name, cron FROM pgboss.schedule WHERE name = ANY($1) ORDER BY name`, [[SLA_JOB, OUTBOX_JOB]]);
    expect(rows).toEqual([
      { name: OUTBOX_JOB, cron: '* * * * *' },
      { name: SLA_JOB, cron: '*/5 * * * *' },
    ]);
  });

  it('marks an overdue referral and delivers its notifications through the outbox', async () => {
    const pmpc = await worker(t, 'pmpc', ['pmpc_specialist']);
    const room = await serviceProvider(t, 'correction_room', ['correction_specialist'], { capacity: 5, stateOrderPlaces: 5 });
    const referral = await sentReferral(t, pmpc, (await consentingChild(t, pmpc)).id, room.orgId);
    t.clock.set(almaty('2026-03-27 08:00')); // due at the end of 26 March (Nauryz and its days off in between)

    await t.app.get(Jobs).send(SLA_JOB, {});
    const overdueAt = await eventually(async () => {
      const [row] = await t.db.query(`SELECT overdue_at FROM referrals WHERE id = $1`, [referral.id]);
      return row.overdue_at ?? undefined;
    });
    expect(overdueAt).toEqual(almaty('2026-03-27 08:00'));
    const kinds = await t.db.query(`SELECT DISTINCT kind FROM notifications WHERE referral_id = $1 ORDER BY kind`, [referral.id]);
    expect(kinds.map((k: { kind: string }) => k.kind)).toEqual(['referral.received', 'referral.sla_breached']);

    await t.app.get(Jobs).send(OUTBOX_JOB, {});
    await eventually(async () => {
      const [row] = await t.db.query(
        `SELECT count(*) FILTER (WHERE o.status <> 'sent')::int AS waiting, count(*)::int AS total
           FROM outbox o JOIN notifications n ON o.key = 'notification:' || n.id WHERE n.referral_id = $1`,
        [referral.id],
      );
      return row.total > 0 && row.waiting === 0 ? row : undefined;
    });
    const [job] = await t.db.query(`SELECT state FROM pgboss.job WHERE name = $1 ORDER BY created_on DESC LIMIT 1`, [SLA_JOB]);
    expect(job.state).toBe('completed');
  });
});
