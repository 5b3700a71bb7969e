import { ManualClock, RuntimeConfig } from '@qoldau/core';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { REVOCATION_MEMORY_MS, RevokedSessions } from './revoked-sessions';

// The in-process half of revocation, without a database: what is remembered when, and for how long.
// (LISTEN/NOTIFY across replicas and reconnects are exercised against PostgreSQL in test/e2e/auth.)
describe('RevokedSessions', () => {
  const clock = new ManualClock(new Date('2026-11-25T06:00:00Z'));
  let revokedInDb: string[];
  let revoked: RevokedSessions;
  const db = { subscribers: [], query: async (_sql: string, [id]: string[]) => (revokedInDb.includes(id) ? [{}] : []) };
  const manager = (runner?: Partial<QueryRunner>) => ({ queryRunner: runner }) as unknown as EntityManager;
  const listening = () => Object.assign(revoked as unknown as { listening: boolean }, { listening: true });

  beforeEach(() => {
    revokedInDb = [];
    revoked = new RevokedSessions(db as unknown as DataSource, {} as RuntimeConfig, clock);
    listening();
  });

  it('remembers a revocation made outside a transaction at once (it is already committed)', async () => {
    revoked.revokedBy(manager(), ['s1']);
    await expect(revoked.isRevoked('s1')).resolves.toBe(true);
    await expect(revoked.isRevoked('s2')).resolves.toBe(false);
  });

  it('remembers a revocation made in a transaction only when that transaction commits', async () => {
    const runner = { isTransactionActive: true } as QueryRunner;
    revoked.revokedBy(manager(runner), ['s1']);
    revoked.revokedBy(manager(runner), ['s2']);
    await expect(revoked.isRevoked('s1')).resolves.toBe(false);
    // A savepoint released inside the transaction is not the commit.
    revoked.afterTransactionCommit({ queryRunner: runner } as never);
    await expect(revoked.isRevoked('s1')).resolves.toBe(false);
    (runner as { isTransactionActive: boolean }).isTransactionActive = false;
    revoked.afterTransactionCommit({ queryRunner: runner } as never);
    await expect(revoked.isRevoked('s1')).resolves.toBe(true);
    await expect(revoked.isRevoked('s2')).resolves.toBe(true);
  });

  it('forgets a revocation whose transaction rolled back', async () => {
    const runner = { isTransactionActive: true } as QueryRunner;
    revoked.revokedBy(manager(runner), ['s1']);
    (runner as { isTransactionActive: boolean }).isTransactionActive = false;
    revoked.afterTransactionRollback({ queryRunner: runner } as never);
    revoked.afterTransactionCommit({ queryRunner: runner } as never);
    await expect(revoked.isRevoked('s1')).resolves.toBe(false);
  });

  it('keeps an id only while tokens issued before the revocation can be unexpired', async () => {
    revoked.revokedBy(manager(), ['s1']);
    clock.advance(REVOCATION_MEMORY_MS);
    (revoked as unknown as { prune(): void }).prune();
    await expect(revoked.isRevoked('s1')).resolves.toBe(true);
    clock.advance(1);
    (revoked as unknown as { prune(): void }).prune();
    await expect(revoked.isRevoked('s1')).resolves.toBe(false);
    expect(REVOCATION_MEMORY_MS).toBeGreaterThan(15 * 60 * 1000);
  });

  it('asks the database while the listener is down', async () => {
    Object.assign(revoked as unknown as { listening: boolean }, { listening: false });
    revokedInDb = ['s9'];
    await expect(revoked.isRevoked('s9')).resolves.toBe(true);
    await expect(revoked.isRevoked('s1')).resolves.toBe(false);
  });
});
