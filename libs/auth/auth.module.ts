import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type RuntimeConfig } from '@qoldau/core';
import { AccessTokenIssuer } from './access-token';
import { AdminBootstrap } from './admin-bootstrap';
import { AuthController } from './auth.controller';
import { JwtAuthGuard } from './auth.guards';
import { AUTH_POLICY } from './auth-policy';
import { CredentialsService } from './credentials.service';
import { JwtStrategy } from './jwt.strategy';
import { LocalStrategy } from './local.strategy';
import { PasswordHasher } from './password-hasher';
import { RefreshToken } from './refresh-token.entity';
import { RevokedSessions } from './revoked-sessions';
import { Session } from './session.entity';
import { SessionsRepository } from './sessions.repository';
import { SessionsService } from './sessions.service';
import { User } from './user.entity';
import { UserAccountsRepository } from './user-accounts.repository';

/**
 * Authentication (docs/auth.md): login, refresh, logout, the global JWT guard that turns every request's
 * token into an Actor, lockout, throttling of the auth routes, and session revocation for other libs.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([User, Session, RefreshToken]),
    PassportModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: RuntimeConfig) => ({ secret: config.jwtSecret, signOptions: { algorithm: 'HS256' } }),
    }),
    // Only routes that use AuthThrottlerGuard are limited; the limits are set per route.
    ThrottlerModule.forRoot({ throttlers: [{ name: 'default', ttl: 60_000, limit: AUTH_POLICY.throttle.loginPerMinute }] }),
  ],
  controllers: [AuthController],
  providers: [
    PasswordHasher,
    AdminBootstrap,
    UserAccountsRepository,
    SessionsRepository,
    AccessTokenIssuer,
    RevokedSessions,
    CredentialsService,
    SessionsService,
    LocalStrategy,
    JwtStrategy,
    { provide: APP_GUARD, useClass: JwtAuthGuard },
  ],
  exports: [PasswordHasher, AdminBootstrap, SessionsService],
})
export class AuthModule {}
