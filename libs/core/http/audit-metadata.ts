import { SetMetadata } from '@nestjs/common';

export const AUDIT_ACTION = 'qoldau:audit-action';
export const NO_AUDIT = 'qoldau:no-audit';

/**
 * Names the audit action of a route (e.g. 'child.read', 'referral.accept'). Every authenticated route
 * is audited by the global AuditInterceptor (libs/audit) whether or not it carries this; the name makes
 * the trail readable, and on a public route (login) it switches auditing on. Without it the action is
 * "<METHOD> <route>". Defined here so any lib can name its routes without depending on libs/audit.
 */
export const Audit = (action: string) => SetMetadata(AUDIT_ACTION, action);

/** Opts a route out of the audit trail: only for routes that show no personal or case data. */
export const NoAudit = () => SetMetadata(NO_AUDIT, true);
