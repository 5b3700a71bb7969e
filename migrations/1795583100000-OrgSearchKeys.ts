import { MigrationInterface, QueryRunner } from 'typeorm';

const HOUR_MS = 60 * 60 * 1000;

/**
 * Name search restricted to the actor's organisation before any name is scored (issue 16,
 * test/bench/findings.md "Search"). Until now the trigram index on children matched a name nationwide
 * (at a million children a common Kazakh name is ~18 000 children), and only then was each match
 * tested for visibility.
 *
 * `org_search_keys` holds one row per (organisation, child) the organisation has ever had a
 * non-break-glass involvement with, and a copy of the child's search key; one GIN index on
 * (org_id, search_key) — btree_gin for the uuid, pg_trgm for the key — gives exactly the
 * organisation's matches. Whether the involvement is active at the request's instant is still
 * decided by libs/access from `involvements` (an index-only probe per match), so the table never has
 * to follow `since`/`until`: rows are only added, and their key follows the child's.
 *
 * The table is kept by the database, not by the code that writes involvements, so no writer can
 * forget it: a new involvement (or one moved to another child by a merge) adds its pair, and a change
 * of a child's key (identity correction) is copied to its rows. A separate table rather than a column
 * on involvements, so that the backfill is one INSERT into an empty table (indexes built after it)
 * instead of rewriting every involvement with its six indexes (measured 3–5× slower at 100 000
 * children) and leaving the visibility probes without their index-only scans until the next vacuum.
 *
 * At a million children the backfill and the index take longer than a request may run
 * (DATABASE_STATEMENT_TIMEOUT_MS, also applied to the connection that migrates at start-up), so this
 * migration lifts both the server's statement_timeout (SET LOCAL: its own transaction only) and the
 * client's query_timeout (per statement) for its statements.
 */
export class OrgSearchKeys1795583100000 implements MigrationInterface {
  name = 'OrgSearchKeys1795583100000';

  public async up(q: QueryRunner): Promise<void> {
    const run = (text: string) => q.query({ text, query_timeout: HOUR_MS } as unknown as string);
    await run(`SET LOCAL statement_timeout = 0`);
    // A GIN build is faster when more of its entries fit in memory: at 100 000 children 3.0 s against
    // 3.8–4.3 s with the default 64 MB; at a million the default spills ten times as much.
    await run(`SET LOCAL maintenance_work_mem = '256MB'`);
    await run(`CREATE EXTENSION IF NOT EXISTS btree_gin`);
    await run(`
      CREATE TABLE org_search_keys (
        org_id     uuid NOT NULL,
        child_id   uuid NOT NULL,
        search_key text NOT NULL
      )`);
    // In organisation order: an organisation's rows then lie together in the table, so the GIN scan
    // skips the parts of each trigram's posting list that belong to other organisations (at 100 000
    // children a third of the index pages of the unordered table; rows added later go to the end).
    await run(`
      INSERT INTO org_search_keys (org_id, child_id, search_key)
      SELECT p.org_id, p.child_id, c.search_key
        FROM (SELECT DISTINCT org_id, child_id FROM involvements WHERE kind <> 'break_glass') p
        JOIN children c ON c.id = p.child_id
       ORDER BY p.org_id, p.child_id`);
    await run(`ALTER TABLE org_search_keys ADD CONSTRAINT "PK_org_search_keys" PRIMARY KEY (org_id, child_id)`);
    // A changed name is copied by child.
    await run(`CREATE INDEX "IDX_org_search_keys_child" ON org_search_keys (child_id)`);
    await run(`ALTER TABLE org_search_keys ADD CONSTRAINT "FK_org_search_keys_child" FOREIGN KEY (child_id) REFERENCES children(id)`);
    await run(`ALTER TABLE org_search_keys ADD CONSTRAINT "FK_org_search_keys_org" FOREIGN KEY (org_id) REFERENCES organizations(id)`);
    await run(`CREATE INDEX "IDX_org_search_keys_org_key" ON org_search_keys USING gin (org_id, search_key gin_trgm_ops)`);
    // Statistics now, not at autovacuum's next round: the first searches are planned from them.
    await run(`ANALYZE org_search_keys`);

    await run(`
      CREATE FUNCTION org_search_keys_add() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO org_search_keys (org_id, child_id, search_key)
        SELECT NEW.org_id, c.id, c.search_key FROM children c WHERE c.id = NEW.child_id
        ON CONFLICT (org_id, child_id) DO NOTHING;
        RETURN NULL;
      END $$`);
    await run(`
      CREATE TRIGGER org_search_keys_add AFTER INSERT OR UPDATE OF child_id, org_id, kind ON involvements
        FOR EACH ROW WHEN (NEW.kind <> 'break_glass') EXECUTE FUNCTION org_search_keys_add()`);

    await run(`
      CREATE FUNCTION org_search_keys_follow_child() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE org_search_keys SET search_key = NEW.search_key WHERE child_id = NEW.id;
        RETURN NULL;
      END $$`);
    await run(`
      CREATE TRIGGER org_search_keys_follow_child AFTER UPDATE OF search_key ON children
        FOR EACH ROW WHEN (OLD.search_key IS DISTINCT FROM NEW.search_key) EXECUTE FUNCTION org_search_keys_follow_child()`);
  }

  public async down(): Promise<void> {
    throw new Error('Qoldau migrations are forward-only; restore from backup to go back.');
  }
}
