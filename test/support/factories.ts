import { TEST_ADMIN_PASSWORD, TestApp } from './test-app';

/**
 * Small factories that seed through the public API, the way a real admin would, so tests exercise the
 * same validation and authorization as production.
 */
export const ZHAMBYL = '310000000';
export const PAVLODAR = '550000000';
export const SHYMKENT = '790000000';
export const DEFAULT_PASSWORD = 'correct-horse-battery-staple';

export interface Session {
  token: string;
  userId?: string;
}

export async function loginAs(t: TestApp, username: string, password: string): Promise<Session> {
  const res = await t.http.post('/api/v1/auth/login').send({ username, password });
  if (res.status !== 200) throw new Error(`login ${username} → ${res.status} ${JSON.stringify(res.body)}`);
  return { token: res.body.accessToken };
}

export const asAdmin = (t: TestApp) => loginAs(t, 'admin', TEST_ADMIN_PASSWORD);

let counter = 0;
const unique = (prefix: string) => `${prefix}-${process.pid}-${++counter}`;

export interface OrganizationInput {
  type: string;
  kato?: string;
  nameKk?: string;
  nameRu?: string;
  [field: string]: unknown;
}

export async function newOrganization(t: TestApp, as: Session, input: OrganizationInput): Promise<{ id: string; kato: string; version: number; type: string }> {
  const name = unique(input.type);
  const res = await t.http
    .post('/api/v1/organizations')
    .set('Authorization', `Bearer ${as.token}`)
    .send({ kato: ZHAMBYL, nameKk: `${name} kk`, nameRu: `${name} ru`, ...input });
  if (res.status !== 201) throw new Error(`create organization → ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function newUser(
  t: TestApp,
  as: Session,
  orgId: string,
  roles: string[],
  extra: Record<string, unknown> = {},
): Promise<{ id: string; username: string; password: string; session: () => Promise<Session> }> {
  const username = unique(roles[0].replace(/_/g, '')).toLowerCase();
  const res = await t.http
    .post('/api/v1/users')
    .set('Authorization', `Bearer ${as.token}`)
    .send({ username, password: DEFAULT_PASSWORD, fullName: 'Айгерім Сейітқызы', orgId, roles, ...extra });
  if (res.status !== 201) throw new Error(`create user → ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.id, username, password: DEFAULT_PASSWORD, session: () => loginAs(t, username, DEFAULT_PASSWORD) };
}

export const bearer = (session: Session) => ({ Authorization: `Bearer ${session.token}` });
