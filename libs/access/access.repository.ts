import { Injectable } from '@nestjs/common';
import { SqlRepository } from '@qoldau/core';
import { caseAccessColumns, type CaseScope } from './visibility';

/** What the case gate needs to know about one child, in one round trip. */
export interface CaseHead {
  id: string;
  version: number;
  status: string;
  mergedInto: string | null;
  iin: string | null;
  /** The actor's organisation has an active involvement: it may act as the policy allows. */
  involved: boolean;
  /** The actor itself holds an unexpired break-glass: it may read (docs/access.md). */
  breakGlass: boolean;
  /** Sectors with an active data_sharing consent: they open the "c" cells of the section table. */
  dataSharingSectors: string[];
  /** Whether a services consent is active: without it no service starts and no session is logged. */
  servicesConsent: boolean;
}

const ACTIVE = `k.withdrawn_at IS NULL AND k.granted_at <= $3::timestamptz AND (k.expires_at IS NULL OR k.expires_at > $3::timestamptz)`;

/**
 * The access lib's only SQL: who may reach which case, and which consents open which sections. No
 * other repository decides access; they compose `caseVisibleTo` from ./visibility into their WHERE.
 */
@Injectable()
export class AccessRepository extends SqlRepository {
  /** The children among `ids` that exist, in id order; `lock` takes their row locks (in that order). */
  async caseHeads(ids: readonly string[], scope: CaseScope, options: { lock?: boolean } = {}): Promise<CaseHead[]> {
    // One child, the common case, by equality: PostgreSQL keeps planning `= ANY($1)` afresh on every
    // call (the generic plan's estimate is an array's rows, never cheaper than the custom one), which
    // cost the case read more than executing the head did.
    if (ids.length === 1) return this.heads(`c.id = $1::uuid`, [ids[0]], scope, options);
    return this.heads(`c.id = ANY($1::uuid[])`, [ids], scope, options);
  }

  /** The child (not a merged tombstone) with exactly this IIN and birth date, if any; `lock` takes its row lock. */
  async caseHeadByIdentity(iin: string, birthDate: string, scope: CaseScope, options: { lock?: boolean } = {}): Promise<CaseHead | undefined> {
    const [head] = await this.heads(`c.iin = $1 AND c.birth_date = $4::date AND c.status <> 'merged'`, [iin], scope, options, [birthDate]);
    return head;
  }

  private heads(where: string, first: unknown[], scope: CaseScope, options: { lock?: boolean }, more: unknown[] = []): Promise<CaseHead[]> {
    const { involved, breakGlass } = caseAccessColumns('c.id', '$2', '$3');
    return this.rows<CaseHead>(
      `SELECT c.id, c.version, c.status, c.merged_into AS "mergedInto", c.iin,
              ${involved} AS involved, ${breakGlass} AS "breakGlass",
              ARRAY(SELECT DISTINCT k.sector FROM consents k
                     WHERE k.child_id = c.id AND k.kind = 'data_sharing' AND k.sector IS NOT NULL AND ${ACTIVE} ORDER BY 1) AS "dataSharingSectors",
              EXISTS (SELECT 1 FROM consents k WHERE k.child_id = c.id AND k.kind = 'services' AND ${ACTIVE}) AS "servicesConsent"
         FROM children c WHERE ${where} ORDER BY c.id${options.lock ? ' FOR UPDATE OF c' : ''}`,
      [...first, scope.viewer, scope.now, ...more],
    );
  }
}
