/**
 * The numbers of the authentication policy, in one place (docs/auth.md explains them). Every time
 * decision compares against the injected Clock, never Date.now(), so tests can move time.
 */
export const AUTH_POLICY = {
  /** Access token (JWT) lifetime. Also how long a revoked session id must stay in the in-memory set. */
  accessTokenSeconds: 15 * 60,
  /** A refresh token unused for this long expires (the session is idle). */
  refreshIdleMs: 7 * 24 * 60 * 60 * 1000,
  /** A session (refresh-token family) ends this long after login, however active. */
  sessionMaxAgeMs: 30 * 24 * 60 * 60 * 1000,
  lockout: {
    /** This many failed logins within `windowMs` lock the account… */
    maxFailures: 5,
    windowMs: 15 * 60 * 1000,
    /** …for this long. */
    lockMs: 15 * 60 * 1000,
  },
  throttle: {
    /** Login attempts per (client IP, username) per minute. */
    loginPerMinute: 10,
    /** Refresh calls per (client IP, refresh token) per minute. */
    refreshPerMinute: 10,
  },
} as const;

/** Issuer and audience of our access tokens: a token minted for something else is refused. */
export const TOKEN_ISSUER = 'qoldau';
export const TOKEN_AUDIENCE = 'qoldau-api';
