import { Injectable, Logger } from '@nestjs/common';
import { Propagation } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { AccessService } from '@qoldau/access';
import { AuditTrail } from '@qoldau/audit';
import type { Actor } from '@qoldau/auth';
import { AppError, Clock, Jobs, NotFoundError, TransactionHost, UseCaseRunner } from '@qoldau/core';
import { IMPORT_REQUIRES, type ImportKind } from './import-columns';
import type { FileRow } from './import-file';
import type { ReadUpload } from './import-upload';
import { columnOf, RowError } from './import-rows';
import { ImportsRepository } from './imports.repository';
import { RowAppliers } from './row-appliers';
import type { DryRunView, ImportView } from './dto/import.dto';
import { importView } from './dto/import.dto';

export const IMPORT_JOB = 'imports.apply';
/** Rows per transaction (and per audit event). */
export const IMPORT_BATCH_SIZE = 50;

/** Thrown inside a dry run's savepoint to roll back everything the rows wrote. */
class DryRunDone extends Error {}

/**
 * Issue 18: files of organisations or children applied row by row through the API's own use cases. A
 * dry run applies every row inside a savepoint and rolls it all back; a real run stores the file's rows
 * and leaves them to a job (IMPORT_JOB), which applies them in batches — one transaction and one audit
 * event per batch, each row in a savepoint of its own so a bad row never half-applies.
 */
@Injectable()
export class ImportsService {
  private readonly logger = new Logger(ImportsService.name);

  constructor(
    private readonly repository: ImportsRepository,
    private readonly appliers: RowAppliers,
    private readonly access: AccessService,
    private readonly audit: AuditTrail,
    private readonly runner: UseCaseRunner,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly jobs: Jobs,
    private readonly clock: Clock,
  ) {}

  /**
   * The file is read (`read`: streamed and parsed, import-upload.ts) only once the actor may import this
   * kind: an unreadable file is 400, a too big one 413, and the request's transaction then keeps nothing.
   * The rows are stored as they stream in, under an import whose hash is known only at the end: the
   * same file of the organisation stored before (or meanwhile, by a concurrent upload) is the earlier
   * import, and this one is dropped with its rows before anyone could see it.
   */
  async upload(actor: Actor, kind: ImportKind, read: ReadUpload): Promise<{ view: ImportView; fresh: boolean }> {
    this.authorize(actor, kind);
    const id = await this.repository.open(kind, actor, this.clock.now());
    const file = await read((rows) => this.repository.insertRows(id, rows));
    const earlier = (await this.repository.findByFile(kind, file.sha256, actor.orgId))
      ?? (await this.repository.seal(id, file.sha256, file.fileName, file.rowCount) ? null : await this.repository.findByFile(kind, file.sha256, actor.orgId));
    if (earlier) {
      await this.repository.discard(id);
      this.audit.note({ resourceType: 'import', resourceId: earlier.id });
      return { view: importView(earlier, []), fresh: false };
    }
    this.audit.note({ resourceType: 'import', resourceId: id, changes: { kind: { to: kind }, rows: { to: file.rowCount } } });
    // The cron run of the same job picks the import up if this one runs before the request commits.
    await this.jobs.send(IMPORT_JOB, { importId: id }, { startAfter: 1 });
    return { view: importView((await this.repository.find(id, actor.orgId))!, []), fresh: true };
  }

  /**
   * Every row through its use case inside a savepoint that is then rolled back: nothing stays written.
   * The rows are applied as they stream in, so only their outcomes are held.
   */
  async dryRun(actor: Actor, kind: ImportKind, read: ReadUpload): Promise<DryRunView> {
    this.authorize(actor, kind);
    const results: DryRunView['rows'] = [];
    let rowsTotal = 0;
    await this.txHost
      .withTransaction(Propagation.Nested, async () => {
        const file = await read(async (rows) => {
          for (const row of rows) {
            const result = await this.applyRow(kind, actor, row);
            results.push({ rowNumber: row.rowNumber, outcome: result.outcome, errors: result.errors ?? [] });
          }
        });
        rowsTotal = file.rowCount;
        throw new DryRunDone();
      })
      .catch((error: unknown) => {
        if (!(error instanceof DryRunDone)) throw error;
      });
    this.audit.take();
    this.audit.note({ resourceType: 'import', query: { kind, dryRun: true, rows: rowsTotal } });
    const count = (outcome: string) => results.filter((r) => r.outcome === outcome).length;
    return { kind, rowsTotal, created: count('created'), updated: count('updated'), unchanged: count('unchanged'), failed: count('error'), rows: results };
  }

