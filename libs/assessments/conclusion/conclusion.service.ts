import { Injectable } from '@nestjs/common';
import { CaseGate } from '@qoldau/access';
import { AuditTrail } from '@qoldau/audit';
import type { Actor } from '@qoldau/auth';
import { NotFoundError } from '@qoldau/core';
import { AssessmentsRepository } from '../assessments.repository';
import { ownedBy, presentAssessment } from '../assessment-view';
import type { ConclusionLanguage } from './conclusion-labels';
import { renderConclusion } from './conclusion-pdf';
import { ConclusionRepository } from './conclusion.repository';

export interface ConclusionFile {
  fileName: string;
  content: Buffer;
}

/**
 * GET /assessments/:id/conclusion.pdf: the conclusion as a printable document. Authorized like a
 * case read (the PMPC and every organisation involved with the child; 404 for anyone else), and like
 * the case view a draft is printable only by its own PMPC (marked as a draft). Protocol notes and the
 * members' findings are never printed: the document goes to families, schools and other sectors.
 */
@Injectable()
export class ConclusionService {
  constructor(
    private readonly gate: CaseGate,
    private readonly assessments: AssessmentsRepository,
    private readonly conclusions: ConclusionRepository,
    private readonly audit: AuditTrail,
  ) {}

  async pdf(actor: Actor, id: string, language: ConclusionLanguage): Promise<ConclusionFile> {
    const assessment = await this.assessments.find(id);
    if (!assessment) throw new NotFoundError('Assessment');
    await this.gate.requireOwned(actor, 'read', ownedBy(assessment, 'update'));
    const child = await this.conclusions.childIdentity(assessment.childId, this.gate.scope(actor));
    if (!child) throw new NotFoundError('Child');
    const labels = await this.conclusions.labels(language, assessment);
    this.audit.note({ resourceType: 'assessment', resourceId: id, childId: assessment.childId });
    const content = await renderConclusion({
      language,
      id: assessment.id,
      status: assessment.status,
      organizationName: language === 'kk' ? assessment.pmpc.nameKk : assessment.pmpc.nameRu,
      child,
      noSen: assessment.noSen,
      senCategories: labels.senCategories,
      programme: assessment.programme,
      formOfEducation: labels.formOfEducation,
      specialConditions: labels.specialConditions,
      // Through the one presenter: a sector's copy carries the recommendation addressed to it.
      recommendations: presentAssessment(actor, assessment).recommendations,
      reviewDate: assessment.reviewDate,
      commission: assessment.specialists.map((s) => ({ fullName: s.fullName, specialty: s.specialty, confirmedAt: s.confirmedAt })),
      signedBy: assessment.signedBy?.fullName ?? null,
      signedAt: assessment.signedAt,
      openedAt: assessment.openedAt,
    });
    return { fileName: `pmpc-conclusion-${assessment.id.slice(0, 8)}-${language}.pdf`, content };
  }
}
