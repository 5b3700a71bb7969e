import { Injectable } from '@nestjs/common';
import { CaseGate, type CaseGrant, type CaseSections as Redactable } from '@qoldau/access';
import { AuditTrail } from '@qoldau/audit';
import type { Actor } from '@qoldau/auth';
import { NotFoundError } from '@qoldau/core';
import { ChildrenRepository } from './children.repository';
import type { ChildView } from './dto/child.dto';
import { CaseSections } from './sections/case-sections';

/**
 * GET /children/:id: the case assembled from every registered section the actor may see, then passed
 * through the one presenter (DESIGN §2 step 7). Write use cases return the case the same way.
 *
 * After the gate's one statement (the case head), the child's row and every section shown are read by
 * one more: the sections' sub-selects composed around the row, visibility tested once (issue 16).
 */
@Injectable()
export class CaseViewService {
  constructor(
    private readonly gate: CaseGate,
    private readonly children: ChildrenRepository,
    private readonly sections: CaseSections,
    private readonly audit: AuditTrail,
  ) {}

  async read(actor: Actor, id: string): Promise<ChildView> {
    const grant = await this.gate.authorize(actor, 'read', id);
    this.audit.note({ resourceType: 'child', resourceId: id, childId: id });
    return this.present(actor, grant);
  }

  /** The case as it is now, after a change: read afresh, so consents changed by the change count. */
  async assemble(actor: Actor, id: string): Promise<ChildView> {
    return this.present(actor, await this.gate.authorize(actor, 'read', id));
  }

  private async present(actor: Actor, grant: CaseGrant): Promise<ChildView> {
    const { scope } = grant;
    const request = { actor, scope };
    const shown = this.sections.list().filter((provider) => this.gate.sees(actor, grant, provider.section));
    const queried = shown.filter((provider) => provider.select);
    const found = await this.children.readCase(
      grant.head.id,
      scope,
      queried.map((provider) => ({ select: (sql) => provider.select!(sql), values: provider.values?.(request) ?? [] })),
    );
    if (!found) throw new NotFoundError('Child');
    const { child } = found;
    const view: Record<string, unknown> = {
      id: child.id,
      version: child.version,
      status: child.status,
      closedReason: child.closedReason,
      closedAt: child.closedAt,
    };
    for (const provider of shown) {
      const index = queried.indexOf(provider);
      const json = index >= 0 ? found.sections[index] : null;
      view[provider.section] = provider.map ? provider.map(json, { ...request, child }) : json;
    }
    return this.gate.present(actor, grant, view as Redactable) as unknown as ChildView;
  }
}
