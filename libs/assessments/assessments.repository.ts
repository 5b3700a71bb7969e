import { Injectable } from '@nestjs/common';
import { isoTimestamp, jsonArray, jsonObject, SqlRepository } from '@qoldau/core';
import type { AssessmentStatus, Recommendations } from './assessment.vocabulary';
import type { AssessmentView, CommissionMemberView, FindingsView } from './dto/assessment.dto';

interface AssessmentRow {
  id: string;
  child_id: string;
  pmpc_org_id: string;
  status: AssessmentStatus;
  no_sen: boolean;
  sen_categories: string[];
  programme: string | null;
  form_of_education: string | null;
  special_conditions: string[];
  recommendations: Partial<Recommendations>;
  protocol_notes: string | null;
  review_date: string | null;
  opened_at: Date;
  opened_by: string;
  opened_by_name: string;
  signed_at: Date | null;
  signed_by: string | null;
  signed_by_name: string | null;
  supersedes_id: string | null;
  superseded_by_id: string | null;
  superseded_at: Date | null;
  version: number;
  org_name_kk: string;
  org_name_ru: string;
}

interface SpecialistRow {
  assessment_id: string;
  user_id: string;
  full_name: string;
  specialty: string;
  findings: string | null;
  confirmed_at: Date | null;
}

export interface SpecialistRecord {
  userId: string;
  fullName: string;
  specialty: string;
  findings: string | null;
  confirmedAt: Date | null;
}

/** An assessment as the services work with it. */
export interface AssessmentRecord {
  id: string;
  childId: string;
  pmpcOrgId: string;
  pmpc: { id: string; nameKk: string; nameRu: string };
  status: AssessmentStatus;
  noSen: boolean;
  senCategories: string[];
  programme: string | null;
  formOfEducation: string | null;
  specialConditions: string[];
  recommendations: Recommendations;
  protocolNotes: string | null;
  reviewDate: string | null;
  openedAt: Date;
  openedBy: { id: string; fullName: string };
  signedAt: Date | null;
  signedBy: { id: string; fullName: string } | null;
  supersedesId: string | null;
  supersededById: string | null;
  supersededAt: Date | null;
  version: number;
  specialists: SpecialistRecord[];
}

/** Column values as the services hand them over (snake_case keys are the table's). */
export interface AssessmentColumns {
  no_sen?: boolean;
  sen_categories?: string[];
  programme?: string | null;
  form_of_education?: string | null;
  special_conditions?: string[];
  recommendations?: Recommendations;
  protocol_notes?: string | null;
  review_date?: string | null;
}

const SELECT = `
  SELECT a.id, a.child_id, a.pmpc_org_id, a.status, a.no_sen, a.sen_categories, a.programme, a.form_of_education,
         a.special_conditions, a.recommendations, a.protocol_notes, to_char(a.review_date, 'YYYY-MM-DD') AS review_date,
         a.opened_at, a.opened_by, ou.full_name AS opened_by_name, a.signed_at, a.signed_by, su.full_name AS signed_by_name,
         a.supersedes_id, a.superseded_by_id, a.superseded_at, a.version, o.name_kk AS org_name_kk, o.name_ru AS org_name_ru
    FROM assessments a
    JOIN organizations o ON o.id = a.pmpc_org_id
    JOIN users ou ON ou.id = a.opened_by
    LEFT JOIN users su ON su.id = a.signed_by`;

/** Current conclusion first, then drafts, then history; newest first within each. */
const ORDER = `CASE a.status WHEN 'signed' THEN 0 WHEN 'draft' THEN 1 ELSE 2 END, coalesce(a.signed_at, a.opened_at) DESC, a.id`;

/** The commission in its order, as withSpecialists reads it. */
const SPECIALIST_ORDER = 's.position, s.user_id';

/**
 * The case view's assessments section as a json sub-select (libs/children/sections): the child's
 * assessments as `toAssessmentView` shows them, in ORDER — every signed and superseded conclusion, and
 * the drafts the parameters allow (`draftsAllParam` a boolean: every draft; else `draftsOrgParam`, a
 * uuid or null: that PMPC's), exactly as listForChild chose them.
 */
