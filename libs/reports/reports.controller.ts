import { Controller, Get, Headers, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor } from '@qoldau/auth';
import { Audit, pickLocale } from '@qoldau/core';
import type { FastifyReply } from 'fastify';
import { SummaryQuery, SummaryView } from './dto/summary.dto';
import { ReportsService } from './reports.service';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('summary')
  @ApiOperation({ operationId: 'getSummaryReport', summary: 'The national picture: the ministry figures and more, by region' })
  @Audit('report.summary')
  @ApiProduces('application/json', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ type: SummaryView, description: 'No personal data; counts of 1–4 children suppressed. format=csv|xlsx: the same table as a file (audited as an export)' })
  async summary(
    @CurrentActor() actor: Actor,
    @Query() query: SummaryQuery,
    @Headers('accept-language') language: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SummaryView | StreamableFile> {
    const locale = pickLocale(language);
    const view = await this.reports.summary(actor, query, locale);
    if (!query.format || query.format === 'json') return view;
    const file = await this.reports.export(view, query.format, locale);
    void reply.header('content-disposition', `attachment; filename="${file.fileName}"`);
    return new StreamableFile(file.content, { type: file.contentType, length: file.content.length });
  }
}
