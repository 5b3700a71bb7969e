import { Injectable } from '@nestjs/common';
import { caseVisibleTo } from '@qoldau/access';
import { SqlRepository } from '@qoldau/core';
import type { CaseScope } from './case-scope';
import type { IdentityView } from './dto/child.dto';
import type { CaseSql } from './sections/case-sections';

/** A section of the case read (CaseSectionProvider): its sub-select, and the values it binds. */
export interface CaseSectionQuery {
  select(sql: CaseSql): string;
  values: readonly unknown[];
}

/** The children row as the service works with it. */
export interface ChildRecord {
  id: string;
  version: number;
  status: string;
  closedReason: string | null;
  closedAt: string | null;
  mergedInto: string | null;
  identity: IdentityView;
}

export interface ChildRow {
  id: string;
  version: number;
  status: string;
  closed_reason: string | null;
  closed_at: Date | null;
  merged_into: string | null;
  iin: string | null;
  iin_pending: boolean;
  last_name: string;
  first_name: string;
  patronymic: string | null;
  birth_date: string;
  sex: string;
  kato: string;
  address: string | null;
  registered_at: Date;
  registered_by_org: string;
}

/** Column values as the services hand them over (snake_case keys are the table's). */
export interface ChildColumns {
  iin?: string | null;
  iin_pending?: boolean;
  last_name?: string;
  first_name?: string;
  patronymic?: string | null;
  search_key?: string;
  birth_date?: string;
  sex?: string;
  kato?: string;
  address?: string | null;
  status?: string;
  closed_reason?: string | null;
  closed_at?: Date | null;
  merged_into?: string | null;
  merged_at?: Date | null;
  registered_at?: Date;
  registered_by_org?: string;
  registered_by_user?: string;
}

export const CHILD_COLUMNS = `
  c.id, c.version, c.status, c.closed_reason, c.closed_at, c.merged_into, c.iin, c.iin_pending, c.last_name, c.first_name,
  c.patronymic, to_char(c.birth_date, 'YYYY-MM-DD') AS birth_date, c.sex, c.kato, c.address, c.registered_at, c.registered_by_org`;

export function toIdentity(row: ChildRow): IdentityView {
  return {
    iin: row.iin,
    iinPending: row.iin_pending,
    lastName: row.last_name,
    firstName: row.first_name,
    patronymic: row.patronymic,
    birthDate: row.birth_date,
    sex: row.sex,
    kato: row.kato,
    address: row.address,
    registeredAt: row.registered_at.toISOString(),
    registeredByOrgId: row.registered_by_org,
  };
}

export function toRecord(row: ChildRow): ChildRecord {
  return {
    id: row.id,
    version: row.version,
    status: row.status,
    closedReason: row.closed_reason,
    closedAt: row.closed_at ? row.closed_at.toISOString() : null,
    mergedInto: row.merged_into,
    identity: toIdentity(row),
  };
}

/** SQL for the children table itself. Search and duplicates live in search/children-search.repository.ts. */
@Injectable()
export class ChildrenRepository extends SqlRepository {
  /**
   * The case read, in one statement: the child's row, only if visible to `scope` (caseVisibleTo, tested
   * once here), and each of `sections` as a column — a scalar sub-select yielding json, correlated on the
   * row, with the case's parameters at fixed places ($1 the child, $2 the viewer, $3 now) and its own
   * values after them. Null when the child is not visible.
   */
  async readCase(id: string, scope: CaseScope, sections: readonly CaseSectionQuery[]): Promise<{ child: ChildRecord; sections: unknown[] } | null> {
    const params: unknown[] = [id, scope.viewer, scope.now];
    const columns = sections.map((section, i) => {
      const own = section.values.map((value) => `$${params.push(value)}`);
      return `, ${section.select({ childId: 'case_child.id', viewer: '$2', now: '$3', own })} AS s${i}`;
    });
    // The row is a derived table (PostgreSQL pulls it up) so that CHILD_COLUMNS keep their alias and no
    // section's own aliases can capture the one its sub-select correlates on.
    const rows = await this.rows<ChildRow & Record<`s${number}`, unknown>>(
      `SELECT case_child.*${columns.join('')}
         FROM (SELECT ${CHILD_COLUMNS} FROM children c WHERE c.id = $1 AND ${caseVisibleTo('c.id', '$2', '$3')}) case_child`,
      params,
    );
    const row = rows[0];
    return row ? { child: toRecord(row), sections: sections.map((_, i) => row[`s${i}`]) } : null;
  }

  /** The raw row for a change already authorized (and locked) by the caller. */
  async findRow(id: string): Promise<ChildRow | null> {
    const rows = await this.rows<ChildRow>(`SELECT ${CHILD_COLUMNS} FROM children c WHERE c.id = $1`, [id]);
    return rows[0] ?? null;
  }

  async findIdByIin(iin: string): Promise<string | null> {
    const rows = await this.rows<{ id: string }>(`SELECT id FROM children WHERE iin = $1`, [iin]);
    return rows[0]?.id ?? null;
  }

  /** A KATO is acceptable when its region (first two digits) is one of the 20 regions. */
  async regionOfKatoExists(kato: string): Promise<boolean> {
    const rows = await this.rows(`SELECT 1 FROM regions WHERE kato = $1`, [`${kato.slice(0, 2)}0000000`]);
    return rows.length > 0;
  }

  /**
   * Inserts the child, or returns null when its IIN is already taken — also by a registration running
   * at the same moment (the unique constraint decides; no error escapes as a 500).
   */
  insertUnlessIinTaken(columns: ChildColumns): Promise<string | null> {
    return this.insertRow('children', { ...columns }, 'ON CONFLICT ON CONSTRAINT "UQ_children_iin" DO NOTHING');
  }

  /**
   * Applies `columns` and bumps the version. Callers hold the row lock and have checked the version,
   * so this always touches the row; the version condition is a second guard.
   */
  update(id: string, version: number, columns: ChildColumns): Promise<boolean> {
    return this.updateVersioned('children', id, version, { ...columns });
  }

  /** A change to a part of the case (guardian, consent, health) is a new version of the case. */
  async touch(id: string): Promise<void> {
    await this.affected(`UPDATE children SET version = version + 1, updated_at = now() WHERE id = $1`, [id]);
  }
}
