import { Injectable } from '@nestjs/common';
import { SqlRepository } from '@qoldau/core';

/** Channel on which every committed revocation announces the session id (see revoked-sessions.ts). */
export const REVOCATION_CHANNEL = 'qoldau_sessions_revoked';

export interface PresentedRefreshToken {
  tokenId: string;
  sessionId: string;
  userId: string;
  expiresAt: Date;
  rotatedAt: Date | null;
  sessionExpiresAt: Date;
  sessionRevokedAt: Date | null;
}

/** SQL for sessions (refresh-token families) and their refresh tokens. No rules here. */
@Injectable()
export class SessionsRepository extends SqlRepository {
  async create(userId: string, createdAt: Date, expiresAt: Date): Promise<string> {
    const [row] = await this.rows<{ id: string }>(
      `INSERT INTO sessions (user_id, created_at, expires_at) VALUES ($1, $2, $3) RETURNING id`,
      [userId, createdAt, expiresAt],
    );
    return row.id;
  }

  async addRefreshToken(sessionId: string, tokenHash: Buffer, issuedAt: Date, expiresAt: Date): Promise<void> {
    await this.rows(`INSERT INTO refresh_tokens (session_id, token_hash, issued_at, expires_at) VALUES ($1, $2, $3, $4)`, [
      sessionId,
      tokenHash,
      issuedAt,
      expiresAt,
    ]);
  }

  /**
   * The presented token and its session, both row-locked until the transaction ends: two refreshes of
   * one family run one after the other, and the second sees the first's rotation. (Locking the token row
   * too matters: after waiting, PostgreSQL re-reads only the rows it locks.)
   */
  async findForRefresh(tokenHash: Buffer): Promise<PresentedRefreshToken | null> {
    const [row] = await this.rows<{
      token_id: string; session_id: string; user_id: string; expires_at: Date; rotated_at: Date | null;
      session_expires_at: Date; session_revoked_at: Date | null;
    }>(
      `SELECT rt.id AS token_id, rt.session_id, s.user_id, rt.expires_at, rt.rotated_at,
              s.expires_at AS session_expires_at, s.revoked_at AS session_revoked_at
         FROM refresh_tokens rt JOIN sessions s ON s.id = rt.session_id
        WHERE rt.token_hash = $1
          FOR UPDATE OF rt, s`,
      [tokenHash],
    );
    if (!row) return null;
    return {
      tokenId: row.token_id,
      sessionId: row.session_id,
      userId: row.user_id,
      expiresAt: row.expires_at,
      rotatedAt: row.rotated_at,
      sessionExpiresAt: row.session_expires_at,
      sessionRevokedAt: row.session_revoked_at,
    };
  }

  async markRotated(tokenId: string, at: Date): Promise<void> {
    await this.rows(`UPDATE refresh_tokens SET rotated_at = $2 WHERE id = $1`, [tokenId, at]);
  }

  /**
   * Revokes the given live sessions and queues a NOTIFY per session, which PostgreSQL delivers to every
   * replica's listener only if and when the surrounding transaction commits. Returns the ids revoked now.
   * One session, or every session of a user but `except` (the one asking) when given.
   */
  async revoke(filter: { sessionId: string } | { userId: string; except?: string }, reason: string, at: Date): Promise<string[]> {
    const [where, params]: [string, unknown[]] =
      'sessionId' in filter
        ? ['id = $1', [filter.sessionId]]
        : filter.except
          ? ['user_id = $1 AND id <> $4', [filter.userId, filter.except]]
          : ['user_id = $1', [filter.userId]];
    const rows = await this.rows<{ id: string }>(
      `WITH revoked AS (
         UPDATE sessions SET revoked_at = $2, revoked_reason = $3
          WHERE ${where} AND revoked_at IS NULL
        RETURNING id
       )
       SELECT id, pg_notify('${REVOCATION_CHANNEL}', id::text) FROM revoked`,
      [params[0], at, reason, ...params.slice(1)],
    );
    return rows.map((r) => r.id);
  }
}
