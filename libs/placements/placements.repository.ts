import { Injectable } from '@nestjs/common';
import { isoTimestamp, jsonArray, jsonObject, SqlRepository } from '@qoldau/core';
import type { PlacementOrganization, PlanGoalView, PlanServiceView, PlacementView, ResponsibleStaff, SupportPlanView } from './dto/placement.dto';
import type { PlacementEndKind, PlacementStatus } from './placement.vocabulary';

interface PlacementRow {
  id: string;
  child_id: string;
  org_id: string;
  org_type: string;
  org_name_kk: string;
  org_name_ru: string;
  status: PlacementStatus;
  form: string;
  class_label: string | null;
  uses_support_room: boolean;
  provided_conditions: string[];
  application_date: string | null;
  application_document: string | null;
  started_on: string | null;
  ended_on: string | null;
  end_reason: string | null;
  ended_as: string | null;
  referral_id: string | null;
  transferred_from_id: string | null;
  transferred_to_id: string | null;
  assessment_id: string | null;
  proposed_at: Date;
  activated_at: Date | null;
  ended_at: Date | null;
  version: number;
  plan_id: string | null;
  plan_goals: PlanGoalView[] | null;
  plan_services: PlanServiceView[] | null;
  plan_staff: ResponsibleStaff[] | null;
  plan_review_date: string | null;
  plan_carried_from_id: string | null;
  plan_updated_at: Date | null;
  plan_version: number | null;
}

/** What a PUT writes: the whole plan, every goal with its id. */
export interface PlanContent {
  goals: PlanGoalView[];
  services: PlanServiceView[];
  responsibleStaff: ResponsibleStaff[];
  reviewDate: string;
}

/** A placement as the services work with it: its API view. */
export type PlacementRecord = PlacementView;

export interface NewPlacement {
  childId: string;
  orgId: string;
  form: string;
  classLabel: string | null;
  startedOn: string | null;
  usesSupportRoom: boolean;
  providedConditions: string[];
  applicationDate?: string | null;
  applicationDocument?: string | null;
  assessmentId: string | null;
  referralId?: string | null;
  transferredFromId?: string | null;
  proposedBy: string;
  proposedAt: Date;
}

const SELECT = `
  SELECT p.id, p.child_id, p.org_id, o.type AS org_type, o.name_kk AS org_name_kk, o.name_ru AS org_name_ru, p.status, p.form,
         p.class_label, p.uses_support_room, p.provided_conditions, to_char(p.application_date, 'YYYY-MM-DD') AS application_date,
         p.application_document, to_char(p.started_on, 'YYYY-MM-DD') AS started_on,
         to_char(p.ended_on, 'YYYY-MM-DD') AS ended_on, p.end_reason, p.ended_as, p.referral_id, p.transferred_from_id,
         (SELECT n.id FROM placements n WHERE n.transferred_from_id = p.id) AS transferred_to_id, p.assessment_id, p.proposed_at, p.activated_at, p.ended_at,
         p.version, s.id AS plan_id, s.goals AS plan_goals, s.services AS plan_services, s.responsible_staff AS plan_staff,
         to_char(s.review_date, 'YYYY-MM-DD') AS plan_review_date, s.carried_from_id AS plan_carried_from_id, s.updated_at AS plan_updated_at, s.version AS plan_version
    FROM placements p
    JOIN organizations o ON o.id = p.org_id
    LEFT JOIN support_plans s ON s.placement_id = p.id`;

/** Active first, then proposed, then ended; newest first within each. */
const CASE_ORDER = `CASE p.status WHEN 'active' THEN 0 WHEN 'proposed' THEN 1 ELSE 2 END, p.proposed_at DESC, p.id`;

/**
 * The case view's placements section as a json sub-select (libs/children/sections): every placement of
 * the child with its support plan, as `toRecord` shows them, in CASE_ORDER.
 */
export function placementsJson(childIdSql: string): string {
  const plan = jsonObject<SupportPlanView>({
    id: 's.id', placementId: 'p.id', goals: `coalesce(s.goals, '[]'::jsonb)`, services: `coalesce(s.services, '[]'::jsonb)`,
    responsibleStaff: `coalesce(s.responsible_staff, '[]'::jsonb)`, reviewDate: "to_char(s.review_date, 'YYYY-MM-DD')",
    carriedFromId: 's.carried_from_id', updatedAt: isoTimestamp('s.updated_at'), version: 's.version',
  });
  const placement = jsonObject<PlacementView>({
    id: 'p.id',
    childId: 'p.child_id',
    status: 'p.status',
    organization: jsonObject<PlacementOrganization>({ id: 'p.org_id', type: 'o.type', nameKk: 'o.name_kk', nameRu: 'o.name_ru' }),
    form: 'p.form',
    classLabel: 'p.class_label',
    usesSupportRoom: 'p.uses_support_room',
    providedConditions: 'p.provided_conditions',
    applicationDate: "to_char(p.application_date, 'YYYY-MM-DD')",
    applicationDocument: 'p.application_document',
    startedOn: "to_char(p.started_on, 'YYYY-MM-DD')",
    endedOn: "to_char(p.ended_on, 'YYYY-MM-DD')",
    endReason: 'p.end_reason',
    endedAs: 'p.ended_as',
    referralId: 'p.referral_id',
    transferredFromId: 'p.transferred_from_id',
    transferredToId: '(SELECT n.id FROM placements n WHERE n.transferred_from_id = p.id)',
    assessmentId: 'p.assessment_id',
    proposedAt: isoTimestamp('p.proposed_at'),
    activatedAt: isoTimestamp('p.activated_at'),
    endedAt: isoTimestamp('p.ended_at'),
    supportPlan: `CASE WHEN s.id IS NOT NULL THEN ${plan} END`,
    version: 'p.version',
  });
  return jsonArray(
    placement,
    `FROM placements p JOIN organizations o ON o.id = p.org_id LEFT JOIN support_plans s ON s.placement_id = p.id WHERE p.child_id = ${childIdSql}`,
    CASE_ORDER,
  );
}

