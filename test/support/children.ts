import { INVOLVEMENT_KINDS, InvolvementsService } from '@qoldau/children';
import { iinCheckDigit } from '@qoldau/core';
import { ClsService } from 'nestjs-cls';
import { loginAs, newOrganization, newUser, Session, ZHAMBYL } from './factories';
import type { TestApp } from './test-app';

/**
 * Factories for the child case record: valid IINs for any birth date and sex, case workers (an
 * organisation with one user of a role, signed in), children registered through POST /children, and
 * involvements granted through the children lib's own InvolvementsService (the libs that grant them
 * over HTTP — referrals, placements, assessments — come later).
 */

const CENTURY_DIGIT: Record<string, { male: number; female: number }> = {
  '18': { male: 1, female: 2 },
  '19': { male: 3, female: 4 },
  '20': { male: 5, female: 6 },
};

const FIRST = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const weighted = (digits: string, weights: number[]) => [...digits].reduce((sum, d, i) => sum + Number(d) * weights[i], 0) % 11;

let serial = Math.floor(Math.random() * 5000);

/**
 * A valid IIN encoding `birthDate` (YYYY-MM-DD) and `sex`, different on every call. With
 * `secondWeights`, one whose check digit needs the second weight set (the first gives 10).
 */
export function makeIin(birthDate: string, sex: 'male' | 'female', options: { secondWeights?: boolean } = {}): string {
  const [year, month, day] = birthDate.split('-');
  const prefix = `${year.slice(2)}${month}${day}${CENTURY_DIGIT[year.slice(0, 2)][sex]}`;
  for (let tries = 0; tries < 10_000; tries++) {
    serial = (serial + 1) % 10_000;
    const first11 = `${prefix}${String(serial).padStart(4, '0')}`;
    const check = iinCheckDigit(first11);
    if (check === null) continue;
    if (options.secondWeights && weighted(first11, FIRST) !== 10) continue;
    return `${first11}${check}`;
  }
  throw new Error(`no IIN for ${birthDate}`);
}

/** The same IIN with a wrong check digit. */
export function withWrongCheckDigit(iin: string): string {
  return `${iin.slice(0, 11)}${(Number(iin[11]) + 1) % 10}`;
}

/** 11 digits whose check digit would be 10 under both weight sets: no valid IIN begins with them. */
export function impossibleCheckPrefix(birthDate: string, sex: 'male' | 'female'): string {
  const [year, month, day] = birthDate.split('-');
  const prefix = `${year.slice(2)}${month}${day}${CENTURY_DIGIT[year.slice(0, 2)][sex]}`;
  for (let s = 0; s < 10_000; s++) {
    const first11 = `${prefix}${String(s).padStart(4, '0')}`;
    if (iinCheckDigit(first11) === null) return first11;
  }
  throw new Error('none');
}

export interface CaseWorker {
  orgId: string;
  userId: string;
  username: string;
  /** Authorization header, signing in again when the test clock has moved the token near its expiry. */
  auth(): Promise<{ Authorization: string }>;
}

/** An organisation of `type` with one signed-in user holding `roles`. */
export async function newCaseWorker(t: TestApp, admin: Session, type: string, roles: string[], kato = ZHAMBYL, orgId?: string): Promise<CaseWorker> {
  const org = orgId ? { id: orgId } : await newOrganization(t, admin, { type, kato });
  const user = await newUser(t, admin, org.id, roles);
  let session: { token: string; at: number } | null = null;
  return {
    orgId: org.id,
    userId: user.id,
    username: user.username,
    async auth() {
      const now = t.clock.now().getTime();
      if (!session || now - session.at > 10 * 60 * 1000 || now < session.at) {
        session = { token: (await loginAs(t, user.username, user.password)).token, at: now };
      }
      return { Authorization: `Bearer ${session.token}` };
    },
  };
}

export interface ChildInput {
  iin?: string;
  iinPending?: boolean;
  lastName?: string;
  firstName?: string;
  patronymic?: string | null;
  birthDate?: string;
  sex?: 'male' | 'female';
  kato?: string;
  address?: string | null;
  guardians?: Record<string, unknown>[];
  confirmNew?: boolean;
}

export interface RegisteredChild {
  id: string;
  version: number;
  identity: { iin: string | null; lastName: string; firstName: string; birthDate: string; sex: string };
  guardians: { id: string; fullName: string; relation: string }[];
  [section: string]: unknown;
}

/** Registers a child as `by` (a valid IIN for the birth date unless given or iinPending), 201 or throws. */
export async function newChild(t: TestApp, by: CaseWorker, overrides: ChildInput = {}): Promise<RegisteredChild> {
  const birthDate = overrides.birthDate ?? '2019-05-14';
  const sex = overrides.sex ?? 'female';
  const body: ChildInput = {
    ...(overrides.iinPending ? {} : { iin: makeIin(birthDate, sex) }),
    lastName: 'Ахметова',
    firstName: 'Әлия',
    patronymic: 'Серікқызы',
    birthDate,
    sex,
    kato: ZHAMBYL,
    guardians: [{ iin: makeIin('1987-03-12', 'female'), fullName: 'Ахметова Гүлнар', relation: 'mother', phone: '+77011234567' }],
    // Test children share names and birth dates on purpose; the duplicate check has tests of its own.
    confirmNew: true,
    ...overrides,
  };
  const res = await t.http.post('/api/v1/children').set(await by.auth()).send(body);
  if (res.status !== 201) throw new Error(`register child → ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Gives `orgId` an involvement with the child, as assessments, referrals and placements will. */
export async function involve(t: TestApp, childId: string, orgId: string, kind: (typeof INVOLVEMENT_KINDS)[number] = 'referral'): Promise<void> {
  await t.app.get(ClsService).run(() => t.app.get(InvolvementsService).grant(childId, orgId, kind));
}

/** Ends every involvement of that kind. */
export async function uninvolve(t: TestApp, childId: string, orgId: string, kind: (typeof INVOLVEMENT_KINDS)[number] = 'referral'): Promise<void> {
  await t.app.get(ClsService).run(() => t.app.get(InvolvementsService).end(childId, orgId, kind));
}

/** A legal representative's data_sharing consent for `sector`, recorded by `by`; returns the consent id. */
export async function shareWith(t: TestApp, by: CaseWorker, child: { id: string; guardians: { id: string }[] }, sector: string): Promise<string> {
  const res = await t.http.post(`/api/v1/children/${child.id}/consents`).set(await by.auth()).send({ kind: 'data_sharing', sector, guardianId: child.guardians[0].id });
  if (res.status !== 201) throw new Error(`data_sharing consent → ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

export async function withdrawConsent(t: TestApp, by: CaseWorker, consentId: string): Promise<void> {
  const res = await t.http.post(`/api/v1/consents/${consentId}/withdraw`).set(await by.auth());
  if (res.status !== 200) throw new Error(`withdraw consent → ${res.status} ${JSON.stringify(res.body)}`);
}
