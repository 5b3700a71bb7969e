import { Injectable } from '@nestjs/common';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { orgInvolved } from '@qoldau/access';
import { Clock, SqlRepository, TransactionHost } from '@qoldau/core';
import type { InvolvementKind } from '../entities/involvement.entity';

/** Matches the partial unique index UQ_involvements_open (see the Children migration). */
const NO_SOURCE = '00000000-0000-0000-0000-000000000000';

export interface GrantOptions {
  /** The record behind it (referral, placement, assessment…), so that ending one leaves the others. */
  sourceId?: string | null;
  /** Defaults to the Clock's now. */
  since?: Date;
  /** A fixed end (break-glass); null/undefined = until ended. */
  until?: Date | null;
  createdBy?: string | null;
}

/**
 * Involvements: why an organisation sees a child (DESIGN §5). Other libs call these inside their own
 * use case's transaction, after authorizing it:
 *   assessments  grant(childId, pmpcOrgId, 'assessment', { sourceId: assessmentId })
 *   referrals    grant(childId, toOrgId, 'referral', { sourceId: referralId }) … end(…) on completion
 *   placements   grant(childId, orgId, 'placement', { sourceId: placementId }) … end(…) when it ends
 * Rows are ended, never deleted, so the history of who could see a case stays.
 */
@Injectable()
export class InvolvementsService extends SqlRepository {
  constructor(
    txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly clock: Clock,
  ) {
    super(txHost);
  }

  /** Idempotent: an open involvement with the same child, organisation, kind and source is kept. */
  async grant(childId: string, orgId: string, kind: InvolvementKind, options: GrantOptions = {}): Promise<void> {
    await this.rows(
      `INSERT INTO involvements (child_id, org_id, kind, source_id, since, until, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (child_id, org_id, kind, (coalesce(source_id, '${NO_SOURCE}'::uuid))) WHERE until IS NULL DO NOTHING`,
      [childId, orgId, kind, options.sourceId ?? null, options.since ?? this.clock.now(), options.until ?? null, options.createdBy ?? null],
    );
  }

  /** Ends the matching active involvements now; returns how many were ended. */
  async end(childId: string, orgId: string, kind: InvolvementKind, options: { sourceId?: string | null } = {}): Promise<number> {
    return this.affected(
      `UPDATE involvements SET until = GREATEST(since, $5::timestamptz)
        WHERE child_id = $1 AND org_id = $2 AND kind = $3 AND source_id IS NOT DISTINCT FROM $4::uuid
          AND (until IS NULL OR until > $5::timestamptz)`,
      [childId, orgId, kind, options.sourceId ?? null, this.clock.now()],
    );
  }

  /** Whether `orgId` has any active involvement with the child now. */
  async isInvolved(childId: string, orgId: string): Promise<boolean> {
    const now = this.clock.now();
    const rows = await this.rows(
      `SELECT 1 FROM children c WHERE c.id = $1 AND ${orgInvolved('c.id', '$2', '$3')}`,
      [childId, orgId, now],
    );
    return rows.length > 0;
  }
}