export function assessmentsJson(childIdSql: string, draftsAllParam: string, draftsOrgParam: string): string {
  const member = jsonObject<CommissionMemberView>({ userId: 's.user_id', fullName: 'u.full_name', specialty: 's.specialty', confirmedAt: isoTimestamp('s.confirmed_at') });
  const finding = jsonObject<FindingsView>({ userId: 's.user_id', specialty: 's.specialty', text: 's.findings' });
  const assessment = jsonObject<AssessmentView>({
    id: 'a.id',
    childId: 'a.child_id',
    status: 'a.status',
    pmpc: `json_build_object('id', a.pmpc_org_id, 'nameKk', o.name_kk, 'nameRu', o.name_ru)`,
    noSen: 'a.no_sen',
    senCategories: 'a.sen_categories',
    programme: 'a.programme',
    formOfEducation: 'a.form_of_education',
    specialConditions: 'a.special_conditions',
    // EMPTY_RECOMMENDATIONS overlaid with the stored ones, in its key order.
    recommendations: `json_build_object('education', a.recommendations -> 'education', 'health', a.recommendations -> 'health', 'social', a.recommendations -> 'social')`,
    reviewDate: "to_char(a.review_date, 'YYYY-MM-DD')",
    commission: 'm.commission',
    protocolNotes: `json_build_object('text', a.protocol_notes, 'findings', m.findings)`,
    openedAt: isoTimestamp('a.opened_at'),
    openedBy: `json_build_object('id', a.opened_by, 'fullName', ou.full_name)`,
    signedAt: isoTimestamp('a.signed_at'),
    signedBy: `CASE WHEN a.signed_by IS NOT NULL THEN json_build_object('id', a.signed_by, 'fullName', coalesce(su.full_name, '')) END`,
    supersedesId: 'a.supersedes_id',
    supersededById: 'a.superseded_by_id',
    supersededAt: isoTimestamp('a.superseded_at'),
    version: 'a.version',
  });
  return jsonArray(
    assessment,
    `FROM assessments a
       JOIN organizations o ON o.id = a.pmpc_org_id
       JOIN users ou ON ou.id = a.opened_by
       LEFT JOIN users su ON su.id = a.signed_by
       CROSS JOIN LATERAL (
         SELECT coalesce(json_agg(${member} ORDER BY ${SPECIALIST_ORDER}), '[]'::json) AS commission,
                coalesce(json_agg(${finding} ORDER BY ${SPECIALIST_ORDER}), '[]'::json) AS findings
           FROM assessment_specialists s JOIN users u ON u.id = s.user_id WHERE s.assessment_id = a.id) m
      WHERE a.child_id = ${childIdSql} AND (a.status <> 'draft' OR ${draftsAllParam}::boolean OR a.pmpc_org_id = ${draftsOrgParam}::uuid)`,
    ORDER,
  );
}

const EMPTY_RECOMMENDATIONS: Recommendations = { education: null, health: null, social: null };

function toRecord(row: AssessmentRow, specialists: SpecialistRecord[]): AssessmentRecord {
  return {
    id: row.id,
    childId: row.child_id,
    pmpcOrgId: row.pmpc_org_id,
    pmpc: { id: row.pmpc_org_id, nameKk: row.org_name_kk, nameRu: row.org_name_ru },
    status: row.status,
    noSen: row.no_sen,
    senCategories: row.sen_categories,
    programme: row.programme,
    formOfEducation: row.form_of_education,
    specialConditions: row.special_conditions,
    recommendations: { ...EMPTY_RECOMMENDATIONS, ...row.recommendations },
    protocolNotes: row.protocol_notes,
    reviewDate: row.review_date,
    openedAt: row.opened_at,
    openedBy: { id: row.opened_by, fullName: row.opened_by_name },
    signedAt: row.signed_at,
    signedBy: row.signed_by ? { id: row.signed_by, fullName: row.signed_by_name ?? '' } : null,
    supersedesId: row.supersedes_id,
    supersededById: row.superseded_by_id,
    supersededAt: row.superseded_at,
    version: row.version,
    specialists,
  };
}

/** The API shape of an assessment, before the redactor decides about `protocolNotes`. */
export function toAssessmentView(a: AssessmentRecord): AssessmentView {
  return {
    id: a.id,
    childId: a.childId,
    status: a.status,
    pmpc: a.pmpc,
    noSen: a.noSen,
    senCategories: a.senCategories,
    programme: a.programme,
    formOfEducation: a.formOfEducation,
    specialConditions: a.specialConditions,
    recommendations: a.recommendations,
    reviewDate: a.reviewDate,
    commission: a.specialists.map((s) => ({
      userId: s.userId, fullName: s.fullName, specialty: s.specialty, confirmedAt: s.confirmedAt?.toISOString() ?? null,
    })),
    protocolNotes: {
      text: a.protocolNotes,
      findings: a.specialists.map((s) => ({ userId: s.userId, specialty: s.specialty, text: s.findings })),
    },
    openedAt: a.openedAt.toISOString(),
    openedBy: a.openedBy,
    signedAt: a.signedAt?.toISOString() ?? null,
    signedBy: a.signedBy,
    supersedesId: a.supersedesId,
    supersededById: a.supersededById,
    supersededAt: a.supersededAt?.toISOString() ?? null,
    version: a.version,
  };
}

