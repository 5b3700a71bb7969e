import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A national organisation type, `ministry` (the Ministry of Enlightenment), the only one without a
 * region: its admin, analysts and auditors work nationwide — above all its auditors, who review
 * break-glass in every region. Every other organisation still has exactly one region.
 */
export class NationalMinistry1795581200000 implements MigrationInterface {
  name = 'NationalMinistry1795581200000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      INSERT INTO organization_types (sort_order, code, sector, specialised, name_kk, name_ru, name_en) VALUES
        (12, 'ministry', 'education', false, 'Қазақстан Республикасының Оқу-ағарту министрлігі', 'Министерство просвещения Республики Казахстан', 'Ministry of Enlightenment')`);
    await q.query(`ALTER TABLE organizations ALTER COLUMN kato DROP NOT NULL`);
    await q.query(`ALTER TABLE organizations ADD CONSTRAINT "CHK_organizations_region" CHECK ((type = 'ministry') = (kato IS NULL))`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE organizations DROP CONSTRAINT "CHK_organizations_region"`);
    await q.query(`ALTER TABLE organizations ALTER COLUMN kato SET NOT NULL`);
    await q.query(`DELETE FROM organization_types WHERE code = 'ministry'`);
  }
}
