import { Injectable } from '@nestjs/common';
import { AccessService } from '@qoldau/access';
import { AuditTrail } from '@qoldau/audit';
import type { Actor } from '@qoldau/auth';
import { Clock, decodeCursor, InvalidInputError, type Page, searchKey, toPage } from '@qoldau/core';
import type { RosterItem, RosterQuery } from './dto/placement.dto';
import type { PlacementStatus } from './placement.vocabulary';
import { PlacementsRepository } from './placements.repository';
import { RosterRepository, type RosterRow } from './roster.repository';

/**
 * GET /placements: the roster of SEN pupils, with how each placement honours the child's current signed
 * conclusion. Who sees which placements is the policy's `read Placement` (libs/access), turned into the
 * query's scope here and nowhere else: a school or kindergarten its own organisation's placements; a
 * PMPC the placements of cases it is involved with whose current conclusion it signed. An `orgId`
 * outside that scope gives an empty list, not someone else's pupils.
 */
@Injectable()
export class RosterService {
  constructor(
    private readonly access: AccessService,
    private readonly roster: RosterRepository,
    private readonly placements: PlacementsRepository,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async list(actor: Actor, query: RosterQuery): Promise<Page<RosterItem>> {
    this.access.authorize(actor, 'read', 'Placement');
    const filter = this.access.scopeFilter(actor, 'read', 'Placement');
    if (query.orgId && !(await this.placements.organization(query.orgId))) {
      throw new InvalidInputError('UNKNOWN_ORGANIZATION', 'There is no such organisation', [
        { field: 'orgId', code: 'UNKNOWN_ORGANIZATION', message: 'no such organisation' },
      ]);
    }
    let key: string | undefined;
    if (query.q !== undefined) {
      key = searchKey(query.q);
      if (!key) throw new InvalidInputError('VALIDATION_FAILED', 'The request has invalid fields', [{ field: 'q', code: 'NAME_QUERY_EMPTY', message: 'no letters to search by' }]);
    }
    const after = query.cursor ? decodeCursor(query.cursor, 3) : null;
    if (after && !after.every((v) => typeof v === 'string')) {
      throw new InvalidInputError('CURSOR_INVALID', 'The cursor is not one this API issued', [{ field: 'cursor', code: 'CURSOR_INVALID', message: 'cursor is invalid' }]);
    }
    const statuses: PlacementStatus[] = query.status ? [query.status as PlacementStatus] : ['proposed', 'active'];
    const rows = await this.roster.page(
      { ownOrgId: filter.orgId, signedByOrgId: filter.involvedOrgId },
      actor.orgId as string,
      // A coordinator's roster is their own organisation's unless they name it.
      { orgId: query.orgId ?? (filter.involvedOrgId ? undefined : filter.orgId), statuses, form: query.form, matches: query.matches, key, limit: query.limit },
      this.clock.now(),
      this.clock.today(),
      after as [string, string, string] | null,
    );
    const page = toPage(rows, query.limit, (r) => [r.sort_last, r.sort_first, r.id], toItem);
    // A name searched for is personal data: the trail records that a name was asked for, not which.
    const { q: _q, cursor: _cursor, ...asked } = query;
    this.audit.note({ resourceType: 'placement', query: { ...asked, ...(query.q !== undefined && { q: 'name' }) } });
    return page;
  }
}

function toItem(r: RosterRow): RosterItem {
  return {
    id: r.id,
    childId: r.child_id,
    child: r.child_visible ? { id: r.child_id, lastName: r.last_name, firstName: r.first_name, patronymic: r.patronymic, birthDate: r.birth_date } : null,
    organization: { id: r.org_id, type: r.org_type, nameKk: r.org_name_kk, nameRu: r.org_name_ru },
    status: r.status,
    form: r.form,
    classLabel: r.class_label,
    usesSupportRoom: r.uses_support_room,
    providedConditions: r.provided_conditions,
    tutor: r.provided_conditions.includes('tutor'),
    assistant: r.provided_conditions.includes('assistant'),
    startedOn: r.started_on,
    planReviewDate: r.plan_review_date,
    provision: {
      conclusionId: r.conclusion_id,
      pmpcOrgId: r.pmpc_org_id,
      recommendedForm: r.recommended_form,
      formMatches: r.form_matches,
      missingConditions: r.missing_conditions,
      planPresent: r.plan_present,
      planOverdue: r.plan_overdue,
      honoured: r.honoured,
    },
    version: r.version,
  };
}
