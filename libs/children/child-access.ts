import { Injectable } from '@nestjs/common';
import { AccessService } from '@qoldau/access';
import type { Actor } from '@qoldau/auth';
import { AppError, Clock, NotFoundError } from '@qoldau/core';
import type { CaseScope } from './case-scope';
import { ChildHead, ChildrenRepository } from './children.repository';

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

/** Case-level actions of the policy table (libs/access/policy.ts) that a child id is authorized for. */
export type ChildAction = 'read' | 'update' | 'merge' | 'record_diagnosis' | 'record_disability';

/**
 * The access gate for one child, used first by every use case on a case: the type-level check (403
 * for roles without case access), then the case-level one from the visibility query (404 when not
 * involved — identical to a missing id).
 */
@Injectable()
export class ChildAccess {
  constructor(
    private readonly access: AccessService,
    private readonly children: ChildrenRepository,
    private readonly clock: Clock,
  ) {}

  /** The actor's view of the case table: its organisation, per the policy's "involved" scope, and now. */
  scope(actor: Actor, action: ChildAction | 'create' = 'read'): CaseScope {
    const filter = this.access.scopeFilter(actor, action === 'create' ? 'read' : action, 'Child');
    return { orgId: filter.involvedOrgId ?? null, now: this.clock.now() };
  }

  /** Authorizes `action` on child `id`; `lock` takes the case's row lock for a change. */
  async authorize(actor: Actor, action: ChildAction, id: string, options: { lock?: boolean } = {}): Promise<{ head: ChildHead; scope: CaseScope }> {
    this.access.authorize(actor, action, 'Child');
    const scope = this.scope(actor, action);
    const head = await this.children.head(id, scope, options);
    if (head && head.status === 'merged') await this.pointToSurvivor(actor, action, head, scope);
    this.access.authorize(actor, action, 'Child', { id, visible: head?.visible ?? false });
    if (!head) throw new NotFoundError('Child'); // not reached: an absent child is never visible
    return { head, scope };
  }

  private async pointToSurvivor(actor: Actor, action: ChildAction, tombstone: ChildHead, scope: CaseScope): Promise<void> {
    let current: ChildHead | null = tombstone;
    for (let hop = 0; current?.status === 'merged' && current.mergedInto && hop < MAX_MERGE_HOPS; hop++) {
      current = await this.children.head(current.mergedInto, scope);
    }
    if (current && current.status !== 'merged' && this.access.can(actor, action, 'Child', { id: current.id, visible: current.visible })) {
      throw new ChildMergedError(current.id);
    }
  }
}
