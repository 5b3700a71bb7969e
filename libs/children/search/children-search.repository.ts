import { Injectable } from '@nestjs/common';
import { caseVisibleTo, visibleSearchCandidates } from '@qoldau/access';
import { SqlRepository } from '@qoldau/core';
import type { CaseScope } from '../case-scope';
import { CHILD_COLUMNS, ChildRow } from '../children.repository';

export interface SearchFilter {
  /** searchKey() of the name query. */
  key?: string;
  /** 12 digits: exact; 6–11: prefix. */
  iin?: string;
  /** Region, district or settlement prefix of the KATO (see katoPrefix). */
  katoPrefix?: string;
  status?: string;
  limit: number;
}

/** Where a page starts, by the order of the mode: name relevance, IIN, or name. */
export type SearchAfter =
  | { mode: 'relevance'; score: number; id: string }
  | { mode: 'iin'; iin: string; id: string }
  | { mode: 'name'; lastName: string; firstName: string; id: string };

export type SearchRow = ChildRow & { score: number | null };

export interface DuplicateRow extends ChildRow {
  similarity: number;
  visible: boolean;
}

/**
 * Search and duplicate detection over children visible to `scope` — the visibility fragment is part of
 * every query, so nothing outside the actor's involvements is read.
 *
 * Name matching uses pg_trgm on `search_key`: `key <% search_key` is word similarity (the query's
 * trigrams found in one stretch of the key, order of words irrelevant, threshold
 * pg_trgm.word_similarity_threshold = 0.6), plus a plain prefix match for very short queries. A name
 * search takes its candidates from visibleSearchCandidates (libs/access): the organisation's matches
 * from the GIN index on `org_search_keys (org_id, search_key)`, so its cost follows the organisation's
 * size, not the country's. IIN search and browsing test visibility per row after the IIN or name order.
 */
@Injectable()
export class ChildrenSearchRepository extends SqlRepository {
  async search(scope: CaseScope, filter: SearchFilter, after: SearchAfter | null): Promise<SearchRow[]> {
    const params: unknown[] = [scope.viewer, scope.now];
    const add = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const where = [`c.status <> 'merged'`];
    let score = 'NULL::real';
    let from = 'children c';
    if (filter.key) {
      // Matched within the visible children only (see visibleSearchCandidates), never nationwide first,
      // and ranked on the candidates' own copy of the key before any child is read: the inner order
      // lets the planner join children for the page only (the outer ORDER BY still decides).
      const key = add(filter.key);
      const candidates = visibleSearchCandidates('$1', '$2', (column) => `(${key} <% ${column} OR ${column} LIKE ${key} || '%')`);
      from = `(SELECT r.child_id, word_similarity(${key}, r.search_key) AS score FROM ${candidates} r ORDER BY 2 DESC, 1) vis JOIN children c ON c.id = vis.child_id`;
      score = 'vis.score';
    } else {
      where.push(caseVisibleTo('c.id', '$1', '$2'));
    }
    if (filter.iin) where.push(filter.iin.length === 12 ? `c.iin = ${add(filter.iin)}` : `c.iin LIKE ${add(filter.iin)} || '%'`);
    if (filter.katoPrefix) where.push(`c.kato LIKE ${add(filter.katoPrefix)} || '%'`);
    if (filter.status) where.push(`c.status = ${add(filter.status)}`);

    const mode = filter.key ? 'relevance' : filter.iin ? 'iin' : 'name';
    const order = { relevance: 's.score DESC, s.id', iin: 's.iin, s.id', name: 's.last_name, s.first_name, s.id' }[mode];
    let keyset = '';
    if (after?.mode === 'relevance' && mode === 'relevance') {
      const [afterScore, afterId] = [add(after.score), add(after.id)];
      keyset = `WHERE (s.score < ${afterScore}::real OR (s.score = ${afterScore}::real AND s.id > ${afterId}::uuid))`;
    }
    if (after?.mode === 'iin' && mode === 'iin') keyset = `WHERE (s.iin, s.id) > (${add(after.iin)}, ${add(after.id)}::uuid)`;
    if (after?.mode === 'name' && mode === 'name') keyset = `WHERE (s.last_name, s.first_name, s.id) > (${add(after.lastName)}, ${add(after.firstName)}, ${add(after.id)}::uuid)`;
    const limit = add(filter.limit + 1);
    return this.rows<SearchRow>(
      `SELECT * FROM (SELECT ${CHILD_COLUMNS}, ${score} AS score FROM ${from} WHERE ${where.join(' AND ')}) s
        ${keyset} ORDER BY ${order} LIMIT ${limit}`,
      params,
    );
  }

  /**
   * Possible duplicates of a child about to be registered: same birth date and a similar name
   * (word similarity either way round, so a missing or extra patronymic still matches), whatever the
   * IIN, each with whether `scope` sees it — the caller shows only those and counts the rest.
   */
  async duplicates(scope: CaseScope, key: string, birthDate: string, excludeId: string | null = null): Promise<DuplicateRow[]> {
    return this.rows<DuplicateRow>(
      `SELECT * FROM (
         SELECT ${CHILD_COLUMNS}, GREATEST(word_similarity($3, c.search_key), word_similarity(c.search_key, $3)) AS similarity,
                ${caseVisibleTo('c.id', '$1', '$2')} AS visible
           FROM children c
          WHERE c.birth_date = $4 AND c.status <> 'merged' AND c.id IS DISTINCT FROM $5::uuid) s
        WHERE s.similarity >= ${DUPLICATE_SIMILARITY}
        ORDER BY s.similarity DESC, s.id
        LIMIT 20`,
      [scope.viewer, scope.now, key, birthDate, excludeId],
    );
  }

  /** The live child with this IIN, and whether `scope` sees it (for PMPC look-up by IIN). */
  async byIin(iin: string, scope: CaseScope): Promise<(ChildRow & { visible: boolean }) | null> {
    const rows = await this.rows<ChildRow & { visible: boolean }>(
      `SELECT ${CHILD_COLUMNS}, ${caseVisibleTo('c.id', '$2', '$3')} AS visible FROM children c WHERE c.iin = $1 AND c.status <> 'merged'`,
      [iin, scope.viewer, scope.now],
    );
    return rows[0] ?? null;
  }
}

/** Two names of one birth date at least this similar are offered as possible duplicates. */
export const DUPLICATE_SIMILARITY = 0.5;

/**
 * The part of a KATO code that a filter matches: a region (XX0000000) matches everything in it, a
 * district (XXXX00000) likewise, a rural district (XXXXXX000) too; a settlement matches exactly.
 */
export function katoPrefix(kato: string): string {
  if (kato.endsWith('0000000')) return kato.slice(0, 2);
  if (kato.endsWith('00000')) return kato.slice(0, 4);
  if (kato.endsWith('000')) return kato.slice(0, 6);
  return kato;
}
