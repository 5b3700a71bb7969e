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
 * The roster's one query. The provision status is computed here against the child's current signed
 * conclusion (at most one per child: UQ_assessments_current), so that `matches` filters and keyset
 * pagination work on it. A child's name is shown, and searched, only while the viewing organisation is
 * involved with the case; rows whose name it may not see sort first, under an empty name.
 */
@Injectable()
export class RosterRepository extends SqlRepository {
  async page(scope: RosterScope, viewerOrgId: string, filter: RosterFilter, now: Date, today: string, after: [string, string, string] | null): Promise<RosterRow[]> {
    const params: unknown[] = [viewerOrgId, now, today];
    const add = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const reach: string[] = [];
    if (scope.ownOrgId) reach.push(`p.org_id = ${add(scope.ownOrgId)}::uuid`);
    if (scope.signedByOrgId) {
      const org = add(scope.signedByOrgId);
      reach.push(`(a.pmpc_org_id = ${org}::uuid AND ${orgInvolved('p.child_id', org, '$2')})`);
    }
    if (!reach.length) return [];
    const where = [`(${reach.join(' OR ')})`, `c.status <> 'merged'`, `p.status = ANY(${add(filter.statuses)}::text[])`];
    if (filter.orgId) where.push(`p.org_id = ${add(filter.orgId)}::uuid`);
    if (filter.form) where.push(`p.form = ${add(filter.form)}`);
    const outer: string[] = [];
    if (filter.key) {
      const key = add(filter.key);
      outer.push(`r.child_visible AND (${key} <% r.search_key OR r.search_key LIKE ${key} || '%')`);
    }
    if (filter.matches !== undefined) outer.push(`r.honoured = ${add(filter.matches)}::boolean`);
    if (after) outer.push(`(r.sort_last, r.sort_first, r.id) > (${add(after[0])}, ${add(after[1])}, ${add(after[2])}::uuid)`);
    const limit = add(filter.limit + 1);
    return this.rows<RosterRow>(
      `SELECT r.* FROM (
         SELECT q.*,
                CASE WHEN q.conclusion_id IS NULL THEN NULL
                     ELSE coalesce(q.form_matches, true) AND cardinality(q.missing_conditions) = 0 AND q.plan_present AND NOT q.plan_overdue END AS honoured,
                CASE WHEN q.child_visible THEN q.last_name ELSE '' END AS sort_last,
                CASE WHEN q.child_visible THEN q.first_name ELSE '' END AS sort_first
           FROM (
             SELECT p.id, p.child_id, ${orgInvolved('p.child_id', '$1', '$2')} AS child_visible,
                    c.last_name, c.first_name, c.patronymic, to_char(c.birth_date, 'YYYY-MM-DD') AS birth_date, c.search_key,
                    p.org_id, o.type AS org_type, o.name_kk AS org_name_kk, o.name_ru AS org_name_ru,
                    p.status, p.form, p.class_label, p.uses_support_room, p.provided_conditions,
                    to_char(p.started_on, 'YYYY-MM-DD') AS started_on, p.version,
                    a.id AS conclusion_id, a.pmpc_org_id, a.form_of_education AS recommended_form,
                    CASE WHEN a.id IS NULL OR a.form_of_education IS NULL THEN NULL ELSE a.form_of_education = p.form END AS form_matches,
                    CASE WHEN a.id IS NULL THEN '{}'::text[]
                         ELSE ARRAY(SELECT u.x FROM unnest(a.special_conditions) WITH ORDINALITY u(x, n)
                                     WHERE NOT (u.x = ANY(p.provided_conditions)) ORDER BY u.n) END AS missing_conditions,
                    s.id IS NOT NULL AS plan_present,
                    to_char(s.review_date, 'YYYY-MM-DD') AS plan_review_date,
                    coalesce(s.review_date < $3::date, false) AS plan_overdue
               FROM placements p
               JOIN children c ON c.id = p.child_id
               JOIN organizations o ON o.id = p.org_id
               LEFT JOIN assessments a ON a.child_id = p.child_id AND a.status = 'signed'
               LEFT JOIN support_plans s ON s.placement_id = p.id
              WHERE ${where.join(' AND ')}
           ) q
       ) r
       ${outer.length ? `WHERE ${outer.join(' AND ')}` : ''}
       ORDER BY r.sort_last, r.sort_first, r.id
       LIMIT ${limit}`,
      params,
    );
  }
}
