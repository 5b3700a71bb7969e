import { Injectable } from '@nestjs/common';
import type { Actor } from '@qoldau/auth';
import { SqlRepository, TransactionHost } from '@qoldau/core';
import { Propagation } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type { ImportKind } from './import-columns';
import type { FileRow } from './import-file';
import type { RowError } from './import-rows';

export type RowOutcome = 'pending' | 'created' | 'updated' | 'unchanged' | 'error';

export interface ImportRecord {
  id: string;
  kind: ImportKind;
  fileName: string | null;
  status: 'queued' | 'running' | 'done';
  rowsTotal: number;
  rowsDone: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  createdBy: string;
  createdByOrg: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

export interface ImportRowRecord {
  rowNumber: number;
  outcome: RowOutcome;
  errors: RowError[] | null;
  entityId: string | null;
}

const COLUMNS = `id, kind, file_name AS "fileName", status, rows_total AS "rowsTotal", rows_done AS "rowsDone", created, updated,
  unchanged, failed, created_by AS "createdBy", created_by_org AS "createdByOrg", created_at AS "createdAt", finished_at AS "finishedAt"`;

/** The imports and their rows. Every lookup takes the uploading organisation (null: the national admin). */
@Injectable()
export class ImportsRepository extends SqlRepository {
  constructor(txHost: TransactionHost<TransactionalAdapterTypeOrm>) {
    super(txHost);
  }

  async findByFile(kind: ImportKind, sha256: string, orgId: string | null): Promise<ImportRecord | null> {
    const [row] = await this.rows<ImportRecord>(
      `SELECT ${COLUMNS} FROM imports WHERE kind = $1 AND file_sha256 = $2 AND created_by_org IS NOT DISTINCT FROM $3`, [kind, sha256, orgId]);
    return row ?? null;
  }

  async find(id: string, orgId: string | null): Promise<ImportRecord | null> {
    const [row] = await this.rows<ImportRecord>(`SELECT ${COLUMNS} FROM imports WHERE id = $1 AND created_by_org IS NOT DISTINCT FROM $2`, [id, orgId]);
    return row ?? null;
  }

  list(orgId: string | null, limit: number, offset: number): Promise<ImportRecord[]> {
    return this.rows<ImportRecord>(
      `SELECT ${COLUMNS} FROM imports WHERE created_by_org IS NOT DISTINCT FROM $1 ORDER BY created_at DESC, id LIMIT $2 OFFSET $3`, [orgId, limit, offset]);
  }

  /**
   * Starts storing an upload: its rows follow (insertRows) and its hash at the end (seal). Until sealed
   * its hash is a placeholder no file has; the request's transaction hides it from the job till commit.
   */
  async open(kind: ImportKind, actor: Actor, now: Date): Promise<string> {
    const [inserted] = await this.rows<{ id: string }>(
      `INSERT INTO imports (kind, file_sha256, rows_total, actor, created_by, created_by_org, created_at)
       VALUES ($1, 'uploading:' || gen_random_uuid(), 0, $2, $3, $4, $5) RETURNING id`,
      [kind, JSON.stringify(actor), actor.userId, actor.orgId, now]);
    return inserted.id;
  }

  /** A chunk of the upload's rows, all pending. */
  async insertRows(id: string, rows: FileRow[]): Promise<void> {
    await this.rows(
      `INSERT INTO import_rows (import_id, row_number, "values")
       SELECT $1, r.row_number, r.values FROM jsonb_to_recordset($2::jsonb) AS r(row_number integer, values jsonb)`,
      [id, JSON.stringify(rows.map((r) => ({ row_number: r.rowNumber, values: r.values })))]);
  }

  /**
   * The upload's hash, name and row count; false when the same file of the organisation was stored
   * meanwhile (two uploads at once: this one waits for the other to commit, then collides with it).
   */
  async seal(id: string, sha256: string, fileName: string | null, rowsTotal: number): Promise<boolean> {
    try {
      await this.txHost.withTransaction(Propagation.Nested, () => this.rows(
        `UPDATE imports SET file_sha256 = $2, file_name = $3, rows_total = $4 WHERE id = $1`, [id, sha256, fileName, rowsTotal]));
      return true;
    } catch (error) {
      if ((error as { code?: string }).code === '23505') return false;
      throw error;
    }
  }

  /** An upload that turned out to be a file imported before: gone with its rows, never seen outside its transaction. */
  async discard(id: string): Promise<void> {
    await this.rows(`DELETE FROM imports WHERE id = $1`, [id]);
  }

