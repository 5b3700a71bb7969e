import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The roster's placements of one organisation (issue 16, libs/placements/roster.repository.ts). The
 * roster lists proposed and active placements; the only index by organisation covered active ones
 * (IDX_placements_org_active), so every roster read scanned all placements of the country (a parallel
 * sequential scan: 60 000 rows at 100 000 children to keep 493). This one finds an organisation's
 * placements by status and holds what choosing a page reads of them (id, child, form), so that step
 * is an index-only scan; the rest of a placement is read for the page alone. Named with
 * `synchronize: false` in the entity.
 */
export class RosterIndex1795583200000 implements MigrationInterface {
  name = 'RosterIndex1795583200000';

  public async up(q: QueryRunner): Promise<void> {
    // Building it reads every placement: at a million children longer than the statement timeout.
    await q.query(`SET LOCAL statement_timeout = 0`);
    await q.query(`CREATE INDEX "IDX_placements_org_status" ON placements (org_id, status) INCLUDE (child_id, form, id)`);
  }

  public async down(): Promise<void> {
    throw new Error('Qoldau migrations are forward-only; restore from backup to go back.');
  }
}
