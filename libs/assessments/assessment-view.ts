import { redactCase, type RedactionContext } from '@qoldau/access';
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
