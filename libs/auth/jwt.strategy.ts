import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { APP_CONFIG, Clock, type RuntimeConfig } from '@qoldau/core';
import { createSecretKey } from 'node:crypto';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { type AccessTokenClaims, actorFromClaims } from './access-token';
import type { Actor } from './actor';
import { invalidToken, sessionRevoked } from './auth-errors';
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from './auth-policy';
import { RevokedSessions } from './revoked-sessions';

/**
 * Verifies the bearer access token (HS256, our issuer and audience, unexpired by the injected Clock)
 * and turns its claims into the Actor. The only per-request state it consults is the in-memory set of
 * revoked sessions.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(APP_CONFIG) config: RuntimeConfig,
    clock: Clock,
    private readonly revoked: RevokedSessions,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A KeyObject, not the string: given a string, jsonwebtoken first tries to parse it as a PEM public
      // key on every verify, and that failed parse is ~97 % of its cost (see docs/auth.md).
      secretOrKey: createSecretKey(Buffer.from(config.jwtSecret, 'utf8')) as unknown as Buffer,
      algorithms: ['HS256'],
      issuer: TOKEN_ISSUER,
      audience: TOKEN_AUDIENCE,
    });
    // passport-jwt copies its verify options once, here; jsonwebtoken copies them again on every verify,
    // which reads this getter, so expiry is judged by the injected Clock at the time of each request.
    Object.defineProperty((this as unknown as { _verifOpts: object })._verifOpts, 'clockTimestamp', {
      enumerable: true,
      get: () => Math.floor(clock.now().getTime() / 1000),
    });
  }

  async validate(claims: AccessTokenClaims): Promise<Actor> {
    const actor = actorFromClaims(claims);
    if (!actor) throw invalidToken();
    if (await this.revoked.isRevoked(actor.sessionId)) throw sessionRevoked();
    return actor;
  }
}
