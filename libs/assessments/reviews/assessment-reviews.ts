import { Injectable } from '@nestjs/common';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { orgInvolvedProbe } from '@qoldau/access';
import { type CappedCount, cappedCount, cappedCountSql, Clock, decodeCursor, InvalidInputError, Page, SqlRepository, toPage, TransactionHost } from '@qoldau/core';
import { addDays } from '../assessment-rules';

/** A signed conclusion whose review is due: an item of the PMPC's worklist. */
export interface ReviewDue {
  assessmentId: string;
  childId: string;
  /** YYYY-MM-DD */
  reviewDate: string;
  /** The review date has passed and no newer conclusion was signed. */
  overdue: boolean;
  signedAt: string;
  noSen: boolean;
  senCategories: string[];
  formOfEducation: string | null;
  child: { lastName: string; firstName: string; patronymic: string | null; birthDate: string };
}

export interface ReviewsDueOptions {
  /** How far ahead to look, in days from today (Asia/Almaty); default 30. */
  days?: number;
  /** Page size, 1–100; default 20. */
  limit?: number;
  /** `nextCursor` of the previous page. */
  cursor?: string;
}

interface ReviewRow {
  id: string;
  child_id: string;
  review_date: string;
  signed_at: Date;
  no_sen: boolean;
  sen_categories: string[];
  form_of_education: string | null;
  last_name: string;
  first_name: string;
  patronymic: string | null;
  birth_date: string;
}

export const REVIEW_HORIZON_DAYS = 30;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Reviews due (issue 8), for the worklist (GET /worklist, libs/referrals): the current conclusions
 * signed by one PMPC whose review date falls within the next `days` days — or has passed without a
 * re-assessment — on open cases the PMPC still sees. Oldest review date first, keyset-paged by
 * (review date, id). The caller authorizes the worklist (`read Worklist`, own org) and passes the
 * actor's organisation.
 */
@Injectable()
export class AssessmentReviews extends SqlRepository {
  constructor(
    txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly clock: Clock,
  ) {
    super(txHost);
  }

  async dueWithin(orgId: string, options: ReviewsDueOptions = {}): Promise<Page<ReviewDue>> {
    const days = options.days ?? REVIEW_HORIZON_DAYS;
    const limit = options.limit ?? 20;
    if (!Number.isInteger(days) || days < 0 || days > 366) throw new RangeError(`dueWithin: days must be 0–366, got ${days}`);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new RangeError(`dueWithin: limit must be 1–100, got ${limit}`);
    const now = this.clock.now();
    const today = this.clock.today();
    const params: unknown[] = [orgId, now, addDays(today, days)];
    let after = '';
    if (options.cursor) {
      const [date, id] = decodeCursor(options.cursor, 2);
      if (typeof date !== 'string' || !DATE.test(date) || typeof id !== 'string' || !UUID.test(id)) {
        throw new InvalidInputError('CURSOR_INVALID', 'The cursor is not one this API issued', [{ field: 'cursor', code: 'CURSOR_INVALID', message: 'cursor is invalid' }]);
      }
      params.push(date, id);
      after = `AND (a.review_date, a.id) > ($4::date, $5::uuid)`;
    }
    params.push(limit + 1);
    const rows = await this.rows<ReviewRow>(
      `SELECT a.id, a.child_id, to_char(a.review_date, 'YYYY-MM-DD') AS review_date, a.signed_at, a.no_sen, a.sen_categories,
              a.form_of_education, c.last_name, c.first_name, c.patronymic, to_char(c.birth_date, 'YYYY-MM-DD') AS birth_date
         FROM assessments a JOIN children c ON c.id = a.child_id
        WHERE a.pmpc_org_id = $1 AND a.status = 'signed' AND a.review_date <= $3::date AND c.status = 'open'
          AND ${orgInvolvedProbe('a.child_id', '$1', '$2')} ${after}
        ORDER BY a.review_date, a.id
        LIMIT $${params.length}`,
      params,
    );
    return toPage(
      rows,
      limit,
      (r) => [r.review_date, r.id],
      (r) => ({
        assessmentId: r.id,
        childId: r.child_id,
        reviewDate: r.review_date,
        overdue: r.review_date < today,
        signedAt: r.signed_at.toISOString(),
        noSen: r.no_sen,
        senCategories: r.sen_categories,
        formOfEducation: r.form_of_education,
        child: { lastName: r.last_name, firstName: r.first_name, patronymic: r.patronymic, birthDate: r.birth_date },
      }),
    );
  }

  /**
   * How many reviews are due within `days` (the same set dueWithin pages through), counted up to the
   * worklist's cap over the PMPC's index instead of by reading every page.
   */
  async countDue(orgId: string, days: number = REVIEW_HORIZON_DAYS): Promise<CappedCount> {
    if (!Number.isInteger(days) || days < 0 || days > 366) throw new RangeError(`countDue: days must be 0–366, got ${days}`);
    const [row] = await this.rows<{ n: number }>(
      `SELECT ${cappedCountSql(`SELECT 1
         FROM assessments a JOIN children c ON c.id = a.child_id
        WHERE a.pmpc_org_id = $1 AND a.status = 'signed' AND a.review_date <= $3::date AND c.status = 'open'
          AND ${orgInvolvedProbe('a.child_id', '$1', '$2')}
        ORDER BY a.review_date, a.id`)} AS n`,
      [orgId, this.clock.now(), addDays(this.clock.today(), days)],
    );
    return cappedCount(row.n);
  }
}
