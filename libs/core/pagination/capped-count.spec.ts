import { COUNT_CAP, cappedCount, cappedCountSql } from './capped-count';

describe('capped counts', () => {
  it.each([
    [0, { count: 0, countCapped: false }],
    [COUNT_CAP, { count: COUNT_CAP, countCapped: false }],
    [COUNT_CAP + 1, { count: COUNT_CAP, countCapped: true }],
  ])('%i counted rows → %j', (counted, expected) => {
    expect(cappedCount(counted)).toEqual(expected);
  });

  it('counts one row past the cap, so "exactly the cap" and "more" differ', () => {
    expect(cappedCountSql('SELECT 1 FROM t')).toBe(`(SELECT count(*)::int FROM (SELECT 1 FROM t LIMIT ${COUNT_CAP + 1}) capped)`);
  });
});
