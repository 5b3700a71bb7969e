/** One field's change. Values of personal fields are left out (the auditor may not see case content). */
export interface FieldChange {
  from?: unknown;
  to?: unknown;
}

export type Changes = Record<string, FieldChange>;

/** What a use case tells the audit trail about the request it is handling. */
export interface AuditNote {
  resourceType?: string | null;
  resourceId?: string | null;
  childId?: string | null;
  changes?: Changes;
  /** For lists and searches: the ids returned. */
  resultIds?: string[];
  /** For searches: the query (its personal terms are recorded only as their kind, see AuditTrail). */
  query?: Record<string, unknown>;
  /** A reason given by the actor (break-glass, close, decline). */
  reason?: string | null;
  /** Who acted when the request had no token yet (login). */
  actorUserId?: string | null;
  actorOrgId?: string | null;
}

export interface AuditEventInput extends AuditNote {
  action: string;
  outcome: 'allowed' | 'denied';
  /** Reading or changing; the interceptor sets it from the HTTP method. */
  operation?: 'read' | 'change';
}
