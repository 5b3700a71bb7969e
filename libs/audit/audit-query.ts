import { Injectable } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AccessService } from '@qoldau/access';
import type { Actor } from '@qoldau/auth';
import { decodeCursor, maskChildIdentity, Page, PageQuery, SqlRepository, toPage, TransactionHost } from '@qoldau/core';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type { SealableRow } from './canonical';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';

export class AuditQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() childId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() actorUserId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() actorOrgId?: string;
  @ApiPropertyOptional({ example: 'child.read' }) @IsOptional() @IsString() @MaxLength(100) @Matches(/^[\w .:/{}*-]+$/) action?: string;
  @ApiPropertyOptional({ example: 'child', description: 'What kind of record was read or changed' }) @IsOptional() @IsString() @MaxLength(50) @Matches(/^[a-z_]+$/) resourceType?: string;
  @ApiPropertyOptional({ description: 'The id of that record (with or without resourceType)' }) @IsOptional() @IsString() @MaxLength(100) @Matches(/^[\w-]+$/) resourceId?: string;
  @ApiPropertyOptional({ enum: ['allowed', 'denied'] }) @IsOptional() @IsIn(['allowed', 'denied']) outcome?: string;
  @ApiPropertyOptional({ example: '2026-11-01T00:00:00Z' }) @IsOptional() @IsISO8601({ strict: true }) from?: string;
  @ApiPropertyOptional({ example: '2026-12-01T00:00:00Z' }) @IsOptional() @IsISO8601({ strict: true }) to?: string;
}

export class AuditEventView {
  @ApiProperty() id: string;
  @ApiProperty() at: string;
  @ApiProperty({ type: String, nullable: true }) actorUserId: string | null;
  @ApiProperty({ type: String, nullable: true }) actorOrgId: string | null;
  @ApiProperty() action: string;
  @ApiProperty({ type: String, nullable: true }) resourceType: string | null;
  @ApiProperty({ type: String, nullable: true }) resourceId: string | null;
  @ApiProperty({ type: String, nullable: true }) childId: string | null;
  @ApiProperty({ enum: ['allowed', 'denied'] }) outcome: string;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty({ type: String, nullable: true }) requestId: string | null;
  @ApiProperty({ type: String, nullable: true }) ip: string | null;
  @ApiProperty({ nullable: true, type: Object, additionalProperties: true }) changes: unknown;
  @ApiProperty() sealed: boolean;
}

export class AuditPage {
  @ApiProperty({ type: [AuditEventView] }) items: AuditEventView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

type Row = SealableRow & { seal_hash: string | null; last_name: string | null; first_name: string | null; patronymic: string | null };

// Reasons are free text (a break-glass reason often names the child): auditors see them without the
// child's IIN or names.
const toView = (r: Row): AuditEventView => ({
  id: r.id, at: r.at.toISOString(), actorUserId: r.actor_user_id, actorOrgId: r.actor_org_id, action: r.action,
  resourceType: r.resource_type, resourceId: r.resource_id, childId: r.child_id, outcome: r.outcome,
  reason: r.reason === null ? null : maskChildIdentity(r.reason, [r.last_name, r.first_name, r.patronymic]),
  requestId: r.request_id, ip: r.ip, changes: r.changes, sealed: r.seal_hash !== null,
});

/**
 * Reading the trail: auditors only — what actors of their region did, and what anyone did to a child
 * of their region (a break-glass from another region included); everything for a national auditor.
 */
@Injectable()
export class AuditQueryService extends SqlRepository {
  constructor(
    txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly access: AccessService,
  ) {
    super(txHost);
  }

  async list(actor: Actor, query: AuditQuery): Promise<Page<AuditEventView>> {
    this.access.authorize(actor, 'read', 'AuditLog');
    const scope = this.access.scopeFilter(actor, 'read', 'AuditLog');
    const params: unknown[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const where: string[] = [];
    if (!scope.all) {
      where.push(
        scope.regionKato
          ? `(e.actor_org_id IN (SELECT id FROM organizations WHERE kato = ${p(scope.regionKato)})` +
              ` OR e.child_id IN (SELECT id FROM children WHERE left(kato, 2) || '0000000' = $${params.length}))`
          : 'false',
      );
    }
    if (query.childId) where.push(`e.child_id = ${p(query.childId)}`);
    if (query.actorUserId) where.push(`e.actor_user_id = ${p(query.actorUserId)}`);
    if (query.actorOrgId) where.push(`e.actor_org_id = ${p(query.actorOrgId)}`);
    if (query.action) where.push(`e.action = ${p(query.action)}`);
    if (query.resourceType) where.push(`e.resource_type = ${p(query.resourceType)}`);
    if (query.resourceId) where.push(`e.resource_id = ${p(query.resourceId)}`);
    if (query.outcome) where.push(`e.outcome = ${p(query.outcome)}`);
    if (query.from) where.push(`e.at >= ${p(query.from)}`);
    if (query.to) where.push(`e.at < ${p(query.to)}`);
    if (query.cursor) where.push(`e.id < ${p(decodeCursor(query.cursor, 1)[0])}::bigint`);
    const rows = await this.rows<Row>(
      `SELECT e.*, c.last_name, c.first_name, c.patronymic FROM audit_events e LEFT JOIN children c ON c.id = e.child_id ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY e.id DESC LIMIT ${p(query.limit + 1)}`,
      params,
    );
    return toPage(rows, query.limit, (r) => [r.id], toView);
  }
}
