import { Injectable } from '@nestjs/common';
import { AuthEvents } from '@qoldau/auth';
import { AuditTrail } from './audit-trail';
import { AuditWriter } from './audit-writer';

/** Authentication's events on the one audit trail. */
@Injectable()
export class AuditAuthEvents extends AuthEvents {
  constructor(
    private readonly trail: AuditTrail,
    private readonly writer: AuditWriter,
  ) {
    super();
  }

  /** Committed on its own: the login request is about to answer 401. */
  async loginFailed(event: { userId: string | null; orgId: string | null; reason: string }): Promise<void> {
    await this.writer.writeDetached(
      { action: 'auth.login', outcome: 'denied', resourceType: 'user', resourceId: event.userId, actorUserId: event.userId, actorOrgId: event.orgId, reason: event.reason },
      this.trail.origin(),
    );
  }

  async sessionsRevoked(event: { userId: string | null; sessionIds: string[]; reason: string }): Promise<void> {
    await this.trail.record({
      action: 'auth.sessions_revoked',
      outcome: 'allowed',
      resourceType: 'session',
      resourceId: event.sessionIds.length === 1 ? event.sessionIds[0] : null,
      reason: event.reason,
      changes: { user: { to: event.userId }, sessions: { to: event.sessionIds } },
    });
  }
}
