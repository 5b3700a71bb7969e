import { Injectable } from '@nestjs/common';
import { AccessService, roleFitsOrganization } from '@qoldau/access';
import { AuditTrail, diff } from '@qoldau/audit';
import { type Actor, assertPasswordPolicy, PasswordHasher, type Role, SessionsService } from '@qoldau/auth';
import { BusinessRuleError, ConflictError, InvalidInputError, NotFoundError, Page, VersionConflictError } from '@qoldau/core';
import { CreateUserDto, UpdateUserDto, UserQuery, UserView } from './dto/user.dto';
import { OrganizationsRepository } from './organizations.repository';
import { toUserView, UserColumns, UserRecord, UsersRepository } from './users.repository';

/**
 * User administration: accounts belong to one organisation, hold roles that fit its type, and lose
 * every session at once when deactivated, re-passworded, moved or re-roled.
 */
@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly organizations: OrganizationsRepository,
    private readonly access: AccessService,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionsService,
    private readonly audit: AuditTrail,
  ) {}

  list(actor: Actor, query: UserQuery): Promise<Page<UserView>> {
    this.access.authorize(actor, 'read', 'User');
    return this.users.list(this.access.scopeFilter(actor, 'read', 'User'), query);
  }

  async get(actor: Actor, id: string): Promise<UserView> {
    return toUserView(await this.load(actor, 'read', id));
  }

  async create(actor: Actor, input: CreateUserDto): Promise<UserView> {
    this.access.authorize(actor, 'create', 'User');
    const organization = await this.organizations.findById(input.orgId);
    // An organisation outside the admin's region is reported exactly like a missing one.
    if (!organization || !this.access.can(actor, 'create', 'User', { orgId: organization.id, kato: organization.kato })) {
      throw new InvalidInputError('VALIDATION_FAILED', 'The request has invalid fields', [
        { field: 'orgId', code: 'UNKNOWN_ORGANIZATION', message: 'no such organisation in your scope' },
      ]);
    }
    this.checkRolesFit(input.roles, organization.type);
    assertPasswordPolicy(input.username, input.password);
    if (await this.users.usernameTaken(input.username)) throw new ConflictError('USERNAME_TAKEN', `Username ${input.username} is taken`);
    const id = await this.users.insert({
      username: input.username,
      password_hash: await this.hasher.hash(input.password),
      full_name: input.fullName,
      org_id: organization.id,
      roles: input.roles,
      locale: input.locale ?? 'kk',
    });
    return this.get(actor, id);
  }

  async update(actor: Actor, id: string, version: number, input: UpdateUserDto): Promise<UserView> {
    const current = await this.load(actor, 'update', id, { lock: true });
    if (current.version !== version) throw new VersionConflictError(current.version);
    let orgType = current.orgType;
    if (input.orgId && input.orgId !== current.orgId) {
      const target = await this.organizations.findById(input.orgId);
      if (!target || !this.access.can(actor, 'update', 'User', { id, orgId: target.id, kato: target.kato })) {
        throw new InvalidInputError('VALIDATION_FAILED', 'The request has invalid fields', [
          { field: 'orgId', code: 'UNKNOWN_ORGANIZATION', message: 'no such organisation in your scope' },
        ]);
      }
      orgType = target.type;
    }
    if (input.roles || input.orgId) this.checkRolesFit(input.roles ?? current.roles, orgType);
    const columns: UserColumns = Object.fromEntries(
      Object.entries({ full_name: input.fullName, roles: input.roles, locale: input.locale, org_id: input.orgId }).filter(([, v]) => v !== undefined),
    );
    if (Object.keys(columns).length && !(await this.users.update(id, version, columns))) throw new VersionConflictError(version + 1);
    const authorityChanged =
      (input.orgId !== undefined && input.orgId !== current.orgId) ||
      (input.roles !== undefined && [...input.roles].sort().join() !== [...current.roles].sort().join());
    if (authorityChanged) await this.sessions.revokeAllForUser(id, 'roles_or_organization_changed');
    this.audit.note({ resourceType: 'user', resourceId: id, changes: diff(current, input) });
    return this.get(actor, id);
  }

  async deactivate(actor: Actor, id: string): Promise<UserView> {
    await this.load(actor, 'deactivate', id, { lock: true });
    if (id === actor.userId) throw new BusinessRuleError('CANNOT_DEACTIVATE_SELF', 'You cannot deactivate your own account');
    await this.users.update(id, null, { active: false });
    await this.sessions.revokeAllForUser(id, 'deactivated');
    this.audit.note({ resourceType: 'user', resourceId: id, changes: { active: { from: true, to: false } } });
    return this.get(actor, id);
  }

  async activate(actor: Actor, id: string): Promise<UserView> {
    await this.load(actor, 'deactivate', id, { lock: true });
    await this.users.update(id, null, { active: true });
    this.audit.note({ resourceType: 'user', resourceId: id, changes: { active: { from: false, to: true } } });
    return this.get(actor, id);
  }

  async resetPassword(actor: Actor, id: string, password: string): Promise<UserView> {
    const user = await this.load(actor, 'reset_password', id, { lock: true });
    assertPasswordPolicy(user.username, password);
    await this.users.update(id, null, { password_hash: await this.hasher.hash(password), failed_logins: 0, locked_until: null });
    await this.sessions.revokeAllForUser(id, 'password_reset');
    this.audit.note({ resourceType: 'user', resourceId: id, changes: { password: {} } });
    return this.get(actor, id);
  }

  /** Loads a user and authorizes `action` on it; outside the actor's scope it is a 404. */
  private async load(actor: Actor, action: 'read' | 'update' | 'deactivate' | 'reset_password', id: string, options: { lock?: boolean } = {}): Promise<UserRecord> {
    const user = await this.users.findById(id, options);
    if (!user) throw new NotFoundError('User');
    const resource = { id: user.id, orgId: user.orgId, kato: user.orgKato };
    this.access.authorize(actor, 'read', 'User', resource);
    if (action !== 'read') this.access.authorize(actor, action, 'User', resource);
    return user;
  }

  private checkRolesFit(roles: Role[], organizationType: string | null): void {
    const misfits = roles.filter((role) => !roleFitsOrganization(role, organizationType));
    if (misfits.length) {
      throw new BusinessRuleError(
        'ROLE_NOT_ALLOWED_FOR_ORGANIZATION',
        `${misfits.join(', ')} cannot be held in an organisation of type ${organizationType ?? '(none)'}`,
        misfits.map((role) => ({ field: 'roles', code: 'ROLE_NOT_ALLOWED_FOR_ORGANIZATION', message: `${role} does not fit ${organizationType}` })),
      );
    }
  }
}
