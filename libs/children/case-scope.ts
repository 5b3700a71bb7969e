/**
 * Whose eyes a query looks through: the actor's organisation (from the policy's "involved" scope; null
 * sees nothing) and the Clock's instant that decides which involvements and consents are active.
 * Every repository method that returns case data takes it and composes `visibleToOrg` with it.
 */
export interface CaseScope {
  orgId: string | null;
  now: Date;
}
