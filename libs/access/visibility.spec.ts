import { visibleToOrg } from './visibility';

describe('visibleToOrg', () => {
  it('is an EXISTS over active involvements of the organisation, at the given instant', () => {
    expect(visibleToOrg('c.id', '$2', '$3')).toBe(
      'EXISTS (SELECT 1 FROM involvements v WHERE v.child_id = c.id AND v.org_id = $2::uuid' +
        ' AND v.since <= $3::timestamptz AND (v.until IS NULL OR v.until > $3::timestamptz))',
    );
  });

  it('accepts a bare column and typed parameters', () => {
    expect(visibleToOrg('child_id', '$10', '$11::timestamptz')).toContain('v.child_id = child_id AND v.org_id = $10::uuid');
  });

  it.each([
    ["c.id OR 1=1", '$1', '$2'],
    ['c.id', "'org'", '$2'],
    ['c.id', '$1', 'now()'],
    ['c.id', '$0', '$2'],
    ['c.id; DROP TABLE children', '$1', '$2'],
    ['', '$1', '$2'],
  ])('refuses anything but an identifier and positional parameters (%s, %s, %s)', (child, org, now) => {
    expect(() => visibleToOrg(child, org, now)).toThrow(RangeError);
  });
});
