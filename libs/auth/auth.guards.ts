import { createParamDecorator, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { TokenExpiredError } from '@nestjs/jwt';
import { AuthGuard } from '@nestjs/passport';
import { ThrottlerGuard } from '@nestjs/throttler';
import { createValidationPipe, IS_PUBLIC, TooManyRequestsError } from '@qoldau/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { ClsService } from 'nestjs-cls';
import type { UserIdentity } from './access-token';
import type { Actor } from './actor';
import { expiredToken, invalidCredentials, invalidToken, missingToken } from './auth-errors';
import { normalizeUsername } from './credentials.service';
import { LoginDto } from './dto/auth.dto';

/** Where the guard also puts the Actor, for code that has no request at hand (the audit writer). */
export const CLS_ACTOR = 'actor';

/**
 * The global guard (DESIGN §2 step 1): every route needs a valid, unrevoked access token unless it is
 * marked @Public(). Sets `request.user` and the CLS 'actor' to the Actor.
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(
    private readonly reflector: Reflector,
    private readonly cls: ClsService,
  ) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    return super.canActivate(context);
  }

  override handleRequest<T = Actor>(error: unknown, actor: T | false, info: unknown, context: ExecutionContext): T {
    if (error || !actor) {
      // RFC 6750: tell the client which scheme, and whether its token was the problem.
      const bad = info instanceof Error && info.message !== 'No auth token';
      void context
        .switchToHttp()
        .getResponse<FastifyReply>()
        .header('www-authenticate', bad || error ? 'Bearer error="invalid_token"' : 'Bearer');
      if (error) throw error;
      if (info instanceof TokenExpiredError) throw expiredToken();
      throw bad ? invalidToken() : missingToken();
    }
    if (this.cls.isActive()) this.cls.set(CLS_ACTOR, actor);
    return actor;
  }
}

/**
 * Login: validates the body first (the global pipe runs only after guards, and passport-local would
 * otherwise answer a malformed body with a bare 401), then checks the credentials.
 */
@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  private readonly validation = createValidationPipe();

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    await this.validation.transform(request.body, { type: 'body', metatype: LoginDto });
    return (await super.canActivate(context)) as boolean;
  }

  override handleRequest<T = UserIdentity>(error: unknown, identity: T | false): T {
    if (error) throw error;
    if (!identity) throw invalidCredentials();
    return identity;
  }
}

/** The identity that LocalAuthGuard verified, for the login handler. */
export const VerifiedIdentity = createParamDecorator(
  (_data: unknown, context: ExecutionContext): UserIdentity => context.switchToHttp().getRequest<{ user: UserIdentity }>().user,
);

/** Rate limits for the auth routes only, answered with our 429 RATE_LIMITED problem. */
@Injectable()
export class AuthThrottlerGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(): Promise<void> {
    throw new TooManyRequestsError('Too many attempts; wait a minute and try again');
  }
}

/** Login attempts are counted per client IP and username, so one office's users do not block each other. */
export function loginTracker(request: Record<string, unknown>): string {
  const body = request.body as { username?: unknown } | undefined;
  const username = typeof body?.username === 'string' ? normalizeUsername(body.username) : '';
  return `${String(request.ip)}|${username}`;
}

/**
 * Refreshes are counted per client IP and token: not per IP alone, since a whole ministry can sit
 * behind one NAT address. (Guessing a token is hopeless at 256 bits; this stops runaway clients.)
 */
export function refreshTracker(request: Record<string, unknown>): string {
  const body = request.body as { refreshToken?: unknown } | undefined;
  const token = typeof body?.refreshToken === 'string' ? createHash('sha256').update(body.refreshToken).digest('base64url').slice(0, 22) : '';
  return `${String(request.ip)}|${token}`;
}
