import { Injectable } from '@nestjs/common';
import { caseVisibleTo } from '@qoldau/access';
import { isoTimestamp, jsonArray, jsonObject, SqlRepository } from '@qoldau/core';
import type { CaseScope } from '../case-scope';
import type { DiagnosisView, DisabilityView } from '../dto/health.dto';

interface DiagnosisRow {
  id: string;
  icd10: string;
  date: string;
  established_by_org: string;
  org_name: string;
  created_at: Date;
}

interface DisabilityRow {
  status: string;
  established_on: string | null;
  review_on: string | null;
  certificate_no: string | null;
  recorded_at: Date;
  recorded_by_org: string;
}

export interface NewDiagnosis {
  childId: string;
  icd10: string;
  date: string;
  establishedByOrg: string;
  recordedByUser: string;
}

export interface NewDisability {
  childId: string;
  status: string;
  establishedOn: string | null;
  reviewOn: string | null;
  certificateNo: string | null;
  recordedAt: Date;
  recordedByOrg: string;
  recordedByUser: string;
}

const toDisability = (row: DisabilityRow): DisabilityView => ({
  status: row.status,
  establishedOn: row.established_on,
  reviewOn: row.review_on,
  certificateNo: row.certificate_no,
  recordedAt: row.recorded_at.toISOString(),
  recordedByOrgId: row.recorded_by_org,
});

const DISABILITY = `
  SELECT d.status, to_char(d.established_on, 'YYYY-MM-DD') AS established_on, to_char(d.review_on, 'YYYY-MM-DD') AS review_on,
         d.certificate_no, d.recorded_at, d.recorded_by_org
    FROM disabilities d`;

const DISABILITY_ORDER = 'd.recorded_at DESC, d.created_at DESC, d.id DESC';

/** The case view's diagnoses section as a json sub-select (libs/children/sections), as `diagnoses` shows them. */
export function diagnosesJson(childIdSql: string): string {
  const diagnosis = jsonObject<DiagnosisView>({
    id: 'x.id', icd10: 'x.icd10', date: "to_char(x.date, 'YYYY-MM-DD')", establishedByOrgId: 'x.established_by_org',
    establishedByOrgName: 'o.name_kk', recordedAt: isoTimestamp('x.created_at'),
  });
  return jsonArray(diagnosis, `FROM diagnoses x JOIN organizations o ON o.id = x.established_by_org WHERE x.child_id = ${childIdSql}`, 'x.date, x.created_at, x.id');
}

/** The case view's disability section as a json sub-select (libs/children/sections): the current record, or null. */
export function currentDisabilityJson(childIdSql: string): string {
  const disability = jsonObject<DisabilityView>({
    status: 'd.status', establishedOn: "to_char(d.established_on, 'YYYY-MM-DD')", reviewOn: "to_char(d.review_on, 'YYYY-MM-DD')",
    certificateNo: 'd.certificate_no', recordedAt: isoTimestamp('d.recorded_at'), recordedByOrgId: 'd.recorded_by_org',
  });
  return `(SELECT ${disability} FROM disabilities d WHERE d.child_id = ${childIdSql} ORDER BY ${DISABILITY_ORDER} LIMIT 1)`;
}

/** The health and social-protection parts of a case: diagnoses (ICD-10) and disability status. */
@Injectable()
export class HealthRepository extends SqlRepository {
  async diagnoses(childId: string, scope: CaseScope): Promise<DiagnosisView[]> {
    const rows = await this.rows<DiagnosisRow>(
      `SELECT x.id, x.icd10, to_char(x.date, 'YYYY-MM-DD') AS date, x.established_by_org, o.name_kk AS org_name, x.created_at
         FROM diagnoses x JOIN organizations o ON o.id = x.established_by_org
        WHERE x.child_id = $1 AND ${caseVisibleTo('x.child_id', '$2', '$3')}
        ORDER BY x.date, x.created_at, x.id`,
      [childId, scope.viewer, scope.now],
    );
    return rows.map((row) => ({
      id: row.id,
      icd10: row.icd10,
      date: row.date,
      establishedByOrgId: row.established_by_org,
      establishedByOrgName: row.org_name,
      recordedAt: row.created_at.toISOString(),
    }));
  }

  async insertDiagnosis(diagnosis: NewDiagnosis): Promise<string> {
    const rows = await this.rows<{ id: string }>(
      `INSERT INTO diagnoses (child_id, icd10, date, established_by_org, recorded_by_user) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [diagnosis.childId, diagnosis.icd10, diagnosis.date, diagnosis.establishedByOrg, diagnosis.recordedByUser],
    );
    return rows[0].id;
  }

  /** Every disability record of the child, newest (the current one) first. */
  async disability(childId: string, scope: CaseScope): Promise<DisabilityView[]> {
    const rows = await this.rows<DisabilityRow>(
      `${DISABILITY} WHERE d.child_id = $1 AND ${caseVisibleTo('d.child_id', '$2', '$3')} ORDER BY ${DISABILITY_ORDER}`,
      [childId, scope.viewer, scope.now],
    );
    return rows.map(toDisability);
  }

  async insertDisability(record: NewDisability): Promise<void> {
    await this.rows(
      `INSERT INTO disabilities (child_id, status, established_on, review_on, certificate_no, recorded_at, recorded_by_org, recorded_by_user)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [record.childId, record.status, record.establishedOn, record.reviewOn, record.certificateNo, record.recordedAt, record.recordedByOrg, record.recordedByUser],
    );
  }

  async organizationExists(id: string): Promise<boolean> {
    const rows = await this.rows(`SELECT 1 FROM organizations WHERE id = $1`, [id]);
    return rows.length > 0;
  }
}
