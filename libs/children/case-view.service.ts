import { Injectable } from '@nestjs/common';
import { canSeeSection, type CaseSections as Redactable, redactCase } from '@qoldau/access';
import { AuditTrail } from '@qoldau/audit';
import type { Actor } from '@qoldau/auth';
import { NotFoundError } from '@qoldau/core';
import type { CaseScope } from './case-scope';
import { ChildAccess } from './child-access';
import { ChildrenRepository } from './children.repository';
import type { ChildView } from './dto/child.dto';
import { CaseSections } from './sections/case-sections';
import { SectionAccess } from './sections/section-access';

/**
 * GET /children/:id: the case assembled from every registered section the actor may see, then passed
 * through the one redactor (DESIGN §2 step 7). Write use cases return the case the same way.
 */
@Injectable()
export class CaseViewService {
  constructor(
    private readonly gate: ChildAccess,
    private readonly children: ChildrenRepository,
    private readonly sections: CaseSections,
    private readonly sectionAccess: SectionAccess,
    private readonly audit: AuditTrail,
  ) {}

  async read(actor: Actor, id: string): Promise<ChildView> {
    const { scope } = await this.gate.authorize(actor, 'read', id);
    this.audit.note({ resourceType: 'child', resourceId: id, childId: id });
    return this.assemble(actor, id, scope);
  }

  /** The redacted case for an actor already authorized to read it. */
  async assemble(actor: Actor, id: string, scope: CaseScope): Promise<ChildView> {
    const child = await this.children.findVisible(id, scope);
    if (!child) throw new NotFoundError('Child');
    const context = await this.sectionAccess.context(id, scope);
    const view: Record<string, unknown> = {
      id: child.id,
      version: child.version,
      status: child.status,
      closedReason: child.closedReason,
      closedAt: child.closedAt,
    };
    for (const provider of this.sections.list()) {
      if (!canSeeSection(actor, provider.section, context)) continue;
      view[provider.section] = await provider.load(id, { actor, scope, child });
    }
    return redactCase(view as Redactable, actor, context) as unknown as ChildView;
  }
}