/** Codes of the reference tables an assessment names, as found there. */
export interface ReferenceCodes {
  senCategories: { code: string; groupCode: string }[];
  formsOfEducation: string[];
  specialConditions: string[];
}

/** SQL for assessments and their commissions. Reads of case data take the actor's scope. */
@Injectable()
export class AssessmentsRepository extends SqlRepository {
  /** An assessment by id, for a use case that authorizes it next; `lock` takes its row lock. */
  async find(id: string, options: { lock?: boolean } = {}): Promise<AssessmentRecord | null> {
    const rows = await this.rows<AssessmentRow>(`${SELECT} WHERE a.id = $1${options.lock ? ' FOR UPDATE OF a' : ''}`, [id]);
    return rows[0] ? (await this.withSpecialists(rows))[0] : null;
  }

  /** The child's current (signed) conclusion, locked; the caller holds the child's row lock. */
  async currentSigned(childId: string): Promise<{ id: string; status: string; signedAt: Date } | null> {
    const rows = await this.rows<{ id: string; status: string; signedAt: Date }>(
      `SELECT id, status, signed_at AS "signedAt" FROM assessments WHERE child_id = $1 AND status = 'signed' FOR UPDATE`,
      [childId],
    );
    return rows[0] ?? null;
  }

  /** The conclusion (signed or superseded since) this PMPC signed for the child on `day` (a date in Kazakhstan), if any. */
  async signedOn(childId: string, pmpcOrgId: string, day: string): Promise<string | null> {
    const rows = await this.rows<{ id: string }>(
      `SELECT id FROM assessments WHERE child_id = $1 AND pmpc_org_id = $2 AND status <> 'draft'
          AND ((signed_at AT TIME ZONE 'UTC') + interval '5 hours')::date = $3::date
        ORDER BY signed_at DESC, id LIMIT 1`,
      [childId, pmpcOrgId, day],
    );
    return rows[0]?.id ?? null;
  }

  /** Takes the child's row lock, which serializes signing (and so supersession) per child. */
  async lockChild(childId: string): Promise<{ status: string } | null> {
    const rows = await this.rows<{ status: string }>(`SELECT status FROM children WHERE id = $1 FOR UPDATE`, [childId]);
    return rows[0] ?? null;
  }

  /** The draft this PMPC already has open for the child, if any. */
  async openDraftOf(childId: string, pmpcOrgId: string): Promise<string | null> {
    const rows = await this.rows<{ id: string }>(`SELECT id FROM assessments WHERE child_id = $1 AND pmpc_org_id = $2 AND status = 'draft'`, [
      childId,
      pmpcOrgId,
    ]);
    return rows[0]?.id ?? null;
  }

  /** Inserts a draft, or returns null when the PMPC has one open for the child already (also concurrently). */
  insertDraft(childId: string, pmpcOrgId: string, openedBy: string, openedAt: Date, columns: AssessmentColumns): Promise<string | null> {
    return this.insertRow(
      'assessments',
      { child_id: childId, pmpc_org_id: pmpcOrgId, opened_by: openedBy, opened_at: openedAt, ...serialize(columns) },
      `ON CONFLICT (child_id, pmpc_org_id) WHERE status = 'draft' DO NOTHING`,
    );
  }

  /** Applies `columns` to the (locked) draft still at `version` and bumps the version; false when it was not. */
  updateDraft(id: string, version: number, columns: AssessmentColumns): Promise<boolean> {
    return this.updateVersioned('assessments', id, version, serialize(columns));
  }

  /** Bumps the version of an assessment whose commission changed (confirmations). */
  async touch(id: string): Promise<void> {
    await this.updateVersioned('assessments', id, null, {});
  }

  /** Replaces the commission, keeping the findings and confirmations of members who stay. */
  async replaceSpecialists(id: string, specialists: { userId: string; specialty: string }[]): Promise<void> {
    await this.affected(`DELETE FROM assessment_specialists WHERE assessment_id = $1 AND NOT (user_id = ANY($2::uuid[]))`, [
      id,
      specialists.map((s) => s.userId),
    ]);
    for (const [position, s] of specialists.entries()) {
      await this.rows(
        `INSERT INTO assessment_specialists (assessment_id, user_id, specialty, position) VALUES ($1, $2, $3, $4)
         ON CONFLICT (assessment_id, user_id) DO UPDATE SET specialty = EXCLUDED.specialty, position = EXCLUDED.position`,
        [id, s.userId, s.specialty, position],
      );
    }
  }

  /** Records a member's findings and confirmation; false when the user is not in the commission. */
  async confirm(id: string, userId: string, findings: string, at: Date): Promise<boolean> {
    const count = await this.affected(
      `UPDATE assessment_specialists SET findings = $3, confirmed_at = $4 WHERE assessment_id = $1 AND user_id = $2`,
      [id, userId, findings, at],
    );
    return count === 1;
  }

