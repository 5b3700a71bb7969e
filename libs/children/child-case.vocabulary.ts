/** The closed vocabularies of the case record; the migration's CHECK constraints say the same. */
export const CHILD_STATUSES = ['open', 'closed', 'merged'] as const;
export type ChildStatus = (typeof CHILD_STATUSES)[number];

export const SEXES = ['male', 'female'] as const;

export const GUARDIAN_RELATIONS = ['mother', 'father', 'guardian', 'trustee', 'foster_parent', 'grandparent', 'other'] as const;

export const CONSENT_KINDS = ['assessment', 'data_sharing', 'services'] as const;
export type ConsentKind = (typeof CONSENT_KINDS)[number];

export const CASE_SECTORS = ['education', 'health', 'social'] as const;

export const DISABILITY_STATUSES = ['under_review', 'established', 'not_established', 'ended'] as const;
