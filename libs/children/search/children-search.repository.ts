import { Injectable } from '@nestjs/common';
import { caseVisibleTo, visibleIinPrefix, visibleSearchCandidates, visibleTermMatches } from '@qoldau/access';
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
 * search reads only the organisation's own entries (libs/access): its term ranges in
 * `org_search_terms (org_id, term, child_id)` for the keys of similarity 1 (see byName), and — only
 * when those are less than a page — its trigram matches from the GIN
 * index on `org_search_keys (org_id, search_key)`. An IIN prefix is the organisation's range of IIN
 * terms; an exact IIN and browsing test visibility per row after the IIN or name order.
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
    if (filter.iin?.length === 12) where.push(`c.iin = ${add(filter.iin)}`);
    else if (filter.iin) where.push(`c.iin LIKE ${add(filter.iin)} || '%'`);
    if (filter.katoPrefix) where.push(`c.kato LIKE ${add(filter.katoPrefix)} || '%'`);
    if (filter.status) where.push(`c.status = ${add(filter.status)}`);
    const filters = where.join(' AND ');

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

    if (filter.key) return this.rows<SearchRow>(this.byName(filter.key, filters, keyset, limit, add), params);
    // An IIN prefix: the organisation's own range of IINs (visibleIinPrefix), not the national IIN
    // order tested for visibility row by row. An exact IIN is one row of the national unique index.
    const from =
      filter.iin && filter.iin.length < 12
        ? `${visibleIinPrefix('$1', '$2', add(filter.iin))} vis JOIN children c ON c.id = vis.child_id`
        : 'children c';
    const visible = from === 'children c' ? ` AND ${caseVisibleTo('c.id', '$1', '$2')}` : '';
    return this.rows<SearchRow>(
      `SELECT * FROM (SELECT ${CHILD_COLUMNS}, NULL::real AS score FROM ${from} WHERE ${filters}${visible}) s
        ${keyset} ORDER BY ${order} LIMIT ${limit}`,
      params,
    );
  }

  /**
   * Name search, ranked by word similarity, then id. One statement in two parts.
   *
   * `top` is the page from the keys of word similarity 1 — in practice the keys holding every word of
   * the query next to each other, in any order: a key with a word the query lacks between or among them
   * brings trigrams the query does not have, and the best stretch then scores below 1. They are found by
   * words alone, from the organisation's term ranges (visibleTermMatches), in id order (their order
   * within score 1), so the page stops after a page of them instead of scoring every near match.
   *
   * Only when those are fewer than a page (a rarer name, a typo, a partial word, a later page) does the
   * second part run, guarded by an InitPlan on `top`'s count: the organisation's trigram matches
   * (visibleSearchCandidates), ranked on their copy of the key before any child is read. Its first rows
   * are the same score-1 rows, so a page and its cursor are the same whichever part answered.
   */
  private byName(key: string, filters: string, keyset: string, limit: string, add: (value: unknown) => string): string {
    const keyParam = add(key);
    const words = add([...new Set(key.split(' '))]);
    const exact = visibleTermMatches('$1', '$2', words, (column) => `word_similarity(${keyParam}, ${column}) >= 1`);
    const candidates = visibleSearchCandidates('$1', '$2', (column) => `(${keyParam} <% ${column} OR ${column} LIKE ${keyParam} || '%')`);
    const ranked = `(SELECT r.child_id, word_similarity(${keyParam}, r.search_key) AS score FROM ${candidates} r ORDER BY 2 DESC, 1) vis JOIN children c ON c.id = vis.child_id`;
    return `WITH top AS MATERIALIZED (
        SELECT * FROM (SELECT ${CHILD_COLUMNS}, 1::real AS score FROM ${exact} vis JOIN children c ON c.id = vis.child_id WHERE ${filters}) s
         ${keyset} ORDER BY s.id LIMIT ${limit})
      SELECT * FROM top WHERE (SELECT count(*) FROM top) = ${limit}
      UNION ALL
      SELECT * FROM (SELECT * FROM (SELECT ${CHILD_COLUMNS}, vis.score FROM ${ranked} WHERE ${filters}) s ${keyset} ORDER BY s.score DESC, s.id LIMIT ${limit}) s
       WHERE (SELECT count(*) FROM top) < ${limit}
      ORDER BY score DESC, id`;
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
