/**
 * Loaded with `node --require` into a separate api instance (never the one measured): records every
 * statement the app sends through `pg`, with its parameters, as JSON lines in BENCH_SQL_LOG. The
 * same-SQL floor replays exactly these statements, so it is what the app asks of PostgreSQL, minus
 * the framework. pg-boss's own polling is left out (it is not part of any request).
 */
import { appendFileSync } from 'node:fs';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pg = require('pg') as typeof import('pg');

const file = process.env.BENCH_SQL_LOG;
if (file) {
  const original = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  pg.Client.prototype.query = function (this: unknown, ...args: unknown[]) {
    const [config, values] = args as [unknown, unknown];
    const text = typeof config === 'string' ? config : (config as { text?: string })?.text;
    const params = Array.isArray(values) ? values : ((config as { values?: unknown[] })?.values ?? []);
    if (typeof text === 'string' && !/pgboss\./i.test(text)) {
      appendFileSync(file, JSON.stringify({ at: Date.now(), text, values: params }) + '\n');
    }
    return original.apply(this, args);
  } as typeof pg.Client.prototype.query;
}
