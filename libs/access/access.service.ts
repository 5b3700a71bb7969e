import { AbilityBuilder, createMongoAbility, MongoAbility, subject as tag } from '@casl/ability';
import { Injectable } from '@nestjs/common';
import type { Actor } from '@qoldau/auth';
import { ForbiddenError, NotFoundError } from '@qoldau/core';
import { Action, POLICY, PolicyRule, Scope, Subject } from './policy';

type Ability = MongoAbility<[Action, Subject | ({ __caslSubjectType__: Subject } & object)]>;

/** What a resource must expose for its scope conditions to be evaluated. */
export interface ScopedResource {
  id?: string;
  /** Organisation the resource belongs to (a user's organisation; an organisation's own id). */
  orgId?: string | null;
  /** Region (KATO) of the resource. */
  kato?: string | null;
  /** For child cases: computed by the visibility query for this actor. */
  visible?: boolean;
}

/**
 * A list query's filter derived from the same policy rows: the union of the scopes the actor holds.
 * `all` = no filter; otherwise OR together whichever of the fields are set; nothing set = no rows.
 */
export interface ScopeFilter {
  all: boolean;
  orgId?: string;
  regionKato?: string;
  userId?: string;
  involvedOrgId?: string;
}

function conditionFor(scope: Scope, actor: Actor): Record<string, unknown> | undefined {
  switch (scope) {
    case 'any':
    case 'national':
      return undefined;
    case 'region':
      return actor.regionKato ? { kato: actor.regionKato } : undefined;
    case 'own_org':
      return { orgId: actor.orgId };
    case 'self':
      return { id: actor.userId };
    case 'involved':
      return { visible: true };
  }
}

/** The rows that apply to the actor: its roles, and 'national' rows only when it has no region. */
function rulesOf(actor: Actor): PolicyRule[] {
  return POLICY.filter((rule) => actor.roles.includes(rule.role) && (rule.scope !== 'national' || !actor.regionKato));
}

/**
 * The one access gate. Every use case calls `authorize` first; nothing else decides permissions.
 * Denial shape: when the actor may do this action to SOME instances of the subject but not this one,
 * the instance is outside its scope and must look missing (404). When it may not do the action at
 * all, and the existence of the resource is not secret, it is 403.
 */
@Injectable()
export class AccessService {
  private readonly cache = new WeakMap<Actor, Ability>();

  ability(actor: Actor): Ability {
    let ability = this.cache.get(actor);
    if (!ability) {
      const builder = new AbilityBuilder<Ability>(createMongoAbility);
      for (const rule of rulesOf(actor)) builder.can(rule.action, rule.subject, conditionFor(rule.scope, actor) as never);
      ability = builder.build();
      this.cache.set(actor, ability);
    }
    return ability;
  }

  /** May the actor do `action` to at least some instances of `subject`? */
  can(actor: Actor, action: Action, subject: Subject, resource?: ScopedResource): boolean {
    const ability = this.ability(actor);
    return resource ? ability.can(action, tag(subject, { ...resource })) : ability.can(action, subject);
  }

  /** Throws NotFound (outside scope) or Forbidden (no permission at all) unless allowed. */
  authorize(actor: Actor, action: Action, subject: Subject, resource?: ScopedResource): void {
    if (this.can(actor, action, subject, resource)) return;
    const error =
      resource && this.can(actor, action, subject)
        ? new NotFoundError(subject)
        : new ForbiddenError('FORBIDDEN', `You may not ${action.replace('_', ' ')} ${subject.toLowerCase()} records`);
    // Denials are audited too: tell the trail what was refused (never sent to the client).
    error.denial = { resourceType: subject, resourceId: resource?.id ?? null, childId: subject === 'Child' ? (resource?.id ?? null) : null };
    throw error;
  }

  /** The WHERE-clause ingredients for listing `subject` instances the actor may `action`. */
  scopeFilter(actor: Actor, action: Action, subject: Subject): ScopeFilter {
    const filter: ScopeFilter = { all: false };
    for (const rule of rulesOf(actor)) {
      if (rule.action !== action || rule.subject !== subject) continue;
      switch (rule.scope) {
        case 'any':
        case 'national':
          return { all: true };
        case 'region':
          if (!actor.regionKato) return { all: true };
          filter.regionKato = actor.regionKato;
          break;
        case 'own_org':
          if (actor.orgId) filter.orgId = actor.orgId;
          break;
        case 'self':
          filter.userId = actor.userId;
          break;
        case 'involved':
          if (actor.orgId) filter.involvedOrgId = actor.orgId;
          break;
      }
    }
    return filter;
  }

  /** Type-level permissions as `action:Subject` strings, for the UI (GET /me). */
  permissions(actor: Actor): string[] {
    return [...new Set(rulesOf(actor).map((rule) => `${rule.action}:${rule.subject}`))].sort();
  }
}
