import { CaseGate } from '@qoldau/access';
import { Injectable } from '@nestjs/common';
import type { Actor } from '@qoldau/auth';
import { Page, PageQuery } from '@qoldau/core';
import { AccessLogEntry } from './dto';
import { OversightRepository } from './oversight.repository';

/**
 * The guardian's right to know (DESIGN §5): which organisations read or changed the child's case, when,
 * and why when the glass was broken. Readable by whoever may read the case (its involved
 * organisations, PMPC included), to print for the family.
 */
@Injectable()
export class AccessLogService {
  constructor(
    private readonly gate: CaseGate,
    private readonly repository: OversightRepository,
  ) {}

  async list(actor: Actor, childId: string, query: PageQuery): Promise<Page<AccessLogEntry>> {
    await this.gate.authorize(actor, 'read', childId);
    return this.repository.accessLog(childId, query.limit, query.cursor);
  }
}
