import type { EntityManager } from 'typeorm';

/** The specialised organisation types (DESIGN §1), in the order of the report. */
export const SPECIALISED_TYPES = ['special_kindergarten', 'special_school', 'pmpc', 'correction_room', 'autism_centre', 'rehab_centre'] as const;
/** Referral statuses the report counts: a draft is its author's private business until sent. */
export const REFERRAL_STATUSES = ['sent', 'accepted', 'waitlisted', 'in_progress', 'completed', 'declined', 'withdrawn'] as const;

/** The as-of instants: the day asOf ends at midnight Almaty, its calendar year starts at New Year's midnight there. */
export interface AsOf {
  date: string;
  /** 00:00 Almaty of the day after asOf: "on or before asOf" for a timestamp is `< dayEnd`. */
  dayEnd: string;
  /** 00:00 Almaty of 1 January of asOf's year. */
  yearStart: string;
}

const DAY_MS = 86_400_000;

/** asOf as instants in Almaty (UTC+5 all year since 2024): the end of that day and the start of its year. */
export function asOfInstants(date: string): AsOf {
  const dayEnd = new Date(Date.parse(`${date}T00:00:00+05:00`) + DAY_MS).toISOString();
  const yearStart = new Date(`${date.slice(0, 4)}-01-01T00:00:00+05:00`).toISOString();
  return { date, dayEnd, yearStart };
}

/** Region prefix: the first two digits of a KATO code; null on the total row (GROUPING SETS). */
type ByRegion = { region: string | null };

export interface RegionRow {
  kato: string;
  name_kk: string;
  name_ru: string;
  name_en: string;
}

export interface SummaryFacts {
  regions: RegionRow[];
  serviceTypes: { code: string; name_kk: string; name_ru: string; name_en: string }[];
  organizations: (ByRegion & { type: string; n: number; rooms: number; with_conditions: number })[];
  inclusive: (ByRegion & { n: number })[];
  disabilityStateOrder: (ByRegion & { n: number })[];
  assessed: (ByRegion & { n: number })[];
  overdue: (ByRegion & { n: number })[];
  provision: (ByRegion & { children: number; honoured: number })[];
  referrals: (ByRegion & { status: string; n: number })[];
  waiting: (ByRegion & { service_type: string; n: number; children: number; median: number | null; p90: number | null })[];
}

// A child counts in the region of its KATO; tombstones of merged duplicates count nowhere.
const CHILD_IN_SCOPE = `c.status <> 'merged' AND left(c.kato, 2) = ANY($2::text[])`;
const REGION_OF_CHILD = `left(c.kato, 2)`;
// Active on asOf ($1): started on or before it, not ended before it (the end day itself still counts).
const PLACEMENT_ACTIVE = `p.activated_at IS NOT NULL AND p.started_on <= $1::date AND (p.ended_on IS NULL OR p.ended_on >= $1::date)`;
// A conclusion current at the end of asOf: signed by then and not yet superseded.
const CONCLUSION_CURRENT = `a.signed_at < $3::timestamptz AND (a.superseded_at IS NULL OR a.superseded_at >= $3::timestamptz)`;
// A working day of the calendar the SLAs use (libs/referrals/sla/working-days.ts): Monday–Friday except
// holidays and days off, plus weekend days worked by decree.
const WORKING_DAY = (day: string) => `
  CASE WHEN extract(isodow FROM ${day}) IN (6, 7)
       THEN EXISTS (SELECT 1 FROM holidays h WHERE h.date = ${day} AND h.kind = 'working_day')
       ELSE NOT EXISTS (SELECT 1 FROM holidays h WHERE h.date = ${day} AND h.kind IN ('holiday', 'day_off')) END`;

/**
 * The summary's SQL: every figure an aggregate over indexed columns (migration ReportIndexes), grouped
 * by region prefix, with the total row from GROUPING SETS where a figure does not simply add up
 * (shares, percentiles). Reads only; returns no id, name or IIN of any child. Parameters: $1 asOf
 * (the start of its year when counting signatures), $2 the region prefixes in scope, $3 the end of asOf.
 */
export class SummaryRepository {
  constructor(private readonly db: () => EntityManager) {}

