import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The child case record (issue 7): children, their legal representatives, consents, diagnoses,
 * disability records, involvements (the source of case visibility) and the timeline. Case data is never
 * deleted: guardians and involvements are ended, consents withdrawn, duplicates merged into tombstones.
 * Constraint names are TypeORM's or the entities' own, so the drift check stays exact; the three
 * indexes TypeORM cannot describe (trigram, text_pattern_ops, partial expression) are marked
 * `synchronize: false` in the entities and created only here.
 */
export class Children1795580400000 implements MigrationInterface {
  name = 'Children1795580400000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE children (
        id                 uuid        NOT NULL DEFAULT gen_random_uuid(),
        iin                text,
        iin_pending        boolean     NOT NULL DEFAULT false,
        last_name          text        NOT NULL,
        first_name         text        NOT NULL,
        patronymic         text,
        search_key         text        NOT NULL,
        birth_date         date        NOT NULL,
        sex                text        NOT NULL,
        kato               text        NOT NULL,
        address            text,
        status             text        NOT NULL DEFAULT 'open',
        closed_reason      text,
        closed_at          timestamptz,
        merged_into        uuid,
        merged_at          timestamptz,
        registered_at      timestamptz NOT NULL,
        registered_by_org  uuid        NOT NULL,
        registered_by_user uuid        NOT NULL,
        created_at         timestamptz NOT NULL DEFAULT now(),
        updated_at         timestamptz NOT NULL DEFAULT now(),
        version            integer     NOT NULL DEFAULT '1',
        CONSTRAINT "PK_8c5a7cbebf2c702830ef38d22b0" PRIMARY KEY (id),
        CONSTRAINT "UQ_children_iin" UNIQUE (iin),
        CONSTRAINT "CHK_children_status" CHECK (status IN ('open', 'closed', 'merged')),
        CONSTRAINT "CHK_children_sex" CHECK (sex IN ('male', 'female')),
        CONSTRAINT "CHK_children_iin_pending" CHECK (status = 'merged' OR (iin IS NULL) = iin_pending),
        CONSTRAINT "CHK_children_merged_into" CHECK ((status = 'merged') = (merged_into IS NOT NULL)),
        CONSTRAINT "FK_children_merged_into" FOREIGN KEY (merged_into) REFERENCES children(id),
        CONSTRAINT "FK_children_registered_by_org" FOREIGN KEY (registered_by_org) REFERENCES organizations(id)
      )`);
    await q.query(`CREATE INDEX "IDX_children_birth_date" ON children (birth_date)`);
    await q.query(`CREATE INDEX "IDX_children_kato" ON children (kato)`);
    // Name search: trigram similarity on the normalized key (search/search-key.ts).
    await q.query(`CREATE INDEX "IDX_children_search_key" ON children USING gin (search_key gin_trgm_ops)`);
    // IIN prefix search (LIKE '123456%') whatever the database collation.
    await q.query(`CREATE INDEX "IDX_children_iin_prefix" ON children (iin text_pattern_ops)`);

    await q.query(`
      CREATE TABLE guardians (
        id         uuid        NOT NULL DEFAULT gen_random_uuid(),
        child_id   uuid        NOT NULL,
        iin        text,
        full_name  text        NOT NULL,
        relation   text        NOT NULL,
        phone      text,
        ended_at   timestamptz,
        end_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version    integer     NOT NULL DEFAULT '1',
        CONSTRAINT "PK_3dcf02f3dc96a2c017106f280be" PRIMARY KEY (id),
        CONSTRAINT "CHK_guardians_relation" CHECK (relation IN ('mother', 'father', 'guardian', 'trustee', 'foster_parent', 'grandparent', 'other')),
        CONSTRAINT "FK_guardians_child" FOREIGN KEY (child_id) REFERENCES children(id)
      )`);
    await q.query(`CREATE INDEX "IDX_guardians_child" ON guardians (child_id)`);

    await q.query(`
      CREATE TABLE consents (
        id                uuid        NOT NULL DEFAULT gen_random_uuid(),
        child_id          uuid        NOT NULL,
        guardian_id       uuid        NOT NULL,
        kind              text        NOT NULL,
        sector            text,
        granted_at        timestamptz NOT NULL,
        expires_at        timestamptz,
        withdrawn_at      timestamptz,
        recorded_by_org   uuid        NOT NULL,
        recorded_by_user  uuid        NOT NULL,
        withdrawn_by_user uuid,
        created_at        timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_9efc68eb6aba7d638fb6ea034dd" PRIMARY KEY (id),
        CONSTRAINT "CHK_consents_kind" CHECK (kind IN ('assessment', 'data_sharing', 'services')),
        CONSTRAINT "CHK_consents_sector" CHECK ((kind = 'data_sharing') = (sector IS NOT NULL) AND (sector IS NULL OR sector IN ('education', 'health', 'social'))),
        CONSTRAINT "FK_consents_child" FOREIGN KEY (child_id) REFERENCES children(id),
        CONSTRAINT "FK_consents_guardian" FOREIGN KEY (guardian_id) REFERENCES guardians(id)
      )`);
    await q.query(`CREATE INDEX "IDX_consents_child" ON consents (child_id)`);

    await q.query(`
      CREATE TABLE diagnoses (
        id                 uuid        NOT NULL DEFAULT gen_random_uuid(),
        child_id           uuid        NOT NULL,
        icd10              text        NOT NULL,
        date               date        NOT NULL,
        established_by_org uuid        NOT NULL,
        recorded_by_user   uuid        NOT NULL,
        created_at         timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_d1bfabf423f99c537817e6ad244" PRIMARY KEY (id),
        CONSTRAINT "FK_diagnoses_child" FOREIGN KEY (child_id) REFERENCES children(id),
        CONSTRAINT "FK_diagnoses_established_by_org" FOREIGN KEY (established_by_org) REFERENCES organizations(id)
      )`);
    await q.query(`CREATE INDEX "IDX_diagnoses_child" ON diagnoses (child_id)`);

    await q.query(`
      CREATE TABLE disabilities (
        id               uuid        NOT NULL DEFAULT gen_random_uuid(),
        child_id         uuid        NOT NULL,
        status           text        NOT NULL,
        established_on   date,
        review_on        date,
        certificate_no   text,
        recorded_at      timestamptz NOT NULL,
        recorded_by_org  uuid        NOT NULL,
        recorded_by_user uuid        NOT NULL,
        created_at       timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_58884be04270424ac64bf98d4a8" PRIMARY KEY (id),
        CONSTRAINT "CHK_disabilities_status" CHECK (status IN ('under_review', 'established', 'not_established', 'ended')),
        CONSTRAINT "FK_disabilities_child" FOREIGN KEY (child_id) REFERENCES children(id),
        CONSTRAINT "FK_disabilities_recorded_by_org" FOREIGN KEY (recorded_by_org) REFERENCES organizations(id)
      )`);
    await q.query(`CREATE INDEX "IDX_disabilities_child" ON disabilities (child_id, recorded_at)`);

    await q.query(`
      CREATE TABLE involvements (
        id         uuid        NOT NULL DEFAULT gen_random_uuid(),
        child_id   uuid        NOT NULL,
        org_id     uuid        NOT NULL,
        kind       text        NOT NULL,
        source_id  uuid,
        since      timestamptz NOT NULL,
        until      timestamptz,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_0f6dc922b09f0e95b84accca01f" PRIMARY KEY (id),
        CONSTRAINT "CHK_involvements_kind" CHECK (kind IN ('registered', 'assessment', 'referral', 'placement', 'service', 'break_glass')),
        CONSTRAINT "CHK_involvements_period" CHECK (until IS NULL OR until >= since),
        CONSTRAINT "FK_involvements_child" FOREIGN KEY (child_id) REFERENCES children(id),
        CONSTRAINT "FK_involvements_org" FOREIGN KEY (org_id) REFERENCES organizations(id)
      )`);
    // visibleToOrg() probes (child, org); searches start from an organisation's children.
    await q.query(`CREATE INDEX "IDX_involvements_child_org" ON involvements (child_id, org_id)`);
    await q.query(`CREATE INDEX "IDX_involvements_org_child" ON involvements (org_id, child_id)`);
    // One open involvement per child, organisation, kind and source: InvolvementsService.grant is idempotent.
    await q.query(`
      CREATE UNIQUE INDEX "UQ_involvements_open" ON involvements
        (child_id, org_id, kind, (coalesce(source_id, '00000000-0000-0000-0000-000000000000'::uuid)))
        WHERE until IS NULL`);

    await q.query(`
      CREATE TABLE timeline_entries (
        id                 bigserial   NOT NULL,
        child_id           uuid        NOT NULL,
        at                 timestamptz NOT NULL,
        section            text        NOT NULL,
        kind               text        NOT NULL,
        org_id             uuid,
        counterpart_org_id uuid,
        actor_user_id      uuid,
        details            jsonb       NOT NULL DEFAULT '{}',
        CONSTRAINT "PK_6a83c1403a1bb1f7619bd80f2b7" PRIMARY KEY (id),
        CONSTRAINT "FK_timeline_entries_child" FOREIGN KEY (child_id) REFERENCES children(id),
        CONSTRAINT "FK_timeline_entries_org" FOREIGN KEY (org_id) REFERENCES organizations(id),
        CONSTRAINT "FK_timeline_entries_counterpart_org" FOREIGN KEY (counterpart_org_id) REFERENCES organizations(id)
      )`);
    await q.query(`CREATE INDEX "IDX_timeline_entries_child" ON timeline_entries (child_id, at, id)`);
  }

  public async down(): Promise<void> {
    throw new Error('Qoldau migrations are forward-only; restore from backup to go back.');
  }
}
