import { Injectable } from '@nestjs/common';
import type { Actor } from '@qoldau/auth';
import { Clock, NotFoundError, Page } from '@qoldau/core';
import type { NotificationQuery, NotificationView } from './dto/notification.dto';
import { NotificationMessage, NotificationsRepository } from './notifications.repository';

/**
 * In-app notifications. Other libs call `notifyOrganization` / `notifyUsers` inside their use case's
 * transaction; each new notification also queues an outbox message (e-mail/SMS), delivered after commit
 * by the `notifications.outbox` job. A user reads and marks only their own notifications.
 */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * Notifies every active user of the organisation. Returns the ids of the users notified now (those
   * already notified with the same `dedupeKey` are skipped).
   *
   *   await notifications.notifyOrganization(toOrgId, { kind: 'referral.received', childId, referralId, payload: { serviceType } });
   */
  notifyOrganization(orgId: string, message: NotificationMessage): Promise<string[]> {
    return this.notifications.insertFor(
      { sql: `SELECT u.id AS user_id, u.org_id FROM users u WHERE u.org_id = $1::uuid AND u.active`, params: [orgId] },
      message,
      this.clock.now(),
    );
  }

  /** Notifies the given users (inactive ones are skipped). Returns the ids of the users notified now. */
  notifyUsers(userIds: readonly string[], message: NotificationMessage): Promise<string[]> {
    if (userIds.length === 0) return Promise.resolve([]);
    return this.notifications.insertFor(
      { sql: `SELECT u.id AS user_id, u.org_id FROM users u WHERE u.id = ANY($1::uuid[]) AND u.active`, params: [[...userIds]] },
      message,
      this.clock.now(),
    );
  }

  /**
   * Notifies the active users holding one of `roles` whose organisation covers the region of `kato`:
   * national ones (no KATO) and those of the same region (the KATO's first two digits).
   */
  notifyRolesCovering(roles: readonly string[], kato: string | null, message: NotificationMessage): Promise<string[]> {
    if (roles.length === 0) return Promise.resolve([]);
    return this.notifications.insertFor(
      {
        sql: `SELECT u.id AS user_id, u.org_id FROM users u LEFT JOIN organizations o ON o.id = u.org_id
               WHERE u.active AND u.roles && $1::text[] AND (o.kato IS NULL OR left(o.kato, 2) = left($2::text, 2))`,
        params: [[...roles], kato],
      },
      message,
      this.clock.now(),
    );
  }

  list(actor: Actor, query: NotificationQuery): Promise<Page<NotificationView>> {
    return this.notifications.page(actor.userId, query);
  }

  async unreadCount(actor: Actor): Promise<{ unread: number }> {
    return { unread: await this.notifications.unreadCount(actor.userId) };
  }

  /** Idempotent: reading a read notification keeps its first reading time. Someone else's → 404. */
  async markRead(actor: Actor, id: string): Promise<NotificationView> {
    const view = await this.notifications.markRead(actor.userId, id, this.clock.now());
    if (!view) throw new NotFoundError('Notification');
    return view;
  }

  async markAllRead(actor: Actor): Promise<{ marked: number }> {
    return { marked: await this.notifications.markAllRead(actor.userId, this.clock.now()) };
  }
}
