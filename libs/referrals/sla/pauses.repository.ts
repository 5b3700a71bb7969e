import { Injectable } from '@nestjs/common';
import { SqlRepository } from '@qoldau/core';
import type { StoredPause } from './referral-sla';

export interface OpenPause {
  id: string;
  phase: string;
  reason: string;
  pausedAt: Date;
}

@Injectable()
export class PausesRepository extends SqlRepository {
  async open(referralId: string): Promise<OpenPause | null> {
    const rows = await this.rows<{ id: string; phase: string; reason: string; paused_at: Date }>(
      `SELECT id, phase, reason, paused_at FROM referral_sla_pauses WHERE referral_id = $1 AND resumed_at IS NULL`,
      [referralId],
    );
    const row = rows[0];
    return row ? { id: row.id, phase: row.phase, reason: row.reason, pausedAt: row.paused_at } : null;
  }

  async insert(referralId: string, phase: string, reason: string, at: Date, by: string): Promise<void> {
    await this.rows(`INSERT INTO referral_sla_pauses (referral_id, phase, reason, paused_at, paused_by) VALUES ($1, $2, $3, $4, $5)`, [
      referralId, phase, reason, at, by,
    ]);
  }

  /** Ends the open pause, if any; `by` is null when the referral moved on rather than being resumed. */
  async close(referralId: string, at: Date, by: string | null): Promise<boolean> {
    return (await this.affected(
      `UPDATE referral_sla_pauses SET resumed_at = GREATEST(paused_at, $2), resumed_by = $3 WHERE referral_id = $1 AND resumed_at IS NULL`,
      [referralId, at, by],
    )) > 0;
  }

  async ofPhase(referralId: string, phase: string): Promise<StoredPause[]> {
    const rows = await this.rows<{ paused_at: Date; resumed_at: Date | null }>(
      `SELECT paused_at, resumed_at FROM referral_sla_pauses WHERE referral_id = $1 AND phase = $2 ORDER BY paused_at`,
      [referralId, phase],
    );
    return rows.map((r) => ({ pausedAt: r.paused_at, resumedAt: r.resumed_at }));
  }
}
