import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Clock } from '@qoldau/core';
import { randomUUID } from 'node:crypto';
import type { Actor, ActorSector } from './actor';
import { AUTH_POLICY, TOKEN_AUDIENCE, TOKEN_ISSUER } from './auth-policy';
import { ROLES, type Role } from './roles';

/** Who a session belongs to, as read from users + organizations at login or refresh. */
export type UserIdentity = Omit<Actor, 'sessionId'>;

/**
 * The claims of an access token: everything the Actor needs, so authenticating a request costs no
 * database round trip. `sub` is the user id and `sid` the session (refresh-token family) id.
 */
export interface AccessTokenClaims {
  sub: string;
  sid: string;
  username: string;
  orgId: string | null;
  orgType: string | null;
  sector: ActorSector | null;
  regionKato: string | null;
  roles: Role[];
  /** Unique per token (two tokens minted in the same second differ; the audit log can name one). */
  jti: string;
  iat: number;
  exp: number;
}

export function claimsFor(identity: UserIdentity, sessionId: string, issuedAt: Date): AccessTokenClaims {
  const iat = Math.floor(issuedAt.getTime() / 1000);
  return {
    sub: identity.userId,
    sid: sessionId,
    username: identity.username,
    orgId: identity.orgId,
    orgType: identity.orgType,
    sector: identity.sector,
    regionKato: identity.regionKato,
    roles: identity.roles,
    jti: randomUUID(),
    iat,
    exp: iat + AUTH_POLICY.accessTokenSeconds,
  };
}

const SECTORS: ReadonlySet<unknown> = new Set<ActorSector | null>(['education', 'health', 'social', null]);
const KNOWN_ROLES: ReadonlySet<unknown> = new Set(ROLES);
const isUuidLike = (value: unknown): value is string => typeof value === 'string' && /^[0-9a-f-]{36}$/i.test(value);
const isNullableString = (value: unknown): value is string | null => value === null || typeof value === 'string';

/**
 * The Actor of a verified token, or null when the claims are not the shape we issue (a token signed
 * with our key but not by this code — e.g. an older format — is refused rather than half-trusted).
 */
export function actorFromClaims(claims: Partial<AccessTokenClaims>): Actor | null {
  const { sub, sid, username, orgId, orgType, sector, regionKato, roles, iat, exp } = claims;
  // Every token we issue expires: one signed with our key but without exp (or living longer than an
  // access token may) is not ours to honour. jsonwebtoken checks exp only when it is present.
  if (typeof iat !== 'number' || typeof exp !== 'number' || !Number.isFinite(exp) || exp - iat > AUTH_POLICY.accessTokenSeconds) return null;
  if (!isUuidLike(sub) || !isUuidLike(sid) || typeof username !== 'string') return null;
  if (!isNullableString(orgId) || !isNullableString(orgType) || !isNullableString(regionKato)) return null;
  if (!SECTORS.has(sector) || !Array.isArray(roles) || !roles.every((r) => KNOWN_ROLES.has(r))) return null;
  return { userId: sub, username, orgId, orgType, sector: sector as ActorSector | null, regionKato, roles, sessionId: sid };
}

/** Signs access tokens with explicit iat/exp taken from the injected Clock. */
@Injectable()
export class AccessTokenIssuer {
  constructor(
    private readonly jwt: JwtService,
    private readonly clock: Clock,
  ) {}

  issue(identity: UserIdentity, sessionId: string): { accessToken: string; expiresIn: number } {
    const claims = claimsFor(identity, sessionId, this.clock.now());
    const accessToken = this.jwt.sign({ ...claims }, { issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE });
    return { accessToken, expiresIn: AUTH_POLICY.accessTokenSeconds };
  }
}
