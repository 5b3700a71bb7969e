import 'reflect-metadata';
import { All, Controller, HttpException, Module, Req, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Pool, type PoolClient } from 'pg';
import { physicalHandlers, type FloorContext } from './physical';

/**
 * A floor server: bare node:http + pg, no framework, started as its own process like the api.
 *  - `same`: replays, per request, exactly the statements the app sent for that endpoint (captured by
 *    capture-sql.ts from a separate api instance), with the request's ids put in place of the captured
 *    ones; answers with the last statement's rows.
 *  - `physical`: the fewest statements that return the same data and write the same audit row
 *    (physical.ts).
 *  - `nest`: the physical floor's statements answered through NestJS on Fastify, as the api is, with
 *    nothing else (no guard, pipe, interceptor, logger): what the framework the project is built on
 *    costs per request before any of the app's own work.
 * All trust the bearer token as issued (the app verifies a JWT signature, a few µs) and take the user
 * from its username claim.
 */

export interface Captured {
  text: string;
  values: unknown[];
}

export interface FloorConfig {
  mode: 'same' | 'physical' | 'nest';
  port: number;
  databaseUrl: string;
  /** username → bench user key: a request's user is the username in its access token */
  usernames: Record<string, string>;
  users: Record<string, { id: string; orgId: string }>;
  /** `METHOD /path-with-:id|userKey` → the statements and the ids they were captured with */
  captured: Record<string, { statements: Captured[]; ids: string[] }>;
  /** referral id → child id, for the write path's substitution */
  referralChildren: Record<string, string>;
  poolSize: number;
  shapes: FloorContext['shapes'];
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

export function routeKey(method: string, url: string, user: string): { key: string; ids: string[] } {
  const ids = url.match(UUID) ?? [];
  return { key: `${method} ${url.replace(UUID, ':id')}|${user}`, ids };
}

/** The bench user of a bearer token, by its username claim; cached per token. */
function userResolver(usernames: Record<string, string>): (authorization: string | undefined) => string {
  const known = new Map<string, string>();
  return (authorization) => {
    const token = (authorization ?? '').replace(/^Bearer /, '');
    let user = known.get(token);
    if (user === undefined) {
      let username = '';
      try {
        username = (JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { username?: string }).username ?? '';
      } catch {
        // not a JWT: anonymous
      }
      user = usernames[username] ?? 'anonymous';
      known.set(token, user);
    }
    return user;
  };
}

function substitute(value: unknown, map: Map<string, string>): unknown {
  if (typeof value === 'string') return map.get(value) ?? value.replace(UUID, (m) => map.get(m) ?? m);
  if (Array.isArray(value)) return value.map((v) => substitute(v, map));
  return value;
}

async function main(): Promise<void> {
  const config = JSON.parse(readFileSync(process.argv[2], 'utf8')) as FloorConfig;
  // The physical floors' statements are few and large (every worklist bucket, every case section in one):
  // left to choose, PostgreSQL plans each execution afresh (a custom plan is estimated cheaper than the
  // generic one), 5–15 ms of planning per request. Planned once per connection they are what a server
  // with these statements can do. The same-SQL floor replays the app's statements as the app's pool runs them.
  // Every floor's connections, as the api's, plan without parallel workers (dataSourceOptions).
  const settings = ['-c max_parallel_workers_per_gather=0', ...(config.mode !== 'same' ? ['-c plan_cache_mode=force_generic_plan'] : [])];
  const pool = new Pool({ connectionString: config.databaseUrl, max: config.poolSize, options: settings.join(' ') });
  const context: FloorContext = { pool, users: config.users, shapes: config.shapes, captured: config.captured };
  const physical = physicalHandlers(context);
  const userOf = userResolver(config.usernames);

  const same = async (key: string, ids: string[]): Promise<unknown> => {
    const entry = config.captured[key];
    if (!entry) throw Object.assign(new Error(`nothing captured for ${key}`), { status: 404 });
    const map = new Map<string, string>();
    entry.ids.forEach((template, k) => {
      if (ids[k] && ids[k] !== template) {
        map.set(template, ids[k]);
        const [templateChild, child] = [config.referralChildren[template], config.referralChildren[ids[k]]];
        if (templateChild && child) map.set(templateChild, child);
      }
    });
    const client: PoolClient = await pool.connect();
    let rows: unknown[] = [];
    let inTransaction = false;
    try {
      for (const statement of entry.statements) {
        const upper = statement.text.trimStart().slice(0, 20).toUpperCase();
        if (upper.startsWith('START TRANSACTION') || upper.startsWith('BEGIN')) inTransaction = true;
        const result = await client.query(statement.text, map.size ? (substitute(statement.values, map) as unknown[]) : statement.values);
        if (upper.startsWith('COMMIT') || upper.startsWith('ROLLBACK')) inTransaction = false;
        else if (result.rows?.length) rows = result.rows;
      }
      return rows;
    } catch (error) {
      if (inTransaction) await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  };

  if (config.mode === 'nest') {
    const app = await nestFloor(physical, userOf, config.port);
    const stopNest = () => app.close().then(() => pool.end().then(() => process.exit(0)));
    process.on('SIGTERM', stopNest);
    process.on('SIGINT', stopNest);
    return;
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const user = userOf(req.headers.authorization);
      const { key, ids } = routeKey(req.method ?? 'GET', req.url ?? '/', user);
      const work = config.mode === 'same' ? same(key, ids) : physical(req.method ?? 'GET', req.url ?? '/', user, ids);
      work.then(
        (body) => {
          const json = JSON.stringify(body ?? null);
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
          res.end(json);
        },
        (error: Error & { status?: number }) => {
          const json = JSON.stringify({ error: error.message });
          res.writeHead(error.status ?? 500, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
          res.end(json);
        },
      );
    });
  });
  server.listen(config.port, '127.0.0.1', () => process.stdout.write('ready\n'));
  const stop = () => server.close(() => pool.end().then(() => process.exit(0)));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

/** One catch-all route handing the request to the physical floor's statements; its errors as their status. */
async function nestFloor(physical: ReturnType<typeof physicalHandlers>, userOf: ReturnType<typeof userResolver>, port: number): Promise<NestFastifyApplication> {
  @Controller()
  class FloorController {
    @All('*')
    async answer(@Req() req: FastifyRequest): Promise<unknown> {
      const user = userOf(req.headers.authorization);
      const { ids } = routeKey(req.method, req.url, user);
      try {
        return (await physical(req.method, req.url, user, ids)) ?? null;
      } catch (error) {
        throw new HttpException({ error: (error as Error).message }, (error as { status?: number }).status ?? 500);
      }
    }
  }
  @Module({ controllers: [FloorController] })
  class FloorModule {}
  const app = await NestFactory.create<NestFastifyApplication>(FloorModule as unknown as DynamicModule, new FastifyAdapter(), { logger: false });
  await app.listen(port, '127.0.0.1');
  process.stdout.write('ready\n');
  return app;
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`floor failed: ${String(error)}\n`);
    process.exit(1);
  });
}
