import { Injectable } from '@nestjs/common';
import { SqlRepository } from '../transaction/transaction';

export type Claim =
  | { claimed: true }
  | { claimed: false; requestHash: string; statusCode: number | null; response: unknown };

/** SQL for idempotency keys, always in the request's transaction. */
@Injectable()
export class IdempotencyStore extends SqlRepository {
  /**
   * Takes the key for this request, or returns the request that holds it. A concurrent request with
   * the same key waits here (on the primary key) until the first one commits or rolls back: then it
   * either replays the committed response or, the first having failed, takes the key itself.
   */
  async claim(owner: string, key: string, requestHash: string, at: Date): Promise<Claim> {
    const inserted = await this.rows(
      `INSERT INTO idempotency_keys (owner, key, request_hash, created_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (owner, key) DO NOTHING RETURNING key`,
      [owner, key, requestHash, at],
    );
    if (inserted.length === 1) return { claimed: true };
    const [row] = await this.rows<{ request_hash: string; status_code: number | null; response: unknown }>(
      `SELECT request_hash, status_code, response FROM idempotency_keys WHERE owner = $1 AND key = $2`,
      [owner, key],
    );
    return { claimed: false, requestHash: row.request_hash, statusCode: row.status_code, response: row.response };
  }

  async complete(owner: string, key: string, statusCode: number, response: unknown): Promise<void> {
    await this.affected(`UPDATE idempotency_keys SET status_code = $3, response = $4 WHERE owner = $1 AND key = $2`, [
      owner,
      key,
      statusCode,
      JSON.stringify(response ?? null),
    ]);
  }

  /** Keys older than `before` are forgotten: a client retries within minutes, not days. */
  async purge(before: Date): Promise<number> {
    return this.affected(`DELETE FROM idempotency_keys WHERE created_at < $1`, [before]);
  }
}
