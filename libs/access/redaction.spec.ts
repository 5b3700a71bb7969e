import type { Actor, Role } from '@qoldau/auth';
import { ROLES } from '@qoldau/auth';
import { canSeeSection, redactCase, Section, SECTIONS, sectorsGatedByConsent } from './redaction';

const actor = (role: Role): Actor => ({
  userId: 'u', username: role, sessionId: 's', orgId: 'org-A', orgType: null, sector: null, regionKato: '310000000', roles: [role],
});

const fullCase = () => ({
  id: 'child-1',
  version: 3,
  identity: { lastName: 'Ахметова' },
  guardians: [{ fullName: 'Ахметова Гүлнар' }],
  consents: [{ kind: 'data_sharing', sector: 'education' }],
  assessments: [
    { id: 'a-own', conclusion: 'speech', pmpc: { id: 'org-A' }, protocolNotes: 'commission notes' },
    { id: 'a-other', conclusion: 'speech', pmpc: { id: 'org-E' }, protocolNotes: 'another PMPC\'s notes' },
  ],
  diagnoses: [{ icd10: 'F80.1' }],
  disability: { status: 'established' },
  placements: [{ orgId: 'school-1' }],
  referrals: [
    { id: 'r-own-out', fromOrgId: 'org-A', toOrgId: 'org-B' },
    { id: 'r-own-in', fromOrgId: 'org-C', toOrgId: 'org-A' },
    { id: 'r-other', fromOrgId: 'org-C', toOrgId: 'org-D' },
  ],
});

// Expected visible sections per role, written out from the access issue's table (DESIGN §5).
// P = protocol notes; D = diagnoses; X = disability; L = placements; R = referrals (all) / r = own org's only.
const BASE = ['identity', 'guardians', 'consents', 'assessments'];
const WITHOUT_CONSENT: Record<Role, string[]> = {
  pmpc_specialist: [...BASE, 'protocolNotes', 'diagnoses', 'disability', 'placements', 'referrals:all'],
  pmpc_head: [...BASE, 'protocolNotes', 'diagnoses', 'disability', 'placements', 'referrals:all'],
  school_coordinator: [...BASE, 'placements', 'referrals:own'],
  correction_specialist: [...BASE, 'placements', 'referrals:own'],
  rehab_specialist: [...BASE, 'placements', 'referrals:own'],
  health_worker: [...BASE, 'diagnoses', 'disability', 'referrals:own'],
  social_worker: [...BASE, 'disability', 'referrals:own'],
  analyst: [],
  auditor: [],
  admin: [],
};
const EDUCATION_WITH_CONSENT = [...BASE, 'diagnoses', 'disability', 'placements', 'referrals:own'];
const HEALTH_WITH_CONSENT = [...BASE, 'diagnoses', 'disability', 'placements', 'referrals:own'];
const SOCIAL_WITH_CONSENT = [...BASE, 'diagnoses', 'disability', 'placements', 'referrals:own'];

function describeView(view: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const section of SECTIONS) {
    if (section === 'protocolNotes') {
      const assessments = view.assessments as { id: string; protocolNotes?: string }[] | undefined;
      const withNotes = (assessments ?? []).filter((a) => 'protocolNotes' in a).map((a) => a.id);
      // Only the actor's own PMPC's notes, ever (the actor's organisation is org-A).
      if (withNotes.length) expect(withNotes).toEqual(['a-own']);
      if (withNotes.length) out.push('protocolNotes');
      continue;
    }
    if (!(section in view)) continue;
    if (section === 'referrals') {
      const ids = (view.referrals as { id: string }[]).map((r) => r.id);
      out.push(ids.includes('r-other') ? 'referrals:all' : 'referrals:own');
      if (!ids.includes('r-other')) expect(ids).toEqual(['r-own-out', 'r-own-in']);
      continue;
    }
    expect(view[section]).not.toBeNull();
    out.push(section);
  }
  return out;
}

