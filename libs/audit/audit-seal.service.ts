import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock } from '@qoldau/core';
import { DataSource, EntityManager } from 'typeorm';
import { SealableRow, sealHash } from './canonical';

/** Serialises sealers across processes (api replicas, workers). */
const SEAL_LOCK = 7_262_001;
const BATCH = 2_000;
/** Rows per read when verifying: ~5 MB, few round trips over millions of rows. */
const VERIFY_BATCH = 10_000;
const COLUMNS = `id, at, actor_user_id, actor_org_id, action, resource_type, resource_id, child_id, outcome, reason, request_id, ip, changes, operation, seal_hash`;

type StoredRow = SealableRow & { seal_hash: string | null };

export interface VerifyResult {
  ok: boolean;
  /** Rows whose seal was recomputed. */
  checked: number;
  /** Verification started after this event id (0 = from the beginning). */
  fromId: string;
  lastSealedId: string | null;
  firstBrokenId?: string;
  problem?: 'hash_mismatch' | 'unsealed_inside_sealed_range' | 'checkpoint_row_missing';
}

/**
 * Tamper evidence for the audit trail: rows are chained in id order,
 * seal_hash = sha256(previous seal_hash || canonical row), with a checkpoint after every run.
 *
 * Rows are sealed only once they are `settleMs` old: a transaction that took an id earlier may still
 * commit, and sealing past it would leave it outside the chain (verify would flag it).
 */
@Injectable()
export class AuditSealService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async seal(settleMs = 60_000): Promise<{ sealed: number; lastSealedId: string | null }> {
    return this.dataSource.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock($1)`, [SEAL_LOCK]);
      const [last] = await m.query(`SELECT id, seal_hash FROM audit_events WHERE seal_hash IS NOT NULL ORDER BY id DESC LIMIT 1`);
      let previous: string = last?.seal_hash ?? '';
      let lastId: string = last?.id ?? '0';
      const cutoff = new Date(this.clock.now().getTime() - settleMs);
      let sealed = 0;
      for (;;) {
        const rows: StoredRow[] = await m.query(`SELECT ${COLUMNS} FROM audit_events WHERE id > $1 ORDER BY id LIMIT ${BATCH}`, [lastId]);
        const ids: string[] = [];
        const hashes: string[] = [];
        for (const row of rows) {
          if (row.at > cutoff) break; // strictly in id order: stop at the first row too young to seal
          previous = sealHash(previous, row);
          ids.push(row.id);
          hashes.push(previous);
        }
        if (ids.length) {
          await m.query(
            `UPDATE audit_events a SET seal_hash = v.hash FROM unnest($1::bigint[], $2::text[]) AS v(id, hash) WHERE a.id = v.id`,
            [ids, hashes],
          );
          sealed += ids.length;
          lastId = ids[ids.length - 1];
        }
        if (ids.length < rows.length || rows.length < BATCH) break;
      }
      if (sealed > 0) await m.query(`INSERT INTO audit_checkpoints (last_event_id, hash) VALUES ($1, $2)`, [lastId, previous]);
      return { sealed, lastSealedId: lastId === '0' ? null : lastId };
    });
  }

  /**
   * Recomputes the chain. Incremental by default: from the newest checkpoint a previous verification
   * confirmed; `full` starts from the first row. Names the first row where the chain breaks (for a
   * deleted row, the row after it; for deleted trailing rows, the checkpoint that pointed at them).
   */
  async verify(options: { full?: boolean } = {}): Promise<VerifyResult> {
    return this.dataSource.transaction('REPEATABLE READ', async (m) => {
      // Between two batches the transaction waits while Node hashes (~10 000 rows): on a busy machine that
      // outlasted the interactive idle limit (2 × the statement timeout) and the server ended the walk.
      // Each batch stays under the statement timeout; the walk as a whole is as long as the trail.
      await m.query(`SET LOCAL idle_in_transaction_session_timeout = 0`);
      const start = options.full ? undefined : await this.lastVerifiedCheckpoint(m);
      const fromId = start?.last_event_id ?? '0';
      let previous = start?.hash ?? '';
      // Checkpoints after the starting point, in id order; each must land on a row with the same hash.
      const checkpoints: { id: bigint; hash: string }[] = (
        await m.query(`SELECT last_event_id, hash FROM audit_checkpoints WHERE last_event_id > $1 ORDER BY last_event_id`, [fromId])
      ).map((c: { last_event_id: string; hash: string }) => ({ id: BigInt(c.last_event_id), hash: c.hash }));
      let nextCheckpoint = 0;
      let checked = 0;
      let lastSealedId: string | null = start ? fromId : null;
      let unsealedAt: string | null = null;
      const broken = (id: string, problem: VerifyResult['problem']): VerifyResult => ({ ok: false, checked, fromId, lastSealedId, firstBrokenId: id, problem });
      const batchAfter = (id: string): Promise<StoredRow[]> => {
        const rows: Promise<StoredRow[]> = m.query(`SELECT ${COLUMNS} FROM audit_events WHERE id > $1 ORDER BY id LIMIT ${VERIFY_BATCH}`, [id]);
        rows.catch(() => undefined); // awaited below, unless the walk stops at a broken row first
        return rows;
      };
      let next = batchAfter(fromId);
      for (;;) {
        const rows = await next;
        // Ask for the next batch before hashing this one: PostgreSQL reads it while Node hashes.
        if (rows.length === VERIFY_BATCH) next = batchAfter(rows[rows.length - 1].id);
        for (const row of rows) {
          const rowId = BigInt(row.id);
          // A checkpoint below this row that no row matched points at a deleted row.
          if (nextCheckpoint < checkpoints.length && checkpoints[nextCheckpoint].id < rowId) {
            return broken(String(checkpoints[nextCheckpoint].id), 'checkpoint_row_missing');
          }
          if (row.seal_hash === null) {
            unsealedAt ??= row.id;
            continue;
          }
          if (unsealedAt) return broken(unsealedAt, 'unsealed_inside_sealed_range');
          previous = sealHash(previous, row);
          checked++;
          if (previous !== row.seal_hash) return broken(row.id, 'hash_mismatch');
          if (nextCheckpoint < checkpoints.length && checkpoints[nextCheckpoint].id === rowId) {
            if (checkpoints[nextCheckpoint].hash !== previous) return broken(row.id, 'hash_mismatch');
            nextCheckpoint++;
          }
          lastSealedId = row.id;
        }
        if (rows.length < VERIFY_BATCH) break;
      }
      if (nextCheckpoint < checkpoints.length) return broken(String(checkpoints[nextCheckpoint].id), 'checkpoint_row_missing');
      if (lastSealedId && lastSealedId !== fromId) {
        await m.query(
          `UPDATE audit_checkpoints SET verified_at = $2 WHERE id = (SELECT id FROM audit_checkpoints WHERE last_event_id <= $1 ORDER BY last_event_id DESC LIMIT 1)`,
          [lastSealedId, this.clock.now()],
        );
      }
      return { ok: true, checked, fromId, lastSealedId };
    });
  }

  private async lastVerifiedCheckpoint(m: EntityManager): Promise<{ last_event_id: string; hash: string } | undefined> {
    const [row] = await m.query(`SELECT last_event_id, hash FROM audit_checkpoints WHERE verified_at IS NOT NULL ORDER BY last_event_id DESC LIMIT 1`);
    return row;
  }
}