function toRecord(r: PlacementRow): PlacementRecord {
  const supportPlan: SupportPlanView | null = r.plan_id
    ? {
      id: r.plan_id, placementId: r.id, goals: r.plan_goals ?? [], services: r.plan_services ?? [], responsibleStaff: r.plan_staff ?? [], reviewDate: r.plan_review_date as string,
      carriedFromId: r.plan_carried_from_id, updatedAt: (r.plan_updated_at as Date).toISOString(), version: r.plan_version as number,
    }
    : null;
  return {
    id: r.id,
    childId: r.child_id,
    status: r.status,
    organization: { id: r.org_id, type: r.org_type, nameKk: r.org_name_kk, nameRu: r.org_name_ru },
    form: r.form,
    classLabel: r.class_label,
    usesSupportRoom: r.uses_support_room,
    providedConditions: r.provided_conditions,
    applicationDate: r.application_date,
    applicationDocument: r.application_document,
    startedOn: r.started_on,
    endedOn: r.ended_on,
    endReason: r.end_reason,
    endedAs: r.ended_as,
    referralId: r.referral_id,
    transferredFromId: r.transferred_from_id,
    transferredToId: r.transferred_to_id,
    assessmentId: r.assessment_id,
    proposedAt: r.proposed_at.toISOString(),
    activatedAt: r.activated_at?.toISOString() ?? null,
    endedAt: r.ended_at?.toISOString() ?? null,
    supportPlan,
    version: r.version,
  };
}