describe('redactor: every role × every section', () => {
  it.each(ROLES.map((role) => [role]))('%s without data-sharing consent', (role) => {
    const view = redactCase(fullCase(), actor(role), { dataSharingSectors: new Set() });
    expect(describeView(view).sort()).toEqual([...WITHOUT_CONSENT[role]].sort());
    expect(view).toMatchObject({ id: 'child-1', version: 3 });
  });

  it.each(['school_coordinator', 'correction_specialist', 'rehab_specialist'] as Role[])(
    '%s with an education data-sharing consent also sees diagnoses and disability',
    (role) => {
      const view = redactCase(fullCase(), actor(role), { dataSharingSectors: new Set(['education']) });
      expect(describeView(view).sort()).toEqual([...EDUCATION_WITH_CONSENT].sort());
    },
  );

  it('a health worker with a health data-sharing consent also sees placements and support plans', () => {
    const view = redactCase(fullCase(), actor('health_worker'), { dataSharingSectors: new Set(['health']) });
    expect(describeView(view).sort()).toEqual([...HEALTH_WITH_CONSENT].sort());
  });

  it('a social worker with a social data-sharing consent also sees diagnoses, placements and support plans', () => {
    const view = redactCase(fullCase(), actor('social_worker'), { dataSharingSectors: new Set(['social']) });
    expect(describeView(view).sort()).toEqual([...SOCIAL_WITH_CONSENT].sort());
  });

  it.each([
    ['health_worker', ['education', 'social']],
    ['social_worker', ['education', 'health']],
  ] as [Role, string[]][])('another sector\'s consent opens nothing to a %s', (role, sectors) => {
    const view = redactCase(fullCase(), actor(role), { dataSharingSectors: new Set(sectors) });
    expect(describeView(view).sort()).toEqual([...WITHOUT_CONSENT[role]].sort());
  });

  it('every sector of the table gates something, so each data-sharing consent means something', () => {
    expect(sectorsGatedByConsent()).toEqual(['education', 'health', 'social']);
  });

  it.each(['health', 'social'])('a consent for %s does not open education-only gates', (sector) => {
    const view = redactCase(fullCase(), actor('school_coordinator'), { dataSharingSectors: new Set([sector]) });
    expect(view).not.toHaveProperty('diagnoses');
    expect(view).not.toHaveProperty('disability');
  });

  it.each([
    ['pmpc_specialist', ['education', 'health', 'social']],
    ['school_coordinator', ['education']],
    ['rehab_specialist', ['education']],
    ['health_worker', ['health']],
    ['social_worker', ['social']],
  ] as [Role, string[]][])("%s reads the conclusion's recommendations addressed to %j", (role, sectors) => {
    const view = redactCase(
      { assessments: [{ id: 'a', pmpc: { id: 'org-E' }, recommendations: { education: 'e', health: 'h', social: null } }] },
      actor(role),
      { dataSharingSectors: new Set() },
    );
    expect(Object.keys(view.assessments![0].recommendations!).sort()).toEqual(sectors);
  });

  it('omits sections rather than nulling them', () => {
    const view = redactCase(fullCase(), actor('analyst'), { dataSharingSectors: new Set() });
    expect(Object.keys(view).sort()).toEqual(['id', 'version']);
  });

  it('does not modify its input', () => {
    const input = fullCase();
    redactCase(input, actor('school_coordinator'), { dataSharingSectors: new Set() });
    expect(input).toEqual(fullCase());
  });

  it.each(SECTIONS.map((s) => [s]))('canSeeSection agrees with redactCase for %s', (section: Section) => {
    for (const role of ROLES) {
      const visible = canSeeSection(actor(role), section, { dataSharingSectors: new Set() });
      expect(visible).toBe(WITHOUT_CONSENT[role].some((s) => s === section || s.startsWith(`${section}:`)));
    }
  });
});
