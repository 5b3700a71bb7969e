import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the summary report (issue 17, GET /reports/summary): its aggregates filter by a child's
 * region (the first two digits of its KATO), by the as-of date ranges of active placements and
 * state-order service episodes, by the signing date of conclusions and by referral status. Partial and
 * expression indexes: the entities name them with `synchronize: false`, so the drift check leaves them.
 */
export class ReportIndexes1795581600000 implements MigrationInterface {
  name = 'ReportIndexes1795581600000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "IDX_children_region" ON children ((left(kato, 2)))`);
    await q.query(`CREATE INDEX "IDX_placements_active_between" ON placements (started_on, ended_on) WHERE activated_at IS NOT NULL`);
    await q.query(`CREATE INDEX "IDX_service_episodes_state_order_between" ON service_episodes (started_on, ended_on) WHERE funding = 'state_order'`);
    await q.query(`CREATE INDEX "IDX_assessments_signed_at" ON assessments (signed_at) WHERE signed_at IS NOT NULL`);
    await q.query(`CREATE INDEX "IDX_referrals_status" ON referrals (status) WHERE status <> 'draft'`);
  }

  public async down(): Promise<void> {
    throw new Error('Qoldau migrations are forward-only; restore from backup to go back.');
  }
}
