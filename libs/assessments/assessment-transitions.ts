import { BusinessRuleError } from '@qoldau/core';
import type { AssessmentStatus } from './assessment.vocabulary';

/**
 * The assessment state machine (DESIGN §4) as data: draft → signed → superseded. `edit` and `confirm`
 * are the changes a draft takes without leaving it; a signed conclusion is immutable (corrections are
 * a new assessment), and a superseded one is history. Every status change and every change to an
 * assessment goes through `transition`.
 */
export const ASSESSMENT_EVENTS = ['edit', 'confirm', 'sign', 'supersede'] as const;
export type AssessmentEvent = (typeof ASSESSMENT_EVENTS)[number];

export interface AssessmentTransition {
  from: AssessmentStatus;
  event: AssessmentEvent;
  to: AssessmentStatus;
}

export const ASSESSMENT_TRANSITIONS: readonly AssessmentTransition[] = [
  { from: 'draft', event: 'edit', to: 'draft' },
  { from: 'draft', event: 'confirm', to: 'draft' },
  { from: 'draft', event: 'sign', to: 'signed' },
  { from: 'signed', event: 'supersede', to: 'superseded' },
];

/** Events that change the content of an assessment rather than its status. */
const CONTENT_EVENTS: readonly AssessmentEvent[] = ['edit', 'confirm'];

/**
 * The status after `event`, or 422: ASSESSMENT_SIGNED for a change to a conclusion that is no longer a
 * draft, TRANSITION_NOT_ALLOWED for any other move the table does not have. Both name the current status.
 */
export function transition(from: string, event: AssessmentEvent): AssessmentStatus {
  const row = ASSESSMENT_TRANSITIONS.find((t) => t.from === from && t.event === event);
  if (row) return row.to;
  if (CONTENT_EVENTS.includes(event)) {
    throw new BusinessRuleError(
      'ASSESSMENT_SIGNED',
      `The assessment is ${from}: a signed conclusion cannot be changed; open a new assessment to correct it`,
      [],
      { currentStatus: from },
    );
  }
  throw new BusinessRuleError('TRANSITION_NOT_ALLOWED', `An assessment that is ${from} cannot be ${event === 'sign' ? 'signed' : 'superseded'}`, [], {
    currentStatus: from,
  });
}
