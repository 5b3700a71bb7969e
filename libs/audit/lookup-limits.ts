import { Inject, Injectable } from '@nestjs/common';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { APP_CONFIG, Clock, type RuntimeConfig, SqlRepository, TooManyRequestsError, TransactionHost } from '@qoldau/core';

/** What is limited: finding a child by its exact IIN, and searching children by name or IIN prefix. */
export type LookupKind = 'iin_lookup' | 'name_search';

/** The audit events each kind leaves (a plain list with no search term is not a look-up). */
const EVENTS: Readonly<Record<LookupKind, { action: string; condition: string }>> = {
  iin_lookup: { action: 'child.lookup_by_iin', condition: 'true' },
  name_search: { action: 'child.search', condition: `changes -> 'query' ?| array['q', 'iin']` },
};

/**
 * The predicate of the partial index the counts read (migration 1795585400000), repeated in each count
 * so that PostgreSQL can use that index for any user and action: a generic plan (the search runs on
 * them, @GenericPlans) cannot see which action `$2` is, and without this walked the national time
 * index instead (8–9 ms against 0.1 at a million children). Both lists must stay the same.
 */
const LOOKUP_EVENTS = `outcome = 'allowed' AND action IN ('child.search', 'child.lookup_by_iin')`;

/**
 * IIN look-ups that find nothing, within one window, after which auditors are told: someone may be
 * walking serial numbers (a PMPC at work misses now and then, rarely ten times in ten minutes).
 */
const MISS_ALERT = 10;

/**
 * Per-user limits on look-ups (LOOKUP_LIMIT per LOOKUP_WINDOW_MINUTES, 30 per 10 minutes by default):
 * a PMPC specialist walking IIN serial numbers for one birth date listed children (298 look-ups in 3 s).
 * Counted from the audit trail itself — every look-up is audited, in the same database every replica
 * shares — so the limit holds across replicas and restarts without a second counter. Over the limit:
 * 429 RATE_LIMITED with Retry-After (when the oldest counted look-up leaves the window).
 */
@Injectable()
export class LookupLimits extends SqlRepository {
  constructor(
    txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    @Inject(APP_CONFIG) private readonly config: RuntimeConfig,
    private readonly clock: Clock,
  ) {
    super(txHost);
  }

  async check(userId: string, kind: LookupKind): Promise<void> {
    const { lookupLimit: limit, lookupWindowMinutes } = this.config;
    const windowMs = lookupWindowMinutes * 60_000;
    const now = this.clock.now().getTime();
    const { action, condition } = EVENTS[kind];
    // Counted in the database: only the count and the oldest of the newest `limit` look-ups come back,
    // not up to `limit` rows on every search.
    const [recent] = await this.rows<{ n: number; oldest: Date | null }>(
      `SELECT count(*)::int AS n, min(at) AS oldest FROM (
         SELECT at FROM audit_events
          WHERE actor_user_id = $1 AND action = $2 AND ${LOOKUP_EVENTS} AND at > $3 AND ${condition}
          ORDER BY at DESC LIMIT $4) recent`,
      [userId, action, new Date(now - windowMs), limit],
    );
    if (recent.n < limit) return;
    const oldest = new Date(recent.oldest as Date).getTime();
    const retryAfter = Math.max(1, Math.ceil((oldest + windowMs - now) / 1000));
    throw new TooManyRequestsError(`At most ${limit} look-ups of this kind per ${lookupWindowMinutes} minutes; try again in ${retryAfter} s`, retryAfter);
  }

  /**
   * IIN look-ups by the user that found nothing within the current window, this one included (its own
   * audit row is written after the handler), and the window's number — one alert per user and window.
   */
  async missesInWindow(userId: string): Promise<{ misses: number; window: number; threshold: number }> {
    const { lookupLimit: limit, lookupWindowMinutes } = this.config;
    const windowMs = lookupWindowMinutes * 60_000;
    const now = this.clock.now().getTime();
    const [{ n }] = await this.rows<{ n: string }>(
      `SELECT count(*) AS n FROM audit_events
        WHERE actor_user_id = $1 AND action = 'child.lookup_by_iin' AND ${LOOKUP_EVENTS} AND resource_id IS NULL AND at > $2`,
      [userId, new Date(now - windowMs)],
    );
    return { misses: Number(n) + 1, window: Math.floor(now / windowMs), threshold: Math.min(MISS_ALERT, limit) };
  }
}
