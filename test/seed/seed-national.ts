/**
 * `npm run seed:national -- [--url http://127.0.0.1:3000] [--admin-password …] [--scale 0.01 | --children N] [--out dir]`
 *
 * A synthetic but realistic national dataset (issue 18), written as import files and loaded through the
 * import API of a running instance, so GET /reports/summary reproduces the ministry's figures from the
 * system's own data (DESIGN §1, docs/reports.md):
 * - the 537 specialised organisations exactly (48 special kindergartens, 99 special schools, 126 PMPC,
 *   238 correction rooms, 12 autism centres, 14 rehabilitation centres) over the 20 regions by population;
 * - mainstream schools (1,250 at full scale, at least 125; a multiple of 125 so that 95.2 % of them is a
 *   whole number) with 95.2 % declaring SEN conditions and 1,095 support rooms between them;
 * - one social-protection office per region;
 * - 94,527 × scale children learning in inclusive classes: each registered by its school (children
 *   import, as a school coordinator the script creates) and placed there (placements import);
 * - 7,775 × scale children with an established disability: registered by their region's social-protection
 *   office with the disability status and the services consent, and referred by it to a correction room,
 *   autism or rehabilitation centre of the region under the state order (service-episodes import).
 * - children assessed by their region's PMPC (PMPC_SHARE of the inclusive figure, over and above it): each
 *   registered by the PMPC with the assessment and services consents (children import, as a PMPC head),
 *   given a signed conclusion on the day of its assessment (assessments import: SEN categories,
 *   programme, form of education, conditions, a review a year later — so the older ones are overdue),
 *   and most referred by the PMPC to a correction room of the region (service-episodes import);
 * - every service episode has its `referred_on`, the working days to its start drawn from a long-tailed
 *   distribution (median about 7, WAITING_DAYS), counted on the system's own calendar (GET
 *   /reference/holidays), so the summary's waiting-time medians and p90s are the ones generated.
 * Organisations are imported by the national admin; children, placements, conclusions and service
 * episodes by users of the organisations (admins do not register children) created through POST /users. Names are Kazakh
 * and Russian; IINs are valid and unique. Deterministic: the same scale gives the same files.
 *
 * Run with Node 24 (its TypeScript type stripping): no build needed. Prints the summary's total row as JSON.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';

const FIGURES = {
  organizations: { special_kindergarten: 48, special_school: 99, pmpc: 126, correction_room: 238, autism_centre: 12, rehab_centre: 14 },
  supportRooms: 1095,
  schoolsWithSenConditionsPercent: 95.2,
  childrenInInclusiveEducation: 94527,
  childrenWithDisabilityUnderStateOrder: 7775,
} as const;

/** The 20 regions (KATO) and their populations in thousands (2025), the weights of everything regional. */
const REGIONS: [string, string, number][] = [
  ['710000000', 'AST', 1500], ['750000000', 'ALA', 2300], ['790000000', 'SHY', 1250], ['100000000', 'ABA', 600],
  ['110000000', 'AKM', 790], ['150000000', 'AKT', 930], ['190000000', 'ALR', 1530], ['230000000', 'ATY', 700],
  ['270000000', 'ZKO', 690], ['310000000', 'ZHA', 1220], ['330000000', 'ZHE', 700], ['350000000', 'KAR', 1130],
  ['390000000', 'KOS', 830], ['430000000', 'KZO', 830], ['470000000', 'MAN', 770], ['550000000', 'PAV', 750],
  ['590000000', 'SKO', 530], ['610000000', 'TUR', 2140], ['620000000', 'ULY', 220], ['630000000', 'VKO', 730],
];

const TYPE_NAMES: Record<string, [string, string]> = {
  special_kindergarten: ['Арнайы балабақша', 'Специальный детский сад'],
  special_school: ['Арнайы мектеп', 'Специальная школа'],
  pmpc: ['ПМПК', 'ПМПК'],
  correction_room: ['Психологиялық-педагогикалық түзету кабинеті', 'Кабинет психолого-педагогической коррекции'],
  autism_centre: ['Аутизм орталығы', 'Центр аутизма'],
  rehab_centre: ['Оңалту орталығы', 'Реабилитационный центр'],
  school: ['Жалпы білім беретін мектеп', 'Общеобразовательная школа'],
  social_protection_office: ['Әлеуметтік қорғау бөлімі', 'Отдел социальной защиты'],
};
/** What each state-order provider delivers to the children with disabilities it serves. */
const SERVICE_OF: Record<string, string> = { correction_room: 'psychological_pedagogical_correction', autism_centre: 'autism_support', rehab_centre: 'rehabilitation' };

