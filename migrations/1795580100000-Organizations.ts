import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Organisations of every type, each in a region (KATO) and optionally under a parent; users belong to
 * one. Sector is not stored: it is the sector of the organisation's type.
 */
export class Organizations1795580100000 implements MigrationInterface {
  name = 'Organizations1795580100000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organizations (
        id                   uuid        NOT NULL DEFAULT gen_random_uuid(),
        type                 text        NOT NULL,
        name_kk              text        NOT NULL,
        name_ru              text        NOT NULL,
        kato                 text        NOT NULL,
        parent_id            uuid,
        capacity             integer,
        state_order_places   integer,
        support_rooms        integer     NOT NULL DEFAULT '0',
        sen_conditions       boolean     NOT NULL DEFAULT false,
        sen_conditions_since date,
        external_id          text,
        active               boolean     NOT NULL DEFAULT true,
        created_at           timestamptz NOT NULL DEFAULT now(),
        updated_at           timestamptz NOT NULL DEFAULT now(),
        version              integer     NOT NULL DEFAULT '1',
        CONSTRAINT "PK_6b031fcd0863e3f6b44230163f9" PRIMARY KEY (id),
        CONSTRAINT "UQ_1bb82a1c10bd51365b7b4235a62" UNIQUE (external_id),
        CONSTRAINT "CHK_organizations_capacity" CHECK (capacity IS NULL OR capacity >= 0),
        CONSTRAINT "CHK_organizations_state_order" CHECK (state_order_places IS NULL OR state_order_places >= 0),
        CONSTRAINT "CHK_organizations_support_rooms" CHECK (support_rooms >= 0),
        CONSTRAINT "FK_organizations_type" FOREIGN KEY (type) REFERENCES organization_types(code),
        CONSTRAINT "FK_organizations_region" FOREIGN KEY (kato) REFERENCES regions(kato),
        CONSTRAINT "FK_organizations_parent" FOREIGN KEY (parent_id) REFERENCES organizations(id)
      )`);
    await q.query(`CREATE INDEX "IDX_organizations_type" ON organizations (type)`);
    await q.query(`CREATE INDEX "IDX_organizations_kato" ON organizations (kato)`);
    await q.query(`ALTER TABLE users ADD CONSTRAINT "FK_users_organization" FOREIGN KEY (org_id) REFERENCES organizations(id)`);
  }

  public async down(): Promise<void> {
    throw new Error('Qoldau migrations are forward-only; restore from backup to go back.');
  }
}
