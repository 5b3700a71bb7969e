import { Injectable } from '@nestjs/common';
import { CaseGate } from '@qoldau/access';
import { AuditTrail } from '@qoldau/audit';
import type { Actor } from '@qoldau/auth';
import { CaseEvents, ConsentsService } from '@qoldau/children';
import { BusinessRuleError, Clock, NotFoundError, VersionConflictError } from '@qoldau/core';
import { missingForSigning } from './assessment-rules';
import { transition } from './assessment-transitions';
import { assertAssessmentConsent } from './consent-gate';
import { ownedBy, presentAssessment } from './assessment-view';
import { AssessmentRecord, AssessmentsRepository } from './assessments.repository';
import type { AssessmentView } from './dto/assessment.dto';
import type { WorkDay } from './assessments.service';

/**
 * The collegial conclusion (issue 8): each member of the commission confirms their own findings, and
 * the head of the same PMPC signs once every member has. Signing supersedes the child's previous
 * conclusion in the same transaction.
 */
@Injectable()
export class SigningService {
  constructor(
    private readonly gate: CaseGate,
    private readonly assessments: AssessmentsRepository,
    private readonly consents: ConsentsService,
    private readonly events: CaseEvents,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  /** POST /assessments/:id/confirmations: a listed member records and confirms their findings. */
  async confirm(actor: Actor, id: string, findings: string): Promise<AssessmentView> {
    const assessment = await this.load(actor, 'confirm', id, { lock: true });
    transition(assessment.status, 'confirm');
    const member = assessment.specialists.find((s) => s.userId === actor.userId);
    if (!member) {
      throw new BusinessRuleError('NOT_IN_COMMISSION', 'Only a specialist listed in the commission of this assessment confirms findings in it', [
        { field: 'specialists', code: 'NOT_IN_COMMISSION', message: 'you are not listed among the specialists present' },
      ]);
    }
    const now = this.clock.now();
    await this.assessments.confirm(id, actor.userId, findings, now);
    await this.assessments.touch(id);
    this.audit.note({
      resourceType: 'assessment', resourceId: id, childId: assessment.childId,
      changes: { confirmedBy: { to: actor.userId }, confirmedAt: { from: member.confirmedAt?.toISOString() ?? null, to: now.toISOString() }, findings: {} },
    });
    return presentAssessment(actor, (await this.assessments.find(id))!);
  }

  /**
   * POST /assessments/:id/sign (`on`: a conclusion recorded from a register is signed on its own day). The child's row lock serializes signing per child, so of two heads
   * signing at once one waits and then sees the other's result: the same assessment is then signed
   * already (422), a second draft supersedes the first one's fresh conclusion. A unique index on the
   * child's current conclusion backs this up.
   */
  async sign(actor: Actor, id: string, version?: number, on?: WorkDay): Promise<AssessmentView> {
    const { childId } = await this.load(actor, 'sign', id);
    const child = await this.assessments.lockChild(childId);
    const assessment = (await this.assessments.find(id, { lock: true }))!;
    // The head signs what they read: a draft saved by a colleague meanwhile is not signed unseen.
    if (version !== undefined && assessment.version !== version) throw new VersionConflictError(assessment.version);
    const signed = transition(assessment.status, 'sign');
    if (child?.status !== 'open') throw new BusinessRuleError('CASE_CLOSED', 'The case is closed; reopen it before signing a conclusion');
    await assertAssessmentConsent(this.consents, childId, 'sign');
    // A conclusion recorded from a register (`on`) is judged as on the day it was signed.
    const missing = missingForSigning(assessment, on?.day ?? this.clock.today());
    if (missing.length) throw new BusinessRuleError('ASSESSMENT_INCOMPLETE', 'The conclusion is not complete enough to sign', missing);
    this.assertConfirmed(assessment);

    const now = on?.at ?? this.clock.now();
    const previous = await this.assessments.currentSigned(childId);
    // The later-signed conclusion is current: a recorded one older than the current conclusion cannot supersede it.
    if (previous && previous.signedAt > now) {
      throw new BusinessRuleError('NEWER_CONCLUSION_EXISTS', 'The child has a conclusion signed later than this one; it stays current', [], {
        currentSignedAt: previous.signedAt.toISOString(),
      });
    }
    if (previous) {
      await this.assessments.markSuperseded(previous.id, transition(previous.status, 'supersede'), id, now);
      await this.events.record({
        childId, section: 'assessments', kind: 'assessment.superseded', actor, at: now, details: { assessmentId: previous.id, supersededById: id },
        audit: {
          action: 'assessment.superseded', resourceType: 'assessment', resourceId: previous.id,
          changes: { status: { from: 'signed', to: 'superseded' }, supersededById: { from: null, to: id } },
        },
      });
    }
    await this.assessments.markSigned(id, signed, actor.userId, now, previous?.id ?? null);
    await this.events.record({
      childId, section: 'assessments', kind: 'assessment.signed', actor, orgId: assessment.pmpcOrgId, at: now,
      details: {
        assessmentId: id, noSen: assessment.noSen, senCategories: assessment.senCategories, formOfEducation: assessment.formOfEducation,
        reviewDate: assessment.reviewDate, supersedesId: previous?.id ?? null,
      },
      audit: {
        resourceType: 'assessment', resourceId: id,
        changes: {
          status: { from: assessment.status, to: signed },
          signedBy: { from: null, to: actor.userId },
          ...(previous && { supersedesId: { from: null, to: previous.id } }),
        },
      },
    });
    return presentAssessment(actor, (await this.assessments.find(id))!);
  }

  private assertConfirmed(assessment: AssessmentRecord): void {
    const missing = assessment.specialists.filter((s) => s.confirmedAt === null);
    if (missing.length === 0) return;
    throw new BusinessRuleError(
      'CONFIRMATIONS_MISSING',
      `Not every specialist present has confirmed their findings: ${missing.map((s) => s.fullName).join(', ')}`,
      missing.map((s) => ({ field: 'specialists', code: 'CONFIRMATION_MISSING', message: `${s.fullName} (${s.specialty}) has not confirmed` })),
      { missing: missing.map((s) => ({ userId: s.userId, fullName: s.fullName, specialty: s.specialty })) },
    );
  }

  /** Loads an assessment and authorizes `action` on it within its PMPC (another PMPC's looks missing). */
  private async load(actor: Actor, action: 'confirm' | 'sign', id: string, options: { lock?: boolean } = {}): Promise<AssessmentRecord> {
    const assessment = await this.assessments.find(id, options);
    if (!assessment) throw new NotFoundError('Assessment');
    await this.gate.requireOwned(actor, 'change', { ...ownedBy(assessment, action), section: undefined });
    return assessment;
  }
}
