import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock, SqlRepository, TransactionHost } from '@qoldau/core';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { DataSource } from 'typeorm';
import type { AuditEventInput } from './audit.types';

export interface AuditOrigin {
  actorUserId: string | null;
  actorOrgId: string | null;
  requestId: string | null;
  ip: string | null;
}

const INSERT = `
  INSERT INTO audit_events (at, actor_user_id, actor_org_id, action, resource_type, resource_id, child_id, outcome, reason, request_id, ip, changes, operation)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`;

/** The one audit writer: a single INSERT, normally inside the caller's transaction. */
@Injectable()
export class AuditWriter extends SqlRepository {
  constructor(
    txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {
    super(txHost);
  }

  /** Writes in the current transaction: if the work rolls back, so does its audit row, and vice versa. */
  async write(event: AuditEventInput, origin: AuditOrigin): Promise<void> {
    await this.rows(INSERT, this.values(event, origin));
  }

  /**
   * Writes on its own connection, committed at once: for refusals, whose request transaction is about
   * to roll back but whose attempt must stay on record.
   */
  async writeDetached(event: AuditEventInput, origin: AuditOrigin): Promise<void> {
    await this.dataSource.query(INSERT, this.values(event, origin));
  }

  private values(event: AuditEventInput, origin: AuditOrigin): unknown[] {
    const changes: Record<string, unknown> = {};
    if (event.changes && Object.keys(event.changes).length) changes.fields = event.changes;
    if (event.resultIds) changes.resultIds = event.resultIds;
    if (event.query && Object.keys(event.query).length) changes.query = event.query;
    return [
      this.clock.now(),
      event.actorUserId ?? origin.actorUserId,
      event.actorOrgId ?? origin.actorOrgId,
      event.action,
      event.resourceType ?? null,
      event.resourceId ?? null,
      event.childId ?? null,
      event.outcome,
      event.reason ?? null,
      origin.requestId,
      origin.ip,
      Object.keys(changes).length ? JSON.stringify(changes) : null,
      event.operation ?? 'change',
    ];
  }
}
