import { Injectable } from '@nestjs/common';
import type { ScopeFilter } from '@qoldau/access';
import type { Role } from '@qoldau/auth';
import { decodeCursor, Page, SqlRepository, toPage } from '@qoldau/core';
import { UserView } from './dto/user.dto';

interface UserRow {
  id: string;
  username: string;
  full_name: string;
  org_id: string | null;
  org_kato: string | null;
  org_type: string | null;
  roles: Role[];
  locale: string;
  active: boolean;
  locked_until: Date | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

export interface UserRecord extends UserView {
  /** Region of the user's organisation (null for the national admin): the scope key for admins. */
  orgKato: string | null;
  orgType: string | null;
}

const SELECT = `
  SELECT u.id, u.username, u.full_name, u.org_id, o.kato AS org_kato, o.type AS org_type, u.roles, u.locale,
         u.active, u.locked_until, u.version, u.created_at, u.updated_at
    FROM users u LEFT JOIN organizations o ON o.id = u.org_id`;

function toRecord(row: UserRow): UserRecord {
  return {
    id: row.id,
    username: row.username,
    fullName: row.full_name,
    orgId: row.org_id,
    orgKato: row.org_kato,
    orgType: row.org_type,
    roles: row.roles,
    locale: row.locale,
    active: row.active,
    lockedUntil: row.locked_until ? row.locked_until.toISOString() : null,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function toUserView({ orgKato: _k, orgType: _t, ...view }: UserRecord): UserView {
  return view;
}

export interface UserColumns {
  username?: string;
  password_hash?: string;
  full_name?: string;
  org_id?: string;
  roles?: Role[];
  locale?: string;
  active?: boolean;
  failed_logins?: number;
  locked_until?: Date | null;
}

/** SQL for user administration; list queries take the actor's scope filter from libs/access. */
@Injectable()
export class UsersRepository extends SqlRepository {
  async findById(id: string, options: { lock?: boolean } = {}): Promise<UserRecord | null> {
    const rows = await this.rows<UserRow>(`${SELECT} WHERE u.id = $1${options.lock ? ' FOR UPDATE OF u' : ''}`, [id]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async list(scope: ScopeFilter, filter: { orgId?: string; role?: Role; q?: string; limit: number; cursor?: string }): Promise<Page<UserView>> {
    const params: unknown[] = [];
    const p = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const where: string[] = [];
    if (!scope.all) {
      const anyOf: string[] = [];
      if (scope.regionKato) anyOf.push(`o.kato = ${p(scope.regionKato)}`);
      if (scope.orgId) anyOf.push(`u.org_id = ${p(scope.orgId)}`);
      if (scope.userId) anyOf.push(`u.id = ${p(scope.userId)}`);
      where.push(anyOf.length ? `(${anyOf.join(' OR ')})` : 'false');
    }
    if (filter.orgId) where.push(`u.org_id = ${p(filter.orgId)}`);
    if (filter.role) where.push(`${p(filter.role)} = ANY(u.roles)`);
    if (filter.q) {
      const pattern = p(`%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`(u.username ILIKE ${pattern} OR u.full_name ILIKE ${pattern})`);
    }
    if (filter.cursor) {
      const [username] = decodeCursor(filter.cursor, 1);
      where.push(`u.username > ${p(username)}`);
    }
    const rows = await this.rows<UserRow>(
      `${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY u.username LIMIT ${p(filter.limit + 1)}`,
      params,
    );
    return toPage(rows, filter.limit, (r) => [r.username], (r) => toUserView(toRecord(r)));
  }

  /** The stored password hash, for a user proving they know their own password (never leaves this lib). */
  async passwordHash(id: string): Promise<string | null> {
    const rows = await this.rows<{ password_hash: string }>(`SELECT password_hash FROM users WHERE id = $1`, [id]);
    return rows[0]?.password_hash ?? null;
  }

  async usernameTaken(username: string): Promise<boolean> {
    return (await this.rows(`SELECT 1 FROM users WHERE username = $1`, [username])).length > 0;
  }

  async insert(columns: UserColumns): Promise<string> {
    return (await this.insertRow('users', { ...columns })) as string;
  }

  /** Applies the change only at `version` (null = whatever the current version is). */
  update(id: string, version: number | null, columns: UserColumns): Promise<boolean> {
    return this.updateVersioned('users', id, version, { ...columns });
  }
}
