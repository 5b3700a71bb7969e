import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Imports (issue 18): an uploaded file of organisations or children, applied row by row by a job.
 * `imports` is one upload (unique per organisation, kind and file hash, so a re-upload finds the earlier
 * one); `import_rows` its rows: the values wait there as `pending` until the job applies them, and are
 * kept afterwards only for rows that failed (for errors.xlsx) — an applied row keeps its outcome and id.
 */
export class Imports1795581700000 implements MigrationInterface {
  name = 'Imports1795581700000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE imports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('organizations', 'children')),
        file_sha256 text NOT NULL,
        file_name text,
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done')),
        rows_total integer NOT NULL,
        rows_done integer NOT NULL DEFAULT 0,
        created integer NOT NULL DEFAULT 0,
        updated integer NOT NULL DEFAULT 0,
        unchanged integer NOT NULL DEFAULT 0,
        failed integer NOT NULL DEFAULT 0,
        actor jsonb NOT NULL,
        created_by uuid NOT NULL REFERENCES users(id),
        created_by_org uuid REFERENCES organizations(id),
        created_at timestamptz NOT NULL,
        finished_at timestamptz
      )`);
    await q.query(`CREATE UNIQUE INDEX "UQ_imports_file" ON imports (kind, file_sha256, COALESCE(created_by_org, '00000000-0000-0000-0000-000000000000'::uuid))`);
    await q.query(`CREATE INDEX "IDX_imports_org" ON imports (created_by_org, created_at DESC)`);
    await q.query(`
      CREATE TABLE import_rows (
        import_id uuid NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
        row_number integer NOT NULL,
        outcome text NOT NULL DEFAULT 'pending' CHECK (outcome IN ('pending', 'created', 'updated', 'unchanged', 'error')),
        "values" jsonb,
        errors jsonb,
        entity_id uuid,
        PRIMARY KEY (import_id, row_number)
      )`);
    await q.query(`CREATE INDEX "IDX_import_rows_pending" ON import_rows (import_id, row_number) WHERE outcome = 'pending'`);
  }

  public async down(): Promise<void> {
    throw new Error('Qoldau migrations are forward-only; restore from backup to go back.');
  }
}
