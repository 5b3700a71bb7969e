import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import { Audit, NoAudit, NoTransaction, Public } from '@qoldau/core';
import type { UserIdentity } from './access-token';
import { type Actor, CurrentActor } from './actor';
import { AuthThrottlerGuard, refreshTracker, LocalAuthGuard, loginTracker, VerifiedIdentity } from './auth.guards';
import { AUTH_POLICY } from './auth-policy';
import { LoginDto, RefreshDto, SessionDto, TokenPairDto } from './dto/auth.dto';
import { SessionsService, TokenPair } from './sessions.service';

const MINUTE = 60_000;

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly sessions: SessionsService) {}

  @Post('login')
  @ApiOperation({ operationId: 'login', summary: 'Sign in' })
  @Public()
  @Audit('auth.login')
  @HttpCode(200)
  @Throttle({ default: { limit: AUTH_POLICY.throttle.loginPerMinute, ttl: MINUTE, getTracker: loginTracker } })
  @UseGuards(AuthThrottlerGuard, LocalAuthGuard)
  @ApiOkResponse({ type: TokenPairDto })
  @ApiUnauthorizedResponse({ description: 'INVALID_CREDENTIALS, or ACCOUNT_LOCKED with lockedUntil' })
  @ApiTooManyRequestsResponse({ description: 'RATE_LIMITED' })
  login(@Body() _credentials: LoginDto, @VerifiedIdentity() identity: UserIdentity): Promise<TokenPair> {
    return this.sessions.start(identity);
  }

  @Post('refresh')
  @ApiOperation({ operationId: 'refreshSession', summary: 'Renew the session with a refresh token' })
  @Public()
  @Audit('auth.refresh')
  @NoTransaction() // SessionsService.refresh runs its own: a refused reuse must still commit the revocation
  @HttpCode(200)
  @Throttle({ default: { limit: AUTH_POLICY.throttle.refreshPerMinute, ttl: MINUTE, getTracker: refreshTracker } })
  @UseGuards(AuthThrottlerGuard)
  @ApiOkResponse({ type: TokenPairDto })
  @ApiUnauthorizedResponse({ description: 'REFRESH_TOKEN_INVALID, REFRESH_TOKEN_EXPIRED, REFRESH_TOKEN_REUSED or SESSION_REVOKED' })
  @ApiTooManyRequestsResponse({ description: 'RATE_LIMITED' })
  refresh(@Body() body: RefreshDto): Promise<TokenPair> {
    return this.sessions.refresh(body.refreshToken);
  }

  @Post('logout')
  @ApiOperation({ operationId: 'logout', summary: 'Sign out' })
  @Audit('auth.logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiNoContentResponse({ description: 'The session, its refresh token and its access tokens are ended' })
  logout(@CurrentActor() actor: Actor): Promise<void> {
    return this.sessions.logout(actor);
  }

  @Get('session')
  @ApiOperation({ operationId: 'getSession', summary: 'Show the current session' })
  @NoTransaction()
  @NoAudit() // echoes the caller's own token claims: no personal or case data
  @ApiBearerAuth()
  @ApiOkResponse({ type: SessionDto, description: 'Who the access token says you are' })
  session(@CurrentActor() actor: Actor): SessionDto {
    const { sessionId, userId, username, orgId, orgType, sector, regionKato, roles } = actor;
    return { sessionId, userId, username, orgId, orgType, sector, regionKato, roles };
  }
}
