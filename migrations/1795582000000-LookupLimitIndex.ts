import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Look-up limits (issue 20): a user's IIN look-ups and name searches in the last minutes are counted
 * from the audit trail itself (every look-up is audited, on every replica), so the count needs the
 * user's events of one action by time without walking the user's whole history.
 */
export class LookupLimitIndex1795582000000 implements MigrationInterface {
  name = 'LookupLimitIndex1795582000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "IDX_audit_events_actor_action_at" ON audit_events (actor_user_id, action, at)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_audit_events_actor_action_at"`);
  }
}