  /** The caller holds the row lock and took `status` from the state machine. */
  async markSigned(id: string, status: AssessmentStatus, signedBy: string, signedAt: Date, supersedesId: string | null): Promise<void> {
    await this.updateVersioned('assessments', id, null, { status, signed_by: signedBy, signed_at: signedAt, supersedes_id: supersedesId });
  }

  /** The caller holds the row lock and took `status` from the state machine. */
  async markSuperseded(id: string, status: AssessmentStatus, supersededById: string, at: Date): Promise<void> {
    await this.updateVersioned('assessments', id, null, { status, superseded_by_id: supersededById, superseded_at: at });
  }

  /** Which of the named codes exist in the reference tables. */
  async referenceCodes(senCategories: string[], formOfEducation: string | null, specialConditions: string[]): Promise<ReferenceCodes> {
    const rows = await this.rows<{ kind: string; code: string; group_code: string | null }>(
      `SELECT 'sen' AS kind, code, group_code FROM sen_categories WHERE code = ANY($1::text[])
       UNION ALL SELECT 'form', code, NULL FROM education_forms WHERE code = $2
       UNION ALL SELECT 'condition', code, NULL FROM special_conditions WHERE code = ANY($3::text[])`,
      [senCategories, formOfEducation, specialConditions],
    );
    return {
      senCategories: rows.filter((r) => r.kind === 'sen').map((r) => ({ code: r.code, groupCode: r.group_code ?? r.code })),
      formsOfEducation: rows.filter((r) => r.kind === 'form').map((r) => r.code),
      specialConditions: rows.filter((r) => r.kind === 'condition').map((r) => r.code),
    };
  }

  /** Of `userIds`, the active users of organisation `orgId`. */
  async activeMembersOf(orgId: string, userIds: string[]): Promise<string[]> {
    const rows = await this.rows<{ id: string }>(`SELECT id FROM users WHERE id = ANY($1::uuid[]) AND org_id = $2 AND active`, [userIds, orgId]);
    return rows.map((r) => r.id);
  }

  /**
   * Merge: the duplicate's assessments become the survivor's. When both have a current conclusion,
   * the one signed later stays current and the other is superseded by it. Returns what was superseded.
   */
  async moveChild(survivorId: string, duplicateId: string, now: Date): Promise<{ supersededId: string; byId: string } | null> {
    const current = await this.rows<{ id: string; child_id: string }>(
      `SELECT id, child_id FROM assessments WHERE child_id IN ($1, $2) AND status = 'signed'
        ORDER BY signed_at DESC, id FOR UPDATE`,
      [survivorId, duplicateId],
    );
    let superseded: { supersededId: string; byId: string } | null = null;
    if (current.length === 2) {
      const [keep, old] = current;
      await this.markSuperseded(old.id, 'superseded', keep.id, now);
      superseded = { supersededId: old.id, byId: keep.id };
    }
    await this.affected(`UPDATE assessments SET child_id = $1, version = version + 1, updated_at = now() WHERE child_id = $2`, [survivorId, duplicateId]);
    return superseded;
  }

  /** PMPCs with a draft on both records of a merge (one draft per child and PMPC). */
  async draftsOnBoth(survivorId: string, duplicateId: string): Promise<string[]> {
    const rows = await this.rows<{ name_ru: string }>(
      `SELECT o.name_ru FROM assessments a JOIN organizations o ON o.id = a.pmpc_org_id
        WHERE a.child_id IN ($1, $2) AND a.status = 'draft' GROUP BY o.id, o.name_ru HAVING count(DISTINCT a.child_id) = 2`,
      [survivorId, duplicateId],
    );
    return rows.map((r) => r.name_ru);
  }

  private async withSpecialists(rows: AssessmentRow[]): Promise<AssessmentRecord[]> {
    if (rows.length === 0) return [];
    const specialists = await this.rows<SpecialistRow>(
      `SELECT s.assessment_id, s.user_id, u.full_name, s.specialty, s.findings, s.confirmed_at
         FROM assessment_specialists s JOIN users u ON u.id = s.user_id
        WHERE s.assessment_id = ANY($1::uuid[]) ORDER BY ${SPECIALIST_ORDER}`,
      [rows.map((r) => r.id)],
    );
    return rows.map((row) =>
      toRecord(
        row,
        specialists
          .filter((s) => s.assessment_id === row.id)
          .map((s) => ({ userId: s.user_id, fullName: s.full_name, specialty: s.specialty, findings: s.findings, confirmedAt: s.confirmed_at })),
      ),
    );
  }
}

function serialize(columns: AssessmentColumns): Record<string, unknown> {
  const out: Record<string, unknown> = { ...columns };
  if (columns.recommendations) out.recommendations = JSON.stringify(columns.recommendations);
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined));
}
