import { Injectable } from '@nestjs/common';
import { caseVisibleTo } from '@qoldau/access';
import { SqlRepository } from '@qoldau/core';
import type { CaseScope } from '../case-scope';

export interface TimelineRow {
  id: string;
  at: Date;
  section: string;
  kind: string;
  org_id: string | null;
  org_name_kk: string | null;
  org_name_ru: string | null;
  sector: string | null;
  counterpart_org_id: string | null;
  details: Record<string, unknown>;
}

@Injectable()
export class TimelineRepository extends SqlRepository {
  /**
   * Entries of the sections in `sections`, in time order (insertion order within one instant), after
   * the keyset position `after` ([at ISO, id]).
   */
  async page(childId: string, scope: CaseScope, sections: string[], limit: number, after: [string, string] | null): Promise<TimelineRow[]> {
    const params: unknown[] = [childId, scope.viewer, scope.now, sections, limit + 1];
    let keyset = '';
    if (after) {
      params.push(after[0], after[1]);
      keyset = ` AND (e.at, e.id) > ($6::timestamptz, $7::bigint)`;
    }
    return this.rows<TimelineRow>(
      `SELECT e.id::text AS id, e.at, e.section, e.kind, e.org_id, o.name_kk AS org_name_kk, o.name_ru AS org_name_ru, t.sector,
              e.counterpart_org_id, e.details
         FROM timeline_entries e
         LEFT JOIN organizations o ON o.id = e.org_id
         LEFT JOIN organization_types t ON t.code = o.type
        WHERE e.child_id = $1 AND ${caseVisibleTo('e.child_id', '$2', '$3')} AND e.section = ANY($4::text[])${keyset}
        ORDER BY e.at, e.id
        LIMIT $5`,
      params,
    );
  }
}
