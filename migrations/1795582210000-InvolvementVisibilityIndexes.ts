import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Case visibility from the index alone (issue 16, docs/performance.md). Every case query tests "the
 * organisation has an active involvement" on (child, organisation), and search and the worklists build
 * the set of an organisation's children from (organisation, child); the test also reads kind, since and
 * until, so with the plain indexes each probe went to the table (at a million children, a PMPC's 50 000
 * involvements were as many heap pages). Covering indexes answer both from the index (index-only scans).
 * The plain indexes stay: the entities declare them. Named with `synchronize: false` in the entity.
 */
export class InvolvementVisibilityIndexes1795582210000 implements MigrationInterface {
  name = 'InvolvementVisibilityIndexes1795582210000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "IDX_involvements_child_org_visible" ON involvements (child_id, org_id) INCLUDE (kind, since, until)`);
    await q.query(`CREATE INDEX "IDX_involvements_org_child_visible" ON involvements (org_id, child_id) INCLUDE (kind, since, until)`);
  }

  public async down(): Promise<void> {
    throw new Error('Qoldau migrations are forward-only; restore from backup to go back.');
  }
}
