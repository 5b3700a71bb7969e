import type { PgBoss } from 'pg-boss';
import type { DataSource } from 'typeorm';

/**
 * pg-boss 11 replaced the queue schema of pg-boss 10 and ships no migration from it (its oldest
 * starting version is 25; pg-boss 10 wrote 24). Migration 1795581100000 renames such a schema to
 * `pgboss_v10` before pg-boss starts, so pg-boss installs a fresh `pgboss`; this moves the jobs
 * that were still waiting there into the new queues, under their old ids, and drops the old schema.
 */
export const RETIRED_SCHEMA = 'pgboss_v10';

interface RetiredJob {
  id: string;
  name: string;
  data: object | null;
  priority: number;
  retries_left: number;
  retry_delay: number;
  retry_backoff: boolean;
  start_after: Date;
  singleton_key: string | null;
  expire_in_seconds: number;
}

/** Returns how many jobs moved. Safe when several processes start at once, and when rerun. */
export async function carryOverRetiredJobs(boss: PgBoss, dataSource: DataSource): Promise<number> {
  const [{ present }] = await dataSource.query(`SELECT to_regnamespace($1) IS NOT NULL AS present`, [RETIRED_SCHEMA]);
  if (!present) return 0;
  return dataSource.transaction(async (manager) => {
    // One process moves the jobs; the others wait here, then find the schema gone.
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [RETIRED_SCHEMA]);
    const [{ still }] = await manager.query(`SELECT to_regnamespace($1) IS NOT NULL AS still`, [RETIRED_SCHEMA]);
    if (!still) return 0;
    // 'active' too: no pg-boss 10 process is left to finish them, and pg-boss 10 would have retried them.
    const jobs: RetiredJob[] = await manager.query(`
      SELECT id, name, data, priority, greatest(retry_limit - retry_count, 0) AS retries_left, retry_delay,
             retry_backoff, start_after, singleton_key, extract(epoch FROM expire_in)::int AS expire_in_seconds
        FROM ${RETIRED_SCHEMA}.job
       WHERE state IN ('created', 'retry', 'active') AND name NOT LIKE '\\_\\_pgboss%'
       ORDER BY created_on`);
    const byQueue = Map.groupBy(jobs, (job) => job.name);
    for (const [name, queued] of byQueue) {
      await boss.createQueue(name);
      // Inserted under the old ids, so a rerun after a crash before the drop adds nothing twice.
      await boss.insert(
        name,
        queued.map((job) => ({
          id: job.id,
          data: job.data ?? {},
          priority: job.priority,
          retryLimit: job.retries_left,
          retryDelay: job.retry_delay,
          retryBackoff: job.retry_backoff,
          startAfter: job.start_after,
          singletonKey: job.singleton_key ?? undefined,
          expireInSeconds: job.expire_in_seconds,
        })),
      );
    }
    await manager.query(`DROP SCHEMA ${RETIRED_SCHEMA} CASCADE`);
    return jobs.length;
  });
}
