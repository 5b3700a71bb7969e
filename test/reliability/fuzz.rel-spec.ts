import fc from 'fast-check';
import { Client } from 'pg';
import { newChild } from '../support/children';
import { asAdmin, ZHAMBYL } from '../support/factories';
import { proposePlacement } from '../support/placements';
import { consentingChild, draftReferral, serviceProvider, worker } from '../support/referrals';
import type { TestApp } from '../support/test-app';
import { createTestDatabase } from '../support/test-database';
import { startApi, stopAll, type ApiProcess } from './support/api-process';
import { bodyFor, ifMatchValue, type Kind, pathValue } from './support/fuzz';
import { type Answer, answerOf, declaredOversize, problemFault } from './support/hostile';
import { record } from './support/run';

/**
 * Fuzzing (issue 20): fast-check over every POST, PATCH and PUT operation of the OpenAPI document the
 * app serves, as signed-in users with broad rights (the national admin, a PMPC specialist, a school
 * coordinator). Whatever is sent — deep nesting, NUL, invalid UTF-8, huge numbers, nulls, prototype
 * keys, SQL and HTML, bad IINs, dates, ids and If-Match — the answer is never a 5xx, every error is a
 * problem+json with a code and no internals, and a batch of requests that were all refused leaves
 * every table (but the audit trail, which records refusals) exactly as it was.
 *
 * FUZZ_CASES (default 10 000) sets the number of requests; FC_SEED replays a run (the seed is printed).
 */
jest.setTimeout(600_000);

const CASES = Number(process.env.FUZZ_CASES ?? 10_000);
const BATCH = 20;
const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : Date.now() ^ (Math.random() * 0x7fffffff);
/** Tables a refused request may write to: the audit trail records every refusal. */
const AUDIT_TABLES = new Set(['audit_events', 'audit_checkpoints', 'migrations']);

interface Operation {
  method: 'post' | 'patch' | 'put';
  path: string;
  properties: string[];
  isPublic: boolean;
}

interface Schema {
  $ref?: string;
  properties?: Record<string, unknown>;
  allOf?: Schema[];
}