  rowsOf(id: string, limit: number, offset: number, onlyErrors = false): Promise<ImportRowRecord[]> {
    return this.rows<ImportRowRecord>(
      `SELECT row_number AS "rowNumber", outcome, errors, entity_id AS "entityId" FROM import_rows
       WHERE import_id = $1 AND ($2::boolean IS FALSE OR outcome = 'error') ORDER BY row_number LIMIT $3 OFFSET $4`,
      [id, onlyErrors, limit, offset]);
  }

  failedRows(id: string): Promise<{ rowNumber: number; values: Record<string, string>; errors: RowError[] }[]> {
    return this.rows(
      `SELECT row_number AS "rowNumber", "values", errors FROM import_rows WHERE import_id = $1 AND outcome = 'error' ORDER BY row_number`, [id]);
  }

  /** Imports with rows still to apply, oldest first. */
  async unfinished(): Promise<{ id: string; kind: ImportKind; actor: Actor }[]> {
    return this.rows(`SELECT id, kind, actor FROM imports WHERE status <> 'done' ORDER BY created_at`);
  }

  /** The next pending rows, locked for this transaction (another worker skips them). */
  claim(id: string, limit: number): Promise<FileRow[]> {
    return this.rows<FileRow>(
      `SELECT row_number AS "rowNumber", "values" FROM import_rows WHERE import_id = $1 AND outcome = 'pending'
       ORDER BY row_number LIMIT $2 FOR UPDATE SKIP LOCKED`, [id, limit]);
  }

  /** The batch's outcomes; an applied row forgets its values (they live in the record now), a failed one keeps them. */
  async settle(id: string, rows: { rowNumber: number; outcome: RowOutcome; errors: RowError[] | null; entityId: string | null }[]): Promise<void> {
    await this.rows(
      `UPDATE import_rows r SET outcome = s.outcome, errors = s.errors, entity_id = s.entity_id,
              "values" = CASE WHEN s.outcome = 'error' THEN r."values" END
         FROM jsonb_to_recordset($2::jsonb) AS s(row_number integer, outcome text, errors jsonb, entity_id uuid)
        WHERE r.import_id = $1 AND r.row_number = s.row_number`,
      [id, JSON.stringify(rows.map((r) => ({ row_number: r.rowNumber, outcome: r.outcome, errors: r.errors, entity_id: r.entityId })))]);
  }

  /**
   * Adds a batch's outcomes to the import's counts (atomic under the row's lock, so several workers may
   * add at once) and marks it done when every row is; `refresh` recounts from the rows when nothing is left.
   */
  async count(id: string, outcomes: RowOutcome[], now: Date): Promise<void> {
    const n = (outcome: RowOutcome) => outcomes.filter((o) => o === outcome).length;
    await this.rows(
      `UPDATE imports SET rows_done = rows_done + $2, created = created + $3, updated = updated + $4, unchanged = unchanged + $5, failed = failed + $6,
              status = CASE WHEN rows_done + $2 >= rows_total THEN 'done' ELSE 'running' END,
              finished_at = CASE WHEN rows_done + $2 >= rows_total THEN $7::timestamptz END
        WHERE id = $1`,
      [id, outcomes.length, n('created'), n('updated'), n('unchanged'), n('error'), now]);
  }

  /** Recounts from the rows (safe with several workers) and marks the import done when none is pending. */
  async refresh(id: string, now: Date): Promise<void> {
    await this.rows(
      `UPDATE imports i SET
         rows_done = c.done, created = c.created, updated = c.updated, unchanged = c.unchanged, failed = c.failed,
         status = CASE WHEN c.done = i.rows_total THEN 'done' ELSE 'running' END,
         finished_at = CASE WHEN c.done = i.rows_total THEN $2::timestamptz END
       FROM (SELECT count(*) FILTER (WHERE outcome <> 'pending')::int AS done,
                    count(*) FILTER (WHERE outcome = 'created')::int AS created,
                    count(*) FILTER (WHERE outcome = 'updated')::int AS updated,
                    count(*) FILTER (WHERE outcome = 'unchanged')::int AS unchanged,
                    count(*) FILTER (WHERE outcome = 'error')::int AS failed
             FROM import_rows WHERE import_id = $1) c
       WHERE i.id = $1`, [id, now]);
  }

  async organizationByExternalId(externalId: string): Promise<{ id: string; version: number } | null> {
    const [row] = await this.rows<{ id: string; version: number }>(`SELECT id, version FROM organizations WHERE external_id = $1`, [externalId]);
    return row ?? null;
  }

  async childByIin(iin: string): Promise<{ id: string; version: number } | null> {
    const [row] = await this.rows<{ id: string; version: number }>(`SELECT id, version FROM children WHERE iin = $1 AND merged_into IS NULL`, [iin]);
    return row ?? null;
  }
}
