/**
 * What authentication reports to the audit trail. libs/audit implements it (audit depends on auth, not
 * the other way round), so a login failure or a revoked session is recorded without auth knowing how.
 */
export abstract class AuthEvents {
  /** A login refused (unknown user, wrong password, locked, inactive). Recorded even though the request fails. */
  abstract loginFailed(event: { userId: string | null; orgId: string | null; reason: string }): Promise<void>;

  /** Sessions ended (logout, refresh-token reuse, deactivation, password reset, role change), in the caller's transaction. */
  abstract sessionsRevoked(event: { userId: string | null; sessionIds: string[]; reason: string }): Promise<void>;
}
