import { Body, Controller, Get, HttpCode, Injectable, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { AccessService } from '@qoldau/access';
import { type Actor, CurrentActor, PasswordHasher, passwordWeakness, SessionsService } from '@qoldau/auth';
import { AuditTrail } from '@qoldau/audit';
import { Audit, InvalidInputError, UnauthenticatedError } from '@qoldau/core';
import { OrganizationView } from './dto/organization.dto';
import { ChangeMyPasswordDto, UpdateMeDto, UserView } from './dto/user.dto';
import { OrganizationsRepository } from './organizations.repository';
import { toUserView, UsersRepository } from './users.repository';

class MeView {
  @ApiProperty({ type: UserView }) user: UserView;
  @ApiProperty({ type: OrganizationView, nullable: true }) organization: OrganizationView | null;
  @ApiProperty({ description: 'Type-level permissions as action:Subject, for the UI to show what it may offer', example: ['read:Organization'] })
  permissions: string[];
}

/** Who am I: the signed-in user, its organisation and what the UI may offer it. */
@Injectable()
export class MeService {
  constructor(
    private readonly users: UsersRepository,
    private readonly organizations: OrganizationsRepository,
    private readonly access: AccessService,
    private readonly audit: AuditTrail,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionsService,
  ) {}

  /** The user's own language: anyone signed in may set it for themselves, nobody else's. */
  async setLocale(actor: Actor, locale: string): Promise<MeView> {
    const before = await this.users.findById(actor.userId);
    if (!before || !before.active) throw new UnauthenticatedError('SESSION_REVOKED', 'This account is no longer active');
    await this.users.update(actor.userId, null, { locale });
    this.audit.note({ resourceType: 'user', resourceId: actor.userId, changes: { locale: { from: before.locale, to: locale } } });
    return this.me(actor);
  }

  /**
   * The user's own password: anyone signed in, for themselves only, knowing the current one (a token
   * left on an unlocked screen is not enough to take the account over). Every other session of the
   * user ends; the one asking stays signed in.
   */
  async changePassword(actor: Actor, input: ChangeMyPasswordDto): Promise<void> {
    const user = await this.users.findById(actor.userId, { lock: true });
    const hash = user?.active ? await this.users.passwordHash(actor.userId) : null;
    if (!user || !hash) throw new UnauthenticatedError('SESSION_REVOKED', 'This account is no longer active');
    if (!(await this.hasher.verify(hash, input.currentPassword))) {
      throw new InvalidInputError('VALIDATION_FAILED', 'The current password is wrong', [
        { field: 'currentPassword', code: 'CURRENT_PASSWORD_WRONG', message: 'is not the password of this account' },
      ]);
    }
    const weak = passwordWeakness(user.username, input.newPassword);
    if (weak) throw new InvalidInputError('VALIDATION_FAILED', 'The password does not meet the password policy', [{ ...weak, field: 'newPassword' }]);
    await this.users.update(actor.userId, null, { password_hash: await this.hasher.hash(input.newPassword), failed_logins: 0, locked_until: null });
    await this.sessions.revokeOthersOfUser(actor.userId, actor.sessionId, 'password_changed');
    this.audit.note({ resourceType: 'user', resourceId: actor.userId, changes: { password: {} } });
  }

  async me(actor: Actor): Promise<MeView> {
    const user = await this.users.findById(actor.userId);
    if (!user || !user.active) throw new UnauthenticatedError('SESSION_REVOKED', 'This account is no longer active');
    const organization = user.orgId ? await this.organizations.findById(user.orgId) : null;
    return { user: toUserView(user), organization, permissions: this.access.permissions(actor) };
  }
}

@ApiTags('users')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(private readonly me: MeService) {}

  @Get()
  @ApiOperation({ summary: 'Show who I am and what I may do' })
  @ApiOkResponse({ type: MeView })
  get(@CurrentActor() actor: Actor) {
    return this.me.me(actor);
  }

  @Patch()
  @Audit('user.locale')
  @ApiOperation({ summary: 'Set the language the app speaks to me', operationId: 'updateMe' })
  @ApiOkResponse({ type: MeView })
  update(@CurrentActor() actor: Actor, @Body() body: UpdateMeDto) {
    return this.me.setLocale(actor, body.locale);
  }

  @Post('password')
  @HttpCode(204)
  @Audit('user.password')
  @ApiOperation({ summary: 'Change my own password (other sessions end)', operationId: 'changeMyPassword' })
  @ApiNoContentResponse({ description: 'Changed; every other session of the user has ended' })
  changePassword(@CurrentActor() actor: Actor, @Body() body: ChangeMyPasswordDto): Promise<void> {
    return this.me.changePassword(actor, body);
  }
}