  async facts(asOf: AsOf, regionKatos: readonly string[]): Promise<SummaryFacts> {
    const prefixes = regionKatos.map((kato) => kato.slice(0, 2));
    // One after another: in a request the queries share the transaction's one connection, and node-postgres
    // is retiring queued concurrent queries on a client (pg 9).
    let chain: Promise<unknown> = Promise.resolve();
    const q = <T>(sql: string, params: unknown[]): Promise<T[]> => {
      const run = chain.then(() => this.db().query(sql, params) as Promise<T[]>);
      chain = run.catch(() => undefined);
      return run;
    };
    const base = [asOf.date, prefixes];
    const [regions, serviceTypes, organizations, inclusive, disabilityStateOrder, assessed, overdue, provision, referrals, waiting] = await Promise.all([
      q<RegionRow>(`SELECT kato, name_kk, name_ru, name_en FROM regions WHERE kato = ANY($1::text[]) ORDER BY kato`, [regionKatos]),
      q<SummaryFacts['serviceTypes'][number]>(`SELECT code, name_kk, name_ru, name_en FROM service_types ORDER BY sort_order, code`, []),
      q<SummaryFacts['organizations'][number]>(
        `SELECT left(o.kato, 2) AS region, o.type, count(*)::int AS n, coalesce(sum(o.support_rooms), 0)::int AS rooms,
                (count(*) FILTER (WHERE o.sen_conditions AND (o.sen_conditions_since IS NULL OR o.sen_conditions_since <= $1::date)))::int AS with_conditions
           FROM organizations o
          WHERE o.active AND o.created_at < $3::timestamptz AND left(o.kato, 2) = ANY($2::text[])
            AND o.type = ANY($4::text[])
          GROUP BY 1, 2`,
        [...base, asOf.dayEnd, [...SPECIALISED_TYPES, 'school']],
      ),
      q<SummaryFacts['inclusive'][number]>(
        `SELECT ${REGION_OF_CHILD} AS region, count(DISTINCT p.child_id)::int AS n
           FROM placements p JOIN children c ON c.id = p.child_id
          WHERE ${PLACEMENT_ACTIVE} AND p.form IN ('inclusive_class', 'inclusive_group') AND ${CHILD_IN_SCOPE}
          GROUP BY 1`,
        base,
      ),
      q<SummaryFacts['disabilityStateOrder'][number]>(
        `SELECT ${REGION_OF_CHILD} AS region, count(DISTINCT e.child_id)::int AS n
           FROM service_episodes e JOIN children c ON c.id = e.child_id
           JOIN LATERAL (SELECT d.status, d.established_on FROM disabilities d
                          WHERE d.child_id = e.child_id AND d.recorded_at < $3::timestamptz
                          ORDER BY d.recorded_at DESC, d.created_at DESC, d.id DESC LIMIT 1) d ON true
          WHERE e.funding = 'state_order' AND e.started_on <= $1::date AND (e.ended_on IS NULL OR e.ended_on >= $1::date)
            AND d.status = 'established' AND (d.established_on IS NULL OR d.established_on <= $1::date) AND ${CHILD_IN_SCOPE}
          GROUP BY 1`,
        [...base, asOf.dayEnd],
      ),
      q<SummaryFacts['assessed'][number]>(
        `SELECT ${REGION_OF_CHILD} AS region, count(DISTINCT a.child_id)::int AS n
           FROM assessments a JOIN children c ON c.id = a.child_id
          WHERE a.signed_at IS NOT NULL AND a.signed_at >= $1::timestamptz AND a.signed_at < $3::timestamptz AND ${CHILD_IN_SCOPE}
          GROUP BY 1`,
        [asOf.yearStart, prefixes, asOf.dayEnd],
      ),
      q<SummaryFacts['overdue'][number]>(
        `SELECT ${REGION_OF_CHILD} AS region, count(DISTINCT a.child_id)::int AS n
           FROM assessments a JOIN children c ON c.id = a.child_id
          WHERE a.signed_at IS NOT NULL AND ${CONCLUSION_CURRENT} AND a.review_date < $1::date AND ${CHILD_IN_SCOPE}
          GROUP BY 1`,
        [...base, asOf.dayEnd],
      ),
      q<SummaryFacts['provision'][number]>(
        `SELECT ${REGION_OF_CHILD} AS region, count(DISTINCT a.child_id)::int AS children,
                (count(DISTINCT a.child_id) FILTER (WHERE (a.form_of_education IS NULL OR a.form_of_education = p.form)
                                                      AND a.special_conditions <@ p.provided_conditions))::int AS honoured
           FROM assessments a JOIN children c ON c.id = a.child_id
           JOIN placements p ON p.child_id = a.child_id AND ${PLACEMENT_ACTIVE}
          WHERE a.signed_at IS NOT NULL AND ${CONCLUSION_CURRENT} AND ${CHILD_IN_SCOPE}
          GROUP BY GROUPING SETS ((1), ())`,
        [...base, asOf.dayEnd],
      ),
      // Current statuses: asOf does not apply, so the only parameter is the regions.
      q<SummaryFacts['referrals'][number]>(
        `SELECT ${REGION_OF_CHILD} AS region, r.status, count(*)::int AS n
           FROM referrals r JOIN children c ON c.id = r.child_id
          WHERE r.status <> 'draft' AND ${CHILD_IN_SCOPE.replace('$2', '$1')}
          GROUP BY 1, 2`,
        [prefixes],
      ),
      q<SummaryFacts['waiting'][number]>(
        `SELECT ${REGION_OF_CHILD} AS region, r.service_type, count(*)::int AS n, count(DISTINCT r.child_id)::int AS children,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY w.days) AS median,
                percentile_cont(0.9) WITHIN GROUP (ORDER BY w.days) AS p90
           FROM service_episodes e JOIN referrals r ON r.id = e.referral_id JOIN children c ON c.id = r.child_id
           CROSS JOIN LATERAL (
             SELECT count(*)::int AS days
               FROM generate_series(((r.sent_at AT TIME ZONE 'UTC') + interval '5 hours')::date + 1, e.started_on, interval '1 day') AS g(at)
              WHERE ${WORKING_DAY('g.at::date')}) w
          WHERE r.sent_at IS NOT NULL AND e.started_on > $1::date - interval '1 year' AND e.started_on <= $1::date AND ${CHILD_IN_SCOPE}
          GROUP BY GROUPING SETS ((1, 2), (2))`,
        base,
      ),
    ]);
    return {
      regions,
      serviceTypes,
      organizations,
      inclusive,
      disabilityStateOrder,
      assessed,
      overdue,
      provision,
      referrals,
      waiting: waiting.map((row) => ({ ...row, median: row.median === null ? null : Number(row.median), p90: row.p90 === null ? null : Number(row.p90) })),
    };
  }
}
