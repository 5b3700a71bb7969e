import { Injectable } from '@nestjs/common';
import { SqlRepository } from '@qoldau/core';
import type { SlaPhase } from '../referral.vocabulary';

export interface RunningDeadline {
  id: string;
  childId: string;
  fromOrgId: string;
  toOrgId: string;
  status: string;
  serviceType: string;
  phase: SlaPhase;
  dueAt: Date;
}

interface DeadlineRow {
  id: string;
  child_id: string;
  from_org_id: string;
  to_org_id: string;
  status: string;
  service_type: string;
  sla_phase: SlaPhase;
  sla_due_at: Date;
}

const COLUMNS = `id, child_id, from_org_id, to_org_id, status, service_type, sla_phase, sla_due_at`;
const toDeadline = (r: DeadlineRow): RunningDeadline => ({
  id: r.id, childId: r.child_id, fromOrgId: r.from_org_id, toOrgId: r.to_org_id, status: r.status, serviceType: r.service_type, phase: r.sla_phase, dueAt: r.sla_due_at,
});

/** The SLA job's SQL: running deadlines (sla_due_at is set only while a clock runs unpaused). */
@Injectable()
export class SlaRepository extends SqlRepository {
  /** Deadlines passed and not yet marked, locked (SKIP LOCKED: a transition in flight wins, the next run retries). */
  async passed(now: Date, limit: number): Promise<RunningDeadline[]> {
    const rows = await this.rows<DeadlineRow>(
      `SELECT ${COLUMNS} FROM referrals WHERE sla_due_at < $1 AND overdue_at IS NULL ORDER BY sla_due_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [now, limit],
    );
    return rows.map(toDeadline);
  }

  /**
   * Deadlines in the coming fortnight not yet warned about (a resume or a calendar change moves a
   * deadline, and the new one is warned about again). The caller decides with the calendar.
   */
  async approaching(now: Date, limit: number): Promise<RunningDeadline[]> {
    const rows = await this.rows<DeadlineRow>(
      `SELECT ${COLUMNS} FROM referrals
        WHERE sla_due_at >= $1 AND sla_due_at < $1::timestamptz + interval '15 days' AND sla_warned_due IS DISTINCT FROM sla_due_at
        ORDER BY sla_due_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [now, limit],
    );
    return rows.map(toDeadline);
  }

  async markWarned(id: string, due: Date): Promise<void> {
    await this.affected(`UPDATE referrals SET sla_warned_due = $2 WHERE id = $1`, [id, due]);
  }

  async markOverdue(id: string, at: Date): Promise<void> {
    await this.affected(`UPDATE referrals SET overdue_at = $2, version = version + 1, updated_at = now() WHERE id = $1`, [id, at]);
  }

  async appendEvent(deadline: RunningDeadline, at: Date, event: string, details: Record<string, unknown>): Promise<void> {
    await this.rows(
      `INSERT INTO referral_events (referral_id, at, event, from_status, to_status, details) VALUES ($1, $2, $3, $4, $4, $5)`,
      [deadline.id, at, event, deadline.status, JSON.stringify(details)],
    );
  }

  /**
   * Referrals whose running, unpaused, unbreached deadline could move if `date` changed kind: started
   * before the end of that day and due on or after its start (Almaty), locked for the recomputation.
   */
  async runningClocks(date: string): Promise<{ id: string; phase: SlaPhase; startedAt: Date; dueAt: Date | null }[]> {
    const rows = await this.rows<{ id: string; sla_phase: SlaPhase; sla_started_at: Date; sla_due_at: Date | null }>(
      `SELECT id, sla_phase, sla_started_at, sla_due_at FROM referrals
        WHERE sla_due_at IS NOT NULL AND overdue_at IS NULL
          AND sla_started_at < $2 AND sla_due_at >= $1
        ORDER BY id FOR UPDATE`,
      // The Almaty day (UTC+5 all year): from its first to past its last instant.
      [new Date(`${date}T00:00:00+05:00`), new Date(new Date(`${date}T00:00:00+05:00`).getTime() + 86_400_000)],
    );
    return rows.map((r) => ({ id: r.id, phase: r.sla_phase, startedAt: r.sla_started_at, dueAt: r.sla_due_at }));
  }

  async setDue(id: string, due: Date | null): Promise<void> {
    await this.affected(`UPDATE referrals SET sla_due_at = $2, version = version + 1, updated_at = now() WHERE id = $1`, [id, due]);
  }
}
