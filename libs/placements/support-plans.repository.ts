import { Injectable } from '@nestjs/common';
import { SqlRepository } from '@qoldau/core';
import type { GoalProgressView, SupportPlanReviewView, SupportPlanVersionView } from './dto/placement.dto';

/** carried: the plan a transfer brought from the previous school (its own first version here). */
export type PlanChange = 'created' | 'updated' | 'reviewed' | 'carried';

interface VersionRow {
  version: number;
  change: string;
  goals: SupportPlanVersionView['goals'];
  services: SupportPlanVersionView['services'];
  responsible_staff: SupportPlanVersionView['responsibleStaff'];
  review_date: string;
  changed_at: Date;
  changed_by: string | null;
}

interface ReviewRow {
  id: string;
  plan_version: number;
  reviewed_on: string;
  goals: GoalProgressView[];
  next_review_date: string;
  recorded_by: string;
  recorded_at: Date;
}

export interface NewReview {
  planId: string;
  planVersion: number;
  reviewedOn: string;
  goals: GoalProgressView[];
  nextReviewDate: string;
  recordedBy: string;
  recordedAt: Date;
}

/** SQL for a support plan's history: its versions (append-only) and its reviews. No business rules. */
@Injectable()
export class SupportPlanHistoryRepository extends SqlRepository {
  /** The placement a plan belongs to, or null. */
  async placementOf(planId: string): Promise<string | null> {
    const rows = await this.rows<{ placement_id: string }>(`SELECT placement_id FROM support_plans WHERE id = $1`, [planId]);
    return rows[0]?.placement_id ?? null;
  }

  /** Appends the plan as it now stands (after an insert or update in the same transaction) as a version. */
  async appendVersion(placementId: string, change: PlanChange, by: string): Promise<void> {
    await this.rows(
      `INSERT INTO support_plan_versions (plan_id, version, change, goals, services, responsible_staff, review_date, changed_at, changed_by)
       SELECT id, version, $2, goals, services, responsible_staff, review_date, updated_at, $3 FROM support_plans WHERE placement_id = $1`,
      [placementId, change, by],
    );
  }

  /** A review moves the plan's review date on: a new version of the plan. */
  async setReviewDate(planId: string, reviewDate: string, now: Date): Promise<void> {
    await this.rows(`UPDATE support_plans SET review_date = $2, updated_at = $3, version = version + 1 WHERE id = $1`, [planId, reviewDate, now]);
  }

  async insertReview(review: NewReview): Promise<string> {
    return (await this.insertRow('support_plan_reviews', {
      plan_id: review.planId, plan_version: review.planVersion, reviewed_on: review.reviewedOn, goals: JSON.stringify(review.goals),
      next_review_date: review.nextReviewDate, recorded_by: review.recordedBy, recorded_at: review.recordedAt,
    })) as string;
  }

  /** The latest review date recorded for the plan, or null. */
  async lastReviewedOn(planId: string): Promise<string | null> {
    const rows = await this.rows<{ d: string | null }>(`SELECT to_char(max(reviewed_on), 'YYYY-MM-DD') AS d FROM support_plan_reviews WHERE plan_id = $1`, [planId]);
    return rows[0]?.d ?? null;
  }

  async versions(planId: string): Promise<SupportPlanVersionView[]> {
    const rows = await this.rows<VersionRow>(
      `SELECT version, change, goals, services, responsible_staff, to_char(review_date, 'YYYY-MM-DD') AS review_date, changed_at, changed_by
         FROM support_plan_versions WHERE plan_id = $1 ORDER BY version`,
      [planId],
    );
    return rows.map((r) => ({
      version: r.version, change: r.change, goals: r.goals, services: r.services, responsibleStaff: r.responsible_staff,
      reviewDate: r.review_date, changedAt: r.changed_at.toISOString(), changedBy: r.changed_by,
    }));
  }

  async reviews(planId: string): Promise<SupportPlanReviewView[]> {
    const rows = await this.rows<ReviewRow>(
      `SELECT id, plan_version, to_char(reviewed_on, 'YYYY-MM-DD') AS reviewed_on, goals, to_char(next_review_date, 'YYYY-MM-DD') AS next_review_date,
              recorded_by, recorded_at
         FROM support_plan_reviews WHERE plan_id = $1 ORDER BY reviewed_on, recorded_at, id`,
      [planId],
    );
    return rows.map((r) => ({
      id: r.id, planVersion: r.plan_version, reviewedOn: r.reviewed_on, goals: r.goals, nextReviewDate: r.next_review_date,
      recordedBy: r.recorded_by, recordedAt: r.recorded_at.toISOString(),
    }));
  }
}
