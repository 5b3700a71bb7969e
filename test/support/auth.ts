import { PasswordHasher, type Role } from '@qoldau/auth';
import { TEST_ADMIN_PASSWORD, TestApp } from './test-app';

/**
 * Authentication helpers for e2e tests: users inserted straight into the database (hashed with the
 * app's own PasswordHasher), and logins over HTTP exactly as a client does them.
 *
 *   const user = await createUser(t, { roles: ['pmpc_specialist'], orgId });
 *   const tokens = await login(t, user.username, user.password);
 *   await t.http.get('/api/v1/…').set(bearer(tokens)).expect(200);
 */
export const TEST_USER_PASSWORD = 'correct horse battery staple';

export interface TestUser {
  id: string;
  username: string;
  password: string;
}

export interface Tokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

let counter = 0;

export async function createUser(
  t: TestApp,
  options: { username?: string; password?: string; roles?: Role[]; orgId?: string | null; active?: boolean; fullName?: string } = {},
): Promise<TestUser> {
  const username = (options.username ?? `user-${process.pid}-${++counter}`).toLowerCase();
  const password = options.password ?? TEST_USER_PASSWORD;
  const passwordHash = await t.app.get(PasswordHasher).hash(password);
  const [row] = await t.db.query(
    `INSERT INTO users (username, password_hash, full_name, org_id, roles, active) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [username, passwordHash, options.fullName ?? 'Айгерім Сейітқызы', options.orgId ?? null, options.roles ?? [], options.active ?? true],
  );
  return { id: row.id, username, password };
}

/** Logs in over HTTP; throws with the problem body unless the answer is 200. */
export async function login(t: TestApp, username: string, password: string): Promise<Tokens> {
  const res = await t.http.post('/api/v1/auth/login').send({ username, password });
  if (res.status !== 200) throw new Error(`login ${username} → ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as Tokens;
}

export const loginAsAdmin = (t: TestApp) => login(t, 'admin', TEST_ADMIN_PASSWORD);

/** `Authorization` header for supertest's `.set(…)`, from a token or anything carrying one. */
export function bearer(token: string | { accessToken: string } | { token: string }): { Authorization: string } {
  const value = typeof token === 'string' ? token : 'accessToken' in token ? token.accessToken : token.token;
  return { Authorization: `Bearer ${value}` };
}
