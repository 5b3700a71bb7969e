import type { QueryRunner } from 'typeorm';
import { startTransaction } from './dead-connections';

/** A query runner that records what it sends; `start` is how its startTransaction begins. */
function runner(start: string): { runner: QueryRunner; sent: string[] } {
  const sent: string[] = [];
  const fake = {
    async query(sql: string) {
      sent.push(sql);
      return [];
    },
    async startTransaction(this: QueryRunner) {
      await this.query(start);
    },
  };
  return { runner: fake as unknown as QueryRunner, sent };
}

describe('startTransaction', () => {
  it('sends SET LOCAL plan_cache_mode with START TRANSACTION, in one round trip, for @GenericPlans', async () => {
    const { runner: r, sent } = runner('START TRANSACTION');
    await startTransaction(r, { genericPlans: true });
    expect(sent).toEqual(['START TRANSACTION; SET LOCAL plan_cache_mode = force_generic_plan']);
    // Only that one call was changed: the runner's next statements go as written.
    await r.query('SELECT 1');
    expect(sent[1]).toBe('SELECT 1');
  });

  it('leaves other transactions as TypeORM starts them', async () => {
    const { runner: r, sent } = runner('START TRANSACTION');
    await startTransaction(r, undefined);
    await startTransaction(r, {});
    expect(sent).toEqual(['START TRANSACTION', 'START TRANSACTION']);
  });

  it('sends the SET on its own should TypeORM start its transactions some other way', async () => {
    const { runner: r, sent } = runner('BEGIN');
    await startTransaction(r, { genericPlans: true });
    expect(sent).toEqual(['BEGIN', 'SET LOCAL plan_cache_mode = force_generic_plan']);
  });
});
