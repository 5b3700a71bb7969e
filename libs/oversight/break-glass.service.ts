import { Injectable } from '@nestjs/common';
import { AccessService } from '@qoldau/access';
import { AuditTrail } from '@qoldau/audit';
import type { Actor } from '@qoldau/auth';
import { BusinessRuleError, type CappedCount, cappedCount, Clock, ConflictError, maskChildIdentity, NotFoundError, Page } from '@qoldau/core';
import { NotificationsService } from '@qoldau/notifications';
import { BreakGlassQuery, BreakGlassRequest, BreakGlassReview, BreakGlassView } from './dto';
import { AuditedUse, OversightRepository } from './oversight.repository';

const HOUR = 60 * 60 * 1000;
export const DEFAULT_BREAK_GLASS_HOURS = 24;
/** Uses older than this without a verdict show on auditors' worklists. */
export const REVIEW_OVERDUE_DAYS = 7;

/**
 * Break-glass (DESIGN §5): a health worker or PMPC member opens a case it is not involved with, by exact
 * IIN and with a written reason, for a limited time. It is personal: the use itself is what lets that
 * one user read the case until it expires (libs/access: caseVisibleTo, BREAK_GLASS_ALLOWS) — the
 * organisation gains no involvement, so colleagues see nothing and nothing outlives the window. It
 * tells every organisation already involved, is on the audit trail with its reason, and waits in a
 * queue until an auditor of the child's region, or a national auditor, calls it justified or not.
 */
@Injectable()
export class BreakGlassService {
  constructor(
    private readonly access: AccessService,
    private readonly repository: OversightRepository,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async open(actor: Actor, request: BreakGlassRequest): Promise<BreakGlassView> {
    this.access.authorize(actor, 'break_glass', 'Child');
    const childId = await this.repository.childIdByIin(request.iin);
    if (!childId) throw new NotFoundError('Child');
    const orgId = actor.orgId as string; // every role that may break the glass belongs to an organisation
    const openedAt = this.clock.now();
    const expiresAt = new Date(openedAt.getTime() + (request.hours ?? DEFAULT_BREAK_GLASS_HOURS) * HOUR);
    const notifiedOrgIds = await this.repository.involvedOrganizations(childId, orgId, openedAt);
    const use = await this.repository.insertUse({ childId, userId: actor.userId, orgId, reason: request.reason, openedAt, expiresAt, notifiedOrgIds });
    for (const involvedOrgId of notifiedOrgIds) {
      await this.notifications.notifyOrganization(involvedOrgId, {
        kind: 'case.break_glass',
        childId,
        payload: { breakGlassId: use.id, openedByOrgId: orgId, expiresAt: expiresAt.toISOString() },
      });
    }
    this.audit.note({ resourceType: 'child', resourceId: childId, childId, reason: request.reason, changes: { breakGlass: { to: use.id }, expiresAt: { to: use.expiresAt } } });
    return use;
  }

  async list(actor: Actor, query: BreakGlassQuery): Promise<Page<BreakGlassView>> {
    this.access.authorize(actor, 'review', 'AuditLog');
    const { items, nextCursor } = await this.repository.listUses(this.access.scopeFilter(actor, 'review', 'AuditLog'), query);
    return { items: items.map(forAuditor), nextCursor };
  }

  /** An auditor of the child's region, of the using organisation's region, or a national one, gives the verdict. */
  async review(actor: Actor, id: string, review: BreakGlassReview): Promise<BreakGlassView> {
    this.access.authorize(actor, 'review', 'AuditLog');
    const use = await this.repository.findUse(id, { lock: true });
    if (!use || !use.regions.some((kato) => this.access.can(actor, 'review', 'AuditLog', { id, orgId: use.view.orgId, kato }))) {
      throw new NotFoundError('Break-glass use');
    }
    if (use.view.reviewedAt) throw new ConflictError('ALREADY_REVIEWED', 'This use of break-glass has already been reviewed');
    if (use.view.userId === actor.userId) throw new BusinessRuleError('CANNOT_REVIEW_OWN', 'Nobody reviews their own break-glass');
    await this.repository.review(id, { verdict: review.verdict, comment: review.comment, reviewedBy: actor.userId, reviewedAt: this.clock.now() });
    this.audit.note({ resourceType: 'break_glass', resourceId: id, childId: use.view.childId, changes: { verdict: { to: review.verdict } } });
    return forAuditor((await this.repository.findUse(id))!);
  }

  /** For auditors' worklists: unreviewed uses older than REVIEW_OVERDUE_DAYS in the auditor's scope. */
  async overdueReviews(actor: Actor, limit = 5): Promise<CappedCount & { items: BreakGlassView[] }> {
    this.access.authorize(actor, 'review', 'AuditLog');
    const olderThan = new Date(this.clock.now().getTime() - REVIEW_OVERDUE_DAYS * 24 * HOUR);
    const page = await this.repository.listUses(this.access.scopeFilter(actor, 'review', 'AuditLog'), { reviewed: false, olderThan, limit });
    return { ...cappedCount(page.total), items: page.items.map(forAuditor) };
  }
}

/** Auditors judge the reason, not the child: its IIN and names are masked in what they see. */
function forAuditor(use: AuditedUse): BreakGlassView {
  return { ...use.view, reason: maskChildIdentity(use.view.reason, use.childNames) };
}
