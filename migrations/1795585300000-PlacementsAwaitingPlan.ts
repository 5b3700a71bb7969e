import { MigrationInterface, QueryRunner } from 'typeorm';

const HOUR_MS = 60 * 60 * 1000;

/**
 * The worklist's "placements without a support plan" bucket keyed by organisation (issue 16,
 * test/bench/findings.md "Placements without a support plan, per organisation"). Whether a placement has a plan lives in another table, so no index
 * on placements could skip the ones that do: a school's bucket read every active placement in
 * activation order and probed support_plans for each — ~660 at a million children to find the 101 the
 * capped count stops at, the school's worklist at 25 ms even for the physical floor.
 *
 * `placements.has_support_plan` says it on the placement, and a partial index holds exactly the active
 * placements without one, in the order the bucket reads them. Kept by the database so no writer can
 * forget it: a support plan written, moved or deleted sets the flag of its placement (one plan per
 * placement, UQ_support_plans_placement, so clearing on delete is exact).
 */
export class PlacementsAwaitingPlan1795585300000 implements MigrationInterface {
  name = 'PlacementsAwaitingPlan1795585300000';

  public async up(q: QueryRunner): Promise<void> {
    // At a million children the backfill and the index build outlast a request's statement timeout.
    const run = (text: string) => q.query({ text, query_timeout: HOUR_MS } as unknown as string);
    await run(`SET LOCAL statement_timeout = 0`);
    // Most placements have a plan: every existing row reads the column's first default (a catalogue
    // entry, no rewrite) and only those without a plan are updated. Updating the others instead rewrote
    // every placement at a million children and left the table twice its size.
    await run(`ALTER TABLE placements ADD COLUMN has_support_plan boolean NOT NULL DEFAULT true`);
    await run(`UPDATE placements p SET has_support_plan = false WHERE NOT EXISTS (SELECT 1 FROM support_plans s WHERE s.placement_id = p.id)`);
    await run(`ALTER TABLE placements ALTER COLUMN has_support_plan SET DEFAULT false`);
    await run(`CREATE INDEX "IDX_placements_org_awaiting_plan" ON placements (org_id, activated_at, id) WHERE status = 'active' AND NOT has_support_plan`);
    await run(`ANALYZE placements`);
    await run(`
      CREATE FUNCTION placements_follow_support_plan() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          UPDATE placements SET has_support_plan = false WHERE id = OLD.placement_id;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
          UPDATE placements SET has_support_plan = true WHERE id = NEW.placement_id;
        END IF;
        RETURN NULL;
      END $$`);
    await run(`
      CREATE TRIGGER placements_follow_support_plan AFTER INSERT OR DELETE OR UPDATE OF placement_id ON support_plans
        FOR EACH ROW EXECUTE FUNCTION placements_follow_support_plan()`);
  }

  public async down(): Promise<void> {
    throw new Error('Qoldau migrations are forward-only; restore from backup to go back.');
  }
}
