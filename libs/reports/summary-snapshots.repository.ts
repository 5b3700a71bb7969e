import { Injectable } from '@nestjs/common';
import { SqlRepository } from '@qoldau/core';
import type { SummaryFacts } from './summary.repository';

/** The facts of one scope as of one day, and when they were computed. */
export interface SummarySnapshot {
  facts: SummaryFacts;
  computedAt: Date;
}

/** The first key of the summary's advisory locks; the second is a hash of the snapshot's key. */
const SNAPSHOT_LOCK = 7_262_017;
const LOCK_KEY = `hashtext($1::text || '|' || array_to_string($2::text[], ','))`;

/**
 * Table `summary_snapshots` (migration SummarySnapshots), on the primary in the request's or the
 * job's transaction — never on the report replica, which is read-only. A snapshot is keyed by the
 * asOf day and the exact, sorted list of region codes the figures were computed for, so figures of
 * one scope are never served for another.
 */
@Injectable()
export class SummarySnapshotsRepository extends SqlRepository {
  async find(asOf: string, regions: readonly string[]): Promise<SummarySnapshot | null> {
    const [row] = await this.rows<{ facts: SummaryFacts; computed_at: Date }>(
      `SELECT facts, computed_at FROM summary_snapshots WHERE as_of = $1::date AND regions = $2::text[]`,
      [asOf, regions],
    );
    return row ? { facts: row.facts, computedAt: row.computed_at } : null;
  }

  /** Every region's code: the scope of a national user (the ministry, the national admin). */
  async allRegions(): Promise<string[]> {
    return (await this.rows<{ kato: string }>(`SELECT kato FROM regions ORDER BY kato`)).map((row) => row.kato);
  }

  /** The key's lock for the rest of the transaction, if no other transaction holds it. */
  async tryLock(asOf: string, regions: readonly string[]): Promise<boolean> {
    const [row] = await this.rows<{ locked: boolean }>(`SELECT pg_try_advisory_xact_lock(${SNAPSHOT_LOCK}, ${LOCK_KEY}) AS locked`, [asOf, regions]);
    return row.locked;
  }

  /** The key's lock for the rest of the transaction, waiting for the transaction that holds it. */
  async lock(asOf: string, regions: readonly string[]): Promise<void> {
    await this.rows(`SELECT pg_advisory_xact_lock(${SNAPSHOT_LOCK}, ${LOCK_KEY})`, [asOf, regions]);
  }

  /** Forgets snapshots computed before `before` (past days asked for once, scopes no longer asked for). */
  async forget(before: Date): Promise<void> {
    await this.rows(`DELETE FROM summary_snapshots WHERE computed_at < $1`, [before]);
  }

  async save(asOf: string, regions: readonly string[], facts: SummaryFacts, computedAt: Date): Promise<void> {
    await this.rows(
      `INSERT INTO summary_snapshots (as_of, regions, facts, computed_at) VALUES ($1::date, $2::text[], $3::jsonb, $4)
       ON CONFLICT (as_of, regions) DO UPDATE SET facts = EXCLUDED.facts, computed_at = EXCLUDED.computed_at`,
      [asOf, regions, JSON.stringify(facts), computedAt],
    );
  }
}
