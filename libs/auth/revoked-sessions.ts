import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, Clock, type RuntimeConfig } from '@qoldau/core';
import { Client } from 'pg';
import type { DataSource, EntityManager, EntitySubscriberInterface, QueryRunner, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';
import { AUTH_POLICY } from './auth-policy';
import { REVOCATION_CHANNEL } from './sessions.repository';

/**
 * A revoked session's id must be remembered only while an access token issued before the revocation
 * can still be unexpired: the token lifetime, plus a margin for clock skew between replicas.
 */
export const REVOCATION_MEMORY_MS = AUTH_POLICY.accessTokenSeconds * 1000 + 5 * 60 * 1000;
const RECONNECT_MAX_MS = 30_000;

/**
 * The revoked-session check of every authenticated request, without a database round trip.
 *
 * Each process keeps the ids of sessions revoked within the last REVOCATION_MEMORY_MS in memory:
 * - at start-up, and again after every reconnect, it LISTENs on a dedicated connection *then* loads the
 *   recent revocations from the table (so nothing falls between the two);
 * - the revoking transaction NOTIFYs (pg_notify), which PostgreSQL delivers to every replica only on
 *   commit;
 * - the revoking process adds the ids itself right after its own commit (a TypeORM transaction
 *   subscriber), so its very next request is refused even before its own notification arrives.
 * While the listener is down the check falls back to one indexed query per request: slower, never wrong.
 */
@Injectable()
export class RevokedSessions implements OnApplicationBootstrap, OnApplicationShutdown, EntitySubscriberInterface {
  private readonly logger = new Logger(RevokedSessions.name);
  /** Session id → when this process learned of the revocation (Clock ms), for pruning. */
  private readonly revoked = new Map<string, number>();
  /** Revocations made inside a still-open transaction, applied when it commits. */
  private readonly pending = new WeakMap<QueryRunner, string[]>();
  private client?: Client;
  private listening = false;
  private stopped = false;
  private attempts = 0;
  private reconnectTimer?: NodeJS.Timeout;
  private pruneTimer?: NodeJS.Timeout;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: RuntimeConfig,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.db.subscribers.push(this);
    this.pruneTimer = setInterval(() => this.prune(), 60_000).unref();
    await this.listen();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    clearInterval(this.pruneTimer);
    const index = this.db.subscribers.indexOf(this);
    if (index >= 0) this.db.subscribers.splice(index, 1);
    const client = this.client;
    this.client = undefined;
    this.listening = false;
    await client?.end().catch(() => undefined);
  }

  /** True when the listener is connected and the set is current (else checks go to the database). */
  get isListening(): boolean {
    return this.listening;
  }

  async isRevoked(sessionId: string): Promise<boolean> {
    if (this.revoked.has(sessionId)) return true;
    if (this.listening) return false;
    const rows: unknown[] = await this.db.query(`SELECT 1 FROM sessions WHERE id = $1 AND revoked_at IS NOT NULL`, [sessionId]);
    return rows.length > 0;
  }

  /**
   * Called by the revoking code with the manager that ran the revocation: outside a transaction the
   * change is already committed; inside one it is remembered until that transaction commits.
   */
  revokedBy(manager: EntityManager, sessionIds: string[]): void {
    if (sessionIds.length === 0) return;
    const runner = manager.queryRunner;
    if (runner?.isTransactionActive) this.pending.set(runner, [...(this.pending.get(runner) ?? []), ...sessionIds]);
    else this.remember(sessionIds);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    // A released savepoint is not a commit: wait for the outermost transaction.
    if (event.queryRunner.isTransactionActive) return;
    const ids = this.pending.get(event.queryRunner);
    if (!ids) return;
    this.pending.delete(event.queryRunner);
    this.remember(ids);
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    // After a rollback to a savepoint the ids stay pending: refusing a still-valid session until the
    // transaction ends is the safe side, and the commit then applies them.
    if (!event.queryRunner.isTransactionActive) this.pending.delete(event.queryRunner);
  }

  private remember(sessionIds: string[]): void {
    const now = this.clock.now().getTime();
    for (const id of sessionIds) this.revoked.set(id, now);
  }

  private prune(): void {
    const cutoff = this.clock.now().getTime() - REVOCATION_MEMORY_MS;
    for (const [id, at] of this.revoked) if (at < cutoff) this.revoked.delete(id);
  }

  private async listen(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({ connectionString: this.config.databaseUrl, application_name: 'qoldau-revocations' });
    // Without an 'error' listener a dropped connection would crash the process.
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    client.on('notification', (message) => {
      if (message.channel === REVOCATION_CHANNEL && message.payload) this.remember([message.payload]);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${REVOCATION_CHANNEL}`);
      const since = new Date(this.clock.now().getTime() - REVOCATION_MEMORY_MS);
      const { rows } = await client.query<{ id: string }>(`SELECT id FROM sessions WHERE revoked_at > $1`, [since]);
      if (this.stopped) {
        await client.end();
        return;
      }
      this.remember(rows.map((r) => r.id));
      this.client = client;
      this.listening = true;
      this.attempts = 0;
    } catch (error) {
      this.logger.warn({ err: { message: (error as Error).message } }, 'Session revocation listener could not start; checking the database per request until it does');
      await client.end().catch(() => undefined);
      this.retry();
    }
  }

  private lost(client: Client): void {
    if (client !== this.client) return;
    this.client = undefined;
    this.listening = false;
    if (this.stopped) return;
    this.logger.warn('Session revocation listener lost its connection; checking the database per request until it is back');
    client.end().catch(() => undefined);
    this.retry();
  }

  private retry(): void {
    if (this.stopped || this.reconnectTimer) return;
    const delay = Math.min(RECONNECT_MAX_MS, 250 * 2 ** this.attempts++);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      void this.listen();
    }, delay);
    this.reconnectTimer.unref();
  }
}
