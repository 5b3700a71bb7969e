import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { sealHash, type SealableRow } from '../../libs/audit/canonical';
import { iinCheckDigit } from '../../libs/core/iin/iin';
import { searchKey } from '../../libs/core/text/search-key';
import { KAZAKH, RUSSIAN, surname, type NameSet } from './names';

/**
 * The synthetic national dataset, written with COPY. Everything is a pure function of the child's
 * number and the load instant, so each table's COPY stream re-derives what it needs without holding
 * a million children in memory, and a re-run of the same scale produces the same rows.
 *
 * Per child, on average (the proportions at 1 M children): 1.5 guardians, ~2.8 consents,
 * ~3.4 involvements, one signed PMPC conclusion, 0.62 referrals with 2–4 events each, a service
 * episode per started referral (the schema allows one per referral, so 2 M episodes for 622 k referrals
 * cannot exist; see docs/performance.md), 0.6 school placements, one diagnosis, 5 sealed audit rows.
 */

export const DAY = 86_400_000;

/** Organisations: ~600 over the 17+3 regions, whatever the scale (a region has the same structure). */
const ORG_MIX: [type: string, count: number][] = [
  ['pmpc', 20],
  ['school', 300],
  ['kindergarten', 120],
  ['correction_room', 60],
  ['autism_centre', 20],
  ['rehab_centre', 20],
  ['special_school', 20],
  ['special_kindergarten', 10],
  ['polyclinic', 20],
  ['social_protection_office', 10],
];

export interface Org {
  id: string;
  type: string;
  region: number;
  kato: string | null;
}

export interface Users {
  pmpcSpecialist: string;
  pmpcHead: string;
  schoolCoordinator: string;
  correctionSpecialist: string;
}

