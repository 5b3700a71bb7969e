export { AuditModule, SEAL_JOB } from './audit.module';
export { Audit, NoAudit } from './audit.decorators';
export { AuditTrail, diff } from './audit-trail';
export { AuditSealService } from './audit-seal.service';
export type { VerifyResult } from './audit-seal.service';
export type { AuditNote, AuditEventInput, Changes, FieldChange } from './audit.types';
export { LookupLimits } from './lookup-limits';
export type { LookupKind } from './lookup-limits';