/** Children assessed by a PMPC, as a share of the inclusive figure (they come on top of it). */
const PMPC_SHARE = 0.25;
/** Working days from referral to the start of a service: log-normal, median ~7, a long tail (capped). */
const WAITING_DAYS = { median: 7, sigma: 0.75, max: 90 };
/** SEN categories of assessed children, with rough weights (speech and delayed development most often). */
const SEN_WEIGHTS: [string, number][] = [
  ['speech', 30], ['delayed_development', 22], ['intellectual_mild', 10], ['autism_spectrum', 8], ['emotional_behavioural', 6],
  ['learning_difficulties', 8], ['musculoskeletal', 5], ['hearing', 3], ['vision', 3], ['intellectual_moderate', 3], ['multiple', 2],
];
const CONDITIONS_OF: Record<string, string[]> = {
  speech: ['speech_therapist'], delayed_development: ['special_teacher', 'psychologist'], intellectual_mild: ['special_teacher', 'adapted_assessment'],
  intellectual_moderate: ['tutor', 'special_teacher'], autism_spectrum: ['tutor', 'psychologist'], emotional_behavioural: ['psychologist'],
  learning_difficulties: ['adapted_assessment'], musculoskeletal: ['accessible_environment', 'assistant'], hearing: ['sign_interpreter'],
  vision: ['braille'], multiple: ['assistant', 'tutor'],
};

const KK_SURNAMES = ['Ахметов', 'Серіков', 'Нұрланов', 'Жұмабаев', 'Қасымов', 'Төлеген', 'Сәрсенбаев', 'Омаров', 'Бекболатов', 'Әбенов', 'Құрманғали', 'Ержанов'];
const RU_SURNAMES = ['Иванов', 'Петров', 'Смирнов', 'Ким', 'Кузнецов', 'Попов', 'Васильев', 'Новиков', 'Морозов', 'Волков'];
const KK_MALE = ['Арман', 'Нұрлан', 'Ерлан', 'Дәурен', 'Қанат', 'Әлихан', 'Ернар', 'Темірлан', 'Санжар', 'Бауыржан'];
const KK_FEMALE = ['Әлия', 'Айгерім', 'Жансая', 'Ақбота', 'Дана', 'Аружан', 'Томирис', 'Мадина', 'Сезім', 'Іңкәр'];
const RU_MALE = ['Александр', 'Максим', 'Артём', 'Дмитрий', 'Иван', 'Михаил'];
const RU_FEMALE = ['Анна', 'Мария', 'София', 'Виктория', 'Дарья', 'Полина'];

