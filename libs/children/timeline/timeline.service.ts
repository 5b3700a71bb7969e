import { Injectable } from '@nestjs/common';
import { CaseGate, type CaseSections, SECTIONS } from '@qoldau/access';
import { AuditTrail } from '@qoldau/audit';
import type { Actor } from '@qoldau/auth';
import { decodeCursor, encodeCursor, InvalidInputError, Page } from '@qoldau/core';
import type { TimelineEntryView, TimelineQuery } from '../dto/timeline.dto';
import { TimelineRepository, TimelineRow } from './timeline.repository';

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function afterOf(cursor: string | undefined): [string, string] | null {
  if (!cursor) return null;
  const [at, id] = decodeCursor(cursor, 2);
  if (typeof at === 'string' && TIMESTAMP.test(at) && typeof id === 'string' && /^[0-9]{1,18}$/.test(id)) return [at, id];
  throw new InvalidInputError('CURSOR_INVALID', 'The cursor is not one this API issued', [{ field: 'cursor', code: 'CURSOR_INVALID', message: 'cursor is invalid' }]);
}

function toView(row: TimelineRow): TimelineEntryView {
  return {
    id: row.id,
    at: row.at.toISOString(),
    section: row.section,
    kind: row.kind,
    organization: row.org_id ? { id: row.org_id, nameKk: row.org_name_kk ?? '', nameRu: row.org_name_ru ?? '', sector: row.sector } : null,
    counterpartOrgId: row.counterpart_org_id,
    details: row.details,
  };
}

/**
 * GET /children/:id/timeline: what happened to the child across agencies, oldest first. Sections the
 * actor cannot see are left out in the query; each remaining entry then goes through the one redactor
 * as a one-item section, which keeps only "own org's" referral entries and strips protocol notes.
 * A page can therefore hold fewer than `limit` entries; the cursor still moves past all of them.
 */
@Injectable()
export class TimelineService {
  constructor(
    private readonly gate: CaseGate,
    private readonly timeline: TimelineRepository,
    private readonly audit: AuditTrail,
  ) {}

  async list(actor: Actor, childId: string, query: TimelineQuery): Promise<Page<TimelineEntryView>> {
    const grant = await this.gate.authorize(actor, 'read', childId);
    const { scope } = grant;
    const visible = SECTIONS.filter((section) => this.gate.sees(actor, grant, section));
    const rows = await this.timeline.page(childId, scope, visible, query.limit, afterOf(query.cursor));
    const hasMore = rows.length > query.limit;
    const pageRows = hasMore ? rows.slice(0, query.limit) : rows;
    const items = pageRows.flatMap((row) => {
      const entry = toView(row);
      // The redactor's referral rule reads from/to: for an entry that is its organisation and counterpart.
      const probe = { [row.section]: [{ ...entry, fromOrgId: row.org_id, toOrgId: row.counterpart_org_id }] } as CaseSections;
      const kept = (this.gate.present(actor, grant, probe) as Record<string, unknown>)[row.section];
      if (!Array.isArray(kept) || kept.length === 0) return [];
      const { fromOrgId: _from, toOrgId: _to, ...redacted } = kept[0] as TimelineEntryView & { fromOrgId: unknown; toOrgId: unknown };
      return [redacted as TimelineEntryView];
    });
    const last = pageRows[pageRows.length - 1];
    this.audit.note({ resourceType: 'child', resourceId: childId, childId });
    return { items, nextCursor: hasMore ? encodeCursor([last.at.toISOString(), last.id]) : null };
  }
}
