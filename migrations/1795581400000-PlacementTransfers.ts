import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Placements that follow the child (issue 15).
 *
 *  - `placements.ended_as`: how an ended placement ended — `ended` (the school ended it), `cancelled`
 *    (a proposal ended before it started) or `transferred` (the child moved to another school, whose
 *    placement names this one in `transferred_from_id`). Backfilled for the placements already ended.
 *  - `placements.transferred_from_id`: the placement a transfer ended; at most one successor each.
 *  - `placements.referral_id`: the `school_placement` referral a placement came from; activating the
 *    placement completes that referral with the outcome `placed`.
 *  - `support_plans.carried_from_id`: the plan a transfer carried over to the new school (the old plan
 *    stays with the old placement, unchanged).
 *  - the outcome `placed` for service episodes.
 *  - `referral_funding_defaults`: the funding a referral gets when the referrer names none, by service
 *    type and receiving organisation type (state order only where psychological-pedagogical support is
 *    bought under it).
 * Constraint and index names are the entities' own, so the drift check stays exact.
 */
export class PlacementTransfers1795581400000 implements MigrationInterface {
  name = 'PlacementTransfers1795581400000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE placements ADD COLUMN ended_as text`);
    await q.query(`UPDATE placements SET ended_as = CASE WHEN activated_at IS NULL THEN 'cancelled' ELSE 'ended' END WHERE status = 'ended'`);
    await q.query(`
      ALTER TABLE placements ADD CONSTRAINT "CHK_placements_ended_as"
        CHECK ((status = 'ended') = (ended_as IS NOT NULL) AND (ended_as IS NULL OR ended_as IN ('ended', 'cancelled', 'transferred')))`);
    await q.query(`ALTER TABLE placements ADD COLUMN transferred_from_id uuid`);
    await q.query(`ALTER TABLE placements ADD CONSTRAINT "FK_placements_transferred_from" FOREIGN KEY (transferred_from_id) REFERENCES placements(id)`);
    await q.query(`CREATE UNIQUE INDEX "UQ_placements_transferred_from" ON placements (transferred_from_id) WHERE transferred_from_id IS NOT NULL`);
    await q.query(`ALTER TABLE placements ADD COLUMN referral_id uuid`);
    await q.query(`ALTER TABLE placements ADD CONSTRAINT "FK_placements_referral" FOREIGN KEY (referral_id) REFERENCES referrals(id)`);

    await q.query(`ALTER TABLE support_plans ADD COLUMN carried_from_id uuid`);
    await q.query(`ALTER TABLE support_plans ADD CONSTRAINT "FK_support_plans_carried_from" FOREIGN KEY (carried_from_id) REFERENCES support_plans(id)`);

    await q.query(`ALTER TABLE service_episodes DROP CONSTRAINT "CHK_service_episodes_outcome"`);
    await q.query(`
      ALTER TABLE service_episodes ADD CONSTRAINT "CHK_service_episodes_outcome"
        CHECK (outcome IS NULL OR outcome IN ('goals_met', 'goals_partly_met', 'goals_not_met', 'discontinued', 'placed'))`);

    await q.query(`
      CREATE TABLE referral_funding_defaults (
        service_type  text NOT NULL,
        receiver_type text NOT NULL,
        funding       text NOT NULL,
        CONSTRAINT "PK_referral_funding_defaults" PRIMARY KEY (service_type, receiver_type),
        CONSTRAINT "CHK_referral_funding_defaults_funding" CHECK (funding IN ('state_order', 'paid', 'other')),
        CONSTRAINT "FK_referral_funding_defaults_service_type" FOREIGN KEY (service_type) REFERENCES service_types(code),
        CONSTRAINT "FK_referral_funding_defaults_receiver_type" FOREIGN KEY (receiver_type) REFERENCES organization_types(code)
      )`);
    // Every (service, provider type) pair the service_types table allows. The state order buys
    // psychological-pedagogical support from education's specialised providers; social protection,
    // health and mainstream schools and kindergartens serve from their own budgets, and a school
    // placement is not a bought service at all.
    await q.query(`
      INSERT INTO referral_funding_defaults (service_type, receiver_type, funding)
      SELECT s.code, p.type,
             CASE WHEN s.code IN ('school_placement', 'social_support', 'medical_consultation')
                    OR p.type IN ('social_protection_office', 'polyclinic', 'school', 'kindergarten') THEN 'other'
                  ELSE 'state_order' END
        FROM service_types s CROSS JOIN LATERAL unnest(s.provider_types) AS p(type)`);
  }

  public async down(): Promise<void> {
    throw new Error('Qoldau migrations are forward-only; restore from backup to go back.');
  }
}