// ── arguments ─────────────────────────────────────────────────────────────────────────────────────
const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i++) {
  const [key, inline] = process.argv[i].replace(/^--/, '').split('=');
  args.set(key, inline ?? process.argv[++i] ?? '');
}
const URL_BASE = (args.get('url') ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`).replace(/\/$/, '');
const ADMIN_PASSWORD = args.get('admin-password') ?? process.env.QOLDAU_ADMIN_PASSWORD ?? '';
const SCALE = args.has('children')
  ? Number(args.get('children')) / (FIGURES.childrenInInclusiveEducation + FIGURES.childrenWithDisabilityUnderStateOrder)
  : Number(args.get('scale') ?? 1);
const OUT = args.get('out') ?? join('.data', 'seed-national');
if (!ADMIN_PASSWORD) fail('give --admin-password or set QOLDAU_ADMIN_PASSWORD');
if (!(SCALE > 0)) fail('--scale and --children take a positive number');

function fail(message: string): never {
  process.stderr.write(`seed:national: ${message}\n`);
  process.exit(1);
}

// ── deterministic randomness and apportioning ─────────────────────────────────────────────────────
let state = 0x9e3779b9;
function random(): number {
  state = (state + 0x6d2b79f5) | 0;
  let x = Math.imul(state ^ (state >>> 15), 1 | state);
  x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
  return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
/** One of `options` with probability proportional to its weight. */
function weighted(options: [string, number][]): string {
  let draw = random() * options.reduce((sum, [, w]) => sum + w, 0);
  for (const [value, w] of options) if ((draw -= w) < 0) return value;
  return options[options.length - 1][0];
}

/** `total` split by `weights`, whole numbers adding up exactly (largest remainder). */
function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  const missing = total - parts.reduce((a, b) => a + b, 0);
  for (let k = 0; k < missing; k++) parts[order[k][1]] += 1;
  return parts;
}

// ── people ────────────────────────────────────────────────────────────────────────────────────────
const serials = new Map<string, number>();
/** A valid IIN (DESIGN §1), unique in the dataset: YYMMDD, century and sex, a serial, the check digit. */
function iin(birth: string, sex: 'male' | 'female'): string {
  for (;;) {
    const serial = (serials.get(birth) ?? 0) + 1;
    serials.set(birth, serial);
    const year = Number(birth.slice(0, 4));
    const century = year >= 2000 ? (sex === 'male' ? 5 : 6) : (sex === 'male' ? 3 : 4);
    const digits = `${birth.slice(2, 4)}${birth.slice(5, 7)}${birth.slice(8, 10)}${century}${String(serial).padStart(4, '0')}`.split('').map(Number);
    let check = digits.reduce((s, d, i) => s + d * (i + 1), 0) % 11;
    if (check === 10) check = digits.reduce((s, d, i) => s + d * (((i + 2) % 11) + 1), 0) % 11;
    if (check !== 10) return digits.join('') + check;
  }
}
const date = (year: number) => `${year}-${String(between(1, 12)).padStart(2, '0')}-${String(between(1, 28)).padStart(2, '0')}`;

interface Person { iin: string; lastName: string; firstName: string; birth: string; sex: 'male' | 'female' }
function person(fromYear: number, toYear: number): Person {
  const sex = random() < 0.5 ? 'male' : 'female';
  const kazakh = random() < 0.75;
  const surname = pick(kazakh ? KK_SURNAMES : RU_SURNAMES);
  const birth = date(between(fromYear, toYear));
  return {
    iin: iin(birth, sex), birth, sex,
    lastName: sex === 'female' ? (kazakh ? (surname.endsWith('ов') || surname.endsWith('ев') ? `${surname}а` : surname) : `${surname}а`) : surname,
    firstName: pick(sex === 'male' ? (kazakh ? KK_MALE : RU_MALE) : (kazakh ? KK_FEMALE : RU_FEMALE)),
  };
}
const CHILD_HEADER = 'iin,last_name,first_name,birth_date,sex,kato,guardian_iin,guardian_name,guardian_relation,consent_services,disability_status,disability_established_on,confirm_new,consent_assessment';
function childRow(child: Person, kato: string, disability: boolean, assessment = false): string {
  const mother = person(1978, 1996);
  const motherIin = iin(mother.birth, 'female');
  return [child.iin, child.lastName, child.firstName, child.birth, child.sex, kato, motherIin, `${child.lastName.replace(/(ов|ев)$/, '$1а')} ${pick(KK_FEMALE)}`, 'mother', 'да',
    disability ? 'established' : '', disability ? date(2023) : '', 'да', assessment ? 'да' : ''].join(',');
}

// ── days ──────────────────────────────────────────────────────────────────────────────────────────
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
/** The working-day calendar of the instance (weekends, its holidays and days off, weekend days worked by decree). */
const calendar = new Map<string, string>();
function isWorkingDay(day: string): boolean {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  const kind = calendar.get(day);
  return weekday === 0 || weekday === 6 ? kind === 'working_day' : kind !== 'holiday' && kind !== 'day_off';
}
/** The day `workingDays` working days after `day` (the summary counts the days after the referral day through the start). */
function afterWorkingDays(day: string, workingDays: number): string {
  let at = day;
  for (let counted = 0; counted < workingDays;) {
    at = addDays(at, 1);
    if (isWorkingDay(at)) counted += 1;
  }
  return at;
}
/** The referral day `workingDays` working days before the start `day`. */
function beforeWorkingDays(day: string, workingDays: number): string {
  let at = day;
  for (let counted = 0; counted < workingDays; at = addDays(at, -1)) if (isWorkingDay(at)) counted += 1;
  return at;
}
/** Working days waited: log-normal around WAITING_DAYS.median (Box–Muller on the seeded generator). */
function waitingDays(): number {
  const z = Math.sqrt(-2 * Math.log(random() || 1e-9)) * Math.cos(2 * Math.PI * random());
  return Math.min(WAITING_DAYS.max, Math.round(Math.exp(Math.log(WAITING_DAYS.median) + WAITING_DAYS.sigma * z)));
}
/** PostgreSQL's percentile_cont: linear between the two nearest ranks. */
function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const at = p * (sorted.length - 1);
  const low = Math.floor(at);
  return sorted[low] + (sorted[Math.ceil(at)] - sorted[low]) * (at - low);
}

const EPISODE_HEADER = 'child_iin,org_external_id,service_type,funding,started_on,ended_on,sessions,referred_on';

// ── the HTTP side ─────────────────────────────────────────────────────────────────────────────────
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the JSON of several routes, read field by field
async function call(method: string, path: string, token: string | null, body?: unknown): Promise<any> {
  const res = await fetch(`${URL_BASE}/api/v1${path}`, {
    method, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : null;
}

/** A signed-in user; signs in again before the 15-minute access token runs out. */
function session(username: string, password: string) {
  let token: { value: string; at: number } | null = null;
  return async () => {
    if (!token || Date.now() - token.at > 10 * 60_000) token = { value: (await call('POST', '/auth/login', null, { username, password })).accessToken, at: Date.now() };
    return token.value;
  };
}
type Session = ReturnType<typeof session>;

async function upload(as: Session, kind: string, name: string, bytes: Buffer): Promise<string> {
  writeFileSync(join(OUT, name), bytes);
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)]), name);
  const res = await fetch(`${URL_BASE}/api/v1/imports/${kind}`, { method: 'POST', headers: { authorization: `Bearer ${await as()}` }, body: form });
  const body = await res.json() as { id: string };
  if (res.status !== 202 && res.status !== 200) throw new Error(`upload ${name} → ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
  return body.id;
}

