import { Injectable } from '@nestjs/common';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Clock, TransactionHost, UnauthenticatedError } from '@qoldau/core';
import { AccessTokenIssuer, type UserIdentity } from './access-token';
import type { Actor } from './actor';
import { AuthEvents } from './auth-events';
import { AUTH_POLICY } from './auth-policy';
import { expiredRefreshToken, invalidRefreshToken, reusedRefreshToken, sessionRevoked } from './auth-errors';
import { hashRefreshToken, newRefreshToken } from './refresh-token';
import { RevokedSessions } from './revoked-sessions';
import { SessionsRepository } from './sessions.repository';
import { UserAccountsRepository } from './user-accounts.repository';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
}

/** Why sessions end; other libs pass their own reason to revokeAllForUser (e.g. 'user_deactivated'). */
export type RevocationReason = 'logout' | 'refresh_token_reuse' | 'user_inactive' | (string & {});

type Rotation = { pair: TokenPair } | { refused: UnauthenticatedError };

const addMs = (at: Date, ms: number) => new Date(at.getTime() + ms);

/**
 * Sessions (refresh-token families) and the tokens issued for them. One method per use case, so the
 * audit writer can hook each: start (login success), refresh (rotation), logout, revokeFamily (one
 * session, e.g. on refresh-token reuse) and revokeAllForUser (the users API on deactivation, password
 * reset, role or organisation change).
 */
@Injectable()
export class SessionsService {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly users: UserAccountsRepository,
    private readonly accessTokens: AccessTokenIssuer,
    private readonly revoked: RevokedSessions,
    private readonly clock: Clock,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly events: AuthEvents,
  ) {}

  /** Login success: a new session for credentials already verified, with its first token pair. */
  async start(identity: UserIdentity): Promise<TokenPair> {
    const now = this.clock.now();
    const expiresAt = addMs(now, AUTH_POLICY.sessionMaxAgeMs);
    const sessionId = await this.sessions.create(identity.userId, now, expiresAt);
    return this.issue(identity, sessionId, expiresAt);
  }

  /**
   * Exchanges a refresh token for a new pair. Runs in its own transaction rather than the request's:
   * refusing a reused token must still commit the revocation of its family while the request answers 401.
   */
  async refresh(refreshToken: string): Promise<TokenPair> {
    const outcome = await this.txHost.withTransaction(() => this.rotate(hashRefreshToken(refreshToken)));
    if ('refused' in outcome) throw outcome.refused;
    return outcome.pair;
  }

  /** Ends the actor's own session: its refresh token and every access token issued for it. */
  async logout(actor: Actor): Promise<void> {
    await this.revokeFamily(actor.sessionId, 'logout');
  }

  /** Token-family revocation: ends one session at once, on every replica, access tokens included. */
  async revokeFamily(sessionId: string, reason: RevocationReason): Promise<void> {
    const ids = await this.sessions.revoke({ sessionId }, reason, this.clock.now());
    this.revoked.revokedBy(this.txHost.tx, ids);
    if (ids.length) await this.events.sessionsRevoked({ userId: null, sessionIds: ids, reason });
  }

  /**
   * Ends every session of a user at once, access tokens included (effective when the caller's
   * transaction commits). For the users API: deactivation, password reset, role or organisation change.
   * Returns how many sessions were still live.
   */
  async revokeAllForUser(userId: string, reason: RevocationReason): Promise<number> {
    const ids = await this.sessions.revoke({ userId }, reason, this.clock.now());
    this.revoked.revokedBy(this.txHost.tx, ids);
    if (ids.length) await this.events.sessionsRevoked({ userId, sessionIds: ids, reason });
    return ids.length;
  }

  /**
   * Ends every other session of a user, keeping `keepSessionId` (the one asking): after a user changes
   * their own password, a device signed in with the old one is signed out, the one in hand is not.
   */
  async revokeOthersOfUser(userId: string, keepSessionId: string, reason: RevocationReason): Promise<number> {
    const ids = await this.sessions.revoke({ userId, except: keepSessionId }, reason, this.clock.now());
    this.revoked.revokedBy(this.txHost.tx, ids);
    if (ids.length) await this.events.sessionsRevoked({ userId, sessionIds: ids, reason });
    return ids.length;
  }

  private async rotate(tokenHash: Buffer): Promise<Rotation> {
    const now = this.clock.now();
    const token = await this.sessions.findForRefresh(tokenHash);
    if (!token) return { refused: invalidRefreshToken() };
    if (token.sessionRevokedAt) return { refused: sessionRevoked() };
    if (token.rotatedAt) {
      // Someone holds a token that was already exchanged: the legitimate client or a thief — we cannot
      // tell which, so the whole family ends and both must log in again.
      await this.revokeFamily(token.sessionId, 'refresh_token_reuse');
      return { refused: reusedRefreshToken() };
    }
    if (token.expiresAt <= now || token.sessionExpiresAt <= now) return { refused: expiredRefreshToken() };
    const account = await this.users.findById(token.userId);
    if (!account?.active) {
      await this.revokeFamily(token.sessionId, 'user_inactive');
      return { refused: sessionRevoked() };
    }
    await this.sessions.markRotated(token.tokenId, now);
    return { pair: await this.issue(account.identity, token.sessionId, token.sessionExpiresAt) };
  }

  /** An access token with the current identity and the next refresh token of the family. */
  private async issue(identity: UserIdentity, sessionId: string, sessionExpiresAt: Date): Promise<TokenPair> {
    const now = this.clock.now();
    const refreshToken = newRefreshToken();
    const idleExpiry = addMs(now, AUTH_POLICY.refreshIdleMs);
    const expiresAt = idleExpiry < sessionExpiresAt ? idleExpiry : sessionExpiresAt;
    await this.sessions.addRefreshToken(sessionId, hashRefreshToken(refreshToken), now, expiresAt);
    const { accessToken, expiresIn } = this.accessTokens.issue(identity, sessionId);
    return { accessToken, refreshToken, expiresIn };
  }
}
