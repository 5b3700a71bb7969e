import { Injectable, OnModuleInit } from '@nestjs/common';
import { AccessService } from '@qoldau/access';
import { type CaseSectionProvider, type CaseSectionRequest, type CaseSql, CaseSections, CaseEvents, ChildMergeContext, ChildMergeSteps } from '@qoldau/children';
import { BusinessRuleError } from '@qoldau/core';
import { AssessmentsRepository, assessmentsJson } from './assessments.repository';
import { AssessmentView } from './dto/assessment.dto';

/**
 * What this lib adds to the child case (libs/children extension points): the `assessments` section of
 * the case view, and the merge step that moves assessments to the surviving record.
 */
@Injectable()
export class AssessmentCaseHooks implements OnModuleInit, CaseSectionProvider {
  readonly section = 'assessments' as const;
  readonly items = AssessmentView;

  constructor(
    private readonly sections: CaseSections,
    private readonly mergeSteps: ChildMergeSteps,
    private readonly assessments: AssessmentsRepository,
    private readonly access: AccessService,
    private readonly events: CaseEvents,
  ) {}

  onModuleInit(): void {
    this.sections.register(this);
    this.mergeSteps.register({ name: 'assessments', move: (survivorId, duplicateId, context) => this.merge(survivorId, duplicateId, context) });
  }

  /**
   * The case view's section: the current conclusion first, then drafts, then superseded history. Every
   * element carries `protocolNotes`, which the case view's redactor strips for non-PMPC sectors.
   * Drafts are shown only to whoever may work on them (the policy's `update Assessment` scope).
   */
  select({ childId, own: [draftsAll, draftsOrg] }: CaseSql): string {
    return assessmentsJson(childId, draftsAll, draftsOrg);
  }

  values({ actor }: CaseSectionRequest): [boolean, string | null] {
    const drafts = this.access.scopeFilter(actor, 'update', 'Assessment');
    return [drafts.all, drafts.all ? null : (drafts.orgId ?? null)];
  }

  /**
   * Merge: the duplicate's assessments move to the survivor. If both records have a current
   * conclusion, the later-signed one stays current and supersedes the other. Two drafts of one PMPC
   * cannot be joined; the merge is refused until one of them is signed.
   */
  private async merge(survivorId: string, duplicateId: string, { actor, now }: ChildMergeContext): Promise<void> {
    const conflicts = await this.assessments.draftsOnBoth(survivorId, duplicateId);
    if (conflicts.length) {
      throw new BusinessRuleError(
        'MERGE_ASSESSMENT_CONFLICT',
        `Both records have an assessment in draft at ${conflicts.join(', ')}; sign one of them before merging`,
        [{ field: 'duplicateId', code: 'MERGE_ASSESSMENT_CONFLICT', message: 'both records have a draft of the same PMPC' }],
      );
    }
    const superseded = await this.assessments.moveChild(survivorId, duplicateId, now);
    if (!superseded) return;
    await this.events.record({
      childId: survivorId, section: 'assessments', kind: 'assessment.superseded', actor, at: now, touchesCase: false,
      details: { assessmentId: superseded.supersededId, supersededById: superseded.byId, reason: 'merge' },
      audit: {
        action: 'assessment.superseded', resourceType: 'assessment', resourceId: superseded.supersededId,
        changes: { status: { from: 'signed', to: 'superseded' }, supersededById: { from: null, to: superseded.byId } },
      },
    });
  }
}
