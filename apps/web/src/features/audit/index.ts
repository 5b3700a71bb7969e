/** The auditor's screens (issue 19), one lazy chunk: the trail with its seal, and the break-glass review queue. */
export { AuditPage } from './AuditPage';
export { BreakGlassReviewPage } from './BreakGlassReviewPage';
