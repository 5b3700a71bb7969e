import { Injectable } from '@nestjs/common';
import { AccessService } from '@qoldau/access';
import { AuditTrail, diff } from '@qoldau/audit';
import type { Actor } from '@qoldau/auth';
import { NotFoundError } from '@qoldau/core';
import type { HolidayDto } from '../dto/referral.dto';
import { ReferralSlaService } from '../sla/referral-sla.service';
import { HolidayRow, HolidaysRepository } from './holidays.repository';

export interface HolidayChange extends HolidayRow {
  /** Running referral deadlines recomputed on the new calendar. */
  deadlinesMoved: number;
}

/**
 * Admin editing of the working-day calendar (DESIGN §1: "editable by admins — moved days and Kurban
 * Ait change every year"). A change takes effect at once: every running SLA deadline whose counting
 * window covers the date is recomputed in the same transaction (a breach already marked stays).
 */
@Injectable()
export class HolidaysService {
  constructor(
    private readonly access: AccessService,
    private readonly holidays: HolidaysRepository,
    private readonly sla: ReferralSlaService,
    private readonly audit: AuditTrail,
  ) {}

  async put(actor: Actor, date: string, input: HolidayDto): Promise<HolidayChange> {
    this.access.authorize(actor, 'update', 'Holiday', { id: date });
    const before = await this.holidays.find(date);
    const row: HolidayRow = { date, kind: input.kind, nameKk: input.nameKk, nameRu: input.nameRu, nameEn: input.nameEn };
    await this.holidays.upsert(row);
    const deadlinesMoved = await this.sla.recomputeRunning(date);
    this.audit.note({ resourceType: 'holiday', resourceId: date, changes: before ? diff(before, row) : { kind: { from: null, to: row.kind } } });
    return { ...row, deadlinesMoved };
  }

  async remove(actor: Actor, date: string): Promise<HolidayChange> {
    this.access.authorize(actor, 'update', 'Holiday', { id: date });
    const before = await this.holidays.find(date);
    if (!before) throw new NotFoundError('Holiday');
    await this.holidays.remove(date);
    const deadlinesMoved = await this.sla.recomputeRunning(date);
    this.audit.note({ resourceType: 'holiday', resourceId: date, changes: { kind: { from: before.kind, to: null } } });
    return { ...before, deadlinesMoved };
  }
}
