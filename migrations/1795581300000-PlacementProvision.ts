import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Placements that follow the child (issue 15): what a placement provides, which forms of education
 * each placing organisation type offers, and the written application behind an enrolment without a
 * referral.
 *
 * - `placements.provided_conditions`: the special conditions (reference `special_conditions`) the
 *   placement provides — tutor, assistant, sign interpreter… — so that the roster can compare them with
 *   the current conclusion. Existing placements provide none that was recorded: `'{}'`.
 * - `placements.application_date`, `placements.application_document`: the legal representative's
 *   written application when a school enrols a child without a referral (POST placements/enrolments);
 *   null for placements proposed otherwise. The number names a document, never its content.
 * - `organization_type_forms`: which forms of education each placing organisation type offers, as data
 *   (FORM_NOT_OFFERED is decided by this table alone). Kindergarten forms in kindergartens, school
 *   forms in schools, `special_school` only in special schools; home schooling is organised by schools;
 *   early intervention by kindergartens of both kinds.
 */
export class PlacementProvision1795581300000 implements MigrationInterface {
  name = 'PlacementProvision1795581300000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE placements ADD provided_conditions text array NOT NULL DEFAULT '{}'`);
    await q.query(`ALTER TABLE placements ADD application_date date`);
    await q.query(`ALTER TABLE placements ADD application_document text`);

    await q.query(`
      CREATE TABLE organization_type_forms (
        org_type text NOT NULL,
        form     text NOT NULL,
        CONSTRAINT "PK_organization_type_forms" PRIMARY KEY (org_type, form),
        CONSTRAINT "FK_organization_type_forms_type" FOREIGN KEY (org_type) REFERENCES organization_types(code),
        CONSTRAINT "FK_organization_type_forms_form" FOREIGN KEY (form) REFERENCES education_forms(code)
      )`);
    await q.query(`
      INSERT INTO organization_type_forms (org_type, form) VALUES
        ('school', 'inclusive_class'),
        ('school', 'special_class'),
        ('school', 'home_schooling'),
        ('special_school', 'special_school'),
        ('special_school', 'home_schooling'),
        ('kindergarten', 'inclusive_group'),
        ('kindergarten', 'special_group'),
        ('kindergarten', 'early_intervention'),
        ('special_kindergarten', 'special_group'),
        ('special_kindergarten', 'early_intervention')`);
  }

  public async down(): Promise<void> {
    throw new Error('Qoldau migrations are forward-only; restore from backup to go back.');
  }
}
