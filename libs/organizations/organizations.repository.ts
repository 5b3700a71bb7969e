import { Injectable } from '@nestjs/common';
import { decodeCursor, Page, SqlRepository, toPage } from '@qoldau/core';
import { OrganizationView } from './dto/organization.dto';

interface OrganizationRow {
  id: string;
  type: string;
  sector: string;
  specialised: boolean;
  name_kk: string;
  name_ru: string;
  kato: string | null;
  parent_id: string | null;
  capacity: number | null;
  state_order_places: number | null;
  support_rooms: number;
  sen_conditions: boolean;
  sen_conditions_since: string | null;
  external_id: string | null;
  active: boolean;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const SELECT = `
  SELECT o.id, o.type, t.sector, t.specialised, o.name_kk, o.name_ru, o.kato, o.parent_id, o.capacity,
         o.state_order_places, o.support_rooms, o.sen_conditions, to_char(o.sen_conditions_since, 'YYYY-MM-DD') AS sen_conditions_since,
         o.external_id, o.active, o.version, o.created_at, o.updated_at
    FROM organizations o JOIN organization_types t ON t.code = o.type`;

export interface OrganizationFilter {
  type?: string;
  kato?: string;
  sector?: string;
  q?: string;
  active?: boolean;
  limit: number;
  cursor?: string;
}

/** Column values as the service hands them over (snake_case keys are the table's). */
export interface OrganizationColumns {
  type?: string;
  name_kk?: string;
  name_ru?: string;
  kato?: string;
  parent_id?: string | null;
  capacity?: number | null;
  state_order_places?: number | null;
  support_rooms?: number;
  sen_conditions?: boolean;
  sen_conditions_since?: string | null;
  external_id?: string | null;
  active?: boolean;
}

function toView(row: OrganizationRow): OrganizationView {
  return {
    id: row.id,
    type: row.type,
    sector: row.sector,
    specialised: row.specialised,
    nameKk: row.name_kk,
    nameRu: row.name_ru,
    kato: row.kato,
    parentId: row.parent_id,
    capacity: row.capacity,
    stateOrderPlaces: row.state_order_places,
    supportRooms: row.support_rooms,
    senConditions: row.sen_conditions,
    senConditionsSince: row.sen_conditions_since,
    externalId: row.external_id,
    active: row.active,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** SQL for organisations. The directory is readable by every signed-in user, so reads take no scope. */
@Injectable()
export class OrganizationsRepository extends SqlRepository {
  async findById(id: string, options: { lock?: boolean } = {}): Promise<OrganizationView | null> {
    const rows = await this.rows<OrganizationRow>(`${SELECT} WHERE o.id = $1${options.lock ? ' FOR UPDATE OF o' : ''}`, [id]);
    return rows[0] ? toView(rows[0]) : null;
  }

  async list(filter: OrganizationFilter): Promise<Page<OrganizationView>> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.type) add('o.type = ?', filter.type);
    if (filter.kato) add('o.kato = ?', filter.kato);
    if (filter.sector) add('t.sector = ?', filter.sector);
    if (filter.active !== undefined) add('o.active = ?', filter.active);
    if (filter.q) {
      params.push(`%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`(o.name_kk ILIKE $${params.length} OR o.name_ru ILIKE $${params.length})`);
    }
    if (filter.cursor) {
      const [name, id] = decodeCursor(filter.cursor, 2);
      params.push(name, id);
      where.push(`(o.name_kk, o.id) > ($${params.length - 1}, $${params.length}::uuid)`);
    }
    params.push(filter.limit + 1);
    const rows = await this.rows<OrganizationRow>(
      `${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY o.name_kk, o.id LIMIT $${params.length}`,
      params,
    );
    return toPage(rows, filter.limit, (r) => [r.name_kk, r.id], toView);
  }

  async typeSector(type: string): Promise<{ sector: string } | null> {
    const rows = await this.rows<{ sector: string }>(`SELECT sector FROM organization_types WHERE code = $1`, [type]);
    return rows[0] ?? null;
  }

  async regionExists(kato: string): Promise<boolean> {
    const rows = await this.rows(`SELECT 1 FROM regions WHERE kato = $1`, [kato]);
    return rows.length > 0;
  }

  async externalIdTaken(externalId: string, exceptId?: string): Promise<boolean> {
    const rows = await this.rows(`SELECT 1 FROM organizations WHERE external_id = $1 AND id IS DISTINCT FROM $2::uuid`, [externalId, exceptId ?? null]);
    return rows.length > 0;
  }

  /** True when `ancestorCandidate` is `id` itself or one of its descendants (a parent link would loop). */
  async wouldLoop(id: string, parentId: string): Promise<boolean> {
    const rows = await this.rows(
      `WITH RECURSIVE up AS (SELECT id, parent_id FROM organizations WHERE id = $1
                             UNION SELECT o.id, o.parent_id FROM organizations o JOIN up ON o.id = up.parent_id)
       SELECT 1 FROM up WHERE id = $2`,
      [parentId, id],
    );
    return rows.length > 0;
  }

  async insert(columns: OrganizationColumns): Promise<string> {
    return (await this.insertRow('organizations', { ...columns })) as string;
  }

  /** Applies the change only if the row is still at `version`; returns false otherwise. */
  update(id: string, version: number, columns: OrganizationColumns): Promise<boolean> {
    return this.updateVersioned('organizations', id, version, { ...columns });
  }
}
