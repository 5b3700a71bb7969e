import type { CurrentConclusion } from '@qoldau/assessments';
import type { PlacementWarning } from './dto/placement.dto';

/**
 * DESIGN §4: a placement in another form of education than the current signed conclusion recommends
 * is allowed (the school and the family may have reasons) but is flagged, never refused.
 */
export function formWarnings(conclusion: CurrentConclusion | null, form: string): PlacementWarning[] {
  if (!conclusion?.formOfEducation || conclusion.formOfEducation === form) return [];
  return [{
    code: 'FORM_DIFFERS_FROM_CONCLUSION',
    message: `The current PMPC conclusion recommends ${conclusion.formOfEducation}, this placement is ${form}`,
    assessmentId: conclusion.assessmentId,
    recommendedForm: conclusion.formOfEducation,
    form,
  }];
}
