import { applyDecorators, Controller, Get, HttpCode, Param, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiBody, ApiConsumes, ApiExtraModels, ApiOkResponse, ApiOperation, ApiProduces, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { type Actor, CurrentActor } from '@qoldau/auth';
import { Audit, ParseIdPipe } from '@qoldau/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DryRunView, ImportList, ImportPageQuery, ImportUploadQuery, ImportView } from './dto/import.dto';
import { errorsWorkbook } from './errors-workbook';
import type { ImportKind } from './import-columns';
import { ReadUpload, receiveFile } from './import-upload';
import { ImportsService } from './imports.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const UPLOAD_DESCRIPTION =
  'A real run answers 202 with the stored import (a job applies it; poll GET /imports/{id}); the same file again answers 200 with the earlier import. ' +
  'With dryRun=true it answers 200 with every row\'s problems (a DryRunView) and writes nothing. Columns: libs/imports/README.md.';

/** The multipart body and the answers of both upload routes. */
const UploadDocs = () =>
  applyDecorators(
    ApiConsumes('multipart/form-data'),
    ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary', description: 'CSV (UTF-8 or Windows-1251, comma or semicolon) or XLSX, header row first' } } } }),
    ApiAcceptedResponse({ type: ImportView, description: 'Stored; a job applies the rows' }),
    ApiExtraModels(DryRunView),
    ApiOkResponse({ description: 'The same file was imported before (the earlier ImportView), or dryRun=true (a DryRunView)', schema: { anyOf: [{ $ref: getSchemaPath(ImportView) }, { $ref: getSchemaPath(DryRunView) }] } }),
  );

@ApiTags('imports')
@ApiBearerAuth()
@Controller('imports')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Post('organizations')
  @HttpCode(202)
  @Audit('import.upload')
  @ApiOperation({ operationId: 'importOrganizations', summary: 'Upload a CSV or XLSX file of organisations; dryRun=true only checks it', description: UPLOAD_DESCRIPTION })
  @UploadDocs()
  uploadOrganizations(@CurrentActor() actor: Actor, @Query() query: ImportUploadQuery, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.upload('organizations', actor, query, request, reply);
  }

  @Post('children')
  @HttpCode(202)
  @Audit('import.upload')
  @ApiOperation({ operationId: 'importChildren', summary: 'Upload a CSV or XLSX file of children; dryRun=true only checks it', description: UPLOAD_DESCRIPTION })
  @UploadDocs()
  uploadChildren(@CurrentActor() actor: Actor, @Query() query: ImportUploadQuery, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.upload('children', actor, query, request, reply);
  }

  @Post('placements')
  @HttpCode(202)
  @Audit('import.upload')
  @ApiOperation({ operationId: 'importPlacements', summary: "Upload a CSV or XLSX file of your school's placements; dryRun=true only checks it", description: UPLOAD_DESCRIPTION })
  @UploadDocs()
  uploadPlacements(@CurrentActor() actor: Actor, @Query() query: ImportUploadQuery, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.upload('placements', actor, query, request, reply);
  }

  @Post('service-episodes')
  @HttpCode(202)
  @Audit('import.upload')
  @ApiOperation({ operationId: 'importServiceEpisodes', summary: 'Upload a CSV or XLSX file of services your organisation referred children to; dryRun=true only checks it', description: UPLOAD_DESCRIPTION })
  @UploadDocs()
  uploadServiceEpisodes(@CurrentActor() actor: Actor, @Query() query: ImportUploadQuery, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.upload('service-episodes', actor, query, request, reply);
  }

  @Post('assessments')
  @HttpCode(202)
  @Audit('import.upload')
  @ApiOperation({ operationId: 'importAssessments', summary: "Upload a CSV or XLSX file of your PMPC's signed conclusions; dryRun=true only checks it", description: UPLOAD_DESCRIPTION })
  @UploadDocs()
  uploadAssessments(@CurrentActor() actor: Actor, @Query() query: ImportUploadQuery, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.upload('assessments', actor, query, request, reply);
  }

  private async upload(kind: ImportKind, actor: Actor, query: ImportUploadQuery, request: FastifyRequest, reply: FastifyReply): Promise<ImportView | DryRunView> {
    const read: ReadUpload = (sink) => receiveFile(request, kind, sink);
    if (query.dryRun === 'true') {
      void reply.status(200);
      return this.imports.dryRun(actor, kind, read);
    }
    const { view, fresh } = await this.imports.upload(actor, kind, read);
    if (!fresh) void reply.status(200);
    return view;
  }

  @Get()
  @Audit('import.list')
  @ApiOperation({ operationId: 'listImports', summary: "The imports of the caller's organisation, newest first" })
  @ApiOkResponse({ type: ImportList })
  async list(@CurrentActor() actor: Actor, @Query() query: ImportPageQuery): Promise<ImportList> {
    return { items: await this.imports.list(actor, query.limit ?? 50, query.offset ?? 0) };
  }

  @Get(':id')
  @Audit('import.read')
  @ApiOperation({ operationId: 'getImport', summary: 'An import: progress, counts and a page of its rows' })
  @ApiOkResponse({ type: ImportView })
  get(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Query() query: ImportPageQuery): Promise<ImportView> {
    return this.imports.get(actor, id, query.limit ?? 100, query.offset ?? 0);
  }

  @Get(':id/errors.xlsx')
  @Audit('import.errors')
  @ApiOperation({ operationId: 'getImportErrors', summary: 'The rows that failed, as XLSX with an error column, to fix and upload again' })
  @ApiProduces(XLSX)
  @ApiOkResponse({ description: 'XLSX: the failed rows in the import\'s columns plus `error`', content: { [XLSX]: { schema: { type: 'string', format: 'binary' } } } })
  async errors(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<StreamableFile> {
    const { kind, rows } = await this.imports.failedRows(actor, id);
    const content = await errorsWorkbook(kind, rows);
    void reply.header('content-disposition', `attachment; filename="import-${id}-errors.xlsx"`);
    return new StreamableFile(content, { type: XLSX, length: content.length });
  }
}
