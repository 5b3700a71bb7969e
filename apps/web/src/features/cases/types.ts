import type { components } from '../../api/schema';

type Schemas = components['schemas'];

export type Assessment = Schemas['AssessmentView'];
export type Placement = Schemas['PlacementView'];
export type Consent = Schemas['ConsentView'];
export type Guardian = Schemas['GuardianView'];
export type Diagnosis = Schemas['DiagnosisView'];
export type Disability = Schemas['DisabilityView'];
export type Identity = Schemas['IdentityView'];
export type Referral = Schemas['ReferralView'];
export type TimelineEntry = Schemas['TimelineEntryView'];
export type AccessLogEntry = Schemas['AccessLogEntry'];
/** A referral inside the case view: the same as GET /referrals gives, without the child. */
export type CaseReferral = Schemas['CaseReferralView'];

/**
 * GET /children/:id as the server sends it: only the sections the actor may see are present (never
 * null for "hidden") — the children lib's own, and those other libs contribute (assessments,
 * placements, referrals), which the OpenAPI document adds to ChildView (apps/api/src/openapi.ts).
 */
export type CaseView = Schemas['ChildView'];
