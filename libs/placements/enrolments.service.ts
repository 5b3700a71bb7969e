import { Injectable } from '@nestjs/common';
import { CaseGate } from '@qoldau/access';
import { AuditTrail } from '@qoldau/audit';
import type { Actor } from '@qoldau/auth';
import { CaseEvents, ConsentsService, GuardiansService, InvolvementsService } from '@qoldau/children';
import { BusinessRuleError, Clock, InvalidInputError } from '@qoldau/core';
import type { EnrolmentDto, PlacementResult } from './dto/placement.dto';
import { pmpcNotice } from './form-warnings';
import { PlacementChecks } from './placement-checks';
import { PLACING_ORGANIZATION_TYPES } from './placement.vocabulary';
import { PlacementsRepository } from './placements.repository';

/**
 * POST /placements/enrolments: a family brings its child to the school with a written application and
 * no referral. In one transaction (the request's): the child is found by exact IIN and birth date
 * (the gate: an unknown IIN and a wrong birth date are the same 404), the legal representative's
 * application is recorded as a `services` consent, a placement is proposed at the coordinator's own
 * organisation, the organisation becomes involved with the case (a `placement` involvement for this
 * placement), and the PMPC that signed the current conclusion is told. Any refusal rolls all of it back.
 */
@Injectable()
export class EnrolmentsService {
  constructor(
    private readonly gate: CaseGate,
    private readonly placements: PlacementsRepository,
    private readonly checks: PlacementChecks,
    private readonly guardians: GuardiansService,
    private readonly consents: ConsentsService,
    private readonly involvements: InvolvementsService,
    private readonly events: CaseEvents,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async enrol(actor: Actor, input: EnrolmentDto): Promise<PlacementResult> {
    // As the PMPC look-up by IIN: the trail names what was asked by, never the IIN or the date.
    this.audit.note({ resourceType: 'child', query: { iin: 'iin', birthDate: 'date' } });
    const { head, scope } = await this.gate.requireByIdentity(actor, 'enrol', { iin: input.iin, birthDate: input.birthDate }, { lock: true });
    this.audit.note({ resourceType: 'placement', childId: head.id, resultIds: [head.id] });

    const org = actor.orgId ? await this.placements.organization(actor.orgId) : null;
    if (!org || !org.active || !(PLACING_ORGANIZATION_TYPES as readonly string[]).includes(org.type)) {
      throw new BusinessRuleError('PLACEMENT_ORGANIZATION_NOT_ELIGIBLE', 'Only an active school or kindergarten enrols a child');
    }
    if (input.applicationDate > this.clock.today()) {
      throw new InvalidInputError('VALIDATION_FAILED', 'The request has invalid fields', [
        { field: 'applicationDate', code: 'DATE_IN_FUTURE', message: 'the application cannot be dated after today' },
      ]);
    }
    if (!(await this.placements.formExists(input.form))) {
      throw new InvalidInputError('VALIDATION_FAILED', 'The request has invalid fields', [{ field: 'form', code: 'UNKNOWN_FORM', message: 'not a form of education' }]);
    }
    const providedConditions = await this.checks.conditions(input.providedConditions);
    await this.checks.formOffered(org.type, input.form);
    if (head.status !== 'open') throw new BusinessRuleError('CASE_CLOSED', 'The case is closed; reopen it before placing the child');

    const now = scope.now;
    const guardian = await this.guardians.currentOrAdded(actor, head.id, head.iin, { guardianId: input.guardianId, guardian: input.guardian });
    // The written application is the legal representative's consent to the school's services.
    const consentId = await this.consents.recordOn(actor, head.id, { kind: 'services', guardianId: guardian.id }, now);

    const { conclusion, warnings } = await this.checks.against(head.id, input.form, providedConditions);
    const id = await this.placements.insert({
      childId: head.id, orgId: org.id, form: input.form, classLabel: input.classLabel ?? null, startedOn: input.startedOn ?? null,
      usesSupportRoom: input.usesSupportRoom ?? false, providedConditions, applicationDate: input.applicationDate,
      applicationDocument: input.documentNumber ?? null, assessmentId: conclusion?.assessmentId ?? null, proposedBy: actor.userId, proposedAt: now,
    });
    // The school sees the case from now on, for as long as this placement is not ended.
    await this.involvements.grant(head.id, org.id, 'placement', { sourceId: id, createdBy: actor.userId, since: now });
    await this.events.record({
      childId: head.id, section: 'placements', kind: 'placement.enrolled', actor, at: now,
      details: { placementId: id, form: input.form, consentId, warnings: warnings.map((w) => w.code) },
      audit: {
        resourceType: 'placement', resourceId: id,
        // The application's number is named, not copied; so is a guardian added with it.
        changes: {
          status: { from: null, to: 'proposed' }, orgId: { from: null, to: org.id }, form: { from: null, to: input.form },
          providedConditions: { from: null, to: providedConditions }, applicationDate: { from: null, to: input.applicationDate },
          ...(input.documentNumber ? { applicationDocument: {} } : {}), consentId: { from: null, to: consentId },
          ...(guardian.added ? { guardianAdded: { from: null, to: guardian.id } } : {}),
        },
      },
      notify: pmpcNotice(conclusion, actor.orgId, 'placement.enrolled', id, warnings, true),
    });
    return { ...(await this.placements.find(id))!, warnings };
  }
}
