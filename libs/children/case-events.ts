import { Injectable } from '@nestjs/common';
import type { Section } from '@qoldau/access';
import { AuditTrail, type Changes } from '@qoldau/audit';
import type { Actor } from '@qoldau/auth';
import { NotificationsService, type NotificationMessage } from '@qoldau/notifications';
import { ChildrenRepository } from './children.repository';
import { CaseTimeline } from './timeline/case-timeline';

/** Something that happened to a child's case, said once: the recorder writes it everywhere it belongs. */
export interface CaseEvent {
  childId: string;
  /** The case section it belongs to: only those who see the section see the timeline entry. */
  section: Section;
  /** `<thing>.<verb>`: consent.granted, placement.activated, referral.accepted… */
  kind: string;
  /** Who acted; null for the system (a job). */
  actor: Actor | null;
  /** The organisation the entry is shown as, when not the actor's (a placement's school). */
  orgId?: string | null;
  /** The other organisation of a two-party event (a referral's receiver), for "own org's" sections. */
  counterpartOrgId?: string | null;
  /** Non-personal facts for the timeline: codes, ids, statuses — never names, IINs or free text. */
  details?: Record<string, unknown>;
  at?: Date;
  /** The audit trail's view of the change; values of personal fields already reduced to names. Absent
   * when the change is part of a larger one the use case notes itself (a guardian added at registration). */
  audit?: {
    resourceType: string; resourceId: string; changes?: Changes; reason?: string | null;
    /** An event of its own under this action, for a second resource the use case changes (a superseded conclusion). */
    action?: string;
  };
  /** Organisations to tell, and what (ids and codes only). */
  notify?: { orgIds: readonly string[]; message: Omit<NotificationMessage, 'childId'> };
  /** Whether the case record's own version moves (identity, guardians, consents, health). Default true. */
  touchesCase?: boolean;
}

/**
 * The one case-event recorder: a change to a case is one call that bumps the case version, appends
 * the timeline entry, notes the audit event and notifies whoever must know — in the use case's
 * transaction, so either all of it happens or none. Use cases never pair these by hand.
 */
@Injectable()
export class CaseEvents {
  constructor(
    private readonly children: ChildrenRepository,
    private readonly timeline: CaseTimeline,
    private readonly audit: AuditTrail,
    private readonly notifications: NotificationsService,
  ) {}

  async record(event: CaseEvent): Promise<void> {
    if (event.touchesCase !== false) await this.children.touch(event.childId);
    await this.timeline.record({
      childId: event.childId,
      section: event.section,
      kind: event.kind,
      orgId: event.orgId !== undefined ? event.orgId : (event.actor?.orgId ?? null),
      counterpartOrgId: event.counterpartOrgId ?? null,
      actorUserId: event.actor?.userId ?? null,
      details: event.details,
      at: event.at,
    });
    if (event.audit?.action) {
      const { action, ...audit } = event.audit;
      await this.audit.record({ ...audit, action, outcome: 'allowed', operation: 'change', childId: event.childId });
    } else if (event.audit) {
      this.audit.note({ ...event.audit, childId: event.childId });
    }
    for (const orgId of event.notify?.orgIds ?? []) {
      await this.notifications.notifyOrganization(orgId, { ...event.notify!.message, childId: event.childId });
    }
  }
}
