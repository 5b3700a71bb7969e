import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the worklist at national scale (issue 16, docs/performance.md):
 *  - overdue referrals are two indexed arms, the receiver's and the sender's running deadlines, instead
 *    of an OR over two columns that scanned every referral;
 *  - consents expiring soon are a range of one partial index (unwithdrawn consents with an end date)
 *    instead of a scan of every consent.
 * Partial indexes: the entities name them with `synchronize: false`, so the drift check leaves them.
 */
export class WorklistIndexes1795582200000 implements MigrationInterface {
  name = 'WorklistIndexes1795582200000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "IDX_referrals_to_org_sla_due" ON referrals (to_org_id, sla_due_at) WHERE sla_due_at IS NOT NULL`);
    await q.query(`CREATE INDEX "IDX_referrals_from_org_sla_due" ON referrals (from_org_id, sla_due_at) WHERE sla_due_at IS NOT NULL`);
    await q.query(`CREATE INDEX "IDX_consents_expiring" ON consents (expires_at, child_id) WHERE withdrawn_at IS NULL AND expires_at IS NOT NULL`);
  }

  public async down(): Promise<void> {
    throw new Error('Qoldau migrations are forward-only; restore from backup to go back.');
  }
}
