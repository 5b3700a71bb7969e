import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * PMPC assessments and signed conclusions (issue 8). One row per assessment: a draft of one PMPC,
 * then the signed conclusion, then superseded by a newer one (both links kept). The commission's
 * members, their findings and confirmations are in assessment_specialists. Nothing is deleted.
 * SEN categories and special conditions are arrays of reference codes, checked by the service
 * (PostgreSQL cannot reference array elements). Constraint and index names are the entities' own,
 * so the drift check stays exact.
 */
export class Assessments1795580500000 implements MigrationInterface {
  name = 'Assessments1795580500000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE assessments (
        id                 uuid        NOT NULL DEFAULT gen_random_uuid(),
        child_id           uuid        NOT NULL,
        pmpc_org_id        uuid        NOT NULL,
        status             text        NOT NULL DEFAULT 'draft',
        no_sen             boolean     NOT NULL DEFAULT false,
        sen_categories     text array  NOT NULL DEFAULT '{}',
        programme          text,
        form_of_education  text,
        special_conditions text array  NOT NULL DEFAULT '{}',
        recommendations    jsonb       NOT NULL DEFAULT '{}',
        protocol_notes     text,
        review_date        date,
        opened_at          timestamptz NOT NULL,
        opened_by          uuid        NOT NULL,
        signed_at          timestamptz,
        signed_by          uuid,
        supersedes_id      uuid,
        superseded_by_id   uuid,
        superseded_at      timestamptz,
        created_at         timestamptz NOT NULL DEFAULT now(),
        updated_at         timestamptz NOT NULL DEFAULT now(),
        version            integer     NOT NULL DEFAULT '1',
        CONSTRAINT "PK_a3442bd80a00e9111cefca57f6c" PRIMARY KEY (id),
        CONSTRAINT "CHK_assessments_status" CHECK (status IN ('draft', 'signed', 'superseded')),
        CONSTRAINT "CHK_assessments_programme" CHECK (programme IS NULL OR programme IN ('general', 'adapted', 'special', 'individual')),
        CONSTRAINT "CHK_assessments_no_sen" CHECK (NOT (no_sen AND cardinality(sen_categories) > 0)),
        CONSTRAINT "CHK_assessments_signed" CHECK ((status = 'draft') = (signed_at IS NULL) AND (signed_at IS NULL) = (signed_by IS NULL)),
        CONSTRAINT "CHK_assessments_superseded" CHECK ((status = 'superseded') = (superseded_at IS NOT NULL)),
        CONSTRAINT "FK_assessments_child" FOREIGN KEY (child_id) REFERENCES children(id),
        CONSTRAINT "FK_assessments_pmpc_org" FOREIGN KEY (pmpc_org_id) REFERENCES organizations(id),
        CONSTRAINT "FK_assessments_form_of_education" FOREIGN KEY (form_of_education) REFERENCES education_forms(code),
        CONSTRAINT "FK_assessments_opened_by" FOREIGN KEY (opened_by) REFERENCES users(id),
        CONSTRAINT "FK_assessments_signed_by" FOREIGN KEY (signed_by) REFERENCES users(id),
        CONSTRAINT "FK_assessments_supersedes" FOREIGN KEY (supersedes_id) REFERENCES assessments(id),
        CONSTRAINT "FK_assessments_superseded_by" FOREIGN KEY (superseded_by_id) REFERENCES assessments(id)
      )`);
    await q.query(`CREATE INDEX "IDX_assessments_child" ON assessments (child_id)`);
    // One current conclusion per child: the backstop behind signing's row lock on the child.
    await q.query(`CREATE UNIQUE INDEX "UQ_assessments_current" ON assessments (child_id) WHERE status = 'signed'`);
    // One draft per child and PMPC: a second "open" answers 409 with the existing draft.
    await q.query(`CREATE UNIQUE INDEX "UQ_assessments_draft" ON assessments (child_id, pmpc_org_id) WHERE status = 'draft'`);
    // Reviews due for a PMPC's worklist, keyset-paged by (review_date, id).
    await q.query(`CREATE INDEX "IDX_assessments_reviews" ON assessments (pmpc_org_id, review_date, id) WHERE status = 'signed'`);

    await q.query(`
      CREATE TABLE assessment_specialists (
        assessment_id uuid        NOT NULL,
        user_id       uuid        NOT NULL,
        specialty     text        NOT NULL,
        position      integer     NOT NULL,
        findings      text,
        confirmed_at  timestamptz,
        CONSTRAINT "PK_759ebc8177605ea3a04bfcc7701" PRIMARY KEY (assessment_id, user_id),
        CONSTRAINT "CHK_assessment_specialists_specialty" CHECK (specialty IN ('psychologist', 'speech_therapist', 'special_teacher', 'doctor', 'social_pedagogue')),
        CONSTRAINT "CHK_assessment_specialists_confirmed" CHECK (confirmed_at IS NULL OR findings IS NOT NULL),
        CONSTRAINT "FK_assessment_specialists_assessment" FOREIGN KEY (assessment_id) REFERENCES assessments(id),
        CONSTRAINT "FK_assessment_specialists_user" FOREIGN KEY (user_id) REFERENCES users(id)
      )`);
  }

  public async down(): Promise<void> {
    throw new Error('Qoldau migrations are forward-only; restore from backup to go back.');
  }
}
