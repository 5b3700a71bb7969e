import { Injectable, NotImplementedException } from '@nestjs/common';
import type { Actor } from '@qoldau/auth';
import type { Locale } from '@qoldau/core';
import type { SummaryQuery, SummaryView } from './dto/summary.dto';

/** Issue 17, in progress: the contract is fixed (dto/summary.dto.ts); the figures are being written. */
@Injectable()
export class ReportsService {
  summary(_actor: Actor, _query: SummaryQuery, _locale: Locale): Promise<SummaryView> {
    throw new NotImplementedException();
  }

  export(_view: SummaryView, _format: 'csv' | 'xlsx', _locale: Locale): Promise<{ fileName: string; contentType: string; content: Buffer }> {
    throw new NotImplementedException();
  }
}
