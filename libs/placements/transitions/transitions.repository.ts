import { Injectable } from '@nestjs/common';
import { SqlRepository } from '@qoldau/core';
import { addDays, CONCLUSION_REVIEW_HORIZON_DAYS, DueItem, PLAN_REVIEW_HORIZON_DAYS, SCHOOL_TYPES, TransitionFacts } from './life-stage';

/** A child's facts for the life-stage rules, and who is to act on them. */
export interface ChildFacts extends TransitionFacts {
  childId: string;
  placement: (TransitionFacts['placement'] & { orgId: string }) | null;
  /** The PMPC that signed the current conclusion. */
  pmpcOrgId: string | null;
}

interface FactsRow {
  child_id: string;
  birth_date: string;
  placement_id: string | null;
  placement_org_id: string | null;
  org_type: string | null;
  class_label: string | null;
  plan_id: string | null;
  plan_review_date: string | null;
  has_school: boolean;
  assessment_id: string | null;
  pmpc_org_id: string | null;
  conclusion_review_date: string | null;
  new_assessment: boolean;
}

/**
 * The facts: the child's active placement (with its plan), whether it has an active or proposed
 * school placement, its current (signed) conclusion and whether a new assessment (a draft) is open.
 * The conclusion is read from the assessments table the placements already refer to.
 */
const FACTS = `
  SELECT c.id AS child_id, to_char(c.birth_date, 'YYYY-MM-DD') AS birth_date,
         p.id AS placement_id, p.org_id AS placement_org_id, o.type AS org_type, p.class_label,
         s.id AS plan_id, to_char(s.review_date, 'YYYY-MM-DD') AS plan_review_date,
         EXISTS (SELECT 1 FROM placements sp JOIN organizations so ON so.id = sp.org_id
                  WHERE sp.child_id = c.id AND sp.status IN ('active', 'proposed') AND so.type = ANY($1::text[])) AS has_school,
         a.id AS assessment_id, a.pmpc_org_id, to_char(a.review_date, 'YYYY-MM-DD') AS conclusion_review_date,
         EXISTS (SELECT 1 FROM assessments d WHERE d.child_id = c.id AND d.status = 'draft') AS new_assessment
    FROM children c
    LEFT JOIN placements p ON p.child_id = c.id AND p.status = 'active'
    LEFT JOIN organizations o ON o.id = p.org_id
    LEFT JOIN support_plans s ON s.placement_id = p.id
    LEFT JOIN assessments a ON a.child_id = c.id AND a.status = 'signed'`;

function toFacts(r: FactsRow): ChildFacts {
  return {
    childId: r.child_id,
    birthDate: r.birth_date,
    placement: r.placement_id
      ? {
        id: r.placement_id, orgId: r.placement_org_id as string, orgType: r.org_type as string, classLabel: r.class_label,
        plan: r.plan_id ? { id: r.plan_id, reviewDate: r.plan_review_date as string } : null,
      }
      : null,
    hasSchoolPlacement: r.has_school,
    conclusion: r.assessment_id ? { assessmentId: r.assessment_id, reviewDate: r.conclusion_review_date as string } : null,
    pmpcOrgId: r.pmpc_org_id,
    newAssessmentOpen: r.new_assessment,
  };
}

/** Keyset batches of the job's candidates. */
const BATCH = 1000;

/** SQL for life-stage transitions and the worklist items the daily job keeps. No business rules. */
@Injectable()
export class TransitionsRepository extends SqlRepository {
  /** One child's facts (the caller has authorized the child). */
  async factsOf(childId: string): Promise<ChildFacts | null> {
    const rows = await this.rows<FactsRow>(`${FACTS} WHERE c.id = $2`, [SCHOOL_TYPES, childId]);
    return rows[0] ? toFacts(rows[0]) : null;
  }

  /**
   * Open cases that may have something due on `today`, by id from `after`: born in the years whose
   * school entry can be due, pupils with a class label, conclusions and plans within their horizons.
   * The rules decide; this only narrows.
   */
  async candidates(today: string, after: string | null): Promise<ChildFacts[]> {
    const year = Number(today.slice(0, 4));
    const rows = await this.rows<FactsRow>(
      `${FACTS}
        WHERE c.status = 'open' AND ($2::uuid IS NULL OR c.id > $2::uuid)
          AND (c.birth_date BETWEEN make_date($3::int - 7, 1, 1) AND make_date($3::int - 5, 12, 31)
               OR (o.type = ANY($1::text[]) AND p.class_label IS NOT NULL)
               OR a.review_date <= $4::date
               OR s.review_date <= $5::date)
        ORDER BY c.id
        LIMIT ${BATCH}`,
      [SCHOOL_TYPES, after, year, addDays(today, CONCLUSION_REVIEW_HORIZON_DAYS), addDays(today, PLAN_REVIEW_HORIZON_DAYS)],
    );
    return rows.map(toFacts);
  }

  static readonly BATCH = BATCH;

  /** Puts the item into the organisation's worklist, or notes it is still there today. */
  async upsertItem(orgId: string, childId: string, item: DueItem, today: string): Promise<void> {
    await this.rows(
      `INSERT INTO transition_items (org_id, child_id, kind, due_on, subject_id, first_seen_on, last_seen_on)
       VALUES ($1, $2, $3, $4, $5, $6, $6)
       ON CONFLICT (org_id, child_id, kind, due_on) DO UPDATE SET last_seen_on = EXCLUDED.last_seen_on, subject_id = EXCLUDED.subject_id, resolved_on = NULL`,
      [orgId, childId, item.kind, item.dueOn, item.subjectId, today],
    );
  }

  /** Items today's run no longer found are resolved. */
  async resolveNotSeen(today: string): Promise<number> {
    return this.affected(`UPDATE transition_items SET resolved_on = $1 WHERE resolved_on IS NULL AND last_seen_on < $1`, [today]);
  }
}
