import { MigrationInterface, QueryRunner } from 'typeorm';

const HOUR_MS = 60 * 60 * 1000;

/**
 * The sender's arm of the worklist's overdue bucket (`from_org_id = $1 AND to_org_id <> $1 AND
 * sla_due_at < $2`, in deadline order) read from its index alone: `to_org_id` is carried in the index,
 * so the arm is an index-only scan like the receiver's. Without it each row was fetched from the table
 * to test the receiver, and a generic plan (the worklist runs on them, @GenericPlans), estimated for an
 * average organisation, judged the national deadline index as cheap and walked every overdue referral
 * in the country for an office with none: 100-140 ms per worklist at a million children, against
 * 0.3-1.3 ms with this index (test/bench/findings.md, "Worklist: generic plans").
 */
export class WorklistSenderIndex1795585200000 implements MigrationInterface {
  name = 'WorklistSenderIndex1795585200000';

  public async up(q: QueryRunner): Promise<void> {
    // An index build over every referral at a million children outlasts a request's statement timeout.
    const run = (text: string) => q.query({ text, query_timeout: HOUR_MS } as unknown as string);
    await run(`SET LOCAL statement_timeout = 0`);
    await run(`DROP INDEX "IDX_referrals_from_org_sla_due"`);
    await run(`CREATE INDEX "IDX_referrals_from_org_sla_due" ON referrals (from_org_id, sla_due_at, id) INCLUDE (to_org_id) WHERE sla_due_at IS NOT NULL`);
  }

  public async down(): Promise<void> {
    throw new Error('Qoldau migrations are forward-only; restore from backup to go back.');
  }
}
