import { Injectable } from '@nestjs/common';
import { orgInvolvedProbe } from '@qoldau/access';
import { type CappedCount, cappedCount, cappedCountSql, SqlRepository } from '@qoldau/core';
import type { ExpiringConsent } from './dto/worklist.dto';

export const CONSENT_HORIZON_DAYS = 30;

interface ConsentRow {
  id: string;
  child_id: string;
  kind: string;
  sector: string | null;
  expires_at: Date;
  last_name: string;
  first_name: string;
  patronymic: string | null;
  birth_date: string;
  total: number;
}

/** Worklist queries that are not about referrals. */
@Injectable()
export class WorklistRepository extends SqlRepository {
  /**
   * Active consents that expire within the horizon, on open cases the organisation sees, soonest first
   * — leaving out those already renewed (another active consent of the same kind and sector that lasts
   * longer), since nothing needs doing about them.
   */
  async consentsExpiring(orgId: string, now: Date, limit: number): Promise<CappedCount & { items: ExpiringConsent[] }> {
    // The set is a range of the organisation's own rows of org_consent_expiries (migration
    // 1795585000000), read in expiry order: the page and the capped count each stop early, whatever the
    // organisation's size (the columns are the table's, so the planner knows its primary key gives the
    // order). Each row is still checked here: the involvement active now (the table keeps
    // every organisation ever involved), the case open, the consent granted by now and not renewed.
    const rows = await this.rows<ConsentRow>(
      `WITH due AS NOT MATERIALIZED (
         SELECT e.consent_id AS id, e.child_id, k.kind, k.sector, e.expires_at
           FROM org_consent_expiries e JOIN consents k ON k.id = e.consent_id
          WHERE e.org_id = $1 AND e.expires_at > $2 AND e.expires_at <= $2::timestamptz + make_interval(days => ${CONSENT_HORIZON_DAYS})
            AND k.withdrawn_at IS NULL AND k.granted_at <= $2
            AND ${orgInvolvedProbe('e.child_id', '$1', '$2')}
            AND EXISTS (SELECT 1 FROM children o WHERE o.id = e.child_id AND o.status = 'open')
            AND NOT EXISTS (
              SELECT 1 FROM consents n
               WHERE n.child_id = k.child_id AND n.kind = k.kind AND n.sector IS NOT DISTINCT FROM k.sector AND n.id <> k.id
                 AND n.withdrawn_at IS NULL AND n.granted_at <= $2 AND (n.expires_at IS NULL OR n.expires_at > k.expires_at)))
       SELECT d.id, d.child_id, d.kind, d.sector, d.expires_at, c.last_name, c.first_name, c.patronymic,
              to_char(c.birth_date, 'YYYY-MM-DD') AS birth_date, ${cappedCountSql('SELECT 1 FROM due ORDER BY expires_at, id')} AS total
         FROM (SELECT * FROM due ORDER BY expires_at, id LIMIT $3) d JOIN children c ON c.id = d.child_id
        ORDER BY d.expires_at, d.id`,
      [orgId, now, limit],
    );
    return {
      ...cappedCount(rows[0]?.total ?? 0),
      items: rows.map((r) => ({
        consentId: r.id,
        childId: r.child_id,
        child: { id: r.child_id, lastName: r.last_name, firstName: r.first_name, patronymic: r.patronymic, birthDate: r.birth_date },
        kind: r.kind,
        sector: r.sector,
        expiresAt: r.expires_at.toISOString(),
      })),
    };
  }
}
