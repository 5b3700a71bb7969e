/**
 * The import benchmark (issue 18: "a 100,000-row children file imports in ≤ 30 s"): a children file of
 * `rows` realistic rows (Kazakh and Russian names from names.ts, valid unique IINs, one guardian, the
 * services consent, confirm_new) uploaded as CSV through POST /imports/children and polled through
 * GET /imports/:id until the job has applied every row. The time runs from the start of the upload to
 * the import's `done`, so it includes the upload, the queueing and the job.
 *
 * As a library: `measureChildrenImport(baseUrl, token, rows)` (the token of a user who registers
 * children, e.g. a school coordinator). On its own, after `tsc -p tsconfig.bench.json`:
 *   node dist/test/bench/import-bench.js --url http://127.0.0.1:3000 --admin-password … --rows 10000
 * signs in as the admin, creates a school and its coordinator through the API, and prints the result.
 */
import { randomBytes } from 'node:crypto';
import { call } from './api';
import { KAZAKH, type NameSet, RUSSIAN, surname } from './names';

export interface ImportMeasurement {
  rows: number;
  bytes: number;
  /** Upload start → the import's status `done`. */
  seconds: number;
  rowsPerSecond: number;
  /** Upload start → the 202 (the file streamed, parsed and stored). */
  uploadSeconds: number;
  created: number;
  failed: number;
}

/** Regions' KATO codes, for the children's addresses. */
const KATOS = ['710000000', '750000000', '790000000', '310000000', '550000000', '630000000', '150000000', '470000000'];

/** A deterministic generator per run (the salt makes each run's IINs new, so no file repeats an earlier one). */
function generator(salt: number): () => number {
  let state = salt | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let x = Math.imul(state ^ (state >>> 15), 1 | state);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** A valid IIN: YYMMDD, century and sex, a serial, the check digit (DESIGN §1); null when the check digit would be 10 twice. */
function iin(birth: string, sex: 'male' | 'female', serial: number): string | null {
  const year = Number(birth.slice(0, 4));
  const century = year >= 2000 ? (sex === 'male' ? 5 : 6) : (sex === 'male' ? 3 : 4);
  const digits = `${birth.slice(2, 4)}${birth.slice(5, 7)}${birth.slice(8, 10)}${century}${String(serial).padStart(4, '0')}`.split('').map(Number);
  let check = digits.reduce((s, d, i) => s + d * (i + 1), 0) % 11;
  if (check === 10) check = digits.reduce((s, d, i) => s + d * (((i + 2) % 11) + 1), 0) % 11;
  return check === 10 ? null : digits.join('') + check;
}

/** The CSV of `rows` children, as a department's export would have them. */
export function childrenFile(rows: number, salt = randomBytes(4).readUInt32LE(0)): Buffer {
  const random = generator(salt);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const day = (from: number, to: number) => {
    const at = Date.UTC(from, 0, 1) + Math.floor(random() * (Date.UTC(to, 11, 31) - Date.UTC(from, 0, 1)) / 86_400_000) * 86_400_000;
    return new Date(at).toISOString().slice(0, 10);
  };
  // A serial range of this run's own above the dataset's low serials: 400 serials × 2 sexes × ~5,500 days
  // hold millions of children, and 20 runs go by before two runs' ranges meet.
  const base = 1000 + (salt % 20) * 400;
  const used = new Set<string>();
  const lines = ['iin,last_name,first_name,patronymic,birth_date,sex,kato,guardian_iin,guardian_name,guardian_relation,guardian_phone,consent_services,confirm_new'];
  const person = (fromYear: number, toYear: number, sex: 'male' | 'female'): string => {
    for (;;) {
      const value = iin(day(fromYear, toYear), sex, base + Math.floor(random() * 400));
      if (value && !used.has(value)) {
        used.add(value);
        return value;
      }
    }
  };
  for (let i = 0; i < rows; i++) {
    const names: NameSet = random() < 0.7 ? KAZAKH : RUSSIAN;
    const sex = random() < 0.52 ? 'male' : 'female';
    const stem = pick(names.surnames);
    const father = pick(names.male);
    const child = person(2008, 2022, sex);
    const birth = `20${child.slice(0, 2)}-${child.slice(2, 4)}-${child.slice(4, 6)}`;
    const mother = person(1975, 1998, 'female');
    lines.push([
      child, surname(names, stem, sex), pick(sex === 'male' ? names.male : names.female), names.patronymic(father, sex), birth, sex, pick(KATOS),
      mother, `${surname(names, stem, 'female')} ${pick(names.female)}`, 'mother', `+7701${String(Math.floor(random() * 1e7)).padStart(7, '0')}`, 'да', 'да',
    ].join(','));
  }
  return Buffer.from(lines.join('\n'));
}

/**
 * Uploads a children file of `rows` rows as the holder of `token` and waits for the import to be applied.
 * `token` may be a function giving a fresh one (access tokens last 15 minutes; a slow import outlives one).
 */
export async function measureChildrenImport(
  baseUrl: string, token: string | (() => Promise<string>), rows: number, options: { pollMs?: number; timeoutMs?: number } = {},
): Promise<ImportMeasurement> {
  const bearer = typeof token === 'string' ? async () => token : token;
  const file = childrenFile(rows);
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(file)]), `bench-children-${rows}.csv`);
  const started = performance.now();
  const res = await fetch(`${baseUrl}/api/v1/imports/children`, { method: 'POST', headers: { authorization: `Bearer ${await bearer()}` }, body: form });
  const uploaded = performance.now();
  const body = await res.json() as { id: string };
  if (res.status !== 202) throw new Error(`upload → ${res.status} ${JSON.stringify(body).slice(0, 500)}`);
  const deadline = started + (options.timeoutMs ?? 30 * 60_000);
  for (;;) {
    const { body: view } = await call<{ status: string; rowsDone: number; created: number; failed: number }>(baseUrl, `/imports/${body.id}?limit=1`, { token: await bearer() });
    if (view.status === 'done') {
      const seconds = (performance.now() - started) / 1000;
      return {
        rows, bytes: file.length, seconds: round(seconds), rowsPerSecond: round(rows / seconds), uploadSeconds: round((uploaded - started) / 1000),
        created: view.created, failed: view.failed,
      };
    }
    if (performance.now() > deadline) throw new Error(`import ${body.id} not done after ${(options.timeoutMs ?? 30 * 60_000) / 1000} s (${view.rowsDone} of ${rows} rows)`);
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 250));
  }
}

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * A school of its own and its coordinator, made through the API as the admin, then one measurement: the
 * rows land in a school no other measurement reads. Used by run.ts and on its own.
 */
