import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, Clock, type RuntimeConfig, UseCaseRunner } from '@qoldau/core';
import { ReportsDatabase } from './reports.database';
import { type SummarySnapshot, SummarySnapshotsRepository } from './summary-snapshots.repository';
import { asOfInstants, SummaryRepository } from './summary.repository';

const DAY_SECONDS = 86_400;

/**
 * The summary's facts for one scope (the asOf day and the exact regions), computed at most once per
 * REPORT_CACHE_SECONDS (docs/reports.md): the aggregates read every child of the country, far too
 * much for each request at national scale. What is kept is the unsuppressed facts of that scope only;
 * suppression and presentation are applied per request (summary-builder.ts), and a scope's facts are
 * never derived from, nor served for, another scope.
 *
 * One computation per key at a time: the transaction that takes the key's advisory lock computes and
 * stores; a request that finds the lock taken serves the stale snapshot while that runs (its
 * `refreshedAt` says how old), or waits for the lock when there is none yet.
 */
@Injectable()
export class SummarySnapshots {
  constructor(
    private readonly snapshots: SummarySnapshotsRepository,
    private readonly database: ReportsDatabase,
    private readonly clock: Clock,
    private readonly runner: UseCaseRunner,
    @Inject(APP_CONFIG) private readonly config: RuntimeConfig,
  ) {}

  /**
   * The facts of `regions` as of `asOf`, from a snapshot younger than `maxAgeSeconds` (the cache's
   * lifetime unless asked otherwise), else computed now. 0 turns the snapshots off.
   */
  async facts(asOf: string, scope: readonly string[], maxAgeSeconds = this.config.reportCacheSeconds): Promise<SummarySnapshot> {
    const regions = [...scope].sort();
    const now = this.clock.now();
    if (maxAgeSeconds === 0) return { facts: await this.compute(asOf, regions), computedAt: now };
    // A snapshot stamped after the clock's now (a clock moved back) is not trusted either.
    const fresh = (snapshot: SummarySnapshot | null): snapshot is SummarySnapshot =>
      snapshot !== null && snapshot.computedAt.getTime() <= now.getTime() && now.getTime() - snapshot.computedAt.getTime() < maxAgeSeconds * 1000;

    const stored = await this.snapshots.find(asOf, regions);
    if (fresh(stored)) return stored;
    if (!(await this.snapshots.tryLock(asOf, regions))) {
      if (stored) return stored;
      await this.snapshots.lock(asOf, regions);
    }
    // Whoever held the lock before may have just stored it.
    const latest = await this.snapshots.find(asOf, regions);
    if (fresh(latest)) return latest;
    const facts = await this.compute(asOf, regions);
    await this.snapshots.save(asOf, regions, facts, now);
    return { facts, computedAt: now };
  }

  /**
   * The `reports.summary` job (every five minutes): today's national facts — what the ministry opens
   * first — computed again once half their lifetime has passed, so that an analyst rarely waits; and
   * old snapshots forgotten. Tests call it directly.
   */
  warm(): Promise<void> {
    return this.runner.run({ action: 'job.reports.summary' }, async () => {
      const lifetime = this.config.reportCacheSeconds;
      if (lifetime === 0) return;
      const regions = await this.snapshots.allRegions();
      await this.facts(this.clock.today(), regions, Math.max(1, Math.floor(lifetime / 2)));
      // Older than a day (and than the lifetime), a snapshot is never fresh again, nor worth serving while one is computed.
      await this.snapshots.forget(new Date(this.clock.now().getTime() - Math.max(lifetime, DAY_SECONDS) * 1000));
    });
  }

  private async compute(asOf: string, regions: readonly string[]) {
    const db = await this.database.manager();
    return new SummaryRepository(() => db).facts(asOfInstants(asOf), regions);
  }
}
