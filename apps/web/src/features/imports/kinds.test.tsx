import { describe, expect, it } from 'vitest';
import { IMPORT_KINDS, kindsFor } from './kinds';

// Which kinds of file the import page offers follows GET /me's permissions: create:Import, and what the
// rows of that kind create (libs/access/policy.ts: an admin creates organisations, the registering roles children).
describe('import kinds by permission', () => {
  it('offers an admin organisations, and a PMPC specialist children', () => {
    expect(kindsFor(['read:Organization', 'create:Organization', 'create:User', 'create:Import', 'read:Import'])).toEqual(['organizations']);
    expect(kindsFor(['read:Child', 'create:Child', 'create:Import', 'read:Import'])).toEqual(['children']);
  });

  it('offers conclusions only to who signs them (a PMPC head), beside children', () => {
    expect(kindsFor(['create:Child', 'create:Assessment', 'update:Assessment', 'sign:Assessment', 'create:Import'])).toEqual(['children', 'assessments']);
    expect(kindsFor(['create:Child', 'create:Assessment', 'update:Assessment', 'create:Import'])).toEqual(['children']);
  });

  it('offers nothing to a role that may not import, whatever else it may do', () => {
    expect(kindsFor(['read:Report'])).toEqual([]);
    expect(kindsFor(['create:Organization', 'create:Child'])).toEqual([]);
  });

  it('lists each kind once, in the order the page shows them', () => {
    const kinds = IMPORT_KINDS.map((entry) => entry.kind);
    expect(new Set(kinds).size).toBe(kinds.length);
    expect(kindsFor(['create:Import', ...IMPORT_KINDS.map((entry) => entry.needs)])).toEqual(kinds);
  });
});
