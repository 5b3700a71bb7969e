import type { ConsentsService } from '@qoldau/children';
import { BusinessRuleError } from '@qoldau/core';

/**
 * DESIGN §5: a PMPC assessment needs an active `assessment` consent of a legal representative — when
 * it is opened and again when the conclusion is signed (a withdrawal in between stops the signing).
 */
export async function assertAssessmentConsent(consents: ConsentsService, childId: string, when: 'open' | 'sign'): Promise<void> {
  if (await consents.isActive(childId, 'assessment')) return;
  throw new BusinessRuleError(
    'CONSENT_REQUIRED',
    `${when === 'open' ? 'A PMPC assessment' : 'Signing a PMPC conclusion'} needs an active assessment consent of a legal representative`,
    [{ field: 'consents', code: 'CONSENT_REQUIRED', message: 'no active assessment consent' }],
  );
}
