import { Injectable } from '@nestjs/common';
import type { Section } from '@qoldau/access';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Clock, SqlRepository, TransactionHost } from '@qoldau/core';

export interface TimelineEvent {
  childId: string;
  /** The case section the event belongs to: only those who see the section see the entry. */
  section: Section;
  /** What happened, `<thing>.<verb>` (child.registered, consent.withdrawn, referral.accepted…). */
  kind: string;
  /** The organisation that acted. */
  orgId: string | null;
  /** The other organisation of a two-party event (the receiver of a referral), for "own org's" sections. */
  counterpartOrgId?: string | null;
  actorUserId?: string | null;
  /** Non-personal facts (codes, ids, statuses). Never names, IINs, addresses or phone numbers. */
  details?: Record<string, unknown>;
  /** Defaults to the Clock's now. */
  at?: Date;
}

/**
 * The child's timeline, written in the caller's transaction. Any lib records what happened to a child
 * here (`timeline.record({ childId, section: 'referrals', kind: 'referral.accepted', … })`); the
 * timeline route shows each entry only to actors who may see its section (DESIGN §5).
 */
@Injectable()
export class CaseTimeline extends SqlRepository {
  constructor(
    txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly clock: Clock,
  ) {
    super(txHost);
  }

  async record(event: TimelineEvent): Promise<void> {
    await this.rows(
      `INSERT INTO timeline_entries (child_id, at, section, kind, org_id, counterpart_org_id, actor_user_id, details)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        event.childId,
        event.at ?? this.clock.now(),
        event.section,
        event.kind,
        event.orgId,
        event.counterpartOrgId ?? null,
        event.actorUserId ?? null,
        JSON.stringify(event.details ?? {}),
      ],
    );
  }
}
