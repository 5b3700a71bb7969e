import { CaseGate } from '@qoldau/access';
import { Injectable } from '@nestjs/common';
import { AuditTrail } from '@qoldau/audit';
import type { Actor } from '@qoldau/auth';
import { almatyDate, FieldError, InvalidInputError } from '@qoldau/core';
import { createdWith } from '../audit-changes';
import { assertOpen } from '../case-transitions';
import { ChildrenRepository } from '../children.repository';
import type { CreateDiagnosisDto, DiagnosisView, DisabilityView, RecordDisabilityDto } from '../dto/health.dto';
import { CaseEvents } from '../case-events';
import { HealthRepository } from './health.repository';

const invalid = (errors: FieldError[]) => new InvalidInputError('VALIDATION_FAILED', 'The request has invalid fields', errors);

/**
 * Diagnoses (ICD-10; recorded by health and PMPC) and disability status (recorded by social protection
 * and health). Reading follows the case's redaction; writing has its own policy actions
 * (record_diagnosis, record_disability).
 */
@Injectable()
export class HealthService {
  constructor(
    private readonly gate: CaseGate,
    private readonly health: HealthRepository,
    private readonly children: ChildrenRepository,
    private readonly events: CaseEvents,
    private readonly audit: AuditTrail,
  ) {}

  async diagnoses(actor: Actor, childId: string): Promise<DiagnosisView[]> {
    const grant = await this.gate.authorize(actor, 'read', childId);
    const { scope } = grant;
    this.gate.requireSection(actor, grant, 'diagnoses', 'Section');
    this.audit.note({ resourceType: 'child', resourceId: childId, childId });
    return this.health.diagnoses(childId, scope);
  }

  async addDiagnosis(actor: Actor, childId: string, input: CreateDiagnosisDto): Promise<DiagnosisView> {
    const { head, scope } = await this.gate.authorize(actor, 'record_diagnosis', childId, { lock: true });
    assertOpen(head.status);
    const child = (await this.children.findRow(childId))!;
    const establishedByOrg = input.establishedByOrgId ?? (actor.orgId as string);
    const errors: FieldError[] = [];
    if (input.date > almatyDate(scope.now)) errors.push({ field: 'date', code: 'DATE_IN_FUTURE', message: 'date must not be in the future' });
    else if (input.date < child.birth_date) errors.push({ field: 'date', code: 'DATE_BEFORE_BIRTH', message: 'date is before the birth date' });
    if (input.establishedByOrgId && !(await this.health.organizationExists(input.establishedByOrgId))) {
      errors.push({ field: 'establishedByOrgId', code: 'UNKNOWN_ORGANIZATION', message: 'no such organisation' });
    }
    if (errors.length) throw invalid(errors);
    const id = await this.health.insertDiagnosis({ childId, icd10: input.icd10, date: input.date, establishedByOrg, recordedByUser: actor.userId });
    await this.events.record({
      childId, section: 'diagnoses', kind: 'diagnosis.recorded', actor, details: { diagnosisId: id, icd10: input.icd10 },
      audit: { resourceType: 'diagnosis', resourceId: id, changes: createdWith({ icd10: input.icd10, date: input.date, establishedByOrg }) },
    });
    return (await this.health.diagnoses(childId, scope)).find((d) => d.id === id)!;
  }

  async disability(actor: Actor, childId: string): Promise<{ current: DisabilityView | null; history: DisabilityView[] }> {
    const grant = await this.gate.authorize(actor, 'read', childId);
    const { scope } = grant;
    this.gate.requireSection(actor, grant, 'disability', 'Section');
    this.audit.note({ resourceType: 'child', resourceId: childId, childId });
    const history = await this.health.disability(childId, scope);
    return { current: history[0] ?? null, history };
  }

  /** PUT /children/:id/disability: a new current record; the earlier ones stay as history. */
  async recordDisability(actor: Actor, childId: string, input: RecordDisabilityDto): Promise<{ current: DisabilityView | null; history: DisabilityView[] }> {
    const { head, scope } = await this.gate.authorize(actor, 'record_disability', childId, { lock: true });
    assertOpen(head.status);
    const errors: FieldError[] = [];
    const today = almatyDate(scope.now);
    if (input.status === 'established' && !input.establishedOn) {
      errors.push({ field: 'establishedOn', code: 'REQUIRED', message: 'establishedOn is required when the status is established' });
    }
    if (input.establishedOn && input.establishedOn > today) {
      errors.push({ field: 'establishedOn', code: 'DATE_IN_FUTURE', message: 'establishedOn must not be in the future' });
    }
    if (input.reviewOn && input.establishedOn && input.reviewOn < input.establishedOn) {
      errors.push({ field: 'reviewOn', code: 'DATE_BEFORE_ESTABLISHED', message: 'reviewOn must not be before establishedOn' });
    }
    if (errors.length) throw invalid(errors);
    await this.health.insertDisability({
      childId,
      status: input.status,
      establishedOn: input.establishedOn ?? null,
      reviewOn: input.reviewOn ?? null,
      certificateNo: input.certificateNo ?? null,
      recordedAt: scope.now,
      recordedByOrg: actor.orgId as string,
      recordedByUser: actor.userId,
    });
    await this.events.record({
      childId, section: 'disability', kind: 'disability.recorded', actor, details: { status: input.status },
      audit: {
        resourceType: 'child', resourceId: childId,
        changes: createdWith({ disabilityStatus: input.status, establishedOn: input.establishedOn, reviewOn: input.reviewOn, certificateNo: input.certificateNo }),
      },
    });
    const history = await this.health.disability(childId, scope);
    return { current: history[0] ?? null, history };
  }
}
