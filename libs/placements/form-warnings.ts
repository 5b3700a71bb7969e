import type { CurrentConclusion } from '@qoldau/assessments';
import type { PlacementWarning } from './dto/placement.dto';

/**
 * What a proposal or activation saves but flags (DESIGN §4, issue 15): a placement that does not follow
 * the child's current signed conclusion is allowed — the school and the family may have reasons — but
 * never silently.
 *
 *   FORM_DIFFERS_FROM_CONCLUSION  another form of education than the conclusion recommends
 *   CONDITION_NOT_PROVIDED        one per special condition of the conclusion the placement does not provide
 *   NO_SIGNED_CONCLUSION          the child has no signed conclusion to follow
 */
export function placementWarnings(conclusion: CurrentConclusion | null, form: string, providedConditions: readonly string[]): PlacementWarning[] {
  if (!conclusion) {
    return [{ code: 'NO_SIGNED_CONCLUSION', message: 'The child has no signed PMPC conclusion: nothing says which form and conditions the child needs' }];
  }
  const warnings: PlacementWarning[] = [];
  if (conclusion.formOfEducation && conclusion.formOfEducation !== form) {
    warnings.push({
      code: 'FORM_DIFFERS_FROM_CONCLUSION',
      message: `The current PMPC conclusion recommends ${conclusion.formOfEducation}, this placement is ${form}`,
      assessmentId: conclusion.assessmentId,
      recommendedForm: conclusion.formOfEducation,
      form,
    });
  }
  for (const condition of conclusion.specialConditions) {
    if (providedConditions.includes(condition)) continue;
    warnings.push({
      code: 'CONDITION_NOT_PROVIDED',
      message: `The current PMPC conclusion names the special condition ${condition}, which this placement does not provide`,
      assessmentId: conclusion.assessmentId,
      condition,
    });
  }
  return warnings;
}

/**
 * Whom a proposal, activation or enrolment tells: the PMPC that signed the current conclusion, when the
 * placement does not follow it (or always, for `always`: an enrolment it did not refer) — unless that
 * PMPC is the actor's own organisation, which knows. Codes and ids only, never names.
 */
export function pmpcNotice(
  conclusion: CurrentConclusion | null, actorOrgId: string | null, kind: string, placementId: string, warnings: readonly PlacementWarning[], always = false,
): { orgIds: string[]; message: { kind: string; payload: Record<string, unknown> } } | undefined {
  if (!conclusion || conclusion.pmpcOrgId === actorOrgId || (!always && warnings.length === 0)) return undefined;
  return {
    orgIds: [conclusion.pmpcOrgId],
    message: {
      kind,
      payload: { placementId, assessmentId: conclusion.assessmentId, warnings: warnings.map((w) => w.code), conditions: warnings.flatMap((w) => (w.condition ? [w.condition] : [])) },
    },
  };
}
