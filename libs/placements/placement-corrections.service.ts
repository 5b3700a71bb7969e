import { Injectable } from '@nestjs/common';
import { CaseGate } from '@qoldau/access';
import type { Actor } from '@qoldau/auth';
import { CaseEvents } from '@qoldau/children';
import { BusinessRuleError } from '@qoldau/core';
import { PlacementChecks } from './placement-checks';
import { PlacementLookup } from './placement-lookup';
import { PlacementsRepository } from './placements.repository';

/** What a school's corrected list may change about a placement it recorded: its form, class and support-room use. */
export interface PlacementCorrection {
  form: string;
  classLabel: string | null;
  usesSupportRoom: boolean;
}

/**
 * Placements as a school's list names them (the placements import, issue 18): found by the list's
 * natural key — child, organisation, first day — and corrected in place. A correction is the placing
 * organisation's (`update Placement`, own organisation, as activation and ending are), keeps to the
 * forms its type offers (422 FORM_NOT_OFFERED), and is one `placement.corrected` timeline entry with
 * the changed fields audited. An ended placement is history and is not corrected (422 TRANSITION_NOT_ALLOWED).
 */
@Injectable()
export class PlacementCorrectionsService {
  constructor(
    private readonly gate: CaseGate,
    private readonly lookup: PlacementLookup,
    private readonly placements: PlacementsRepository,
    private readonly checks: PlacementChecks,
    private readonly events: CaseEvents,
  ) {}

  /** The child's placement at the organisation that began on `startedOn` (not a cancelled proposal), if any. */
  async find(actor: Actor, key: { childId: string; orgId: string; startedOn: string }): Promise<{ id: string; status: string; endedOn: string | null } | null> {
    await this.gate.require(actor, 'create', 'Placement', [key.childId]);
    const id = await this.placements.idByKey(key.childId, key.orgId, key.startedOn);
    const placement = id ? await this.placements.find(id) : null;
    return placement ? { id: placement.id, status: placement.status, endedOn: placement.endedOn } : null;
  }

  /** True when something changed. */
  async correct(actor: Actor, id: string, input: PlacementCorrection): Promise<boolean> {
    await this.lookup.authorize(actor, 'update', id);
    const current = (await this.placements.find(id, { lock: true }))!;
    const changes = Object.fromEntries(
      (['form', 'classLabel', 'usesSupportRoom'] as const).filter((k) => current[k] !== input[k]).map((k) => [k, { from: current[k], to: input[k] }]),
    );
    if (Object.keys(changes).length === 0) return false;
    if (current.status === 'ended') {
      throw new BusinessRuleError('TRANSITION_NOT_ALLOWED', 'An ended placement is history; it is not corrected', [], { currentStatus: current.status });
    }
    if (input.form !== current.form) await this.checks.formOffered(current.organization.type, input.form);
    await this.placements.correct(id, input);
    await this.events.record({
      childId: current.childId, section: 'placements', kind: 'placement.corrected', actor, orgId: current.organization.id,
      details: { placementId: id, fields: Object.keys(changes) },
      audit: { resourceType: 'placement', resourceId: id, changes },
    });
    return true;
  }
}
