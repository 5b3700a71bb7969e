import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Snapshots of the national summary's facts (issue 16, libs/reports/summary-snapshots.ts): its
 * aggregates read every child, placement, conclusion and referral of the country, which at a million
 * children takes seconds, so the facts of one scope — the asOf day and the exact sorted list of region
 * codes — are kept for REPORT_CACHE_SECONDS and served from here. They are counts by region prefix
 * (no child's id, name or IIN), before suppression, which every request applies itself. Written and
 * read on the primary only; no entity (nothing but that lib reads it).
 */
export class SummarySnapshots1795583210000 implements MigrationInterface {
  name = 'SummarySnapshots1795583210000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE summary_snapshots (
        as_of date NOT NULL,
        regions text[] NOT NULL,
        facts jsonb NOT NULL,
        computed_at timestamptz NOT NULL,
        CONSTRAINT "PK_summary_snapshots" PRIMARY KEY (as_of, regions),
        CONSTRAINT "CHK_summary_snapshots_regions" CHECK (cardinality(regions) > 0)
      )`);
    // The job forgets old snapshots by age.
    await q.query(`CREATE INDEX "IDX_summary_snapshots_computed_at" ON summary_snapshots (computed_at)`);
  }

  public async down(): Promise<void> {
    throw new Error('Qoldau migrations are forward-only; restore from backup to go back.');
  }
}