describe('reliability: fuzzing every POST/PATCH/PUT operation of the OpenAPI document', () => {
  let api: ApiProcess;
  let t: TestApp;
  let db: Client;
  let operations: Operation[];
  let actors: { name: string; headers: () => Promise<Record<string, string>> }[];
  let realIds: string[];
  let tables: string[];

  beforeAll(async () => {
    // The built api in its own process (its own event loop, as in production; the fuzzer gets the other core).
    const databaseUrl = await createTestDatabase();
    api = await startApi(databaseUrl);
    t = api.app;
    db = new Client({ connectionString: databaseUrl });
    await db.connect();
    const doc = (await t.http.get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: Schema }> }; security?: unknown[] }>>;
      components: { schemas: Record<string, Schema> };
    };
    const resolve = (schema: Schema | undefined): string[] => {
      if (!schema) return [];
      if (schema.$ref) return resolve(doc.components.schemas[schema.$ref.split('/').pop()!]);
      return [...Object.keys(schema.properties ?? {}), ...(schema.allOf ?? []).flatMap(resolve)];
    };
    operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      (['post', 'patch', 'put'] as const)
        .filter((method) => item[method])
        // Signing out ends the fuzzer's own session: it has no body to fuzz, and its refusals are tested in auth.rel-spec.ts.
        .filter((method) => !(method === 'post' && path === '/api/v1/auth/logout'))
        .map((method) => ({
          method,
          path,
          properties: Object.values(item[method]!.requestBody?.content ?? {}).flatMap((c) => resolve(c.schema)),
          isPublic: Array.isArray(item[method]!.security) && item[method]!.security!.length === 0,
        })),
    );
    expect(operations.length).toBeGreaterThan(40);

    const admin = await asAdmin(t);
    const pmpc = await worker(t, 'pmpc', ['pmpc_specialist']);
    const room = await serviceProvider(t, 'correction_room', ['correction_specialist'], { capacity: 5, stateOrderPlaces: 5, kato: ZHAMBYL });
    const school = await worker(t, 'school', ['school_coordinator']);
    const child = await consentingChild(t, pmpc);
    const referral = await draftReferral(t, pmpc, child.id, room.orgId);
    const pupil = await newChild(t, school);
    const placement = await proposePlacement(t, school, pupil.id);
    // Not the fuzzing users' own ids: a deactivation or password reset of the fuzzer itself would end the run early.
    realIds = [child.id, referral.id, pupil.id, placement.id, child.guardians[0].id, room.orgId];
    actors = [
      { name: 'national admin', headers: async () => ({ Authorization: `Bearer ${admin.token}` }) },
      { name: 'PMPC specialist', headers: () => pmpc.auth() },
      { name: 'school coordinator', headers: () => school.auth() },
    ];
    tables = (
      await db.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`)
    ).rows.map((r: { table_name: string }) => r.table_name).filter((name: string) => !AUDIT_TABLES.has(name));
  });
  afterAll(async () => {
    await db?.end();
    await stopAll();
  });

  const rowCounts = async (): Promise<Record<string, number>> => {
    const { rows: [row] } = await db.query(`SELECT ${tables.map((name) => `(SELECT count(*) FROM "${name}")::int AS "${name}"`).join(', ')}`);
    return row;
  };
  const changed = (before: Record<string, number>, after: Record<string, number>) =>
    Object.keys(before).filter((name) => before[name] !== after[name]).map((name) => `${name}: ${before[name]} → ${after[name]}`);

  /** fetch keeps connections alive, so the fuzzer measures the api rather than TCP set-up. */
  const send = async (op: Operation, path: string, body: Buffer, headers: Record<string, string>): Promise<Answer> =>
    answerOf(await fetch(`${api.url}${path}`, { method: op.method.toUpperCase(), headers: { ...headers, 'Content-Type': 'application/json' }, body: new Uint8Array(body) }));

  it('the known hostile inputs of issue 20 are refused with a 4xx problem and write nothing', async () => {
    const admin = { Authorization: `Bearer ${(await asAdmin(t)).token}` };
    const before = await rowCounts();
    const deep = (n: number) => `{"username":${'['.repeat(n)}${']'.repeat(n)},"password":"x"}`;
    /** Bytes exactly as written (supertest would JSON-encode a Buffer). */
    const raw = async (method: string, path: string, body?: string | Buffer, auth: Record<string, string> = admin) =>
      answerOf(await fetch(`${api.url}${path}`, { method, headers: { ...auth, 'Content-Type': 'application/json' }, body: body === undefined ? undefined : new Uint8Array(Buffer.from(body)) }));
    const org = (extra: string) => `{"type":"correction_room","kato":"${ZHAMBYL}","nameKk":"Fuzz kk","nameRu":"Fuzz ru"${extra}}`;
    const cases: [string, () => Promise<Answer>, number[], string?][] = [
      ['JSON nested 4,000 deep on /auth/login, no login', () => raw('POST', '/api/v1/auth/login', deep(4_000), {}), [400, 413]],
      ['JSON nested 100,000 deep on /organizations', () => raw('POST', '/api/v1/organizations', `{"nameKk":${'['.repeat(100_000)}${']'.repeat(100_000)}}`), [400, 413]],
      ['NUL in a string, no login', () => raw('POST', '/api/v1/auth/login', JSON.stringify({ username: 'a\u0000b', password: 'x' }), {}), [400], 'INVALID_TEXT'],
      ['invalid UTF-8 in a string', () => raw('POST', '/api/v1/organizations',
        Buffer.concat([Buffer.from(`{"type":"school","kato":"${ZHAMBYL}","nameKk":"a`), Buffer.from([0xc3, 0x28]), Buffer.from('b","nameRu":"b"}')])), [400], 'INVALID_TEXT'],
      ['capacity: 1e308', () => raw('POST', '/api/v1/organizations', org(',"capacity":1e308')), [400]],
      ['stateOrderPlaces: 9007199254740993', () => raw('POST', '/api/v1/organizations', org(',"capacity":5,"stateOrderPlaces":9007199254740993')), [400]],
      ['supportRooms: null', () => raw('POST', '/api/v1/organizations', org(',"supportRooms":null')), [400]],
      ['senConditions: null', () => raw('POST', '/api/v1/organizations', org(',"senConditions":null')), [400]],
      ['a 3,000-character path parameter', () => raw('GET', `/api/v1/children/${'a'.repeat(3_000)}`), [400, 404, 414]],
      ['a broken percent-escape in the path', () => raw('GET', '/api/v1/children/%E0%A4%A'), [400]],
      ['a body over the size limit', () => declaredOversize(`${api.url}/api/v1/organizations`, 2 * 1024 * 1024, admin), [413]],
    ];
    const seen: string[] = [];
    for (const [name, run, statuses, code] of cases) {
      const res = await run();
      seen.push(`${name} → ${res.status} ${res.body?.code}`);
      expect({ name, status: statuses.includes(res.status) ? 'as expected' : res.status, fault: problemFault(res) }).toEqual({ name, status: 'as expected', fault: null });
      if (code) expect({ name, code: res.body.code }).toEqual({ name, code });
    }
    expect(changed(before, await rowCounts())).toEqual([]);
    record('inputs', 'the hostile inputs listed in issue 20 (nesting, NUL, invalid UTF-8, 1e308, 2^53+1, null, long and broken paths, 2 MB)', cases.length, `all 4xx problem+json, 0 rows written`);
  });

  it(`${CASES} generated requests: no 5xx, every error a problem with a code, refused batches write nothing (seed printed)`, async () => {
    const permissionsBefore = (await t.http.get('/api/v1/me').set(await actors[1].headers()).expect(200)).body.permissions;
    process.stdout.write(`fuzz: FC_SEED=${SEED} FUZZ_CASES=${CASES} (replay with these)\n`);
    const kinds: Partial<Record<Kind, number>> = {};
    const statuses: Record<number, number> = {};
    let sent = 0;
    let refusedChecked = 0;
    let batchesWithSuccess = 0;
    let counts: Record<string, number> | undefined;
    /** Faults by kind (operation, status, code), each with its first example: a broken rule shows once, with its count. */
    const faults = new Map<string, { count: number; example: string }>();
    const fault = (kind: string, example: string) => {
      const seen = faults.get(kind);
      if (seen) seen.count++;
      else faults.set(kind, { count: 1, example });
    };
    const caseArb = fc.integer({ min: 0, max: 1_000_000 }).chain((pick) => {
      const op = operations[pick % operations.length];
      const params = op.path.match(/\{[^}]+\}/g) ?? [];
      return fc.record({
        op: fc.constant(op),
        actor: fc.nat(actors.length - 1),
        body: bodyFor(op.properties),
        params: fc.tuple(...params.map(() => fc.oneof({ weight: 3, arbitrary: pathValue }, { weight: 1, arbitrary: fc.constantFrom(...realIds).map((text) => ({ kind: null, text })) }))),
        ifMatch: ifMatchValue,
        idempotencyKey: fc.option(fc.constantFrom('', 'x'.repeat(300), 'key with spaces', 'a\tb', 'same-key'), { nil: undefined }),
      });
    });
    await fc.assert(
      fc.asyncProperty(fc.array(caseArb, { minLength: BATCH, maxLength: BATCH }), async (batch) => {
        const before = counts ?? (await rowCounts());
        const answers = await Promise.all(
          batch.map(async (c) => {
            let path = c.op.path;
            c.params.forEach((p) => (path = path.replace(/\{[^}]+\}/, p.text)));
            const headers: Record<string, string> = c.op.isPublic ? {} : await actors[c.actor].headers();
            if (c.ifMatch !== undefined) headers['If-Match'] = c.ifMatch;
            if (c.idempotencyKey !== undefined) headers['Idempotency-Key'] = c.idempotencyKey;
            try {
              return { c, path, res: await send(c.op, path, c.body.body, headers) };
            } catch (error) {
              throw new Error(`${c.op.method.toUpperCase()} ${path.slice(0, 200)}: no answer (${(error as Error).message})`, { cause: error });
            }
          }),
        );
        const after = await rowCounts();
        counts = after; // nothing else writes between batches: this batch's after is the next one's before
        sent += answers.length;
        for (const { c, path, res } of answers) {
          statuses[res.status] = (statuses[res.status] ?? 0) + 1;
          for (const kind of c.body.kinds) kinds[kind] = (kinds[kind] ?? 0) + 1;
          if (c.params.some((p) => p.kind)) kinds['bad-uuid'] = (kinds['bad-uuid'] ?? 0) + 1;
          if (c.ifMatch !== undefined && c.ifMatch !== '"1"') kinds['bad-if-match'] = (kinds['bad-if-match'] ?? 0) + 1;
          const why = res.status >= 500 ? `${res.status} ${res.text.slice(0, 300)}` : problemFault(res);
          if (why) {
            fault(`${c.op.method.toUpperCase()} ${c.op.path} → ${res.status} ${res.body?.code ?? res.headers['content-type']}`,
              `${c.op.method.toUpperCase()} ${path.slice(0, 120)} as ${actors[c.actor].name}, body ${JSON.stringify(c.body.body.toString('latin1').slice(0, 200))}: ${why}`);
          }
        }
        const succeeded = answers.some(({ res }) => res.status < 400);
        if (succeeded) batchesWithSuccess++;
        else {
          refusedChecked += answers.length;
          const diff = changed(before, after);
          if (diff.length) {
            fault(`refused requests wrote rows (${diff.map((d) => d.split(':')[0]).join(', ')})`,
              `${diff.join(', ')}; requests: ${answers.map((a) => `${a.c.op.method} ${a.path.slice(0, 80)} → ${a.res.status}`).join('; ')}`);
          }
        }
        // Every batch runs (a fault is collected, not fatal), so one run reports every kind of fault it meets.
        return true;
      }),
      { numRuns: Math.ceil(CASES / BATCH), seed: SEED, verbose: 0 },
    ).catch((error: Error) => {
      throw new Error(`fuzz stopped (replay: FC_SEED=${SEED} FUZZ_CASES=${CASES}): ${String((error as { cause?: unknown }).cause ?? error.message.slice(0, 500))}`, { cause: error });
    });
    const found = [...faults.entries()].map(([kind, { count, example }]) => `${count} × ${kind}\n    e.g. ${example}`);
    if (found.length) process.stdout.write(`fuzz (FC_SEED=${SEED}): ${found.length} kinds of fault\n${found.join('\n')}\n`);
    expect({ seed: SEED, faults: found }).toEqual({ seed: SEED, faults: [] });
    // Prototype keys and forged role lists changed nobody's rights: the specialist's permissions are as before
    // the run, and what only an admin may do is still refused.
    const specialist = await actors[1].headers();
    expect((await t.http.get('/api/v1/me').set(specialist).expect(200)).body.permissions).toEqual(permissionsBefore);
    expect((await t.http.post('/api/v1/organizations').set(specialist).send({ type: 'school', kato: ZHAMBYL, nameKk: 'Fuzz kk', nameRu: 'Fuzz ru' })).status).toBe(403);
    const tally = (o: Record<string | number, number | undefined>) => Object.entries(o).sort().map(([k, n]) => `${k}: ${n}`).join(', ');
    record('inputs', `generated requests over ${operations.length} POST/PATCH/PUT operations (FC_SEED=${SEED})`, sent, `statuses ${tally(statuses)}; 0 × 5xx`);
    for (const [kind, n] of Object.entries(kinds)) record('inputs', `… with ${kind}`, n!, '0 × 5xx, every error problem+json', true);
    record('inputs', 'refused requests whose batch was checked against every table’s row count', refusedChecked, `0 rows written (${batchesWithSuccess} batches held a 2xx and were not compared)`, true);
  });
});
