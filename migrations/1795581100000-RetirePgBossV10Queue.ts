import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * pg-boss 12 cannot migrate the queue schema pg-boss 10 made (schema version 24; its migrations start
 * at 25) and refuses to start on it. Move that schema aside before pg-boss starts, so pg-boss installs
 * a fresh `pgboss`; the job runner then moves the jobs still waiting in `pgboss_v10` into the new
 * queues under their old ids and drops it (libs/core/jobs/retired-queue.ts). A database that never
 * ran pg-boss, or already runs a newer one, is left as it is.
 */
export class RetirePgBossV10Queue1795581100000 implements MigrationInterface {
  name = 'RetirePgBossV10Queue1795581100000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DO $$
      BEGIN
        IF to_regclass('pgboss.version') IS NOT NULL THEN
          IF (SELECT max(version) FROM pgboss.version) < 25 THEN
            ALTER SCHEMA pgboss RENAME TO pgboss_v10;
          END IF;
        END IF;
      END $$`);
  }

  public async down(): Promise<void> {
    // Nothing to undo: once its jobs have moved, the old schema is gone, and pg-boss 10 cannot run
    // against the new one.
  }
}
