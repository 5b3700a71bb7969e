/** The closed vocabularies of assessments; the migration's CHECK constraints say the same. */
export const ASSESSMENT_STATUSES = ['draft', 'signed', 'superseded'] as const;
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];

/** The recommended educational programme of a conclusion. */
export const PROGRAMMES = ['general', 'adapted', 'special', 'individual'] as const;
export type Programme = (typeof PROGRAMMES)[number];

/** The commission's members by speciality (DESIGN §1: psychologist, speech therapist, special teacher, doctor). */
export const SPECIALTIES = ['psychologist', 'speech_therapist', 'special_teacher', 'doctor', 'social_pedagogue'] as const;
export type Specialty = (typeof SPECIALTIES)[number];

/** Recommendations are written per receiving sector. */
export const RECOMMENDATION_SECTORS = ['education', 'health', 'social'] as const;
export type RecommendationSector = (typeof RECOMMENDATION_SECTORS)[number];
export type Recommendations = Record<RecommendationSector, string | null>;

/** A review is planned at most this many years after signing (DESIGN §4, issue 8). */
export const REVIEW_WITHIN_YEARS = 3;
