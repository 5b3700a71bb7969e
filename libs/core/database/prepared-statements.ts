import { createHash } from 'node:crypto';

/**
 * Named prepared statements for the repositories' SQL. TypeORM sends every statement unnamed, so
 * PostgreSQL parses and plans it again on every call; for the case read at 1 M children planning took
 * ~5× as long as executing (issue 16). A named statement is parsed once per connection (node-postgres
 * remembers which names each connection has prepared) and, after five executions, PostgreSQL may keep
 * a generic plan for it (plan_cache_mode = auto still compares it with custom plans).
 *
 * The name is a hash of the text, so one text always has one name and two texts never share one. The
 * repositories' SQL is built from code (parameters are always `$n`), so the set of texts is bounded;
 * past 1000 distinct texts, further ones go unnamed rather than growing every connection's
 * statement cache. Behind PgBouncer in transaction mode this needs PgBouncer ≥ 1.21 with
 * `max_prepared_statements` set (docs/operations.md).
 */
export class StatementNames {
  private readonly names = new Map<string, string>();

  constructor(private readonly max: number) {}

  /** What to hand `EntityManager.query`: node-postgres' query config with a name, or the bare text past the cap. */
  statement(text: string): string {
    let name = this.names.get(text);
    if (name === undefined) {
      if (this.names.size >= this.max) return text;
      name = `q_${createHash('sha256').update(text).digest('base64url').slice(0, 24)}`;
      this.names.set(text, name);
    }
    // TypeORM hands its first argument to pg's Client.query unchanged; pg accepts a config object there
    // and writes the values into it, so every call gets a fresh object.
    return { name, text } as unknown as string;
  }
}

const shared = new StatementNames(1000);

/** The process's statement names: see StatementNames. */
export function namedStatement(text: string): string {
  return shared.statement(text);
}