export async function importAsNewSchool(url: string, adminPassword: string, rows: number): Promise<ImportMeasurement> {
  const admin = (await call<{ accessToken: string }>(url, '/auth/login', { method: 'POST', body: { username: 'admin', password: adminPassword } })).body.accessToken;
  const tag = randomBytes(3).toString('hex');
  const school = (await call<{ id: string }>(url, '/organizations', {
    method: 'POST', token: admin, body: { type: 'school', nameKk: `Бенчмарк мектебі ${tag}`, nameRu: `Школа бенчмарка ${tag}`, kato: '710000000', externalId: `BENCH-IMPORT-${tag}` },
  })).body;
  const password = randomBytes(12).toString('base64url');
  await call(url, '/users', { method: 'POST', token: admin, body: { username: `bench.import.${tag}`, password, fullName: 'Бенчмарк Импорт', orgId: school.id, roles: ['school_coordinator'], locale: 'kk' } });
  let signedIn = { token: '', at: 0 };
  const token = async () => {
    if (Date.now() - signedIn.at > 10 * 60_000) {
      signedIn = { token: (await call<{ accessToken: string }>(url, '/auth/login', { method: 'POST', body: { username: `bench.import.${tag}`, password } })).body.accessToken, at: Date.now() };
    }
    return signedIn.token;
  };
  return measureChildrenImport(url, token, rows);
}

/** On its own: `node dist/test/bench/import-bench.js --url … --admin-password … --rows 10000`. */
async function main(): Promise<void> {
  const args = new Map<string, string>();
  for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i].replace(/^--/, ''), process.argv[i + 1] ?? '');
  const url = (args.get('url') ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`).replace(/\/$/, '');
  const adminPassword = args.get('admin-password') ?? process.env.QOLDAU_ADMIN_PASSWORD ?? '';
  process.stdout.write(`${JSON.stringify(await importAsNewSchool(url, adminPassword, Number(args.get('rows') ?? 10_000)))}\n`);
}

if (require.main === module) {
  main().catch((error: Error) => {
    process.stderr.write(`import-bench: ${error.message}\n`);
    process.exit(1);
  });
}
