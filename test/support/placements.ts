import type { CaseWorker } from './children';
import type { TestApp } from './test-app';

/**
 * Helpers for placements, through the public API as a school coordinator or PMPC would use it:
 *
 *   const placement = await activePlacement(t, school, child.id);
 */

export interface PlacementBody {
  id: string;
  childId: string;
  status: string;
  version: number;
  warnings?: { code: string; [field: string]: unknown }[];
  supportPlan: { id: string; version: number; [field: string]: unknown } | null;
  [field: string]: unknown;
}

/** Proposes a placement as `by` in `orgId` (by default `by`'s own organisation), 201 or throws. */
export async function proposePlacement(t: TestApp, by: CaseWorker, childId: string, body: Record<string, unknown> = {}): Promise<PlacementBody> {
  const res = await t.http.post(`/api/v1/children/${childId}/placements`).set(await by.auth()).send({ orgId: by.orgId, form: 'inclusive_class', ...body });
  if (res.status !== 201) throw new Error(`propose placement → ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Activates as `by` (a coordinator of the placing organisation), 200 or throws. */
export async function activatePlacement(t: TestApp, by: CaseWorker, id: string): Promise<PlacementBody> {
  const res = await t.http.post(`/api/v1/placements/${id}/activate`).set(await by.auth());
  if (res.status !== 200) throw new Error(`activate placement → ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A placement proposed and activated by a coordinator of `school` in its own organisation. */
export async function activePlacement(t: TestApp, school: CaseWorker, childId: string, body: Record<string, unknown> = {}): Promise<PlacementBody> {
  return activatePlacement(t, school, (await proposePlacement(t, school, childId, body)).id);
}

/** A support plan body with one goal, one service provided by `providerOrgId`, and one responsible person. */
export function supportPlan(providerOrgId: string, reviewDate = '2027-01-15', overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    goals: [{
      area: 'speech', description: 'Қысқа мәтінді көмекпен дауыстап оқиды', criterion: 'Бес сөйлемді бір ғана көмекпен оқиды, қатарынан 3 сабақта',
      targetDate: '2027-05-31',
    }],
    services: [{ service: 'speech_therapy', providerOrgId, hoursPerWeek: 2, provider: 'қолдау кабинеті' }],
    responsibleStaff: [{ fullName: 'Ахметова Айгүл', role: 'логопед' }],
    reviewDate,
    ...overrides,
  };
}

/** Saves the plan of a placement as its placing organisation's coordinator (If-Match when `version` is given), 200 or throws. */
export async function savePlan(t: TestApp, by: CaseWorker, placementId: string, body: Record<string, unknown>, version?: number): Promise<SupportPlanBody> {
  const request = t.http.put(`/api/v1/placements/${placementId}/support-plan`).set(await by.auth());
  if (version !== undefined) request.set('If-Match', `"${version}"`);
  const res = await request.send(body);
  if (res.status !== 200) throw new Error(`save support plan → ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export interface SupportPlanBody {
  id: string;
  version: number;
  reviewDate: string;
  goals: { id: string; area: string; description: string; criterion: string; targetDate: string }[];
  [field: string]: unknown;
}