  async get(actor: Actor, id: string, limit: number, offset: number): Promise<ImportView> {
    this.access.authorize(actor, 'read', 'Import');
    const record = await this.repository.find(id, actor.orgId);
    if (!record) throw new NotFoundError('Import');
    this.audit.note({ resourceType: 'import', resourceId: id });
    return importView(record, await this.repository.rowsOf(id, limit, offset));
  }

  async list(actor: Actor, limit: number, offset: number): Promise<ImportView[]> {
    this.access.authorize(actor, 'read', 'Import');
    const records = await this.repository.list(actor.orgId, limit, offset);
    this.audit.note({ resourceType: 'import', resultIds: records.map((r) => r.id) });
    return records.map((r) => importView(r, []));
  }

  async failedRows(actor: Actor, id: string): Promise<{ kind: ImportKind; rows: { rowNumber: number; values: Record<string, string>; errors: RowError[] }[] }> {
    this.access.authorize(actor, 'read', 'Import');
    const record = await this.repository.find(id, actor.orgId);
    if (!record) throw new NotFoundError('Import');
    this.audit.note({ resourceType: 'import', resourceId: id });
    return { kind: record.kind, rows: await this.repository.failedRows(id) };
  }

  /** The job: every unfinished import, batch by batch. Safe to run in several workers at once. */
  async applyPending(): Promise<void> {
    for (const entry of await this.repository.unfinished()) {
      while (await this.applyBatch(entry.id, entry.kind, entry.actor)) { /* next batch */ }
    }
  }

  /** One batch in one transaction through the UseCaseRunner, with one audit event naming its rows. */
  private applyBatch(id: string, kind: ImportKind, actor: Actor): Promise<boolean> {
    return this.runner.run({ action: `import.${kind}` }, async () => {
      const rows = await this.repository.claim(id, IMPORT_BATCH_SIZE);
      if (rows.length === 0) {
        await this.repository.refresh(id, this.clock.now());
        return false;
      }
      const results = [];
      for (const row of rows) results.push({ rowNumber: row.rowNumber, ...(await this.applyRow(kind, actor, row)) });
      // One statement for the batch's outcomes and one for its counts (a recount of every row per batch
      // made a 100,000-row file quadratic); the claim of nothing pending recounts once at the end.
      await this.repository.settle(id, results);
      await this.repository.count(id, results.map((r) => r.outcome), this.clock.now());
      this.audit.take();
      this.audit.note({
        resourceType: 'import', resourceId: id, actorUserId: actor.userId, actorOrgId: actor.orgId,
        changes: { rows: { to: rows.map((r) => r.rowNumber) } },
      });
      this.logger.log({ importId: id, rows: rows.length }, 'import batch applied');
      return true;
    });
  }

  /** One row in a savepoint: a row that fails leaves nothing behind. */
  private async applyRow(kind: ImportKind, actor: Actor, row: FileRow): Promise<{ outcome: 'created' | 'updated' | 'unchanged' | 'error'; errors: RowError[] | null; entityId: string | null }> {
    try {
      const applied = await this.txHost.withTransaction(Propagation.Nested, () => this.appliers.apply(kind, actor, row.values));
      return { ...applied, errors: null };
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      return { outcome: 'error', errors: rowErrors(error), entityId: null };
    }
  }

  private authorize(actor: Actor, kind: ImportKind): void {
    this.access.authorize(actor, 'create', 'Import');
    for (const { action, subject } of IMPORT_REQUIRES[kind]) this.access.authorize(actor, action, subject);
  }
}

/** A refused row's codes: each field's own, or the problem's code when it names no field. */
function rowErrors(error: AppError): RowError[] {
  if (error.errors.length) return error.errors.map((e) => ({ field: columnOf(e.field), code: e.code, message: e.message }));
  return [{ field: null, code: error.code, message: error.message }];
}
