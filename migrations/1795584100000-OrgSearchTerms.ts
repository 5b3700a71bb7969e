import { MigrationInterface, QueryRunner } from 'typeorm';

const HOUR_MS = 60 * 60 * 1000;

/**
 * Name and IIN-prefix search answered from a btree keyed by organisation first (issue 16,
 * test/bench/findings.md "Search"). The GIN index of 1795583100000 on org_search_keys (org_id,
 * search_key) still intersects the organisation's posting list with national trigram posting lists and
 * rechecks every key that shares enough trigrams with the query: at a million children the PMPC that
 * sees 50 000 of them rechecks thousands of keys for a common Kazakh name (p95 0.8–1 s at 10
 * connections), however few of them are shown.
 *
 * `org_search_terms` holds, per row of org_search_keys, one row per term of the child: each word of its
 * search key and its IIN (digits, so never equal to a word of letters). Its primary key
 * (org_id, term, child_id) puts an organisation's children with one term together, in child order:
 * - a name query whose words are all words of a key (word similarity 1, the top of the ranking) is an
 *   intersection of a few short ranges of the organisation's own entries, read in child order, so the
 *   first page stops after a page of visible children; only when there are fewer than a page of those
 *   does the search go on to the trigram index for the near matches;
 * - an IIN prefix is one range of the organisation's entries (in IIN order, the order IIN search pages
 *   by) instead of the national IIN order tested for visibility row by row.
 *
 * Like org_search_keys it is kept by the database: a row added to org_search_keys (a new or moved
 * involvement) adds the child's terms for that organisation, and a change of a child's key or IIN
 * (identity correction, IIN given later, merge) replaces the old terms by the new ones in every
 * organisation that has the child. The old terms are computed from the OLD row, so each is removed by
 * its primary key: no second index on child_id is needed.
 *
 * The backfill is one INSERT … SELECT into the empty table in key order, then the primary key, with
 * statement_timeout lifted for this migration's own statements as 1795583100000 does.
 */
export class OrgSearchTerms1795584100000 implements MigrationInterface {
  name = 'OrgSearchTerms1795584100000';

  public async up(q: QueryRunner): Promise<void> {
    const run = (text: string) => q.query({ text, query_timeout: HOUR_MS } as unknown as string);
    await run(`SET LOCAL statement_timeout = 0`);
    // The backfill's sort and the primary key's build: at a million children ~7 M rows.
    await run(`SET LOCAL work_mem = '256MB'`);
    await run(`SET LOCAL maintenance_work_mem = '256MB'`);

    // The one definition of a child's terms: the words of its key and its IIN, each once. Used by the
    // backfill, the triggers and the break-glass arm of the search (libs/access/visibility.ts).
    await run(`
      CREATE FUNCTION child_search_terms(search_key text, iin text) RETURNS SETOF text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT DISTINCT t FROM unnest(string_to_array(search_key, ' ') || iin) t WHERE t <> ''
      $$`);
    await run(`
      CREATE TABLE org_search_terms (
        org_id   uuid NOT NULL,
        term     text COLLATE "C" NOT NULL,
        child_id uuid NOT NULL
      )`);
    await run(`
      INSERT INTO org_search_terms (org_id, term, child_id)
      SELECT k.org_id, t.term, k.child_id
        FROM org_search_keys k
        JOIN children c ON c.id = k.child_id
        CROSS JOIN LATERAL child_search_terms(c.search_key, c.iin) t(term)
       ORDER BY 1, 2, 3`);
    await run(`ALTER TABLE org_search_terms ADD CONSTRAINT "PK_org_search_terms" PRIMARY KEY (org_id, term, child_id)`);
    await run(`ANALYZE org_search_terms`);

    await run(`
      CREATE FUNCTION org_search_terms_add() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO org_search_terms (org_id, term, child_id)
        SELECT NEW.org_id, t.term, c.id FROM children c CROSS JOIN LATERAL child_search_terms(c.search_key, c.iin) t(term) WHERE c.id = NEW.child_id
        ON CONFLICT DO NOTHING;
        RETURN NULL;
      END $$`);
    await run(`CREATE TRIGGER org_search_terms_add AFTER INSERT ON org_search_keys FOR EACH ROW EXECUTE FUNCTION org_search_terms_add()`);

    await run(`
      CREATE FUNCTION org_search_terms_follow_child() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM org_search_terms t USING org_search_keys k
         WHERE k.child_id = NEW.id AND t.org_id = k.org_id AND t.child_id = NEW.id
           AND t.term = ANY (ARRAY(SELECT child_search_terms(OLD.search_key, OLD.iin)));
        INSERT INTO org_search_terms (org_id, term, child_id)
        SELECT k.org_id, t.term, NEW.id FROM org_search_keys k CROSS JOIN LATERAL child_search_terms(NEW.search_key, NEW.iin) t(term)
         WHERE k.child_id = NEW.id
        ON CONFLICT DO NOTHING;
        RETURN NULL;
      END $$`);
    await run(`
      CREATE TRIGGER org_search_terms_follow_child AFTER UPDATE OF search_key, iin ON children
        FOR EACH ROW WHEN (OLD.search_key IS DISTINCT FROM NEW.search_key OR OLD.iin IS DISTINCT FROM NEW.iin)
        EXECUTE FUNCTION org_search_terms_follow_child()`);
  }

  public async down(): Promise<void> {
    throw new Error('Qoldau migrations are forward-only; restore from backup to go back.');
  }
}
