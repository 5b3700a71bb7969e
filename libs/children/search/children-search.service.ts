import { Injectable } from '@nestjs/common';
import { AccessService, redactCase, type CaseSections as Redactable, CaseGate, rolesThatMay } from '@qoldau/access';
import { AuditTrail, LookupLimits } from '@qoldau/audit';
import type { Actor } from '@qoldau/auth';
import { Page, decodeCursor, InvalidInputError, toPage, searchKey } from '@qoldau/core';
import { NotificationsService } from '@qoldau/notifications';
import { ChildRow, toIdentity } from '../children.repository';
import type { ChildSummary } from '../dto/child.dto';
import type { ChildQuery, DuplicatesQuery, DuplicatesView, LookupResult } from '../dto/search.dto';
import { ChildrenSearchRepository, katoPrefix, SearchAfter, SearchRow } from './children-search.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const badCursor = () =>
  new InvalidInputError('CURSOR_INVALID', 'The cursor is not one this API issued', [{ field: 'cursor', code: 'CURSOR_INVALID', message: 'cursor is invalid' }]);

type Mode = SearchAfter['mode'];
const TAG: Record<Mode, string> = { relevance: 'r', iin: 'i', name: 'n' };

function cursorOf(mode: Mode, row: SearchRow): (string | number)[] {
  if (mode === 'relevance') return [TAG.relevance, Number(row.score), row.id];
  if (mode === 'iin') return [TAG.iin, row.iin as string, row.id];
  return [TAG.name, row.last_name, row.first_name, row.id];
}

/** Cursors are checked value by value: a forged one is a 400, never a database error. */
function afterOf(mode: Mode, cursor: string | undefined): SearchAfter | null {
  if (!cursor) return null;
  const values = decodeCursor(cursor, mode === 'name' ? 4 : 3);
  const id = values[values.length - 1];
  if (values[0] !== TAG[mode] || typeof id !== 'string' || !UUID.test(id)) throw badCursor();
  if (mode === 'relevance' && typeof values[1] === 'number' && Number.isFinite(values[1])) return { mode, score: values[1], id };
  if (mode === 'iin' && typeof values[1] === 'string' && /^[0-9]{12}$/.test(values[1])) return { mode, iin: values[1], id };
  if (mode === 'name' && typeof values[1] === 'string' && typeof values[2] === 'string') return { mode, lastName: values[1], firstName: values[2], id };
  throw badCursor();
}

/** Search results show identity only, through the one redactor like every other case read. */
function summary(actor: Actor, row: ChildRow): ChildSummary {
  const view = { id: row.id, version: row.version, status: row.status, identity: toIdentity(row) };
  return redactCase(view as Redactable & typeof view, actor, { dataSharingSectors: new Set() }) as ChildSummary;
}

function nameKey(parts: (string | null | undefined)[], field: string): string {
  const key = searchKey(...parts);
  if (!key) throw new InvalidInputError('VALIDATION_FAILED', 'The request has invalid fields', [{ field, code: 'NAME_QUERY_EMPTY', message: `${field} has no letters to search by` }]);
  return key;
}

/**
 * Finding children: search (visible ones only), possible duplicates before registering, and the
 * PMPC look-up by exact IIN. The audit trail records which kind of term was searched for and the ids
 * returned — never the names or IINs typed.
 */
@Injectable()
export class ChildrenSearchService {
  constructor(
    private readonly access: AccessService,
    private readonly gate: CaseGate,
    private readonly search: ChildrenSearchRepository,
    private readonly audit: AuditTrail,
    private readonly limits: LookupLimits,
    private readonly notifications: NotificationsService,
  ) {}

  async find(actor: Actor, query: ChildQuery): Promise<Page<ChildSummary>> {
    this.access.authorize(actor, 'read', 'Child');
    if (query.q !== undefined || query.iin !== undefined) await this.limits.check(actor.userId, 'name_search');
    const scope = this.gate.scope(actor);
    const key = query.q === undefined ? undefined : nameKey([query.q], 'q');
    const mode: Mode = key ? 'relevance' : query.iin ? 'iin' : 'name';
    const rows = await this.search.search(
      scope,
      { key, iin: query.iin, katoPrefix: query.kato ? katoPrefix(query.kato) : undefined, status: query.status, limit: query.limit },
      afterOf(mode, query.cursor),
    );
    const page = toPage(rows, query.limit, (row) => cursorOf(mode, row), (row) => summary(actor, row));
    this.audit.note({
      resourceType: 'child',
      query: {
        ...(query.q !== undefined && { q: 'name' }),
        ...(query.iin && { iin: query.iin.length === 12 ? 'iin' : 'iin_prefix' }),
        ...(query.kato && { kato: query.kato }),
        ...(query.status && { status: query.status }),
        ...(query.cursor && { page: 'next' }),
      },
      resultIds: page.items.map((item) => item.id),
    });
    return page;
  }

  async duplicates(actor: Actor, query: DuplicatesQuery): Promise<DuplicatesView> {
    this.access.authorize(actor, 'read', 'Child');
    const scope = this.gate.scope(actor);
    const rows = (await this.search.duplicates(scope, nameKey([query.lastName, query.firstName, query.patronymic], 'lastName'), query.birthDate)).filter((row) => row.visible);
    const items = rows.map((row) => ({ ...summary(actor, row), similarity: Number(row.similarity) }));
    this.audit.note({
      resourceType: 'child',
      query: { lastName: 'name', firstName: 'name', ...(query.patronymic && { patronymic: 'name' }), birthDate: 'date' },
      resultIds: items.map((item) => item.id),
    });
    return { items };
  }

  /**
   * PMPC roles find a child by its exact IIN to register or assess it, involved or not. Always 200 with
   * zero or one item, so that every look-up — also one that finds nothing — stays in the audit trail.
   */
  async lookupByIin(actor: Actor, iin: string): Promise<LookupResult> {
    this.access.authorize(actor, 'lookup_by_iin', 'Child');
    await this.limits.check(actor.userId, 'iin_lookup');
    const row = await this.search.byIin(iin, this.gate.scope(actor));
    this.audit.note({ resourceType: 'child', resourceId: row?.id ?? null, childId: row?.id ?? null, query: { iin: 'iin' }, resultIds: row ? [row.id] : [] });
    if (!row) {
      await this.alertOnMisses(actor);
      return { items: [] };
    }
    const identity = { lastName: row.last_name, firstName: row.first_name, patronymic: row.patronymic, birthDate: row.birth_date, sex: row.sex };
    return { items: [{ id: row.id, status: row.status, involved: row.visible, identity }] };
  }

  /** A burst of misses tells the auditors covering the user's region, once per window (ids and counts only). */
  private async alertOnMisses(actor: Actor): Promise<void> {
    const { misses, window, threshold } = await this.limits.missesInWindow(actor.userId);
    if (misses < threshold) return;
    await this.notifications.notifyRolesCovering(rolesThatMay('review', 'AuditLog'), actor.regionKato, {
      kind: 'lookup.misses',
      payload: { userId: actor.userId, orgId: actor.orgId, misses },
      dedupeKey: `lookup.misses:${actor.userId}:${window}`,
    });
  }
}
