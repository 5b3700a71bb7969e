import { Injectable } from '@nestjs/common';
import { SqlRepository } from '@qoldau/core';

/** An organisation's places: what it has, and what is taken now. */
export interface Places {
  capacity: number | null;
  stateOrderPlaces: number | null;
  /** Service episodes not yet ended. */
  activeEpisodes: number;
  /** Accepted referrals not yet started: places promised. */
  promised: number;
  /** Active episodes funded by the state order. */
  stateOrderEpisodes: number;
}

@Injectable()
export class PlacesRepository extends SqlRepository {
  /**
   * Locks the receiving organisation's row (FOR NO KEY UPDATE: it does not block the foreign-key checks
   * of rows pointing at it) so that every change to its places — accept, start, complete, and an admin
   * changing its capacity — is serialized, then counts what is taken. Callers lock the referral first,
   * the organisation second, always in that order.
   */
  async lockAndCount(orgId: string): Promise<Places> {
    const [org] = await this.rows<{ capacity: number | null; state_order_places: number | null }>(
      `SELECT capacity, state_order_places FROM organizations WHERE id = $1 FOR NO KEY UPDATE`,
      [orgId],
    );
    return { capacity: org.capacity, stateOrderPlaces: org.state_order_places, ...(await this.count(orgId)) };
  }

  async count(orgId: string): Promise<Omit<Places, 'capacity' | 'stateOrderPlaces'>> {
    const [row] = await this.rows<{ active: number; promised: number; state_order: number }>(
      `SELECT (SELECT count(*)::int FROM service_episodes WHERE org_id = $1 AND ended_on IS NULL) AS active,
              (SELECT count(*)::int FROM referrals WHERE to_org_id = $1 AND status = 'accepted') AS promised,
              (SELECT count(*)::int FROM service_episodes WHERE org_id = $1 AND ended_on IS NULL AND funding = 'state_order') AS state_order`,
      [orgId],
    );
    return { activeEpisodes: row.active, promised: row.promised, stateOrderEpisodes: row.state_order };
  }

  async capacity(orgId: string): Promise<{ capacity: number | null; stateOrderPlaces: number | null } | null> {
    const rows = await this.rows<{ capacity: number | null; state_order_places: number | null }>(
      `SELECT capacity, state_order_places FROM organizations WHERE id = $1`,
      [orgId],
    );
    return rows[0] ? { capacity: rows[0].capacity, stateOrderPlaces: rows[0].state_order_places } : null;
  }
}
