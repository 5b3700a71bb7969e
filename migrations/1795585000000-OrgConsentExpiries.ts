import { MigrationInterface, QueryRunner } from 'typeorm';

const HOUR_MS = 60 * 60 * 1000;

/**
 * The worklist's "consents expiring" bucket keyed by organisation (issue 16, test/bench/findings.md
 * "Worklist"). Consents carry no organisation, so the bucket was a range of the national 30-day window
 * of expiring consents (~130 000 at a million children) intersected with the organisation's
 * involvements: either the whole range was read (3 s for a PMPC that sees 50 000 children) or, read in
 * expiry order and stopped at the count's cap, the whole range was walked for an organisation with
 * fewer due than the cap. Neither plan is right for every organisation.
 *
 * `org_consent_expiries` holds one row per (organisation, unwithdrawn consent with an end date) of a
 * child the organisation has ever had a non-break-glass involvement with, in the order the bucket reads
 * them: (org_id, expires_at, consent_id). The bucket is then a range of the organisation's own rows
 * starting at now, read in order and stopped at the page or the cap. As with org_search_keys, whether
 * the involvement is still active at the request's instant, whether the case is open and whether the
 * consent was renewed are decided per row by the query, so the table only follows what cannot be
 * decided there: which organisations a child's consents belong to, and which consents are live.
 *
 * Kept by the database so no writer can forget it: a new or moved involvement adds the child's live
 * consents for its organisation; a granted, withdrawn, re-dated or moved (merge) consent replaces its
 * rows. Rows whose end date has passed stay until the consent changes; the range starts at now.
 */
export class OrgConsentExpiries1795585000000 implements MigrationInterface {
  name = 'OrgConsentExpiries1795585000000';

  public async up(q: QueryRunner): Promise<void> {
    // At a million children the backfill runs longer than a request may (DATABASE_STATEMENT_TIMEOUT_MS,
    // also applied to the connection that migrates at start-up); see OrgSearchKeys1795583100000.
    const run = (text: string) => q.query({ text, query_timeout: HOUR_MS } as unknown as string);
    await run(`SET LOCAL statement_timeout = 0`);
    await run(`SET LOCAL maintenance_work_mem = '256MB'`);
    await run(`
      CREATE TABLE org_consent_expiries (
        org_id     uuid        NOT NULL,
        expires_at timestamptz NOT NULL,
        consent_id uuid        NOT NULL,
        child_id   uuid        NOT NULL
      )`);
    // Into the empty table in index order, the indexes after: one sorted pass instead of a B-tree
    // insert per row.
    await run(`
      INSERT INTO org_consent_expiries (org_id, expires_at, consent_id, child_id)
      SELECT p.org_id, k.expires_at, k.id, k.child_id
        FROM (SELECT DISTINCT org_id, child_id FROM involvements WHERE kind <> 'break_glass') p
        JOIN consents k ON k.child_id = p.child_id
       WHERE k.withdrawn_at IS NULL AND k.expires_at IS NOT NULL
       ORDER BY p.org_id, k.expires_at, k.id`);
    await run(`ALTER TABLE org_consent_expiries ADD CONSTRAINT "PK_org_consent_expiries" PRIMARY KEY (org_id, expires_at, consent_id)`);
    // A changed consent replaces its rows by id; a deleted one takes them along.
    await run(`CREATE INDEX "IDX_org_consent_expiries_consent" ON org_consent_expiries (consent_id)`);
    await run(`ALTER TABLE org_consent_expiries ADD CONSTRAINT "FK_org_consent_expiries_consent" FOREIGN KEY (consent_id) REFERENCES consents(id) ON DELETE CASCADE`);
    await run(`ANALYZE org_consent_expiries`);

    await run(`
      CREATE FUNCTION org_consent_expiries_add_involvement() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO org_consent_expiries (org_id, expires_at, consent_id, child_id)
        SELECT NEW.org_id, k.expires_at, k.id, k.child_id
          FROM consents k
         WHERE k.child_id = NEW.child_id AND k.withdrawn_at IS NULL AND k.expires_at IS NOT NULL
        ON CONFLICT DO NOTHING;
        RETURN NULL;
      END $$`);
    await run(`
      CREATE TRIGGER org_consent_expiries_add_involvement AFTER INSERT OR UPDATE OF child_id, org_id, kind ON involvements
        FOR EACH ROW WHEN (NEW.kind <> 'break_glass') EXECUTE FUNCTION org_consent_expiries_add_involvement()`);

    await run(`
      CREATE FUNCTION org_consent_expiries_follow_consent() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' THEN
          DELETE FROM org_consent_expiries WHERE consent_id = OLD.id;
        END IF;
        IF NEW.withdrawn_at IS NULL AND NEW.expires_at IS NOT NULL THEN
          INSERT INTO org_consent_expiries (org_id, expires_at, consent_id, child_id)
          SELECT DISTINCT i.org_id, NEW.expires_at, NEW.id, NEW.child_id
            FROM involvements i
           WHERE i.child_id = NEW.child_id AND i.kind <> 'break_glass';
        END IF;
        RETURN NULL;
      END $$`);
    await run(`
      CREATE TRIGGER org_consent_expiries_follow_consent AFTER INSERT OR UPDATE OF child_id, expires_at, withdrawn_at ON consents
        FOR EACH ROW EXECUTE FUNCTION org_consent_expiries_follow_consent()`);
  }

  public async down(): Promise<void> {
    throw new Error('Qoldau migrations are forward-only; restore from backup to go back.');
  }
}
