import { Injectable } from '@nestjs/common';
import { CaseGate } from '@qoldau/access';
import { AuditTrail, diff } from '@qoldau/audit';
import type { Actor } from '@qoldau/auth';
import { ConsentsService, CaseEvents, InvolvementsService } from '@qoldau/children';
import { BusinessRuleError, Clock, ConflictError, NotFoundError, VersionConflictError } from '@qoldau/core';
import { transition } from './assessment-transitions';
import { assertAssessmentConsent } from './consent-gate';
import { ownedBy, presentAssessment } from './assessment-view';
import { AssessmentsRepository } from './assessments.repository';
import { DraftValidation, EMPTY_DRAFT, mergeRecommendations } from './draft-validation';
import type { AssessmentDraftDto, AssessmentView } from './dto/assessment.dto';

/** The day a PMPC's step is dated: a recorded conclusion's signing day, and the moment on it. */
export interface WorkDay {
  day: string;
  at: Date;
}

/** Fields whose values the audit trail records by name only (DESIGN §5: no case content for auditors). */
export const PERSONAL_FIELDS = ['protocolNotes', 'recommendations'] as const;

/**
 * Opening, drafting and reading PMPC assessments. Signing and the commission's confirmations are in
 * signing.service.ts; the rules a conclusion must meet are in assessment-rules.ts and the state
 * machine in assessment-transitions.ts.
 */
@Injectable()
export class AssessmentsService {
  constructor(
    private readonly gate: CaseGate,
    private readonly assessments: AssessmentsRepository,
    private readonly validation: DraftValidation,
    private readonly consents: ConsentsService,
    private readonly involvements: InvolvementsService,
    private readonly events: CaseEvents,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  /**
   * POST /children/:id/assessments: a PMPC opens an assessment of a child its organisation sees. `on`: a
   * conclusion recorded from a register (conclusion-records.ts) is opened on its own day, not today.
   */
  async open(actor: Actor, childId: string, input: AssessmentDraftDto, on?: WorkDay): Promise<AssessmentView> {
    const [{ head }] = await this.gate.require(actor, 'create', 'Assessment', [childId]);
    const pmpcOrgId = actor.orgId as string; // PMPC roles always belong to a PMPC (roleFitsOrganization)
    if (head.status !== 'open') throw new BusinessRuleError('CASE_CLOSED', 'The case is closed; reopen it before assessing the child');
    await assertAssessmentConsent(this.consents, childId, 'open');
    const existing = await this.assessments.openDraftOf(childId, pmpcOrgId);
    if (existing) throw this.draftExists(existing);

    const columns = await this.validation.columnsFor(input, EMPTY_DRAFT, pmpcOrgId, on?.day);
    const now = on?.at ?? this.clock.now();
    const id = await this.assessments.insertDraft(childId, pmpcOrgId, actor.userId, now, columns);
    if (!id) throw this.draftExists((await this.assessments.openDraftOf(childId, pmpcOrgId)) ?? undefined);
    if (input.specialists?.length) await this.assessments.replaceSpecialists(id, input.specialists);
    // The PMPC sees the case for as long as its assessment exists (DESIGN §5 involvements).
    await this.involvements.grant(childId, pmpcOrgId, 'assessment', { sourceId: id, createdBy: actor.userId, since: now });
    await this.events.record({
      childId, section: 'assessments', kind: 'assessment.opened', actor, orgId: pmpcOrgId, at: now, details: { assessmentId: id },
      audit: { resourceType: 'assessment', resourceId: id, changes: diff<Record<string, unknown>>({}, draftFields(input), PERSONAL_FIELDS) },
    });
    return presentAssessment(actor, (await this.assessments.find(id))!);
  }

  /** PATCH /assessments/:id with If-Match: changes a draft of the actor's own PMPC. */
  async update(actor: Actor, id: string, version: number, input: AssessmentDraftDto): Promise<AssessmentView> {
    const current = await this.assessments.find(id, { lock: true });
    if (!current) throw new NotFoundError('Assessment');
    await this.gate.requireOwned(actor, 'change', ownedBy(current, 'update'));
    transition(current.status, 'edit');
    if (current.version !== version) throw new VersionConflictError(current.version);

    const columns = await this.validation.columnsFor(input, current, current.pmpcOrgId);
    const after = { ...input, recommendations: input.recommendations && mergeRecommendations(current.recommendations, input.recommendations) };
    const changes = diff(draftFields(current), draftFields(after), PERSONAL_FIELDS);
    if (Object.keys(changes).length > 0) {
      if (!(await this.assessments.updateDraft(id, version, columns))) throw new VersionConflictError(current.version + 1);
      if (input.specialists) await this.assessments.replaceSpecialists(id, input.specialists);
    }
    this.audit.note({ resourceType: 'assessment', resourceId: id, childId: current.childId, changes });
    return presentAssessment(actor, (await this.assessments.find(id))!);
  }

  /**
   * GET /assessments/:id: read like the case it belongs to (404 unless the actor's organisation is
   * involved), through the redactor. A draft is work in progress: only the PMPC working on it sees it.
   */
  async read(actor: Actor, id: string): Promise<AssessmentView> {
    const assessment = await this.assessments.find(id);
    if (!assessment) throw new NotFoundError('Assessment');
    await this.gate.requireOwned(actor, 'read', ownedBy(assessment, 'update'));
    this.audit.note({ resourceType: 'assessment', resourceId: id, childId: assessment.childId });
    return presentAssessment(actor, assessment);
  }

  private draftExists(existingId: string | undefined): ConflictError {
    return new ConflictError('ASSESSMENT_DRAFT_EXISTS', 'Your PMPC already has an assessment of this child in draft; continue that one', [], {
      existingId,
    });
  }
}

/** The draft's fields as the API names them, for the audit diff. */
function draftFields(source: Partial<Record<keyof AssessmentDraftDto, unknown>>): Record<string, unknown> {
  const pick = (key: keyof AssessmentDraftDto) => source[key];
  return {
    noSen: pick('noSen'),
    senCategories: pick('senCategories'),
    programme: pick('programme'),
    formOfEducation: pick('formOfEducation'),
    specialConditions: pick('specialConditions'),
    recommendations: pick('recommendations'),
    protocolNotes: pick('protocolNotes'),
    reviewDate: pick('reviewDate'),
    specialists: (pick('specialists') as { userId: string; specialty: string }[] | undefined)?.map((s) => ({ userId: s.userId, specialty: s.specialty })),
  };
}
