import { Injectable } from '@nestjs/common';
import { orgInvolved } from '@qoldau/access';
import { SqlRepository } from '@qoldau/core';
import type { PlacementStatus } from './placement.vocabulary';

/** Which placements a roster may hold, from the policy's scopes for `read Placement` (the caller derives it). */
export interface RosterScope {
  /** A placing organisation's own placements. */
  ownOrgId?: string;
  /** A PMPC's: placements of cases it is involved with whose current conclusion it signed. */
  signedByOrgId?: string;
}

export interface RosterFilter {
  orgId?: string;
  statuses: readonly PlacementStatus[];
  form?: string;
  matches?: boolean;
  /** searchKey() of the name asked for. */
  key?: string;
  limit: number;
}

export interface RosterRow {
  id: string;
  child_id: string;
  child_visible: boolean;
  last_name: string;
  first_name: string;
  patronymic: string | null;
  birth_date: string;
  org_id: string;
  org_type: string;
  org_name_kk: string;
  org_name_ru: string;
  status: PlacementStatus;
  form: string;
  class_label: string | null;
  uses_support_room: boolean;
  provided_conditions: string[];
  started_on: string | null;
  version: number;
  conclusion_id: string | null;
  pmpc_org_id: string | null;
  recommended_form: string | null;
  form_matches: boolean | null;
  missing_conditions: string[];
  plan_present: boolean;
  plan_review_date: string | null;
  plan_overdue: boolean;
  honoured: boolean | null;
  sort_last: string;
  sort_first: string;
}

/**
 * The roster's query, page first. Which placements are in reach, their keyset order (the child's name,
 * or an empty name while the viewing organisation may not see the case, so such rows sort first) and
 * the name and cursor filters are decided on narrow rows — the placement from an index on the
 * organisation, its child's name, whether the viewer sees the case — and only the page is joined to its
 * organisation, conclusion and support plan to compute the provision status. Only a `matches` filter,
 * which selects by that status, needs the conclusion and plan of every candidate (the same expressions).
 *
 * The provision status is computed against the child's current signed conclusion (at most one per
 * child: UQ_assessments_current). A child's name is shown, and searched, only while the viewing
 * organisation is involved with the case.
 */
