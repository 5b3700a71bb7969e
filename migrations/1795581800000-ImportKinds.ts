import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Imports of placements and service episodes (issue 18, part 2): two more kinds of import. The column
 * check was created unnamed with the table, so PostgreSQL named it `imports_kind_check`.
 */
export class ImportKinds1795581800000 implements MigrationInterface {
  name = 'ImportKinds1795581800000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE imports DROP CONSTRAINT imports_kind_check`);
    await q.query(`ALTER TABLE imports ADD CONSTRAINT imports_kind_check CHECK (kind IN ('organizations', 'children', 'placements', 'service-episodes'))`);
  }

  public async down(): Promise<void> {
    throw new Error('Qoldau migrations are forward-only; restore from backup to go back.');
  }
}
