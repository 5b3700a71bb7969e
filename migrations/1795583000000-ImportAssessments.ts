import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Imports of PMPC conclusions (issue 18, part 3): a fifth kind of import, `assessments`.
 */
export class ImportAssessments1795583000000 implements MigrationInterface {
  name = 'ImportAssessments1795583000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE imports DROP CONSTRAINT imports_kind_check`);
    await q.query(`ALTER TABLE imports ADD CONSTRAINT imports_kind_check CHECK (kind IN ('organizations', 'children', 'placements', 'service-episodes', 'assessments'))`);
  }

  public async down(): Promise<void> {
    throw new Error('Qoldau migrations are forward-only; restore from backup to go back.');
  }
}