/** Deterministic uuids: a table tag and a number (valid v4 shape, so every validator accepts them). */
export function uuid(tag: string, n: number): string {
  return `${tag.padStart(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

/** mulberry32: small, fast and good enough to spread synthetic data. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rnd: () => number, list: readonly T[]): T => list[Math.floor(rnd() * list.length)];

export class NationalDataset {
  readonly orgs: Org[];
  private readonly pmpcs: Org[];
  private readonly byTypeRegion = new Map<string, Org[]>();

  constructor(
    readonly children: number,
    readonly now: number,
    readonly regions: string[],
    readonly ministryId: string,
    readonly users: Users,
  ) {
    this.orgs = [];
    let n = 0;
    for (const [type, count] of ORG_MIX) {
      for (let k = 0; k < count; k++) {
        const region = k % regions.length;
        const org: Org = { id: uuid('0a', n++), type, region, kato: regions[region] };
        this.orgs.push(org);
        const key = `${type}/${region}`;
        this.byTypeRegion.set(key, [...(this.byTypeRegion.get(key) ?? []), org]);
      }
    }
    this.pmpcs = this.orgs.filter((o) => o.type === 'pmpc');
  }

  of(type: string, region: number): Org[] {
    return this.byTypeRegion.get(`${type}/${region}`) ?? [];
  }

  /** The organisations the benchmark's users work in: all in region 0, each the busiest of its kind. */
  get benchOrgs(): { pmpc: Org; school: Org; correctionRoom: Org; polyclinic: Org; social: Org } {
    return {
      pmpc: this.of('pmpc', 0)[0],
      school: this.of('school', 0)[0],
      correctionRoom: this.of('correction_room', 0)[0],
      polyclinic: this.of('polyclinic', 0)[0],
      social: this.of('social_protection_office', 0)[0],
    };
  }

  child(i: number): ChildFacts {
    const rnd = prng(i * 2654435761 + 17);
    const pmpc = this.pmpcs[i % this.pmpcs.length];
    const region = pmpc.region;
    const kazakh = rnd() < 0.7;
    const names = kazakh ? KAZAKH : RUSSIAN;
    const sex: 'male' | 'female' = rnd() < 0.52 ? 'male' : 'female';
    const stem = pick(rnd, names.surnames);
    const father = pick(rnd, names.male);
    const ageDays = Math.floor(rnd() * 17.5 * 365) + 60;
    const registered = this.now - Math.floor(rnd() * 3 * 365 * DAY) - 30 * DAY;
    const schools = this.of(ageDays > 6.5 * 365 ? 'school' : 'kindergarten', region);
    // Skewed towards the first organisation of each kind, so the benchmark's users work somewhere busy.
    const skew = (list: Org[]) => list[Math.min(list.length - 1, Math.floor(rnd() * rnd() * list.length))];
    const placed = rnd() < 0.6 && schools.length > 0;
    const school = placed ? skew(schools) : null;
    const roll = rnd();
    const referralCount = roll < 0.48 ? 0 : roll < 0.9 ? 1 : 2;
    const referrals: ReferralFacts[] = [];
    for (let j = 0; j < referralCount; j++) {
      const kind = rnd();
      const type = kind < 0.7 ? 'correction_room' : kind < 0.85 ? 'autism_centre' : 'rehab_centre';
      const to = skew(this.of(type, region));
      const s = rnd();
      const status = s < 0.08 ? 'sent' : s < 0.16 ? 'accepted' : s < 0.21 ? 'waitlisted' : s < 0.6 ? 'in_progress' : s < 0.85 ? 'completed' : s < 0.93 ? 'declined' : 'withdrawn';
      const sentAt = registered + Math.floor(rnd() * Math.max(DAY, this.now - registered - DAY));
      referrals.push({
        n: i * 2 + j,
        to,
        serviceType: type === 'autism_centre' ? 'autism_support' : type === 'rehab_centre' ? 'rehabilitation' : pick(rnd, ['psychological_pedagogical_correction', 'speech_therapy', 'defectology']),
        status,
        sentAt,
        urgent: rnd() < 0.1,
      });
    }
    const grantedAt = this.now - Math.floor(rnd() * 400 * DAY) - 5 * DAY;
    return {
      i,
      id: uuid('c0', i),
      names,
      sex,
      lastName: surname(names, stem, sex),
      firstName: pick(rnd, sex === 'male' ? names.male : names.female),
      patronymic: rnd() < 0.9 ? names.patronymic(father, sex) : null,
      fatherName: `${surname(names, stem, 'male')} ${father}`,
      motherName: `${surname(names, pick(rnd, names.surnames), 'female')} ${pick(rnd, names.female)}`,
      twoGuardians: rnd() < 0.5,
      birthDate: new Date(this.now - ageDays * DAY),
      kato: pmpc.kato as string,
      pmpc,
      registered,
      school,
      referrals,
      consentGrantedAt: grantedAt,
      dataSharingWithdrawn: rnd() < 0.03,
      servicesConsent: referralCount > 0 || rnd() < 0.5,
      reviewDate: new Date(this.now + Math.floor((rnd() * 420 - 60) * DAY)),
      planMissing: rnd() < 0.15,
      diagnosis: pick(rnd, ['F84.0', 'F80.1', 'F70', 'F71', 'G80.1', 'H90.3', 'F83', 'F90.0']),
    };
  }
}

export interface ReferralFacts {
  n: number;
  to: Org;
  serviceType: string;
  status: string;
  sentAt: number;
  urgent: boolean;
}

export interface ChildFacts {
  i: number;
  id: string;
  names: NameSet;
  sex: 'male' | 'female';
  lastName: string;
  firstName: string;
  patronymic: string | null;
  fatherName: string;
  motherName: string;
  twoGuardians: boolean;
  birthDate: Date;
  kato: string;
  pmpc: Org;
  registered: number;
  school: Org | null;
  referrals: ReferralFacts[];
  consentGrantedAt: number;
  dataSharingWithdrawn: boolean;
  servicesConsent: boolean;
  reviewDate: Date;
  planMissing: boolean;
  diagnosis: string;
}

// ---- COPY text format --------------------------------------------------------------------------

type Cell = string | number | boolean | Date | null | undefined;

function cell(value: Cell): string {
  if (value === null || value === undefined) return '\\N';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'boolean') return value ? 't' : 'f';
  return String(value).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

const line = (cells: Cell[]) => cells.map(cell).join('\t') + '\n';
const ymd = (d: Date | number) => new Date(d).toISOString().slice(0, 10);

/** Streams rows into one table with COPY FROM STDIN, in chunks of ~1000 lines. */
export async function copyRows(client: Client, table: string, columns: string[], rows: Iterable<Cell[]>): Promise<number> {
  let count = 0;
  function* chunks(): Generator<string> {
    let buffer = '';
    let inBuffer = 0;
    for (const row of rows) {
      buffer += line(row);
      count++;
      if (++inBuffer === 1000) {
        yield buffer;
        buffer = '';
        inBuffer = 0;
      }
    }
    if (buffer) yield buffer;
  }
  await pipeline(Readable.from(chunks()), client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`)));
  return count;
}

