import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { IMPORT_KINDS } from '../import-columns';
import type { ImportRecord, ImportRowRecord } from '../imports.repository';

export class ImportUploadQuery {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true: check every row and answer with the problems, writing nothing' })
  @IsOptional() @IsIn(['true', 'false'])
  dryRun?: 'true' | 'false';
}

export class ImportPageQuery {
  @ApiPropertyOptional({ default: 100, minimum: 1, maximum: 500 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  @ApiPropertyOptional({ default: 0, minimum: 0, maximum: 1_000_000 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(1_000_000) offset?: number;
}

export class ImportRowError {
  @ApiProperty({ type: String, nullable: true, description: 'The column, when the error names one' }) field: string | null;
  @ApiProperty({ description: 'A code of the error catalogue (GET /reference/error-codes)' }) code: string;
  @ApiProperty() message: string;
}

export class ImportRowView {
  @ApiProperty({ description: 'The row as the spreadsheet numbers it (the header is row 1)' }) rowNumber: number;
  @ApiProperty({ enum: ['pending', 'created', 'updated', 'unchanged', 'error'] }) outcome: string;
  @ApiProperty({ type: [ImportRowError] }) errors: ImportRowError[];
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The organisation or child the row created or updated' }) entityId: string | null;
}

export class ImportView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: IMPORT_KINDS }) kind: string;
  @ApiProperty({ type: String, nullable: true }) fileName: string | null;
  @ApiProperty({ enum: ['queued', 'running', 'done'] }) status: string;
  @ApiProperty() rowsTotal: number;
  @ApiProperty() rowsDone: number;
  @ApiProperty() created: number;
  @ApiProperty() updated: number;
  @ApiProperty() unchanged: number;
  @ApiProperty() failed: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt: string | null;
  @ApiProperty({ type: [ImportRowView], description: 'GET /imports/{id}: the page of rows asked for; empty elsewhere' }) rows: ImportRowView[];
}

export class ImportList {
  @ApiProperty({ type: [ImportView] }) items: ImportView[];
}

export class DryRunRowView {
  @ApiProperty() rowNumber: number;
  @ApiProperty({ enum: ['created', 'updated', 'unchanged', 'error'] }) outcome: string;
  @ApiProperty({ type: [ImportRowError] }) errors: ImportRowError[];
}

export class DryRunView {
  @ApiProperty({ enum: IMPORT_KINDS }) kind: string;
  @ApiProperty() rowsTotal: number;
  @ApiProperty() created: number;
  @ApiProperty() updated: number;
  @ApiProperty() unchanged: number;
  @ApiProperty() failed: number;
  @ApiProperty({ type: [DryRunRowView] }) rows: DryRunRowView[];
}

export function importView(record: ImportRecord, rows: ImportRowRecord[]): ImportView {
  return {
    id: record.id, kind: record.kind, fileName: record.fileName, status: record.status, rowsTotal: record.rowsTotal, rowsDone: record.rowsDone,
    created: record.created, updated: record.updated, unchanged: record.unchanged, failed: record.failed,
    createdAt: new Date(record.createdAt).toISOString(), finishedAt: record.finishedAt ? new Date(record.finishedAt).toISOString() : null,
    rows: rows.map((r) => ({ rowNumber: r.rowNumber, outcome: r.outcome, errors: r.errors ?? [], entityId: r.entityId })),
  };
}
