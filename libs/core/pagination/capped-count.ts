/**
 * Worklist counts stop at COUNT_CAP: a badge needs "how many, or more than a hundred", and counting a
 * national-scale bucket exactly (10 000 reviews due for a PMPC that sees 50 000 children) read every
 * row of it on every home-screen load (issue 16). Counting at most COUNT_CAP + 1 rows lets PostgreSQL
 * stop early; the client shows "100+".
 */
export const COUNT_CAP = 100;

export interface CappedCount {
  /** Exact up to COUNT_CAP; COUNT_CAP when there are more. */
  count: number;
  /** True when there are more than `count`. */
  countCapped: boolean;
}

/**
 * SQL: the number of rows of `setSql` (a SELECT without LIMIT), counted up to COUNT_CAP + 1. A set read
 * from an index on the organisation should end with that index's ORDER BY (the page's order): the planner
 * then reads it in order and stops at the cap, where without one it may first collect every match of
 * the index (a bitmap scan) when its estimate of how many rows pass the filters is low.
 */
export function cappedCountSql(setSql: string): string {
  return `(SELECT count(*)::int FROM (${setSql} LIMIT ${COUNT_CAP + 1}) capped)`;
}

export function cappedCount(counted: number): CappedCount {
  return counted > COUNT_CAP ? { count: COUNT_CAP, countCapped: true } : { count: counted, countCapped: false };
}
