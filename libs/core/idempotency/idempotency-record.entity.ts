import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A creating request made with an `Idempotency-Key` (DESIGN §2): who sent it, a hash of what was sent,
 * and the response, written in the request's own transaction — so the key exists exactly when the
 * creation was committed, and a replay returns what the first request returned.
 */
@Entity('idempotency_keys')
export class IdempotencyRecord {
  /** Whose key it is (`user:<id>`): clients generate keys, so two users' keys never meet. */
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_idempotency_keys' }) owner: string;
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_idempotency_keys' }) key: string;
  /** sha256 of method, route and canonical body: the same key with anything else is a reuse. */
  @Column({ name: 'request_hash', type: 'text' }) requestHash: string;
  @Column({ name: 'status_code', type: 'int', nullable: true }) statusCode: number | null;
  @Column({ type: 'jsonb', nullable: true }) response: unknown;
  @Index('IDX_idempotency_keys_created_at')
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
