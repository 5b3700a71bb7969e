import { Injectable } from '@nestjs/common';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { orgInvolvedProbe } from '@qoldau/access';
import { type CappedCount, cappedCount, cappedCountSql, Clock, SqlRepository, TransactionHost } from '@qoldau/core';
import type { TransitionKind } from './life-stage';

/** A worklist item the daily transitions job put into an organisation's worklist. */
export interface TransitionDue {
  childId: string;
  kind: TransitionKind;
  /** YYYY-MM-DD */
  dueOn: string;
  overdue: boolean;
  /** The placement, conclusion or plan it is about. */
  subjectId: string | null;
  since: string;
  child: { lastName: string; firstName: string; patronymic: string | null; birthDate: string };
}

interface Row {
  child_id: string;
  kind: TransitionKind;
  due_on: string;
  subject_id: string | null;
  first_seen_on: string;
  last_name: string;
  first_name: string;
  patronymic: string | null;
  birth_date: string;
  total: number;
}

/** The worklist's two buckets of transition items. */
export const TRANSITION_BUCKETS = {
  /** School entry, finishing grade 9 or 11, conclusions to review within 60 days. */
  transitionsDue: ['school_entry_due', 'grade_9_or_11_finish', 'conclusion_review_due'],
  /** Support plans to review within 14 days or overdue. */
  planReviewsDue: ['plan_review_due'],
} as const satisfies Record<string, readonly TransitionKind[]>;

/**
 * For the worklist (GET /worklist, libs/worklist): the organisation's open transition items on open
 * cases it still sees, the earliest due first. The caller authorizes the worklist and passes the
 * actor's organisation.
 */
@Injectable()
export class TransitionsDue extends SqlRepository {
  constructor(
    txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly clock: Clock,
  ) {
    super(txHost);
  }

  async of(bucket: keyof typeof TRANSITION_BUCKETS, orgId: string, limit: number): Promise<CappedCount & { items: TransitionDue[] }> {
    const now = this.clock.now();
    const today = this.clock.today();
    const rows = await this.rows<Row>(
      `WITH t AS NOT MATERIALIZED (
         SELECT i.child_id, i.kind, i.due_on, i.subject_id, i.first_seen_on
           FROM transition_items i JOIN children c ON c.id = i.child_id
          WHERE i.org_id = $1 AND i.resolved_on IS NULL AND i.kind = ANY($2::text[]) AND c.status = 'open'
            AND ${orgInvolvedProbe('i.child_id', '$1', '$3')})
       SELECT t.child_id, t.kind, to_char(t.due_on, 'YYYY-MM-DD') AS due_on, t.subject_id, to_char(t.first_seen_on, 'YYYY-MM-DD') AS first_seen_on,
              c.last_name, c.first_name, c.patronymic, to_char(c.birth_date, 'YYYY-MM-DD') AS birth_date, ${cappedCountSql('SELECT 1 FROM t')} AS total
         FROM (SELECT * FROM t ORDER BY t.due_on, t.child_id, t.kind LIMIT $4) t JOIN children c ON c.id = t.child_id
        ORDER BY t.due_on, t.child_id, t.kind`,
      [orgId, TRANSITION_BUCKETS[bucket], now, limit],
    );
    return {
      ...cappedCount(rows[0]?.total ?? 0),
      items: rows.map((r) => ({
        childId: r.child_id, kind: r.kind, dueOn: r.due_on, overdue: r.due_on < today, subjectId: r.subject_id, since: r.first_seen_on,
        child: { lastName: r.last_name, firstName: r.first_name, patronymic: r.patronymic, birthDate: r.birth_date },
      })),
    };
  }
}
