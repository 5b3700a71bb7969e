/** The closed vocabularies of placements; the migration's CHECK constraints say the same. */
export const PLACEMENT_STATUSES = ['proposed', 'active', 'ended'] as const;
export type PlacementStatus = (typeof PLACEMENT_STATUSES)[number];

/**
 * How an ended placement ended (`ended_as`): ended by its school, cancelled before it started, or
 * transferred — the child moved to another school, whose placement names this one (issue 15).
 */
export const PLACEMENT_END_KINDS = ['ended', 'cancelled', 'transferred'] as const;
export type PlacementEndKind = (typeof PLACEMENT_END_KINDS)[number];

/**
 * Organisations that place a child (DESIGN §1: mainstream and special schools and kindergartens). A
 * child has at most one active placement, and every placing organisation is one of these, so the
 * partial unique index UQ_placements_active is "one active school/kindergarten placement per child".
 */
export const PLACING_ORGANIZATION_TYPES = ['school', 'kindergarten', 'special_school', 'special_kindergarten'] as const;
