import { Controller, Get, Header, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { AccessService } from '@qoldau/access';
import { type Actor, CurrentActor } from '@qoldau/auth';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { stringify } from 'csv-stringify/sync';
import { NoTransaction } from '@qoldau/core';
import { Audit } from './audit.decorators';
import { AuditPage, AuditQuery, AuditQueryService } from './audit-query';
import { AuditSealService } from './audit-seal.service';

class VerifyQuery {
  @ApiPropertyOptional({ description: 'Recompute from the first row instead of the last verified checkpoint' })
  @IsOptional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean()
  full?: boolean;
}

class VerifyView {
  @ApiProperty({ description: 'The chain is intact' }) ok: boolean;
  @ApiProperty({ description: 'Rows whose seal was recomputed' }) checked: number;
  @ApiProperty({ description: 'Verification started after this event id (0 = from the beginning)' }) fromId: string;
  @ApiProperty({ type: String, nullable: true }) lastSealedId: string | null;
  @ApiPropertyOptional({ description: 'The first event where the chain breaks' }) firstBrokenId?: string;
  @ApiPropertyOptional({ enum: ['hash_mismatch', 'unsealed_inside_sealed_range', 'checkpoint_row_missing'] }) problem?: string;
}

class SealView {
  @ApiProperty({ description: 'Events sealed by this run' }) sealed: number;
  @ApiProperty({ type: String, nullable: true }) lastSealedId: string | null;
}

/** Rows per CSV export; a larger period is exported in several files. */
export const EXPORT_LIMIT = 10_000;

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(
    private readonly query: AuditQueryService,
    private readonly seal: AuditSealService,
    private readonly access: AccessService,
  ) {}

  @Get()
  @ApiOperation({ operationId: 'listAuditEvents', summary: 'Search the audit trail' })
  @Audit('audit.read')
  @ApiOkResponse({ type: AuditPage })
  list(@CurrentActor() actor: Actor, @Query() query: AuditQuery) {
    return this.query.list(actor, query);
  }

  @Get('export.csv')
  @ApiOperation({ operationId: 'exportAuditEvents', summary: 'Export the audit trail as CSV' })
  @Audit('audit.export')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="audit.csv"')
  @ApiProduces('text/csv')
  @ApiOkResponse({ schema: { type: 'string' }, description: 'UTF-8 CSV (with a BOM), one event per row; at most 10 000 rows' })
  async export(@CurrentActor() actor: Actor, @Query() query: AuditQuery): Promise<string> {
    const page = await this.query.list(actor, { ...query, limit: EXPORT_LIMIT });
    const header = ['id', 'at', 'actorUserId', 'actorOrgId', 'action', 'resourceType', 'resourceId', 'childId', 'outcome', 'reason', 'requestId', 'ip', 'changes', 'sealed'];
    const rows = page.items.map((e) => [e.id, e.at, e.actorUserId, e.actorOrgId, e.action, e.resourceType, e.resourceId, e.childId, e.outcome, e.reason, e.requestId, e.ip, e.changes === null ? '' : JSON.stringify(e.changes), e.sealed]);
    // A BOM so spreadsheet programs read Kazakh and Russian text as UTF-8.
    return '\ufeff' + stringify([header, ...rows]);
  }

  @Get('verify')
  @ApiOperation({ operationId: 'verifyAuditTrail', summary: 'Verify the audit trail has not been altered' })
  @Audit('audit.verify')
  // The walk runs in a REPEATABLE READ transaction of its own; a request transaction held open beside
  // it sat idle for the whole walk and was ended by idle_in_transaction_session_timeout (2 × the statement
  // timeout) once the chain took longer than that (5 M rows), so the audit row could not be written (503).
  @NoTransaction()
  @ApiOkResponse({ type: VerifyView })
  verify(@CurrentActor() actor: Actor, @Query() query: VerifyQuery) {
    this.access.authorize(actor, 'verify', 'AuditLog');
    return this.seal.verify({ full: query.full });
  }

  @Post('seal')
  @ApiOperation({ operationId: 'sealAuditTrail', summary: 'Seal the audit trail now' })
  @HttpCode(200)
  @Audit('audit.seal')
  @ApiOkResponse({ type: SealView })
  sealNow(@CurrentActor() actor: Actor) {
    this.access.authorize(actor, 'verify', 'AuditLog');
    return this.seal.seal();
  }
}
