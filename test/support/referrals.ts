import type { Response } from 'supertest';
import { CaseWorker, newChild, RegisteredChild } from './children';
import { newOrganization, newUser, Session, ZHAMBYL } from './factories';
import { TEST_ADMIN_PASSWORD, type TestApp } from './test-app';

/**
 * Factories for referrals, seeding through the public API as users would: organisations with their
 * places, case workers, children with a services consent, referrals created and sent over HTTP.
 *
 *   const room = await serviceProvider(t, admin, 'correction_room', ['correction_specialist'], { capacity: 2, stateOrderPlaces: 1 });
 *   const child = await consentingChild(t, pmpc);
 *   const referral = await sentReferral(t, pmpc, child.id, room.orgId);
 *   await act(t, room, referral.id, 'accept').expect(200);
 */

export const REFERRAL_EVENTS_WITH_BODY: Record<string, Record<string, unknown>> = {
  decline: { reason: 'Нет логопеда до сентября' },
  withdraw: { reason: 'Семья переехала' },
  pause: { reason: 'child_ill' },
  complete: { outcome: 'goals_met', summary: 'Речь улучшилась' },
};

let clientAddress = 0;
const nextClientAddress = () => `10.${(++clientAddress >> 16) & 255}.${(clientAddress >> 8) & 255}.${clientAddress & 255}`;

const adminSessions = new WeakMap<TestApp, { token: string; at: number }>();

/**
 * The national admin, signed in again whenever the test clock has moved its token near expiry (the SLA
 * tests move the clock by weeks). Use it wherever a factory takes `admin`.
 */
export async function admin(t: TestApp): Promise<Session> {
  const now = t.clock.now().getTime();
  const cached = adminSessions.get(t);
  if (cached && now - cached.at < 10 * 60_000 && now >= cached.at) return { token: cached.token };
  const res = await t.http.post('/api/v1/auth/login').set('X-Forwarded-For', nextClientAddress()).send({ username: 'admin', password: TEST_ADMIN_PASSWORD });
  if (res.status !== 200) throw new Error(`admin login → ${res.status}`);
  adminSessions.set(t, { token: res.body.accessToken, at: now });
  return { token: res.body.accessToken };
}

/**
 * Signs `user` in again whenever the test clock has moved its token out of its 15 minutes (or back
 * before it was issued). SLA tests move the clock by weeks, so one user signs in many times within a
 * real minute; each sign-in comes from its own client address so that the login throttle (per address
 * and username, in real time) does not refuse the test — the lockout, which counts failures, is unaffected.
 * The address is believed only by an app started with `TRUSTED_PROXIES` covering 127.0.0.1 (a spec that
 * moves the clock that far starts its app so); elsewhere it is ignored and harmless.
 */
function signedIn(t: TestApp, user: { id: string; username: string; password: string }, orgId: string): CaseWorker {
  let session: { token: string; at: number } | null = null;
  return {
    orgId,
    userId: user.id,
    username: user.username,
    async auth() {
      const now = t.clock.now().getTime();
      if (!session || now - session.at > 10 * 60_000 || now < session.at) {
        const res = await t.http.post('/api/v1/auth/login').set('X-Forwarded-For', nextClientAddress()).send({ username: user.username, password: user.password });
        if (res.status !== 200) throw new Error(`login ${user.username} → ${res.status} ${JSON.stringify(res.body)}`);
        session = { token: res.body.accessToken, at: now };
      }
      return { Authorization: `Bearer ${session.token}` };
    },
  };
}

/** A signed-in user with `roles` in the organisation `orgId`. */
export async function member(t: TestApp, orgId: string, roles: string[]): Promise<CaseWorker> {
  return signedIn(t, await newUser(t, await admin(t), orgId, roles), orgId);
}

/** An organisation of `type` with `places` (capacity, stateOrderPlaces) and one signed-in user of `roles`. */
export async function serviceProvider(
  t: TestApp,
  type: string,
  roles: string[],
  places: { capacity?: number | null; stateOrderPlaces?: number | null; kato?: string } = {},
): Promise<CaseWorker> {
  const { kato = ZHAMBYL, ...rest } = places;
  const org = await newOrganization(t, await admin(t), { type, kato, ...rest });
  return member(t, org.id, roles);
}

/** A signed-in user of a new organisation of `type` (no places). */
export async function worker(t: TestApp, type: string, roles: string[], kato = ZHAMBYL): Promise<CaseWorker> {
  const org = await newOrganization(t, await admin(t), { type, kato });
  return member(t, org.id, roles);
}

