import { Injectable } from '@nestjs/common';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Clock, TransactionHost, UnauthenticatedError } from '@qoldau/core';
import type { UserIdentity } from './access-token';
import { AccountLockedError, invalidCredentials } from './auth-errors';
import { AuthEvents } from './auth-events';
import { afterFailure, hasFailures, lockedUntil, NO_FAILURES } from './lockout';
import { PasswordHasher } from './password-hasher';
import { UserAccountsRepository } from './user-accounts.repository';

/**
 * An argon2id hash of a random secret nobody knows, with the same parameters as PasswordHasher (a unit
 * test keeps them equal): verifying against it costs what verifying a real user's password costs, so an
 * unknown username takes as long to refuse as a wrong password.
 */
export const DUMMY_PASSWORD_HASH = '$argon2id$v=19$m=19456,t=2,p=1$knVDEuSRAzM9GlFCvHeAjw$rW6d2+nJsaSE0QRZt/jwS/MQA8PJP0JN5CnvxQJEEtY';

/** Usernames are stored lower-case; what a person types is matched the same way. */
export function normalizeUsername(username: string): string {
  return username.trim().toLowerCase();
}

/**
 * Checks a username and password (the passport-local step of login). Outcomes, each a separate method
 * so the audit writer can hook in: success, failure (unknown user or wrong password, indistinguishable
 * to the caller), refusal because the account is locked or deactivated.
 *
 * Runs before the request transaction opens (it is a guard), so a failure's lockout count is committed
 * on its own even though the request then answers 401.
 */
@Injectable()
export class CredentialsService {
  constructor(
    private readonly users: UserAccountsRepository,
    private readonly hasher: PasswordHasher,
    private readonly clock: Clock,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly events: AuthEvents,
  ) {}

  async verify(username: string, password: string): Promise<UserIdentity> {
    const account = await this.users.findByUsername(normalizeUsername(username));
    if (!account) {
      await this.hasher.verify(DUMMY_PASSWORD_HASH, password);
      throw await this.refused(null, null, this.unknownUser());
    }
    const { userId, orgId } = account.identity;
    const locked = lockedUntil(account.failures, this.clock.now());
    if (locked) throw await this.refused(userId, orgId, this.refusedLocked(locked));
    if (!(await this.hasher.verify(account.passwordHash, password))) throw await this.refused(userId, orgId, await this.wrongPassword(userId));
    // Said only to someone who knows the password, and then still as a plain credentials failure.
    if (!account.active) throw await this.refused(userId, orgId, this.refusedInactive(), 'ACCOUNT_INACTIVE');
    if (hasFailures(account.failures)) await this.users.saveFailures(account.identity.userId, NO_FAILURES);
    return account.identity;
  }

  /** Every refusal is on the audit trail, committed even though the request answers 401. */
  private async refused(userId: string | null, orgId: string | null, error: UnauthenticatedError, reason = error.code): Promise<UnauthenticatedError> {
    await this.events.loginFailed({ userId, orgId, reason });
    return error;
  }

  private unknownUser(): UnauthenticatedError {
    return invalidCredentials();
  }

  /** Counts the failure; the one that reaches the limit answers ACCOUNT_LOCKED straight away. */
  private async wrongPassword(userId: string): Promise<UnauthenticatedError> {
    const now = this.clock.now();
    const state = await this.txHost.withTransaction(async () => {
      const next = afterFailure(await this.users.lockFailures(userId), now);
      await this.users.saveFailures(userId, next);
      return next;
    });
    const locked = lockedUntil(state, now);
    return locked ? this.refusedLocked(locked) : invalidCredentials();
  }

  private refusedLocked(until: Date): AccountLockedError {
    return new AccountLockedError(until);
  }

  private refusedInactive(): UnauthenticatedError {
    return invalidCredentials();
  }
}
