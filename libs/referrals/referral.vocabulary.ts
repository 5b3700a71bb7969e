/** The closed vocabularies of referrals; the migration's CHECK constraints say the same. */

export const REFERRAL_STATUSES = ['draft', 'sent', 'accepted', 'declined', 'waitlisted', 'in_progress', 'completed', 'withdrawn'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

/** The service types a referral asks for (seeded with labels and provider types in service_types). */
export const SERVICE_TYPES = [
  'psychological_pedagogical_correction', 'speech_therapy', 'defectology', 'psychological_support', 'rehabilitation',
  'autism_support', 'early_intervention', 'school_placement', 'social_support', 'medical_consultation',
] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];

export const PRIORITIES = ['normal', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const FUNDING_SOURCES = ['state_order', 'paid', 'other'] as const;
export type Funding = (typeof FUNDING_SOURCES)[number];

/** How a provider closes a service episode (issue 9: goals met / partly / not met / discontinued). */
export const COMPLETION_OUTCOMES = ['goals_met', 'goals_partly_met', 'goals_not_met', 'discontinued'] as const;

/**
 * How a service episode ended: a provider's completion outcome, or `placed` — a `school_placement`
 * referral completed by the activation of the placement it led to (issue 15), never chosen by hand.
 */
export const OUTCOMES = [...COMPLETION_OUTCOMES, 'placed'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Why the SLA clock may stand still (issue 9). */
export const PAUSE_REASONS = ['child_ill', 'family_away', 'guardian_unreachable'] as const;
export type PauseReason = (typeof PAUSE_REASONS)[number];

/** Which working-day deadline runs: answering a sent referral, or starting an accepted one. */
export const SLA_PHASES = ['respond', 'start'] as const;
export type SlaPhase = (typeof SLA_PHASES)[number];
