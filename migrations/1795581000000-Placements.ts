import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Placements in schools and kindergartens and their support plans (DESIGN §3, §4). A placement is
 * proposed, then active, then ended with a reason (a proposal ended before it started was cancelled).
 * At most one active placement per child, enforced by a partial unique index; every placing
 * organisation is a school or kindergarten (checked by the service), so this is "one active school or
 * kindergarten placement". One support plan per placement, versioned on its own. Nothing is deleted.
 * Constraint and index names are the entities' own, so the drift check stays exact.
 */
export class Placements1795581000000 implements MigrationInterface {
  name = 'Placements1795581000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE placements (
        id                uuid        NOT NULL DEFAULT gen_random_uuid(),
        child_id          uuid        NOT NULL,
        org_id            uuid        NOT NULL,
        status            text        NOT NULL DEFAULT 'proposed',
        form              text        NOT NULL,
        class_label       text,
        uses_support_room boolean     NOT NULL DEFAULT false,
        started_on        date,
        ended_on          date,
        end_reason        text,
        assessment_id     uuid,
        proposed_at       timestamptz NOT NULL,
        proposed_by       uuid        NOT NULL,
        activated_at      timestamptz,
        ended_at          timestamptz,
        created_at        timestamptz NOT NULL DEFAULT now(),
        updated_at        timestamptz NOT NULL DEFAULT now(),
        version           integer     NOT NULL DEFAULT '1',
        CONSTRAINT "PK_placements" PRIMARY KEY (id),
        CONSTRAINT "CHK_placements_status" CHECK (status IN ('proposed', 'active', 'ended')),
        CONSTRAINT "CHK_placements_activated" CHECK ((status = 'proposed') = (activated_at IS NULL) OR status = 'ended'),
        CONSTRAINT "CHK_placements_ended" CHECK ((status = 'ended') = (ended_at IS NOT NULL)),
        CONSTRAINT "CHK_placements_dates" CHECK (ended_on IS NULL OR started_on IS NULL OR activated_at IS NULL OR ended_on >= started_on),
        CONSTRAINT "FK_placements_child" FOREIGN KEY (child_id) REFERENCES children(id),
        CONSTRAINT "FK_placements_org" FOREIGN KEY (org_id) REFERENCES organizations(id),
        CONSTRAINT "FK_placements_form" FOREIGN KEY (form) REFERENCES education_forms(code),
        CONSTRAINT "FK_placements_assessment" FOREIGN KEY (assessment_id) REFERENCES assessments(id),
        CONSTRAINT "FK_placements_proposed_by" FOREIGN KEY (proposed_by) REFERENCES users(id)
      )`);
    await q.query(`CREATE INDEX "IDX_placements_child" ON placements (child_id)`);
    // One active placement per child: the backstop behind activation's row lock on the child.
    await q.query(`CREATE UNIQUE INDEX "UQ_placements_active" ON placements (child_id) WHERE status = 'active'`);
    // The worklist's "active placements without a support plan" of one organisation, oldest first.
    await q.query(`CREATE INDEX "IDX_placements_org_active" ON placements (org_id, activated_at, id) WHERE status = 'active'`);

    await q.query(`
      CREATE TABLE support_plans (
        id           uuid        NOT NULL DEFAULT gen_random_uuid(),
        placement_id uuid        NOT NULL,
        goals        jsonb       NOT NULL DEFAULT '[]',
        services     jsonb       NOT NULL DEFAULT '[]',
        review_date  date        NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now(),
        updated_at   timestamptz NOT NULL DEFAULT now(),
        version      integer     NOT NULL DEFAULT '1',
        CONSTRAINT "PK_support_plans" PRIMARY KEY (id),
        CONSTRAINT "FK_support_plans_placement" FOREIGN KEY (placement_id) REFERENCES placements(id)
      )`);
    await q.query(`CREATE UNIQUE INDEX "UQ_support_plans_placement" ON support_plans (placement_id)`);
  }

  public async down(): Promise<void> {
    throw new Error('Qoldau migrations are forward-only; restore from backup to go back.');
  }
}
