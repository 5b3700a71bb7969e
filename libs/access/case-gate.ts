import { Injectable } from '@nestjs/common';
import type { Actor } from '@qoldau/auth';
import { AppError, Clock, NotFoundError } from '@qoldau/core';
import { AccessRepository, type CaseHead } from './access.repository';
import { AccessService } from './access.service';
import { type Action, breakGlassAllows, type Subject } from './policy';
import { canSeeSection, type RedactionContext, redactCase, type CaseSections, type Section } from './redaction';
import { caseScope, type CaseScope } from './visibility';

/**
 * A merged duplicate, asked for by someone who can see the record it was merged into: a 404 (the
 * tombstone has no case of its own) that says where the case went. Anyone else gets a plain 404.
 */
export class ChildMergedError extends AppError {
  readonly status = 404;
  constructor(mergedInto: string) {
    super('CHILD_MERGED', 'This record was merged into another one; use mergedInto', [], { mergedInto });
  }
}

/** Guards against a loop of tombstones; merges never chain this deep. */
const MAX_MERGE_HOPS = 10;

/** Case-level actions of the policy table that a child id is authorized for. */
export type ChildAction = 'read' | 'update' | 'merge' | 'record_diagnosis' | 'record_disability';

export interface OwnedResource {
  subject: Subject;
  id: string;
  childId: string;
  /** The organisations that own it. */
  owners: readonly string[];
  /** What an owner may do (the policy's own-org rule for `subject`). */
  ownerAction: Action;
  /** The case section it belongs to: readers who see that section may read it. Absent: owners only. */
  section?: Section;
  /** The refusal for an actor known to see the resource but acting for the wrong side. */
  notYours?: () => AppError;
  /** Its very existence is its owners' business (a draft): reading it is 404 for everyone else, never 403. */
  secret?: boolean;
}

/** What the gate hands a use case that may go on: the case, how it is reached, and what may be seen. */
export interface CaseGrant {
  head: CaseHead;
  scope: CaseScope;
  /**
   * Through the organisation's involvement, the actor's own break-glass (read-only), or — for an action
   * the policy allows on any child so named (`enrol`) — the child's exact IIN and birth date.
   */
  via: 'involvement' | 'break_glass' | 'identity';
  /** Decides the section table's consent ("c") cells for this case at this instant. */
  context: RedactionContext;
}

/**
 * The one access gate for case data. Every use case that touches a child calls `require` first:
 * the policy's type-level check (403 for a role that may never do this), then, for every child id,
 * the case-level one — an organisation involvement, or for what break-glass allows the actor's own
 * break-glass — and a child the actor may not reach is 404, identical to a missing id. The grant it
 * returns carries the section context every response that carries case data is presented with.
 */
@Injectable()
export class CaseGate {
  constructor(
    private readonly access: AccessService,
    private readonly repository: AccessRepository,
    private readonly clock: Clock,
  ) {}

  /** The actor's view of the case tables now: its organisation per the policy's "involved" scope, and itself. */
  scope(actor: Actor): CaseScope {
    return caseScope(this.access.scopeFilter(actor, 'read', 'Child').involvedOrgId ?? null, actor.userId, this.clock.now());
  }

  /** Authorizes `action` on `subject` for every child in `childIds` (in that order); `lock` takes their row locks. */
  async require(actor: Actor, action: Action, subject: Subject, childIds: readonly string[], options: { lock?: boolean } = {}): Promise<CaseGrant[]> {
    this.access.authorize(actor, action, subject);
    const scope = this.scope(actor);
    const heads = new Map((await this.repository.caseHeads([...new Set(childIds)], scope, options)).map((head) => [head.id, head]));
    const grants: CaseGrant[] = [];
    // One after another: they share the use case's one connection.
    for (const id of childIds) {
      const head = heads.get(id);
      if (head?.status === 'merged') await this.pointToSurvivor(actor, action, subject, head, scope);
      const via = head ? this.reach(actor, action, subject, head) : undefined;
      this.access.authorize(actor, action, subject, { id, visible: via !== undefined });
      grants.push({ head: head!, scope, via: via!, context: { dataSharingSectors: new Set(head!.dataSharingSectors) } });
    }
    return grants;
  }

  /**
   * A child named by its exact IIN and birth date, for an action the policy allows on any child (a
   * school enrolling a pupil who brings no referral: `enrol Child`). 403 for a role that may not do it;
   * an unknown IIN and a known IIN with another birth date are the same 404, so the pair cannot be
   * probed one half at a time. The grant may go on to change the case (`lock` takes its row lock);
   * the use case usually makes its organisation involved.
   */
  async requireByIdentity(actor: Actor, action: Action, identity: { iin: string; birthDate: string }, options: { lock?: boolean } = {}): Promise<CaseGrant> {
    this.access.authorize(actor, action, 'Child');
    const scope = this.scope(actor);
    const head = await this.repository.caseHeadByIdentity(identity.iin, identity.birthDate, scope, options);
    if (!head) {
      const error = new NotFoundError('Child');
      error.denial = { resourceType: 'Child', resourceId: null, childId: null };
      throw error;
    }
    this.access.authorize(actor, action, 'Child', { id: head.id });
    return { head, scope, via: head.involved ? 'involvement' : 'identity', context: { dataSharingSectors: new Set(head.dataSharingSectors) } };
  }