/** Waits for imports to be applied; each row's outcome by row number. Fails on a row in error. */
async function finished(as: Session, ids: string[]): Promise<Map<string, Map<number, string>>> {
  const results = new Map<string, Map<number, string>>();
  for (const id of ids) {
    for (;;) {
      const view = await call('GET', `/imports/${id}?limit=1`, await as());
      if (view.status === 'done') break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const rows = new Map<number, string>();
    for (let offset = 0; ; offset += 500) {
      const page = await call('GET', `/imports/${id}?limit=500&offset=${offset}`, await as());
      for (const row of page.rows) {
        if (row.outcome === 'error') throw new Error(`import ${id} row ${row.rowNumber}: ${JSON.stringify(row.errors)}`);
        rows.set(row.rowNumber, row.entityId);
      }
      if (page.rows.length < 500) break;
    }
    results.set(id, rows);
  }
  return results;
}

// ── the dataset ───────────────────────────────────────────────────────────────────────────────────
interface Org { externalId: string; type: string; kato: string; code: string; row: string[] }

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const weights = REGIONS.map((r) => r[2]);
  const orgs: Org[] = [];
  const add = (type: string, regionIndex: number, n: number, extra: Partial<Record<'capacity' | 'stateOrder' | 'rooms' | 'conditions', string>> = {}) => {
    const [kato, code] = REGIONS[regionIndex];
    const externalId = `SEED-${type.toUpperCase()}-${code}-${String(n).padStart(4, '0')}`;
    const [kk, ru] = TYPE_NAMES[type];
    orgs.push({
      externalId, type, kato, code,
      row: [externalId, type, `${kk} №${n} (${code})`, `${ru} №${n} (${code})`, kato, extra.capacity ?? '', extra.stateOrder ?? '', extra.rooms ?? '',
        extra.conditions ?? '', extra.conditions === 'да' ? '2025-09-01' : ''],
    });
  };

  // Children first, per region: the providers' state-order places are sized from them.
  const inclusive = apportion(Math.round(FIGURES.childrenInInclusiveEducation * SCALE), weights);
  const disabled = apportion(Math.round(FIGURES.childrenWithDisabilityUnderStateOrder * SCALE), weights);

  for (const [type, total] of Object.entries(FIGURES.organizations)) {
    apportion(total, weights).forEach((n, r) => {
      const providers = ['correction_room', 'autism_centre', 'rehab_centre'];
      const perProvider = Math.ceil(disabled[r] / Math.max(1, countIn(r, providers))) + 5;
      for (let i = 1; i <= n; i++) {
        add(type, r, i, providers.includes(type) ? { capacity: String(perProvider * 2), stateOrder: String(perProvider) } : { capacity: String(between(40, 300)) });
      }
    });
  }
  // Mainstream schools: a multiple of 125, so 95.2 % of them is whole; the 1,095 support rooms among them.
  const schools = Math.max(125, Math.round((1250 * Math.min(SCALE, 1)) / 125) * 125);
  const withConditions = Math.round((schools * FIGURES.schoolsWithSenConditionsPercent) / 100);
  const rooms = apportion(FIGURES.supportRooms, Array(schools).fill(1));
  let s = 0;
  apportion(schools, weights).forEach((n, r) => {
    for (let i = 1; i <= n; i++, s++) add('school', r, i, { capacity: String(between(300, 2000)), rooms: String(rooms[s]), conditions: s < withConditions ? 'да' : 'жоқ' });
  });
  REGIONS.forEach((_, r) => add('social_protection_office', r, 1));

  function countIn(r: number, types: string[]): number {
    return types.reduce((sum, t) => sum + apportion(FIGURES.organizations[t as keyof typeof FIGURES.organizations], weights)[r], 0);
  }

  // 1. Organisations, as XLSX, by the national admin (and the instance's calendar, for the waiting times).
  const admin = session('admin', ADMIN_PASSWORD);
  const today = new Date(Date.now() + 5 * 3600_000).toISOString().slice(0, 10);
  const thisYear = Number(today.slice(0, 4));
  for (let year = thisYear - 2; year <= thisYear; year++) {
    for (const day of await call('GET', `/reference/holidays?year=${year}`, await admin()) as { date: string; kind: string }[]) calendar.set(day.date, day.kind);
  }
  /** The working days waited per service type, as generated: what the summary must show. */
  const waited = new Map<string, number[]>();
  const wait = (serviceType: string, days: number) => waited.set(serviceType, [...(waited.get(serviceType) ?? []), days]);
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Ұйымдар');
  sheet.addRow(['external_id', 'type', 'name_kk', 'name_ru', 'kato', 'capacity', 'state_order_places', 'support_rooms', 'sen_conditions', 'sen_conditions_since']);
  for (const org of orgs) sheet.addRow(org.row);
  const orgImport = await upload(admin, 'organizations', 'organizations.xlsx', Buffer.from(await book.xlsx.writeBuffer()));
  const orgRows = (await finished(admin, [orgImport])).get(orgImport)!;
  const idOf = new Map(orgs.map((o, i) => [o.externalId, orgRows.get(i + 2)!]));
  log(`organisations: ${orgs.length}`);

  // 2. Users of the organisations that import children.
  const member = async (org: Org, role: string): Promise<Session> => {
    const username = `seed.${org.externalId.toLowerCase().replace(/[^a-z0-9]+/g, '.')}`;
    const password = randomBytes(12).toString('base64url');
    await call('POST', '/users', await admin(), { username, password, fullName: 'Сейітқызы Айгерім', orgId: idOf.get(org.externalId), roles: [role], locale: 'kk' });
    return session(username, password);
  };

  // 3. Inclusive children: each region's children among a few of its schools (at most ~300 a school's file).
  const schoolJobs: { as: Session; org: Org; children: Person[] }[] = [];
  for (const [r, n] of inclusive.entries()) {
    if (n === 0) continue;
    const regionSchools = orgs.filter((o) => o.type === 'school' && o.kato === REGIONS[r][0]);
    const used = regionSchools.slice(0, Math.min(regionSchools.length, Math.ceil(n / 300)));
    const split = apportion(n, used.map(() => 1));
    for (const [k, org] of used.entries()) schoolJobs.push({ as: await member(org, 'school_coordinator'), org, children: Array.from({ length: split[k] }, () => person(2010, 2019)) });
  }
  const officeJobs: { as: Session; org: Org; children: Person[] }[] = [];
  for (const [r, n] of disabled.entries()) {
    if (n === 0) continue;
    const org = orgs.find((o) => o.type === 'social_protection_office' && o.kato === REGIONS[r][0])!;
    officeJobs.push({ as: await member(org, 'social_worker'), org, children: Array.from({ length: n }, () => person(2012, 2022)) });
  }
  const childImports = [
    ...schoolJobs.map(async (job) => ({ job, id: await upload(job.as, 'children', `children-${job.org.externalId}.csv`,
      Buffer.from([CHILD_HEADER, ...job.children.map((c) => childRow(c, job.org.kato, false))].join('\n'))) })),
    ...officeJobs.map(async (job) => ({ job, id: await upload(job.as, 'children', `children-${job.org.externalId}.csv`,
      Buffer.from([CHILD_HEADER, ...job.children.map((c) => childRow(c, job.org.kato, true))].join('\n'))) })),
  ];
  for (const { job, id } of await Promise.all(childImports)) await finished(job.as, [id]);
  log(`children: ${[...schoolJobs, ...officeJobs].reduce((n, j) => n + j.children.length, 0)}`);

  // 4. Placements in inclusive classes, from the start of the school year; services under the state order.
  const placements = schoolJobs.map(async (job) => ({ job, id: await upload(job.as, 'placements', `placements-${job.org.externalId}.csv`, Buffer.from([
    'child_iin,org_external_id,form,class_label,started_on,uses_support_room',
    ...job.children.map((c) => `${c.iin},${job.org.externalId},inclusive_class,${Math.max(1, Math.min(11, 2025 - Number(c.birth.slice(0, 4)) - 6))} «${pick(['А', 'Ә', 'Б', 'В'])}»,2025-09-01,${random() < 0.4 ? 'да' : 'жоқ'}`),
  ].join('\n'))) }));
  // Started within the last year (the summary's window), referred the drawn number of working days before.
  const episodes = officeJobs.map(async (job) => {
    const providers = orgs.filter((o) => SERVICE_OF[o.type] && o.kato === job.org.kato);
    const rows = job.children.map((c, i) => {
      const provider = providers[i % providers.length];
      const started = addDays(today, -between(20, 330));
      const days = waitingDays();
      wait(SERVICE_OF[provider.type], days);
      return `${c.iin},${provider.externalId},${SERVICE_OF[provider.type]},state_order,${started},,${between(4, 60)},${beforeWorkingDays(started, days)}`;
    });
    return { job, id: await upload(job.as, 'service-episodes', `service-episodes-${job.org.externalId}.csv`,
      Buffer.from([EPISODE_HEADER, ...rows].join('\n'))) };
  });
  for (const { job, id } of await Promise.all([...placements, ...episodes])) await finished(job.as, [id]);
  log('placements and service episodes applied');

  // 5. Children assessed by their region's PMPC: registered, concluded on the day of the assessment, and
  //    most of them referred on to a correction room of the region.
  const assessedJobs: { as: Session; org: Org; children: Person[] }[] = [];
  for (const [r, n] of apportion(Math.round(FIGURES.childrenInInclusiveEducation * SCALE * PMPC_SHARE), weights).entries()) {
    if (n === 0) continue;
    const org = orgs.find((o) => o.type === 'pmpc' && o.kato === REGIONS[r][0])!;
    assessedJobs.push({ as: await member(org, 'pmpc_head'), org, children: Array.from({ length: n }, () => person(2014, 2022)) });
  }
  const registered = assessedJobs.map(async (job) => ({ job, id: await upload(job.as, 'children', `children-${job.org.externalId}.csv`,
    Buffer.from([CHILD_HEADER, ...job.children.map((c) => childRow(c, job.org.kato, false, true))].join('\n'))) }));
  for (const { job, id } of await Promise.all(registered)) await finished(job.as, [id]);
  const yearStart = `${thisYear}-01-01`;
  const assessedThisYear = { n: 0 };
  const overdue = { n: 0 };
  const conclusions = assessedJobs.map(async (job) => {
    const referrals: string[] = [];
    const rows = job.children.map((c) => {
      // One in seven was assessed over a year ago and is overdue for its yearly review.
      const old = random() < 1 / 7;
      const assessed = addDays(today, old ? -between(400, 700) : -between(10, 330));
      const review = `${Number(assessed.slice(0, 4)) + 1}${assessed.slice(4).replace('-02-29', '-02-28')}`;
      if (assessed >= yearStart) assessedThisYear.n += 1;
      if (review < today) overdue.n += 1;
      const first = weighted(SEN_WEIGHTS);
      const second = random() < 0.15 ? weighted(SEN_WEIGHTS.filter(([code]) => code.split('_')[0] !== first.split('_')[0])) : null;
      const categories = second ? [first, second] : [first];
      const conditions = [...new Set(categories.flatMap((code) => CONDITIONS_OF[code]))].slice(0, 3);
      const preschool = Number(c.birth.slice(0, 4)) >= 2020;
      const form = preschool ? pick(['inclusive_group', 'inclusive_group', 'special_group']) : pick(['inclusive_class', 'inclusive_class', 'inclusive_class', 'special_class', 'home_schooling']);
      const programme = first.startsWith('intellectual') ? 'special' : pick(['adapted', 'adapted', 'adapted', 'individual']);
      // Seven in ten recently assessed children are referred to a correction room within a few days; those not started by today still wait.
      if (!old && random() < 0.7) {
        const provider = pick(orgs.filter((o) => o.type === 'correction_room' && o.kato === job.org.kato));
        const referred = addDays(assessed, between(0, 3));
        const days = waitingDays();
        const started = afterWorkingDays(referred, days);
        const service = categories.includes('speech') ? 'speech_therapy' : 'psychological_pedagogical_correction';
        if (referred <= today && started <= today) {
          wait(service, days);
          referrals.push(`${c.iin},${provider.externalId},${service},other,${started},,${between(1, 30)},${referred}`);
        }
      }
      return [c.iin, assessed, categories.join(';'), programme, form, conditions.join(';'), review].join(',');
    });
    const concluded = await upload(job.as, 'assessments', `assessments-${job.org.externalId}.csv`,
      Buffer.from(['child_iin,assessed_on,sen_categories,programme,education_form,special_conditions,review_on', ...rows].join('\n')));
    await finished(job.as, [concluded]);
    return { job, id: await upload(job.as, 'service-episodes', `service-episodes-${job.org.externalId}.csv`, Buffer.from([EPISODE_HEADER, ...referrals].join('\n'))) };
  });
  for (const { job, id } of await Promise.all(conclusions)) await finished(job.as, [id]);
  log(`assessed by PMPC: ${assessedJobs.reduce((n, j) => n + j.children.length, 0)}`);

  const summary = await call('GET', '/reports/summary', await admin());
  process.stdout.write(`${JSON.stringify({ files: OUT, expected: expected(), total: summary.rows.find((r: { total: boolean }) => r.total) }, null, 2)}\n`);

  function expected() {
    return {
      organizations: FIGURES.organizations, supportRooms: FIGURES.supportRooms, schoolsWithSenConditionsPercent: FIGURES.schoolsWithSenConditionsPercent,
      childrenInInclusiveEducation: inclusive.reduce((a, b) => a + b, 0), childrenWithDisabilityUnderStateOrder: disabled.reduce((a, b) => a + b, 0),
      childrenAssessedThisYear: assessedThisYear.n, conclusionsOverdueForReview: overdue.n,
      waitingTimes: Object.fromEntries([...waited].map(([serviceType, days]) => [serviceType, {
        started: days.length, medianWorkingDays: percentile(days, 0.5), p90WorkingDays: percentile(days, 0.9),
      }])),
    };
  }
}

function log(message: string): void {
  process.stderr.write(`seed:national: ${message}\n`);
}

main().catch((error: Error) => fail(error.message));
