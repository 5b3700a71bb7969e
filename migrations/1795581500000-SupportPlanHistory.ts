import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15, "placements that follow the child" (API):
 *  - support plans get responsible staff, and every goal a stable id (existing goals are given one);
 *  - support_plan_versions keeps every version of a plan: the plan row is still written in place (its
 *    version is the If-Match ETag), and each write appends the whole plan here in the same
 *    transaction. Existing plans are copied in as their current version (earlier versions were
 *    overwritten before this migration and cannot be recovered);
 *  - support_plan_reviews: a review's progress per goal and the next review date it set;
 *  - transition_items: what the daily `placements.transitions` job put into an organisation's
 *    worklist (school entry, finishing grade 9 or 11, conclusion and plan reviews due). One row per
 *    organisation, child, kind and due date, so a re-run the same day adds nothing; `resolved_on`
 *    is set when a run no longer finds the item.
 * Constraint and index names are the entities' own, so the drift check stays exact.
 */
export class SupportPlanHistory1795581500000 implements MigrationInterface {
  name = 'SupportPlanHistory1795581500000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE support_plans ADD COLUMN responsible_staff jsonb NOT NULL DEFAULT '[]'`);
    await q.query(`
      UPDATE support_plans s
         SET goals = (SELECT coalesce(jsonb_agg(CASE WHEN g ? 'id' THEN g ELSE g || jsonb_build_object('id', gen_random_uuid()) END ORDER BY n), '[]'::jsonb)
                        FROM jsonb_array_elements(s.goals) WITH ORDINALITY AS e(g, n))`);

    await q.query(`
      CREATE TABLE support_plan_versions (
        id                uuid        NOT NULL DEFAULT gen_random_uuid(),
        plan_id           uuid        NOT NULL,
        version           integer     NOT NULL,
        change            text        NOT NULL,
        goals             jsonb       NOT NULL,
        services          jsonb       NOT NULL,
        responsible_staff jsonb       NOT NULL,
        review_date       date        NOT NULL,
        changed_at        timestamptz NOT NULL,
        changed_by        uuid,
        CONSTRAINT "PK_support_plan_versions" PRIMARY KEY (id),
        CONSTRAINT "CHK_support_plan_versions_change" CHECK (change IN ('created', 'updated', 'reviewed', 'carried')),
        CONSTRAINT "FK_support_plan_versions_plan" FOREIGN KEY (plan_id) REFERENCES support_plans(id),
        CONSTRAINT "FK_support_plan_versions_changed_by" FOREIGN KEY (changed_by) REFERENCES users(id)
      )`);
    await q.query(`CREATE UNIQUE INDEX "UQ_support_plan_versions_version" ON support_plan_versions (plan_id, version)`);
    await q.query(`
      INSERT INTO support_plan_versions (plan_id, version, change, goals, services, responsible_staff, review_date, changed_at)
      SELECT id, version, CASE WHEN version = 1 THEN 'created' ELSE 'updated' END, goals, services, responsible_staff, review_date, updated_at
        FROM support_plans`);

    await q.query(`
      CREATE TABLE support_plan_reviews (
        id               uuid        NOT NULL DEFAULT gen_random_uuid(),
        plan_id          uuid        NOT NULL,
        plan_version     integer     NOT NULL,
        reviewed_on      date        NOT NULL,
        goals            jsonb       NOT NULL,
        next_review_date date        NOT NULL,
        recorded_by      uuid        NOT NULL,
        recorded_at      timestamptz NOT NULL,
        CONSTRAINT "PK_support_plan_reviews" PRIMARY KEY (id),
        CONSTRAINT "CHK_support_plan_reviews_next" CHECK (next_review_date > reviewed_on),
        CONSTRAINT "FK_support_plan_reviews_plan" FOREIGN KEY (plan_id) REFERENCES support_plans(id),
        CONSTRAINT "FK_support_plan_reviews_recorded_by" FOREIGN KEY (recorded_by) REFERENCES users(id)
      )`);
    await q.query(`CREATE INDEX "IDX_support_plan_reviews_plan" ON support_plan_reviews (plan_id, reviewed_on)`);

    await q.query(`
      CREATE TABLE transition_items (
        id            uuid NOT NULL DEFAULT gen_random_uuid(),
        org_id        uuid NOT NULL,
        child_id      uuid NOT NULL,
        kind          text NOT NULL,
        due_on        date NOT NULL,
        subject_id    uuid,
        first_seen_on date NOT NULL,
        last_seen_on  date NOT NULL,
        resolved_on   date,
        CONSTRAINT "PK_transition_items" PRIMARY KEY (id),
        CONSTRAINT "CHK_transition_items_kind" CHECK (kind IN ('school_entry_due', 'grade_9_or_11_finish', 'conclusion_review_due', 'plan_review_due')),
        CONSTRAINT "FK_transition_items_org" FOREIGN KEY (org_id) REFERENCES organizations(id),
        CONSTRAINT "FK_transition_items_child" FOREIGN KEY (child_id) REFERENCES children(id)
      )`);
    await q.query(`CREATE UNIQUE INDEX "UQ_transition_items_item" ON transition_items (org_id, child_id, kind, due_on)`);
    await q.query(`CREATE INDEX "IDX_transition_items_open" ON transition_items (org_id, kind, due_on) WHERE resolved_on IS NULL`);
  }

  public async down(): Promise<void> {
    throw new Error('Qoldau migrations are forward-only; restore from backup to go back.');
  }
}