  /** One child: the common case. */
  async authorize(actor: Actor, action: ChildAction, id: string, options: { lock?: boolean } = {}): Promise<CaseGrant> {
    const [grant] = await this.require(actor, action, 'Child', [id], options);
    return grant;
  }

  /**
   * A resource of a case that organisations own: a placement (its placing organisation), an
   * assessment (its PMPC), a service episode (its provider), a referral (its parties, or for one
   * transition the side it belongs to). An owner may do `ownerAction` as the policy allows for its
   * own organisation — even before it has an involvement with the case. For reading, when `section`
   * is given, whoever reads the case AND sees that section of it may too (health without a health
   * consent does not see a placement: 404); without `section` it is its owners' alone.
   *
   * Anyone else: 404, exactly as for a missing id — unless the actor may not do `ownerAction` to any
   * instance at all (403), or `notYours` says how to refuse a party acting for the other side.
   */
  async requireOwned(actor: Actor, action: 'read' | 'change', resource: OwnedResource): Promise<void> {
    const { subject, id } = resource;
    if (resource.owners.some((orgId) => this.access.can(actor, resource.ownerAction, subject, { id, orgId }))) return;
    if (action === 'change' && resource.notYours) throw resource.notYours();
    if (action === 'read' && resource.section) {
      // A role that may never read cases (403 FORBIDDEN from the gate) gets the same 404 as a random id
      // does, so that the answer does not tell which ids exist.
      const grant = await this.authorize(actor, 'read', resource.childId).catch((error: unknown) => {
        throw error instanceof AppError && (error.status === 404 || error.code === 'FORBIDDEN') ? hidden(resource) : error;
      });
      this.requireSection(actor, grant, resource.section, subject);
      return;
    }
    if (action === 'change' && resource.section && (await this.seesSection(actor, resource.childId, resource.section))) {
      // A reader of the case who sees the resource but does not own it: 403 (or 404 for a same-kind owner elsewhere).
      this.access.authorize(actor, resource.ownerAction, subject, { id, orgId: resource.owners[0] ?? null });
    }
    // 403 for a role that may never change an owners-only resource; reading one, or a case resource
    // the actor cannot see, is 404 for everyone — the same answer a random id gets from the lookup —
    // so its existence is not revealed.
    if (action === 'change' && !resource.section) this.access.authorize(actor, resource.ownerAction, subject);
    throw hidden(resource);
  }

  private async seesSection(actor: Actor, childId: string, section: Section): Promise<boolean> {
    const head = await this.readableHead(actor, childId);
    return head !== undefined && canSeeSection(actor, section, { dataSharingSectors: new Set(head.dataSharingSectors) });
  }

  /** Whether the actor could read this child, without refusing (a duplicate's id is shown only then). */
  async mayRead(actor: Actor, childId: string): Promise<boolean> {
    return (await this.readableHead(actor, childId)) !== undefined;
  }

  /** The child's head when the actor may read it, else undefined — never a refusal. */
  private async readableHead(actor: Actor, childId: string): Promise<CaseHead | undefined> {
    if (!this.access.can(actor, 'read', 'Child')) return undefined;
    const [head] = await this.repository.caseHeads([childId], this.scope(actor));
    return head && this.reach(actor, 'read', 'Child', head) !== undefined ? head : undefined;
  }

  /** 404 when the resource IS a section the actor may not see on this case (a placement for health without consent). */
  requireSection(actor: Actor, grant: CaseGrant, section: Section, what: string): void {
    if (!canSeeSection(actor, section, grant.context)) throw new NotFoundError(what);
  }

  /** Whether the actor sees `section` of this case. */
  sees(actor: Actor, grant: CaseGrant, section: Section): boolean {
    return canSeeSection(actor, section, grant.context);
  }

  /** The one presenter: the case data in `view` with every section the actor may not see omitted. */
  present<T extends CaseSections>(actor: Actor, grant: CaseGrant, view: T): Partial<T> {
    return redactCase(view, actor, grant.context);
  }

  private reach(actor: Actor, action: Action, subject: Subject, head: CaseHead): CaseGrant['via'] | undefined {
    if (head.status === 'merged') return undefined;
    if (head.involved) return 'involvement';
    if (head.breakGlass && breakGlassAllows(actor.roles, action, subject)) return 'break_glass';
    return undefined;
  }

  private async pointToSurvivor(actor: Actor, action: Action, subject: Subject, tombstone: CaseHead, scope: CaseScope): Promise<void> {
    let current: CaseHead | undefined = tombstone;
    for (let hop = 0; current?.status === 'merged' && current.mergedInto && hop < MAX_MERGE_HOPS; hop++) {
      [current] = await this.repository.caseHeads([current.mergedInto], scope);
    }
    if (current && this.reach(actor, action, subject, current) && this.access.can(actor, action, subject, { id: current.id, visible: true })) {
      throw new ChildMergedError(current.id);
    }
  }
}

/** The 404 of a resource the actor may not know of, carrying what the audit trail records of the refusal. */
function hidden(resource: OwnedResource): NotFoundError {
  const error = new NotFoundError(resource.subject);
  error.denial = { resourceType: resource.subject, resourceId: resource.id, childId: resource.childId };
  return error;
}
