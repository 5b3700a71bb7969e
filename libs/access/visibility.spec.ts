import { caseAccessColumns, caseScope, caseVisibleTo, orgInvolved, visibleIinPrefix, visibleSearchCandidates, visibleTermMatches } from './visibility';

describe('case visibility SQL', () => {
  it('is an organisation involvement (not a break-glass one) or the user\'s own unexpired break-glass, at the given instant', () => {
    const { involved, breakGlass } = caseAccessColumns('c.id', '$2', '$3');
    expect(involved).toBe(
      "EXISTS (SELECT 1 FROM involvements vis_i WHERE vis_i.child_id = c.id AND vis_i.org_id = ($2::uuid[])[1]" +
        " AND vis_i.kind <> 'break_glass' AND vis_i.since <= $3::timestamptz AND (vis_i.until IS NULL OR vis_i.until > $3::timestamptz))",
    );
    expect(breakGlass).toBe(
      'EXISTS (SELECT 1 FROM break_glass_uses vis_b WHERE vis_b.child_id = c.id AND vis_b.user_id = ($2::uuid[])[2]' +
        ' AND vis_b.opened_at <= $3::timestamptz AND vis_b.expires_at > $3::timestamptz)',
    );
    expect(caseVisibleTo('c.id', '$2', '$3')).toBe(`(${involved} OR ${breakGlass})`);
  });

  it('scopes an organisation\'s own lists by its involvements alone', () => {
    expect(orgInvolved('r.child_id', '$1', '$2')).toBe(
      "EXISTS (SELECT 1 FROM involvements vis_i WHERE vis_i.child_id = r.child_id AND vis_i.org_id = $1::uuid" +
        " AND vis_i.kind <> 'break_glass' AND vis_i.since <= $2::timestamptz AND (vis_i.until IS NULL OR vis_i.until > $2::timestamptz))",
    );
  });

  it('finds name-search candidates by the same rule: the organisation\'s active involvements and the user\'s own open break-glass', () => {
    const matches = (column: string) => `$3 <% ${column}`;
    const sql = visibleSearchCandidates('$1', '$2', matches);
    expect(sql).toBe(
      '(SELECT vis_s.child_id, vis_s.search_key FROM org_search_keys vis_s WHERE vis_s.org_id = ($1::uuid[])[1] AND $3 <% vis_s.search_key' +
        " AND EXISTS (SELECT 1 FROM involvements vis_i WHERE vis_i.child_id = vis_s.child_id AND vis_i.org_id = ($1::uuid[])[1]" +
        " AND vis_i.kind <> 'break_glass' AND vis_i.since <= $2::timestamptz AND (vis_i.until IS NULL OR vis_i.until > $2::timestamptz))" +
        ' UNION SELECT vis_b.child_id, vis_c.search_key FROM break_glass_uses vis_b JOIN children vis_c ON vis_c.id = vis_b.child_id' +
        ' WHERE vis_b.user_id = ($1::uuid[])[2] AND vis_b.opened_at <= $2::timestamptz AND vis_b.expires_at > $2::timestamptz AND $3 <% vis_c.search_key)',
    );
    // The involvement test is caseVisibleTo's own, not a second copy of the rule.
    const { involved, breakGlass } = caseAccessColumns('vis_s.child_id', '$1', '$2');
    expect(sql).toContain(involved);
    expect(sql).toContain(breakGlass.replace(/^EXISTS \(SELECT 1 FROM break_glass_uses vis_b WHERE vis_b\.child_id = vis_s\.child_id AND /, '').replace(/\)$/, ''));
    expect(() => visibleSearchCandidates("'org'", '$2', matches)).toThrow(RangeError);
    expect(() => visibleSearchCandidates('$1', 'now()', matches)).toThrow(RangeError);
  });

  it.each([
    ['visibleTermMatches', (viewer: string, now: string, term: string) => visibleTermMatches(viewer, now, term, (key) => `$4 <% ${key}`), 'vis_m.child_id'],
    ['visibleIinPrefix', (viewer: string, now: string, term: string) => visibleIinPrefix(viewer, now, term), 'vis_t.child_id'],
  ])('finds %s candidates by the same rule, the break-glass arm without the involved ones so that no child comes twice', (_name, fragment, orgChild) => {
    const sql = fragment('$1', '$2', '$3');
    expect(sql).toContain('FROM org_search_terms vis_t WHERE vis_t.org_id = ($1::uuid[])[1]');
    expect(sql).toContain(caseAccessColumns(orgChild, '$1', '$2').involved);
    const { involved, breakGlass } = caseAccessColumns('vis_b.child_id', '$1', '$2');
    expect(sql).toContain(breakGlass.replace(/^EXISTS \(SELECT 1 FROM break_glass_uses vis_b WHERE vis_b\.child_id = vis_b\.child_id AND /, '').replace(/\)$/, ''));
    expect(sql).toContain(`AND NOT ${involved})`);
    for (const bad of [["'org'", '$2', '$3'], ['$1', 'now()', '$3'], ['$1', '$2', "'aigerim'"]]) expect(() => fragment(bad[0], bad[1], bad[2])).toThrow(RangeError);
  });

  it('reads organisation and user from one viewer parameter', () => {
    expect(caseScope('org', 'user', new Date(0)).viewer).toEqual(['org', 'user']);
  });

  it.each([
    ["c.id OR 1=1", '$1', '$2'],
    ['c.id', "'org'", '$2'],
    ['c.id', '$1', 'now()'],
    ['c.id', '$0', '$2'],
    ['c.id', '$1::uuid', '$2'],
    ['c.id; DROP TABLE children', '$1', '$2'],
    ['', '$1', '$2'],
  ])('refuses anything but an identifier and positional parameters (%s, %s, %s)', (child, viewer, now) => {
    expect(() => caseVisibleTo(child, viewer, now)).toThrow(RangeError);
  });
});
