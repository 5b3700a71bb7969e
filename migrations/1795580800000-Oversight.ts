import { MigrationInterface, QueryRunner } from 'typeorm';

/** Break-glass uses: who opened which case outside their involvement, why, until when, and the review. */
export class Oversight1795580800000 implements MigrationInterface {
  name = 'Oversight1795580800000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE break_glass_uses (
        id               uuid        NOT NULL DEFAULT gen_random_uuid(),
        child_id         uuid        NOT NULL,
        user_id          uuid        NOT NULL,
        org_id           uuid        NOT NULL,
        reason           text        NOT NULL,
        opened_at        timestamptz NOT NULL,
        expires_at       timestamptz NOT NULL,
        notified_org_ids uuid array  NOT NULL DEFAULT '{}',
        reviewed_by      uuid,
        reviewed_at      timestamptz,
        verdict          text,
        review_comment   text,
        version          integer     NOT NULL DEFAULT '1',
        CONSTRAINT "PK_break_glass_uses" PRIMARY KEY (id),
        CONSTRAINT "CHK_break_glass_verdict" CHECK (verdict IS NULL OR verdict IN ('justified', 'unjustified')),
        CONSTRAINT "FK_break_glass_child" FOREIGN KEY (child_id) REFERENCES children(id),
        CONSTRAINT "FK_break_glass_user" FOREIGN KEY (user_id) REFERENCES users(id),
        CONSTRAINT "FK_break_glass_organization" FOREIGN KEY (org_id) REFERENCES organizations(id)
      )`);
    // The review queue: unreviewed uses, oldest first.
    await q.query(`CREATE INDEX "IDX_break_glass_unreviewed" ON break_glass_uses (opened_at) WHERE reviewed_at IS NULL`);
  }

  public async down(): Promise<void> {
    throw new Error('Qoldau migrations are forward-only; restore from backup to go back.');
  }
}
