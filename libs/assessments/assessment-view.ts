import { type OwnedResource, redactCase, type RedactionContext } from '@qoldau/access';
import type { Actor } from '@qoldau/auth';
import { type AssessmentRecord, toAssessmentView } from './assessments.repository';
import type { AssessmentView } from './dto/assessment.dto';

/** Neither the conclusion nor its protocol notes depend on a data-sharing consent (DESIGN §5). */
const NO_CONSENT_NEEDED: RedactionContext = { dataSharingSectors: new Set() };

/** One assessment as `actor` may see it: through the one redactor, like the case view's section. */
export function presentAssessment(actor: Actor, record: AssessmentRecord): AssessmentView {
  const redacted = redactCase({ assessments: [toAssessmentView(record)] }, actor, NO_CONSENT_NEEDED);
  return (redacted.assessments ?? [])[0] as AssessmentView;
}

/**
 * An assessment is its PMPC's: the PMPC drafts, confirms and signs it. Once signed it is a section of
 * the case (its conclusion) that every reader of the case sees; a draft is work in progress that only
 * its PMPC sees (the policy's update rule), nobody else.
 */
export function ownedBy(assessment: AssessmentRecord, ownerAction: 'update' | 'confirm' | 'sign'): OwnedResource {
  return {
    subject: 'Assessment', id: assessment.id, childId: assessment.childId, owners: [assessment.pmpcOrgId], ownerAction,
    ...(assessment.status === 'draft' ? { secret: true } : { section: 'assessments' }),
  };
}

