import { Injectable } from '@nestjs/common';
import { SqlRepository } from '@qoldau/core';
import type { ActorSector } from './actor';
import type { UserIdentity } from './access-token';
import type { LoginFailures } from './lockout';
import type { Role } from './roles';

/** A user as authentication sees it: credentials, lockout state and the identity tokens carry. */
export interface UserAccount {
  identity: UserIdentity;
  passwordHash: string;
  active: boolean;
  failures: LoginFailures;
}

interface AccountRow {
  id: string;
  username: string;
  password_hash: string;
  active: boolean;
  roles: Role[];
  org_id: string | null;
  org_type: string | null;
  sector: ActorSector | null;
  region_kato: string | null;
  failed_logins: number;
  failed_logins_since: Date | null;
  locked_until: Date | null;
}

// Sector, type and region come from the user's organisation; the national admin has none (all null).
const SELECT_ACCOUNT = `
  SELECT u.id, u.username, u.password_hash, u.active, u.roles, u.org_id,
         o.type AS org_type, t.sector, o.kato AS region_kato,
         u.failed_logins, u.failed_logins_since, u.locked_until
    FROM users u
    LEFT JOIN organizations o ON o.id = u.org_id
    LEFT JOIN organization_types t ON t.code = o.type`;

function toAccount(row: AccountRow): UserAccount {
  return {
    identity: {
      userId: row.id,
      username: row.username,
      orgId: row.org_id,
      orgType: row.org_type,
      sector: row.sector,
      regionKato: row.region_kato,
      roles: row.roles,
    },
    passwordHash: row.password_hash,
    active: row.active,
    failures: { failedLogins: row.failed_logins, failedLoginsSince: row.failed_logins_since, lockedUntil: row.locked_until },
  };
}

/**
 * Reads and lockout writes on users for authentication. The lockout columns are written with plain SQL
 * that leaves `version` and `updated_at` alone: a failed login is not an edit of the user, and must not
 * make an administrator's If-Match stale.
 */
@Injectable()
export class UserAccountsRepository extends SqlRepository {
  async findByUsername(username: string): Promise<UserAccount | null> {
    const [row] = await this.rows<AccountRow>(`${SELECT_ACCOUNT} WHERE u.username = $1`, [username]);
    return row ? toAccount(row) : null;
  }

  async findById(userId: string): Promise<UserAccount | null> {
    const [row] = await this.rows<AccountRow>(`${SELECT_ACCOUNT} WHERE u.id = $1`, [userId]);
    return row ? toAccount(row) : null;
  }

  /** The lockout state, row-locked until the surrounding transaction ends (concurrent failures queue). */
  async lockFailures(userId: string): Promise<LoginFailures> {
    const [row] = await this.rows<Pick<AccountRow, 'failed_logins' | 'failed_logins_since' | 'locked_until'>>(
      `SELECT failed_logins, failed_logins_since, locked_until FROM users WHERE id = $1 FOR UPDATE`,
      [userId],
    );
    return { failedLogins: row.failed_logins, failedLoginsSince: row.failed_logins_since, lockedUntil: row.locked_until };
  }

  async saveFailures(userId: string, state: LoginFailures): Promise<void> {
    await this.rows(`UPDATE users SET failed_logins = $2, failed_logins_since = $3, locked_until = $4 WHERE id = $1`, [
      userId,
      state.failedLogins,
      state.failedLoginsSince,
      state.lockedUntil,
    ]);
  }
}
