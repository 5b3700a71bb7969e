import { Injectable } from '@nestjs/common';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { orgInvolvedProbe } from '@qoldau/access';
import { type CappedCount, cappedCount, cappedCountSql, Clock, SqlRepository, TransactionHost } from '@qoldau/core';

/** An active placement of the organisation that has no support plan yet: a worklist item. */
export interface PlacementWithoutPlan {
  placementId: string;
  childId: string;
  form: string;
  classLabel: string | null;
  startedOn: string | null;
  activatedAt: string;
  child: { lastName: string; firstName: string; patronymic: string | null; birthDate: string };
}

interface Row {
  id: string;
  child_id: string;
  form: string;
  class_label: string | null;
  started_on: string | null;
  activated_at: Date;
  last_name: string;
  first_name: string;
  patronymic: string | null;
  birth_date: string;
  total: number;
}

/**
 * For the worklist (GET /worklist, libs/referrals): the organisation's active placements on open cases
 * it sees that still have no support plan, longest waiting first. The caller authorizes the worklist
 * and passes the actor's organisation.
 */
@Injectable()
export class PlacementsWithoutPlan extends SqlRepository {
  constructor(
    txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly clock: Clock,
  ) {
    super(txHost);
  }

  async of(orgId: string, limit: number): Promise<CappedCount & { items: PlacementWithoutPlan[] }> {
    // The set is a range of IDX_placements_org_awaiting_plan (migration 1795585300000: the flag is kept by
    // the support plans' writes), read in its order: the page and the capped count read it separately
    // (NOT MATERIALIZED), each stopping early.
    const rows = await this.rows<Row>(
      `WITH w AS NOT MATERIALIZED (
         SELECT p.id, p.child_id, p.form, p.class_label, p.started_on, p.activated_at
           FROM placements p JOIN children c ON c.id = p.child_id
          WHERE p.org_id = $1 AND p.status = 'active' AND NOT p.has_support_plan AND c.status = 'open'
            AND ${orgInvolvedProbe('p.child_id', '$1', '$2')})
       SELECT w.id, w.child_id, w.form, w.class_label, to_char(w.started_on, 'YYYY-MM-DD') AS started_on, w.activated_at,
              c.last_name, c.first_name, c.patronymic, to_char(c.birth_date, 'YYYY-MM-DD') AS birth_date, ${cappedCountSql('SELECT 1 FROM w ORDER BY w.activated_at, w.id')} AS total
         FROM (SELECT * FROM w ORDER BY w.activated_at, w.id LIMIT $3) w JOIN children c ON c.id = w.child_id
        ORDER BY w.activated_at, w.id`,
      [orgId, this.clock.now(), limit],
    );
    return {
      ...cappedCount(rows[0]?.total ?? 0),
      items: rows.map((r) => ({
        placementId: r.id,
        childId: r.child_id,
        form: r.form,
        classLabel: r.class_label,
        startedOn: r.started_on,
        activatedAt: r.activated_at.toISOString(),
        child: { lastName: r.last_name, firstName: r.first_name, patronymic: r.patronymic, birthDate: r.birth_date },
      })),
    };
  }
}
