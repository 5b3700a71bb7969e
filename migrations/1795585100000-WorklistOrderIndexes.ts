import { MigrationInterface, QueryRunner } from 'typeorm';

const HOUR_MS = 60 * 60 * 1000;

/**
 * The worklist's referral buckets read in their page's order straight from an index on the organisation
 * (issue 16, test/bench/findings.md "Worklist"), so the first page and the capped count stop early:
 *  - overdue is ordered by (sla_due_at, id): the two per-side indexes get the id, so the two arms merge
 *    in order (at a million children a PMPC's 4 800 overdue referrals were collected and sorted for five);
 *  - awaiting a response and accepted-not-started are ordered by the deadline within (receiver, status):
 *    without this index the page walked the national deadline index filtering on the receiver.
 */
export class WorklistOrderIndexes1795585100000 implements MigrationInterface {
  name = 'WorklistOrderIndexes1795585100000';

  public async up(q: QueryRunner): Promise<void> {
    // Index builds over every referral at a million children outlast a request's statement timeout.
    const run = (text: string) => q.query({ text, query_timeout: HOUR_MS } as unknown as string);
    await run(`SET LOCAL statement_timeout = 0`);
    await run(`DROP INDEX "IDX_referrals_to_org_sla_due"`);
    await run(`DROP INDEX "IDX_referrals_from_org_sla_due"`);
    await run(`CREATE INDEX "IDX_referrals_to_org_sla_due" ON referrals (to_org_id, sla_due_at, id) WHERE sla_due_at IS NOT NULL`);
    await run(`CREATE INDEX "IDX_referrals_from_org_sla_due" ON referrals (from_org_id, sla_due_at, id) WHERE sla_due_at IS NOT NULL`);
    await run(`CREATE INDEX "IDX_referrals_to_org_status_due" ON referrals (to_org_id, status, sla_due_at)`);
  }

  public async down(): Promise<void> {
    throw new Error('Qoldau migrations are forward-only; restore from backup to go back.');
  }
}
