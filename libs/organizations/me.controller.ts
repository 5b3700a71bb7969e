import { Body, Controller, Get, Injectable, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { AccessService } from '@qoldau/access';
import { type Actor, CurrentActor } from '@qoldau/auth';
import { AuditTrail } from '@qoldau/audit';
import { Audit, UnauthenticatedError } from '@qoldau/core';
import { OrganizationView } from './dto/organization.dto';
import { UpdateMeDto, UserView } from './dto/user.dto';
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
  ) {}

  /** The user's own language: anyone signed in may set it for themselves, nobody else's. */
  async setLocale(actor: Actor, locale: string): Promise<MeView> {
    const before = await this.users.findById(actor.userId);
    if (!before || !before.active) throw new UnauthenticatedError('SESSION_REVOKED', 'This account is no longer active');
    await this.users.update(actor.userId, null, { locale });
    this.audit.note({ resourceType: 'user', resourceId: actor.userId, changes: { locale: { from: before.locale, to: locale } } });
    return this.me(actor);
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
}