/** SQL for placements and their support plans; no business rules. */
@Injectable()
export class PlacementsRepository extends SqlRepository {
  async organization(id: string): Promise<{ id: string; type: string; active: boolean } | null> {
    const rows = await this.rows<{ id: string; type: string; active: boolean }>(`SELECT id, type, active FROM organizations WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  async formExists(code: string): Promise<boolean> {
    return (await this.rows(`SELECT 1 FROM education_forms WHERE code = $1`, [code])).length > 0;
  }

  /** Whether organisations of `orgType` offer the form of education (table organization_type_forms). */
  async formOffered(orgType: string, form: string): Promise<boolean> {
    return (await this.rows(`SELECT 1 FROM organization_type_forms WHERE org_type = $1 AND form = $2`, [orgType, form])).length > 0;
  }

  /** The codes among `codes` that are not special conditions of the reference table. */
  async unknownConditions(codes: readonly string[]): Promise<string[]> {
    if (!codes.length) return [];
    const rows = await this.rows<{ code: string }>(
      `SELECT c AS code FROM unnest($1::text[]) WITH ORDINALITY u(c, n) WHERE NOT EXISTS (SELECT 1 FROM special_conditions s WHERE s.code = u.c) ORDER BY n`,
      [codes],
    );
    return rows.map((r) => r.code);
  }

  async insert(p: NewPlacement): Promise<string> {
    return (await this.insertRow('placements', {
      child_id: p.childId, org_id: p.orgId, form: p.form, class_label: p.classLabel, started_on: p.startedOn,
      uses_support_room: p.usesSupportRoom, provided_conditions: p.providedConditions, application_date: p.applicationDate ?? null,
      application_document: p.applicationDocument ?? null, assessment_id: p.assessmentId,
      referral_id: p.referralId ?? null, transferred_from_id: p.transferredFromId ?? null, proposed_by: p.proposedBy, proposed_at: p.proposedAt,
    })) as string;
  }

  /** `lock` takes the placement's row lock (FOR UPDATE) for a change. */
  async find(id: string, options: { lock?: boolean } = {}): Promise<PlacementRecord | null> {
    const rows = await this.rows<PlacementRow>(`${SELECT} WHERE p.id = $1${options.lock ? ' FOR UPDATE OF p' : ''}`, [id]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /**
   * Locks the child's row and returns its status: activations of one child's placements queue here,
   * so the second one sees the first's active placement and answers 409 instead of hitting the index.
   */
  async lockChild(childId: string): Promise<string | null> {
    const rows = await this.rows<{ status: string }>(`SELECT status FROM children WHERE id = $1 FOR UPDATE`, [childId]);
    return rows[0]?.status ?? null;
  }

  /** The child's active placement and its organisation, if any. */
  async activePlacementOf(childId: string): Promise<{ id: string; orgId: string } | null> {
    const rows = await this.rows<{ id: string; org_id: string }>(`SELECT id, org_id FROM placements WHERE child_id = $1 AND status = 'active'`, [childId]);
    return rows[0] ? { id: rows[0].id, orgId: rows[0].org_id } : null;
  }

  /** `providedConditions` null keeps those recorded at the proposal. */
  async activate(id: string, startedOn: string, providedConditions: string[] | null, now: Date): Promise<void> {
    await this.rows(
      `UPDATE placements SET status = 'active', started_on = $2, activated_at = $3, updated_at = $3, version = version + 1,
              provided_conditions = coalesce($4::text[], provided_conditions)
        WHERE id = $1`,
      [id, startedOn, now, providedConditions],
    );
  }

  async end(id: string, endedOn: string, reason: string | null, endedAs: PlacementEndKind, now: Date): Promise<void> {
    await this.rows(
      `UPDATE placements SET status = 'ended', ended_on = $2, end_reason = $3, ended_as = $4, ended_at = $5, updated_at = $5, version = version + 1
        WHERE id = $1`,
      [id, endedOn, reason, endedAs, now],
    );
  }

  /** A placement by a school list's natural key: child, organisation and first day; a cancelled proposal is not one. */
  async idByKey(childId: string, orgId: string, startedOn: string): Promise<string | null> {
    const rows = await this.rows<{ id: string }>(
      `SELECT id FROM placements WHERE child_id = $1 AND org_id = $2 AND started_on = $3 AND ended_as IS DISTINCT FROM 'cancelled'
        ORDER BY proposed_at DESC LIMIT 1`,
      [childId, orgId, startedOn],
    );
    return rows[0]?.id ?? null;
  }

  async correct(id: string, p: { form: string; classLabel: string | null; usesSupportRoom: boolean }): Promise<void> {
    await this.rows(
      `UPDATE placements SET form = $2, class_label = $3, uses_support_room = $4, updated_at = now(), version = version + 1 WHERE id = $1`,
      [id, p.form, p.classLabel, p.usesSupportRoom],
    );
  }

  /** The placement a transfer by activation ended, named on the one it began. */
  async setTransferredFrom(id: string, fromId: string): Promise<void> {
    await this.rows(`UPDATE placements SET transferred_from_id = $2 WHERE id = $1`, [id, fromId]);
  }

  /**
   * A copy of plan `fromPlanId` as the plan of `placementId`, one version on, naming where it came from;
   * the old plan is not touched. Null when the placement already has a plan of its own.
   */
  async carryPlan(fromPlanId: string, placementId: string, now: Date): Promise<string | null> {
    const rows = await this.rows<{ id: string }>(
      `INSERT INTO support_plans (placement_id, carried_from_id, goals, services, responsible_staff, review_date, version, created_at, updated_at)
       SELECT $2, s.id, s.goals, s.services, s.responsible_staff, s.review_date, s.version + 1, $3, $3 FROM support_plans s WHERE s.id = $1
       ON CONFLICT (placement_id) DO NOTHING
       RETURNING id`,
      [fromPlanId, placementId, now],
    );
    return rows[0]?.id ?? null;
  }

  /** Creates the plan; null when a concurrent first PUT created it first. */
  async insertPlan(placementId: string, plan: PlanContent, now: Date): Promise<string | null> {
    return this.insertRow(
      'support_plans',
      {
        placement_id: placementId, goals: JSON.stringify(plan.goals), services: JSON.stringify(plan.services),
        responsible_staff: JSON.stringify(plan.responsibleStaff), review_date: plan.reviewDate, created_at: now, updated_at: now,
      },
      'ON CONFLICT (placement_id) DO NOTHING',
    );
  }

  /** Replaces the plan when it still has `version`; false when someone changed it first. */
  async updatePlan(placementId: string, version: number, plan: PlanContent, now: Date): Promise<boolean> {
    const n = await this.affected(
      `UPDATE support_plans SET goals = $3, services = $4, responsible_staff = $5, review_date = $6, updated_at = $7, version = version + 1
        WHERE placement_id = $1 AND version = $2`,
      [placementId, version, JSON.stringify(plan.goals), JSON.stringify(plan.services), JSON.stringify(plan.responsibleStaff), plan.reviewDate, now],
    );
    return n > 0;
  }

  /** Both records of one child have an active placement: they cannot simply be joined. */
  async activeOnBoth(survivorId: string, duplicateId: string): Promise<boolean> {
    const rows = await this.rows<{ n: number }>(
      `SELECT count(DISTINCT child_id)::int AS n FROM placements WHERE child_id IN ($1, $2) AND status = 'active'`,
      [survivorId, duplicateId],
    );
    return rows[0].n === 2;
  }

  async moveChild(survivorId: string, duplicateId: string, now: Date): Promise<number> {
    return this.affected(`UPDATE placements SET child_id = $1, updated_at = $3, version = version + 1 WHERE child_id = $2`, [survivorId, duplicateId, now]);
  }
}
