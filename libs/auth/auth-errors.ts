import { UnauthenticatedError } from '@qoldau/core';

/**
 * The 401s of authentication, with their stable codes. A client reacts to the code: re-enter
 * credentials (INVALID_CREDENTIALS, ACCOUNT_LOCKED), refresh (TOKEN_EXPIRED), or log in again
 * (everything about a session or refresh token).
 */
export const invalidCredentials = () => new UnauthenticatedError('INVALID_CREDENTIALS', 'The username or password is wrong');

/** 401 ACCOUNT_LOCKED with `lockedUntil` (ISO-8601) as a problem-details extension. */
export class AccountLockedError extends UnauthenticatedError {
  constructor(lockedUntil: Date) {
    super('ACCOUNT_LOCKED', 'Too many failed logins; the account is locked for a while');
    this.extensions.lockedUntil = lockedUntil.toISOString();
  }
}

export const missingToken = () => new UnauthenticatedError('UNAUTHENTICATED', 'Send an access token: Authorization: Bearer <token>');
export const invalidToken = () => new UnauthenticatedError('TOKEN_INVALID', 'The access token is malformed or not signed by this service');
export const expiredToken = () => new UnauthenticatedError('TOKEN_EXPIRED', 'The access token has expired; refresh it');
export const sessionRevoked = () => new UnauthenticatedError('SESSION_REVOKED', 'The session has ended; log in again');
export const invalidRefreshToken = () => new UnauthenticatedError('REFRESH_TOKEN_INVALID', 'The refresh token is not valid; log in again');
export const expiredRefreshToken = () => new UnauthenticatedError('REFRESH_TOKEN_EXPIRED', 'The session has expired; log in again');
export const reusedRefreshToken = () =>
  new UnauthenticatedError('REFRESH_TOKEN_REUSED', 'The refresh token was already used; the session has been ended for safety');