/** Another signed-in user of the same organisation. */
export const colleague = (t: TestApp, of: CaseWorker, _type: string, roles: string[]) => member(t, of.orgId, roles);

/** Grants a consent of `kind` from the child's first guardian, as `by`. */
export async function grantConsent(t: TestApp, by: CaseWorker, child: RegisteredChild, kind = 'services', extra: Record<string, unknown> = {}) {
  const res = await t.http
    .post(`/api/v1/children/${child.id}/consents`)
    .set(await by.auth())
    .send({ kind, guardianId: child.guardians[0].id, ...extra });
  if (res.status !== 201) throw new Error(`consent → ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; expiresAt: string | null };
}

/** A child registered by `by`, whose legal representative consents to services. */
export async function consentingChild(t: TestApp, by: CaseWorker): Promise<RegisteredChild> {
  const child = await newChild(t, by);
  await grantConsent(t, by, child);
  return child;
}

export interface ReferralBody {
  id: string;
  status: string;
  version: number;
  childId: string;
  fromOrgId: string;
  toOrgId: string;
  waitlistPosition: number | null;
  slaDueAt: string | null;
  sla: { phase: string | null; dueAt: string | null; paused: boolean; pauseReason: string | null; overdue: boolean; startedAt: string | null };
  episode: { id: string; funding: string; sessions: number; attendedSessions: number; outcome: string | null; startedOn: string; endedOn: string | null } | null;
  [field: string]: unknown;
}

/** POST /referrals as `from`; 201 or throws. */
export async function draftReferral(
  t: TestApp,
  from: CaseWorker,
  childId: string,
  toOrgId: string,
  overrides: Record<string, unknown> = {},
): Promise<ReferralBody> {
  const res = await t.http
    .post('/api/v1/referrals')
    .set(await from.auth())
    .send({ childId, toOrgId, serviceType: 'speech_therapy', reason: 'Нарушение звукопроизношения', priority: 'normal', ...overrides });
  if (res.status !== 201) throw new Error(`create referral → ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A referral created and sent by `from`. */
export async function sentReferral(t: TestApp, from: CaseWorker, childId: string, toOrgId: string, overrides: Record<string, unknown> = {}): Promise<ReferralBody> {
  const draft = await draftReferral(t, from, childId, toOrgId, overrides);
  return (await act(t, from, draft.id, 'send').expect(200)).body;
}

/** A request's answer, awaitable as is or through `.expect(status)` (which throws with the body otherwise). */
export type Answer = Promise<Response> & { expect(status: number): Promise<Response> };

export function answer(request: () => Promise<Response>, what: string): Answer {
  const pending = request();
  return Object.assign(pending, {
    async expect(status: number) {
      const res = await pending;
      if (res.status !== status) throw new Error(`${what} → ${res.status} (expected ${status}) ${JSON.stringify(res.body)}`);
      return res;
    },
  });
}

/** POST /referrals/:id/<event> as `by` (with a sensible body for events that need one). */
export function act(t: TestApp, by: CaseWorker, id: string, event: string, body?: Record<string, unknown>): Answer {
  return answer(
    async () => t.http.post(`/api/v1/referrals/${id}/${event}`).set(await by.auth()).send(body ?? REFERRAL_EVENTS_WITH_BODY[event] ?? {}),
    event,
  );
}

/** Moves a referral through `events` (each must answer 200), returning the last body. */
export async function walk(t: TestApp, id: string, steps: [CaseWorker, string, Record<string, unknown>?][]): Promise<ReferralBody> {
  let body: ReferralBody | undefined;
  for (const [by, event, input] of steps) {
    const res: Response = await act(t, by, id, event, input);
    if (res.status !== 200) throw new Error(`${event} → ${res.status} ${JSON.stringify(res.body)}`);
    body = res.body;
  }
  return body as ReferralBody;
}

/** The user's notifications (newest first). */
export async function notificationsOf(t: TestApp, who: CaseWorker, query: Record<string, unknown> = {}) {
  const res = await t.http.get('/api/v1/notifications').query({ limit: 100, ...query }).set(await who.auth()).expect(200);
  return res.body.items as { id: string; kind: string; referralId: string | null; childId: string | null; payload: Record<string, unknown>; readAt: string | null }[];
}

/** Almaty wall-clock time as an instant: almaty('2026-03-16 10:00'). */
export const almaty = (local: string) => new Date(`${local.replace(' ', 'T')}:00+05:00`);

/** End of an Almaty day, as deadlines are stored. */
export const endOfDay = (date: string) => new Date(`${date}T23:59:59.999+05:00`).toISOString();
