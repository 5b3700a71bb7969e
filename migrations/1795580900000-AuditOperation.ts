import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Whether an audited act read or changed (from the HTTP method), so the guardian-facing access log can
 * say "read" or "changed" without guessing from action names. Nullable: rows written before it keep
 * their seals (the canonical row includes the column only when set).
 */
export class AuditOperation1795580900000 implements MigrationInterface {
  name = 'AuditOperation1795580900000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_events ADD COLUMN operation text`);
  }

  public async down(): Promise<void> {
    throw new Error('Qoldau migrations are forward-only; restore from backup to go back.');
  }
}
