import { Injectable } from '@nestjs/common';
import { SqlRepository } from '@qoldau/core';

/** The facts of a child's current (signed) conclusion that other libs act on. */
export interface CurrentConclusion {
  assessmentId: string;
  pmpcOrgId: string;
  noSen: boolean;
  senCategories: string[];
  programme: string | null;
  formOfEducation: string | null;
  specialConditions: string[];
  reviewDate: string;
  signedAt: string;
}

/**
 * For the libs to the right (placements: "form differs from the latest signed conclusion"; referrals:
 * `assessment_id`): the child's current conclusion, or null. The caller has authorized the child.
 */
@Injectable()
export class CurrentConclusions extends SqlRepository {
  async of(childId: string): Promise<CurrentConclusion | null> {
    const rows = await this.rows<CurrentConclusion>(
      `SELECT id AS "assessmentId", pmpc_org_id AS "pmpcOrgId", no_sen AS "noSen", sen_categories AS "senCategories", programme,
              form_of_education AS "formOfEducation", special_conditions AS "specialConditions",
              to_char(review_date, 'YYYY-MM-DD') AS "reviewDate", signed_at AS "signedAt"
         FROM assessments WHERE child_id = $1 AND status = 'signed'`,
      [childId],
    );
    const row = rows[0];
    return row ? { ...row, signedAt: new Date(row.signedAt).toISOString() } : null;
  }
}
