import { Injectable } from '@nestjs/common';
import { caseVisibleTo } from '@qoldau/access';
import { isoTimestamp, jsonArray, jsonObject, SqlRepository } from '@qoldau/core';
import type { CaseScope } from '../case-scope';
import type { ConsentView } from '../dto/consent.dto';

interface ConsentRow {
  id: string;
  child_id: string;
  kind: string;
  sector: string | null;
  guardian_id: string;
  granted_at: Date;
  expires_at: Date | null;
  withdrawn_at: Date | null;
  active: boolean;
}

/** Active at $now: granted, not expired, not withdrawn. One definition for views, redaction and rules. */
const ACTIVE = (now: string) => `(k.withdrawn_at IS NULL AND k.granted_at <= ${now} AND (k.expires_at IS NULL OR k.expires_at > ${now}))`;

const SELECT = (now: string) =>
  `SELECT k.id, k.child_id, k.kind, k.sector, k.guardian_id, k.granted_at, k.expires_at, k.withdrawn_at, ${ACTIVE(now)} AS active FROM consents k`;

/** The case view's consents section as a json sub-select (libs/children/sections): every consent of the child, as `toConsentView` shows it. */
export function consentsJson(childIdSql: string, nowParam: string): string {
  const consent = jsonObject<ConsentView>({
    id: 'k.id', kind: 'k.kind', sector: 'k.sector', guardianId: 'k.guardian_id', grantedAt: isoTimestamp('k.granted_at'),
    expiresAt: isoTimestamp('k.expires_at'), withdrawnAt: isoTimestamp('k.withdrawn_at'), active: ACTIVE(`${nowParam}::timestamptz`),
  });
  return jsonArray(consent, `FROM consents k WHERE k.child_id = ${childIdSql}`, 'k.granted_at, k.id');
}

export interface ConsentRecord extends ConsentView {
  childId: string;
}

function toRecord(row: ConsentRow): ConsentRecord {
  return {
    id: row.id,
    childId: row.child_id,
    kind: row.kind,
    sector: row.sector,
    guardianId: row.guardian_id,
    grantedAt: row.granted_at.toISOString(),
    expiresAt: row.expires_at ? row.expires_at.toISOString() : null,
    withdrawnAt: row.withdrawn_at ? row.withdrawn_at.toISOString() : null,
    active: row.active,
  };
}

export function toConsentView({ childId: _childId, ...view }: ConsentRecord): ConsentView {
  return view;
}

export interface NewConsent {
  childId: string;
  guardianId: string;
  kind: string;
  sector: string | null;
  grantedAt: Date;
  expiresAt: Date | null;
  recordedByOrg: string;
  recordedByUser: string;
}

@Injectable()
export class ConsentsRepository extends SqlRepository {
  async list(childId: string, scope: CaseScope): Promise<ConsentRecord[]> {
    const rows = await this.rows<ConsentRow>(
      `${SELECT('$3::timestamptz')} WHERE k.child_id = $1 AND ${caseVisibleTo('k.child_id', '$2', '$3')} ORDER BY k.granted_at, k.id`,
      [childId, scope.viewer, scope.now],
    );
    return rows.map(toRecord);
  }

  /** Sectors the child's case may be shared with now (active data_sharing consents). */
  async dataSharingSectors(childId: string, scope: CaseScope): Promise<string[]> {
    const rows = await this.rows<{ sector: string }>(
      `SELECT DISTINCT k.sector FROM consents k
        WHERE k.child_id = $1 AND k.kind = 'data_sharing' AND ${ACTIVE('$3::timestamptz')} AND ${caseVisibleTo('k.child_id', '$2', '$3')}`,
      [childId, scope.viewer, scope.now],
    );
    return rows.map((r) => r.sector);
  }

  /**
   * Whether the child has an active consent of `kind` (and `sector`) at `now`. For use cases that
   * have already authorized the child, e.g. an assessment that needs an assessment consent.
   */
  async hasActive(childId: string, kind: string, now: Date, sector: string | null = null): Promise<boolean> {
    const rows = await this.rows(
      `SELECT 1 FROM consents k WHERE k.child_id = $1 AND k.kind = $2 AND k.sector IS NOT DISTINCT FROM $4 AND ${ACTIVE('$3::timestamptz')} LIMIT 1`,
      [childId, kind, now, sector],
    );
    return rows.length > 0;
  }

  /** Which child a consent belongs to; the caller authorizes that child before anything else. */
  async childOf(id: string): Promise<string | null> {
    const rows = await this.rows<{ child_id: string }>(`SELECT child_id FROM consents WHERE id = $1`, [id]);
    return rows[0]?.child_id ?? null;
  }

  async find(id: string, now: Date, options: { lock?: boolean } = {}): Promise<ConsentRecord | null> {
    const rows = await this.rows<ConsentRow>(`${SELECT('$2::timestamptz')} WHERE k.id = $1${options.lock ? ' FOR UPDATE' : ''}`, [id, now]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async insert(consent: NewConsent): Promise<string> {
    const rows = await this.rows<{ id: string }>(
      `INSERT INTO consents (child_id, guardian_id, kind, sector, granted_at, expires_at, recorded_by_org, recorded_by_user)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [consent.childId, consent.guardianId, consent.kind, consent.sector, consent.grantedAt, consent.expiresAt, consent.recordedByOrg, consent.recordedByUser],
    );
    return rows[0].id;
  }

  async withdraw(id: string, at: Date, userId: string): Promise<void> {
    await this.affected(`UPDATE consents SET withdrawn_at = $2, withdrawn_by_user = $3 WHERE id = $1 AND withdrawn_at IS NULL`, [id, at, userId]);
  }
}
