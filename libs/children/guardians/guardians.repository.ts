import { Injectable } from '@nestjs/common';
import { caseVisibleTo } from '@qoldau/access';
import { isoTimestamp, jsonArray, jsonObject, SqlRepository } from '@qoldau/core';
import type { CaseScope } from '../case-scope';
import type { GuardianView } from '../dto/guardian.dto';

interface GuardianRow {
  id: string;
  child_id: string;
  iin: string | null;
  full_name: string;
  relation: string;
  phone: string | null;
  ended_at: Date | null;
  version: number;
}

export interface GuardianColumns {
  iin?: string | null;
  full_name?: string;
  relation?: string;
  phone?: string | null;
}

export interface GuardianRecord extends GuardianView {
  childId: string;
}

function toRecord(row: GuardianRow): GuardianRecord {
  return {
    id: row.id,
    childId: row.child_id,
    iin: row.iin,
    fullName: row.full_name,
    relation: row.relation,
    phone: row.phone,
    active: row.ended_at === null,
    endedAt: row.ended_at ? row.ended_at.toISOString() : null,
    version: row.version,
  };
}

export function toGuardianView({ childId: _childId, ...view }: GuardianRecord): GuardianView {
  return view;
}

const SELECT = `SELECT g.id, g.child_id, g.iin, g.full_name, g.relation, g.phone, g.ended_at, g.version FROM guardians g`;

/** Current guardians first (none are ended here), then in the order they were recorded. */
const ORDER = 'g.ended_at NULLS FIRST, g.created_at, g.id';

/**
 * The case view's guardians section as a json sub-select (libs/children/sections): the child's current
 * guardians, each as `toGuardianView` shows it.
 */
export function currentGuardiansJson(childIdSql: string): string {
  const guardian = jsonObject<GuardianView>({
    id: 'g.id', iin: 'g.iin', fullName: 'g.full_name', relation: 'g.relation', phone: 'g.phone',
    active: 'g.ended_at IS NULL', endedAt: isoTimestamp('g.ended_at'), version: 'g.version',
  });
  return jsonArray(guardian, `FROM guardians g WHERE g.child_id = ${childIdSql} AND g.ended_at IS NULL`, ORDER);
}

@Injectable()
export class GuardiansRepository extends SqlRepository {
  async list(childId: string, scope: CaseScope): Promise<GuardianRecord[]> {
    const rows = await this.rows<GuardianRow>(
      `${SELECT} WHERE g.child_id = $1 AND ${caseVisibleTo('g.child_id', '$2', '$3')} ORDER BY ${ORDER}`,
      [childId, scope.viewer, scope.now],
    );
    return rows.map(toRecord);
  }

  /** One guardian of one child, for a change the caller has authorized on the child. */
  async find(childId: string, id: string, options: { lock?: boolean } = {}): Promise<GuardianRecord | null> {
    const rows = await this.rows<GuardianRow>(`${SELECT} WHERE g.id = $1 AND g.child_id = $2${options.lock ? ' FOR UPDATE' : ''}`, [id, childId]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** The child's current guardian with this IIN, for a change the caller has authorized on the child. */
  async activeByIin(childId: string, iin: string): Promise<GuardianRecord | null> {
    const rows = await this.rows<GuardianRow>(`${SELECT} WHERE g.child_id = $1 AND g.iin = $2 AND g.ended_at IS NULL ORDER BY g.created_at, g.id LIMIT 1`, [childId, iin]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async insert(childId: string, columns: GuardianColumns): Promise<string> {
    const rows = await this.rows<{ id: string }>(
      `INSERT INTO guardians (child_id, iin, full_name, relation, phone) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [childId, columns.iin ?? null, columns.full_name, columns.relation, columns.phone ?? null],
    );
    return rows[0].id;
  }

  update(id: string, version: number, columns: GuardianColumns): Promise<boolean> {
    return this.updateVersioned('guardians', id, version, { ...columns });
  }

  async end(id: string, at: Date): Promise<void> {
    await this.affected(`UPDATE guardians SET ended_at = $2, version = version + 1, updated_at = now() WHERE id = $1 AND ended_at IS NULL`, [id, at]);
  }
}
