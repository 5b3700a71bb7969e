import { childCount, fromChildren, plainCount, protectAll, protectGroup, publish } from './suppression';

describe('suppression', () => {
  it.each([
    [0, { value: 0, suppressed: false }],
    [1, { value: null, suppressed: true }],
    [4, { value: null, suppressed: true }],
    [5, { value: 5, suppressed: false }],
  ])('a count of %i children publishes %j', (n, cell) => {
    expect(publish(childCount(n))).toEqual(cell);
  });

  it('never hides organisation counts', () => {
    expect(publish(plainCount(2))).toEqual({ value: 2, suppressed: false });
  });

  it('hides a share of fewer than 5 children, and has none of no child', () => {
    expect(publish(fromChildren(50, 4))).toEqual({ value: null, suppressed: true });
    expect(publish(fromChildren(null, 0))).toEqual({ value: null, suppressed: false });
    expect(publish(fromChildren(200 / 3, 6))).toEqual({ value: 66.7, suppressed: false });
  });

  it('hides the smallest other non-zero cell when a group has exactly one hidden', () => {
    const group = [childCount(3), childCount(0), childCount(9), childCount(7), childCount(7)];
    expect(protectGroup({ cells: group })).toBe(true);
    expect(group.map(publish)).toEqual([
      { value: null, suppressed: true },
      { value: 0, suppressed: false },
      { value: 9, suppressed: false },
      { value: null, suppressed: true },
      { value: 7, suppressed: false },
    ]);
  });

  it('leaves groups with none or two hidden alone', () => {
    expect(protectGroup({ cells: [childCount(6), childCount(8)] })).toBe(false);
    expect(protectGroup({ cells: [childCount(2), childCount(3), childCount(8)] })).toBe(false);
  });

  it('hides the total when every other cell of a column is zero', () => {
    const [hidden, zero, total] = [childCount(5), childCount(0), childCount(5)];
    hidden.suppressed = true; // hidden by its row
    hidden.value = null;
    expect(protectGroup({ cells: [hidden, zero], total })).toBe(true);
    expect(publish(total)).toEqual({ value: null, suppressed: true });
  });

  it('counts a suppressed total as the one hidden cell of its column', () => {
    const cells = [childCount(0), childCount(0)];
    expect(protectGroup({ cells, total: childCount(3) })).toBe(false);
  });

  it('repeats until stable across crossing groups', () => {
    // rows × columns: a = 2 hidden; its row hides b (6); b's column then has one hidden, so d (10) goes.
    const [a, b, c, d] = [childCount(2), childCount(6), childCount(20), childCount(10)];
    const e = childCount(30);
    protectAll([{ cells: [a, b] }, { cells: [a, c] }, { cells: [b, d, e] }]);
    expect([a, b, c, d, e].map((f) => f.suppressed)).toEqual([true, true, true, true, false]);
  });
});