@Injectable()
export class RosterRepository extends SqlRepository {
  async page(scope: RosterScope, viewerOrgId: string, filter: RosterFilter, now: Date, today: string, after: [string, string, string] | null): Promise<RosterRow[]> {
    const params: unknown[] = [viewerOrgId, now, today];
    const add = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    // What every arm of the reach shares: the placement's own columns, tested in the index's order.
    const statuses = add(filter.statuses);
    const onPlacement = [`p.status = ANY(${statuses}::text[])`];
    if (filter.orgId) onPlacement.push(`p.org_id = ${add(filter.orgId)}::uuid`);
    if (filter.form) onPlacement.push(`p.form = ${add(filter.form)}`);
    // One arm per scope the policy gave, each from its own index; a placement both reach is listed once (UNION).
    const arms: { from: string; where: string }[] = [];
    if (scope.ownOrgId) arms.push({ from: 'placements p', where: [`p.org_id = ${add(scope.ownOrgId)}::uuid`, ...onPlacement].join(' AND ') });
    if (scope.signedByOrgId) {
      const org = add(scope.signedByOrgId);
      arms.push({
        from: `placements p JOIN assessments ra ON ra.child_id = p.child_id AND ra.status = 'signed'`,
        where: [`ra.pmpc_org_id = ${org}::uuid`, orgInvolved('p.child_id', org, '$2'), ...onPlacement].join(' AND '),
      });
    }
    if (!arms.length) return [];

    const [reach, where]: [string, string[]] =
      arms.length === 1
        ? [arms[0].from, [arms[0].where]]
        : ['placements p', [`p.id IN (${arms.map((arm) => `SELECT p.id FROM ${arm.from} WHERE ${arm.where}`).join(' UNION ')})`]];
    where.push(`c.status <> 'merged'`);
    if (filter.key) {
      const key = add(filter.key);
      where.push(`v.visible AND (${key} <% c.search_key OR c.search_key LIKE ${key} || '%')`);
    }
    if (filter.matches !== undefined) where.push(`${PROVISION.honoured} = ${add(filter.matches)}::boolean`);
    if (after) where.push(`(${SORT_LAST}, ${SORT_FIRST}, p.id) > (${add(after[0])}, ${add(after[1])}, ${add(after[2])}::uuid)`);
    const limit = add(filter.limit + 1);
    // Only a `matches` filter reads the conclusion and plan of every candidate. The visibility test is
    // inlined at each use of `v.visible`; PostgreSQL plans each as one hashed set of the viewer's
    // involvements, read once per query from the covering index (cheaper than a probe per row).
    const provisionJoins = `LEFT JOIN assessments a ON a.child_id = p.child_id AND a.status = 'signed' LEFT JOIN support_plans s ON s.placement_id = p.id`;
    return this.rows<RosterRow>(
      `SELECT p.id, p.child_id, r.child_visible,
              c.last_name, c.first_name, c.patronymic, to_char(c.birth_date, 'YYYY-MM-DD') AS birth_date,
              p.org_id, o.type AS org_type, o.name_kk AS org_name_kk, o.name_ru AS org_name_ru,
              p.status, p.form, p.class_label, p.uses_support_room, p.provided_conditions,
              to_char(p.started_on, 'YYYY-MM-DD') AS started_on, p.version,
              a.id AS conclusion_id, a.pmpc_org_id, a.form_of_education AS recommended_form,
              ${PROVISION.formMatches} AS form_matches, ${PROVISION.missing} AS missing_conditions,
              ${PROVISION.planPresent} AS plan_present, to_char(s.review_date, 'YYYY-MM-DD') AS plan_review_date,
              ${PROVISION.planOverdue} AS plan_overdue, ${PROVISION.honoured} AS honoured,
              r.sort_last, r.sort_first
         FROM (
           SELECT p.id, v.visible AS child_visible, ${SORT_LAST} AS sort_last, ${SORT_FIRST} AS sort_first
             FROM ${reach}
             JOIN children c ON c.id = p.child_id
             CROSS JOIN LATERAL (SELECT ${orgInvolved('p.child_id', '$1', '$2')} AS visible) v
             ${filter.matches !== undefined ? provisionJoins : ''}
            WHERE ${where.join(' AND ')}
            ORDER BY 3, 4, 1
            LIMIT ${limit}
         ) r
         JOIN placements p ON p.id = r.id
         JOIN children c ON c.id = p.child_id
         JOIN organizations o ON o.id = p.org_id
         ${provisionJoins}
        ORDER BY r.sort_last, r.sort_first, r.id`,
      params,
    );
  }
}

// The keyset order: the name while the viewer sees the case, else an empty name (such rows come first).
const SORT_LAST = `CASE WHEN v.visible THEN c.last_name ELSE '' END`;
const SORT_FIRST = `CASE WHEN v.visible THEN c.first_name ELSE '' END`;

/**
 * The provision status of placement `p` against the current signed conclusion `a` and the plan `s`
 * ($3 today): one definition for the page's columns and for the `matches` filter.
 */
const FORM_MATCHES = `CASE WHEN a.id IS NULL OR a.form_of_education IS NULL THEN NULL ELSE a.form_of_education = p.form END`;
const MISSING = `CASE WHEN a.id IS NULL THEN '{}'::text[]
                      ELSE ARRAY(SELECT u.x FROM unnest(a.special_conditions) WITH ORDINALITY u(x, n)
                                  WHERE NOT (u.x = ANY(p.provided_conditions)) ORDER BY u.n) END`;
const PLAN_PRESENT = `s.id IS NOT NULL`;
const PLAN_OVERDUE = `coalesce(s.review_date < $3::date, false)`;
const PROVISION = {
  formMatches: FORM_MATCHES,
  missing: MISSING,
  planPresent: PLAN_PRESENT,
  planOverdue: PLAN_OVERDUE,
  honoured: `CASE WHEN a.id IS NULL THEN NULL ELSE coalesce(${FORM_MATCHES}, true) AND cardinality(${MISSING}) = 0 AND ${PLAN_PRESENT} AND NOT ${PLAN_OVERDUE} END`,
};