/** Everything but the audit trail, table by table in foreign-key order. */
export async function loadCaseData(client: Client, data: NationalDataset, log: (message: string) => void): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const N = data.children;
  const each = function* <T>(f: (c: ChildFacts) => Iterable<T>): Generator<T> {
    for (let i = 0; i < N; i++) yield* f(data.child(i));
  };
  const step = async (table: string, columns: string[], rows: Iterable<Cell[]>) => {
    // A COPY is all or nothing, so a table with rows was loaded by an earlier, interrupted run: resume after it.
    if ((await client.query(`SELECT EXISTS (SELECT 1 FROM ${table}) AS loaded`)).rows[0].loaded) {
      counts[table] = Number((await client.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
      log(`  ${table}: already loaded (${counts[table].toLocaleString('en')} rows)`);
      return;
    }
    const started = Date.now();
    counts[table] = await copyRows(client, table, columns, rows);
    log(`  ${table}: ${counts[table].toLocaleString('en')} rows in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  };
  const { users } = data;

  const iinSerial = new Map<string, number>();
  await step(
    'children',
    ['id', 'iin', 'iin_pending', 'last_name', 'first_name', 'patronymic', 'search_key', 'birth_date', 'sex', 'kato', 'status', 'registered_at', 'registered_by_org', 'registered_by_user'],
    each((c) => {
      const b = c.birthDate;
      const prefix = `${ymd(b).slice(2, 4)}${ymd(b).slice(5, 7)}${ymd(b).slice(8, 10)}${c.sex === 'male' ? 5 : 6}`;
      let iin: string | null = null;
      for (let serial = iinSerial.get(prefix) ?? 1; serial < 10_000; serial++) {
        const first11 = `${prefix}${String(serial).padStart(4, '0')}`;
        const check = iinCheckDigit(first11);
        if (check === null) continue;
        iin = `${first11}${check}`;
        iinSerial.set(prefix, serial + 1);
        break;
      }
      return [[c.id, iin, iin === null, c.lastName, c.firstName, c.patronymic, searchKey(c.lastName, c.firstName, c.patronymic), ymd(b), c.sex, c.kato, 'open', new Date(c.registered), c.pmpc.id, users.pmpcSpecialist]];
    }),
  );

  await step(
    'guardians',
    ['id', 'child_id', 'full_name', 'relation', 'phone'],
    each((c) => {
      const rows: Cell[][] = [[uuid('9a', c.i * 2), c.id, c.motherName, 'mother', `+7701${String(c.i % 10_000_000).padStart(7, '0')}`]];
      if (c.twoGuardians) rows.push([uuid('9a', c.i * 2 + 1), c.id, c.fatherName, 'father', null]);
      return rows;
    }),
  );

  await step(
    'consents',
    ['id', 'child_id', 'guardian_id', 'kind', 'sector', 'granted_at', 'expires_at', 'withdrawn_at', 'recorded_by_org', 'recorded_by_user'],
    each((c) => {
      const granted = new Date(c.consentGrantedAt);
      const expires = new Date(c.consentGrantedAt + 365 * DAY);
      const g = uuid('9a', c.i * 2);
      const rows: Cell[][] = [
        [uuid('c1', c.i * 3), c.id, g, 'assessment', null, new Date(c.registered), null, null, c.pmpc.id, users.pmpcSpecialist],
        [uuid('c1', c.i * 3 + 1), c.id, g, 'data_sharing', 'education', granted, expires, c.dataSharingWithdrawn ? new Date(c.consentGrantedAt + 30 * DAY) : null, c.pmpc.id, users.pmpcSpecialist],
      ];
      if (c.servicesConsent) rows.push([uuid('c1', c.i * 3 + 2), c.id, g, 'services', null, granted, expires, null, c.pmpc.id, users.pmpcSpecialist]);
      return rows;
    }),
  );

  await step(
    'assessments',
    ['id', 'child_id', 'pmpc_org_id', 'status', 'sen_categories', 'programme', 'form_of_education', 'special_conditions', 'recommendations', 'review_date', 'opened_at', 'opened_by', 'signed_at', 'signed_by'],
    each((c) => {
      const signed = new Date(c.registered + 7 * DAY);
      const school = c.birthDate.getTime() < data.now - 6.5 * 365 * DAY;
      return [[uuid('a5', c.i), c.id, c.pmpc.id, 'signed', `{${c.diagnosis.startsWith('F84') ? 'autism_spectrum' : 'speech'}}`, 'adapted', school ? 'inclusive_class' : 'inclusive_group', '{tutor}',
        '{"notes":"Логопедпен сабақ аптасына екі рет"}', ymd(c.reviewDate), new Date(c.registered), users.pmpcSpecialist, signed, users.pmpcHead]];
    }),
  );

  await step(
    'diagnoses',
    ['id', 'child_id', 'icd10', 'date', 'established_by_org', 'recorded_by_user'],
    each((c) => [[uuid('d1', c.i), c.id, c.diagnosis, ymd(c.registered), c.pmpc.id, users.pmpcSpecialist]]),
  );

  await step(
    'placements',
    // has_support_plan is kept by a trigger on support_plans (migration 1795585300000), off during this load.
    ['id', 'child_id', 'org_id', 'status', 'form', 'class_label', 'started_on', 'assessment_id', 'proposed_at', 'proposed_by', 'activated_at', 'provided_conditions', 'has_support_plan'],
    each((c) => {
      if (!c.school) return [];
      const at = new Date(c.registered + 14 * DAY);
      return [[uuid('b1', c.i), c.id, c.school.id, 'active', c.school.type === 'school' ? 'inclusive_class' : 'inclusive_group', c.school.type === 'school' ? `${1 + (c.i % 11)}А` : null, ymd(at), uuid('a5', c.i), at, users.schoolCoordinator, at, '{tutor}', !c.planMissing]];
    }),
  );

  await step(
    'support_plans',
    ['id', 'placement_id', 'goals', 'services', 'review_date'],
    each((c) => (!c.school || c.planMissing ? [] : [[uuid('b2', c.i), uuid('b1', c.i), '[]', '[]', ymd(c.reviewDate)]])),
  );

  const slaDue = (r: ReferralFacts) => new Date(r.sentAt + 7 * DAY);
  await step(
    'referrals',
    ['id', 'child_id', 'from_org_id', 'to_org_id', 'service_type', 'reason', 'priority', 'status', 'funding', 'assessment_id', 'created_by_user', 'sent_at', 'responded_at', 'decline_reason', 'closed_at', 'sla_phase', 'sla_started_at', 'sla_due_at', 'overdue_at', 'created_at'],
    each((c) =>
      c.referrals.map((r) => {
        const sent = new Date(r.sentAt);
        const responded = r.status === 'sent' ? null : new Date(r.sentAt + 2 * DAY);
        const phase = r.status === 'sent' ? 'respond' : r.status === 'accepted' ? 'start' : null;
        const started = phase === 'respond' ? sent : phase === 'start' ? responded : null;
        const due = phase ? new Date((started as Date).getTime() + (phase === 'respond' ? 7 : 14) * DAY) : null;
        const overdue = due && due.getTime() < data.now ? due : null;
        const closed = ['completed', 'declined', 'withdrawn'].includes(r.status) ? new Date(r.sentAt + 60 * DAY) : null;
        return [uuid('5e', r.n), c.id, c.pmpc.id, r.to.id, r.serviceType, 'ПМПК қорытындысы бойынша', r.urgent ? 'urgent' : 'normal', r.status, 'state_order', uuid('a5', c.i), users.pmpcSpecialist,
          sent, responded, r.status === 'declined' ? 'Орын жоқ' : null, closed, phase, started, due ?? (phase ? slaDue(r) : null), overdue, new Date(r.sentAt - DAY)];
      }),
    ),
  );

  const EVENTS: Record<string, [string, string | null, string][]> = {
    sent: [['created', null, 'draft'], ['sent', 'draft', 'sent']],
    accepted: [['created', null, 'draft'], ['sent', 'draft', 'sent'], ['accepted', 'sent', 'accepted']],
    waitlisted: [['created', null, 'draft'], ['sent', 'draft', 'sent'], ['waitlisted', 'sent', 'waitlisted']],
    in_progress: [['created', null, 'draft'], ['sent', 'draft', 'sent'], ['accepted', 'sent', 'accepted'], ['started', 'accepted', 'in_progress']],
    completed: [['created', null, 'draft'], ['sent', 'draft', 'sent'], ['accepted', 'sent', 'accepted'], ['started', 'accepted', 'in_progress'], ['completed', 'in_progress', 'completed']],
    declined: [['created', null, 'draft'], ['sent', 'draft', 'sent'], ['declined', 'sent', 'declined']],
    withdrawn: [['created', null, 'draft'], ['sent', 'draft', 'sent'], ['withdrawn', 'sent', 'withdrawn']],
  };
  await step(
    'referral_events',
    ['referral_id', 'at', 'event', 'from_status', 'to_status', 'actor_user_id', 'actor_org_id'],
    each((c) =>
      c.referrals.flatMap((r) =>
        EVENTS[r.status].map(([event, from, to], k) => [uuid('5e', r.n), new Date(r.sentAt - DAY + k * DAY), event, from, to, k < 2 ? users.pmpcSpecialist : users.correctionSpecialist, k < 2 ? c.pmpc.id : r.to.id]),
      ),
    ),
  );

  await step(
    'service_episodes',
    ['id', 'referral_id', 'child_id', 'org_id', 'funding', 'started_on', 'ended_on', 'sessions', 'attended_sessions', 'outcome'],
    each((c) =>
      c.referrals
        .filter((r) => r.status === 'in_progress' || r.status === 'completed')
        .map((r) => [uuid('5f', r.n), uuid('5e', r.n), c.id, r.to.id, 'state_order', ymd(r.sentAt + 5 * DAY), r.status === 'completed' ? ymd(r.sentAt + 60 * DAY) : null, 12, 10, r.status === 'completed' ? 'goals_met' : null]),
    ),
  );

  await step(
    'involvements',
    ['child_id', 'org_id', 'kind', 'source_id', 'since', 'until'],
    each((c) => {
      const since = new Date(c.registered);
      const rows: Cell[][] = [
        [c.id, c.pmpc.id, 'registered', null, since, null],
        [c.id, c.pmpc.id, 'assessment', uuid('a5', c.i), since, null],
      ];
      if (c.school) rows.push([c.id, c.school.id, 'placement', uuid('b1', c.i), new Date(c.registered + 14 * DAY), null]);
      for (const r of c.referrals) {
        const ended = ['completed', 'declined', 'withdrawn'].includes(r.status) ? new Date(r.sentAt + 60 * DAY) : null;
        rows.push([c.id, r.to.id, 'referral', uuid('5e', r.n), new Date(r.sentAt), ended]);
        if (r.status === 'in_progress' || r.status === 'completed') rows.push([c.id, r.to.id, 'service', uuid('5f', r.n), new Date(r.sentAt + 5 * DAY), ended]);
      }
      return rows;
    }),
  );

  // Tables the app keeps by triggers, which this bulk load switches off (session_replication_role):
  // each filled as its migration backfills it (1795583100000, 1795584100000, 1795585000000).
  const derive = async (table: string, sql: string) => {
    if ((await client.query(`SELECT EXISTS (SELECT 1 FROM ${table}) AS loaded`)).rows[0].loaded) return;
    const started = Date.now();
    counts[table] = (await client.query(sql)).rowCount ?? 0;
    log(`  ${table}: ${counts[table].toLocaleString('en')} rows in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  };
  await derive(
    'org_search_keys',
    `INSERT INTO org_search_keys (org_id, child_id, search_key)
     SELECT p.org_id, p.child_id, c.search_key
       FROM (SELECT DISTINCT org_id, child_id FROM involvements WHERE kind <> 'break_glass') p
       JOIN children c ON c.id = p.child_id
      ORDER BY p.org_id, p.child_id`,
  );
  await derive(
    'org_search_terms',
    `INSERT INTO org_search_terms (org_id, term, child_id)
     SELECT k.org_id, t.term, k.child_id
       FROM org_search_keys k JOIN children c ON c.id = k.child_id CROSS JOIN LATERAL child_search_terms(c.search_key, c.iin) t(term)
      ORDER BY 1, 2, 3`,
  );
  await derive(
    'org_consent_expiries',
    `INSERT INTO org_consent_expiries (org_id, expires_at, consent_id, child_id)
     SELECT p.org_id, k.expires_at, k.id, k.child_id
       FROM (SELECT DISTINCT org_id, child_id FROM involvements WHERE kind <> 'break_glass') p
       JOIN consents k ON k.child_id = p.child_id
      WHERE k.withdrawn_at IS NULL AND k.expires_at IS NOT NULL
      ORDER BY p.org_id, k.expires_at, k.id`,
  );

  await step(
    'timeline_entries',
    ['child_id', 'at', 'section', 'kind', 'org_id', 'actor_user_id', 'details'],
    each((c) => [
      [c.id, new Date(c.registered), 'identity', 'registered', c.pmpc.id, users.pmpcSpecialist, '{}'],
      [c.id, new Date(c.registered + 7 * DAY), 'assessments', 'conclusion_signed', c.pmpc.id, users.pmpcHead, '{}'],
    ]),
  );
  return counts;
}

/**
 * The audit trail: 5 rows per child, sealed as the app's sealer would have sealed them (same canonical
 * row, same chain, continuing from whatever the app already wrote), with one checkpoint at the end.
 * Rows the app wrote while the benchmark set itself up (user creation, sign-ins) are sealed first —
 * the append-only trigger allows setting seal_hash once — so the whole chain verifies.
 */
export async function loadAudit(client: Client, data: NationalDataset, log: (message: string) => void): Promise<number> {
  const started = Date.now();
  if ((await client.query(`SELECT EXISTS (SELECT 1 FROM audit_checkpoints) AS loaded`)).rows[0].loaded) {
    log('  audit_events: already loaded');
    return Number((await client.query(`SELECT count(*) AS n FROM audit_events`)).rows[0].n);
  }
  const columns = 'id, at, actor_user_id, actor_org_id, action, resource_type, resource_id, child_id, outcome, reason, request_id, ip, changes, operation, seal_hash';
  const existing: (SealableRow & { seal_hash: string | null })[] = (await client.query(`SELECT ${columns} FROM audit_events ORDER BY id`)).rows;
  let previous = '';
  let lastId = 0;
  for (const row of existing) {
    if (row.seal_hash) previous = row.seal_hash;
    else {
      previous = sealHash(previous, row);
      await client.query(`UPDATE audit_events SET seal_hash = $2 WHERE id = $1`, [row.id, previous]);
    }
    lastId = Number(row.id);
  }
  const first = lastId + 1;
  const perChild = 5;
  const total = data.children * perChild;
  // Spread over the past year, strictly increasing with the id, in whole milliseconds (what a JS Date keeps).
  const span = 365 * DAY;
  const base = data.now - span - DAY;
  const ACTIONS: [string, string, string][] = [
    ['child.create', 'child', 'change'],
    ['assessment.sign', 'assessment', 'change'],
    ['child.read', 'child', 'read'],
    ['referral.send', 'referral', 'change'],
    ['child.read', 'child', 'read'],
  ];
  function* rows(): Generator<Cell[]> {
    for (let k = 0; k < total; k++) {
      const i = Math.floor(k / perChild);
      const c = data.child(i);
      const [action, resourceType, operation] = ACTIONS[k % perChild];
      const row: SealableRow = {
        id: String(first + k),
        at: new Date(base + Math.floor((k * span) / total) + 0),
        actor_user_id: k % perChild === 1 ? data.users.pmpcHead : data.users.pmpcSpecialist,
        actor_org_id: c.pmpc.id,
        action,
        resource_type: resourceType,
        resource_id: c.id,
        child_id: c.id,
        outcome: 'allowed',
        reason: null,
        request_id: null,
        ip: '10.0.0.1',
        changes: null,
        operation,
      };
      previous = sealHash(previous, row);
      yield [row.id, row.at, row.actor_user_id, row.actor_org_id, action, resourceType, row.resource_id, row.child_id, 'allowed', null, null, row.ip, null, operation, previous];
    }
  }
  const count = await copyRows(client, 'audit_events', columns.split(', '), rows());
  const last = first + total - 1;
  if (total > 0) {
    await client.query(`INSERT INTO audit_checkpoints (last_event_id, hash) VALUES ($1, $2)`, [last, previous]);
    await client.query(`SELECT setval(pg_get_serial_sequence('audit_events', 'id'), $1)`, [last]);
  }
  log(`  audit_events: ${count.toLocaleString('en')} sealed rows in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return count;
}
