import type { Actor, Role } from '@qoldau/auth';
import { ForbiddenError, NotFoundError } from '@qoldau/core';
import { AccessService, ScopedResource } from './access.service';
import { Action, Subject } from './policy';

// Every role, acting from organisation A in Zhambyl (310000000), plus the national admin (no organisation).
const REGION = '310000000';
const OTHER_REGION = '550000000';
type Persona = Role | 'national_admin';
const PERSONAS: Persona[] = [
  'national_admin', 'admin', 'pmpc_specialist', 'pmpc_head', 'school_coordinator', 'correction_specialist',
  'rehab_specialist', 'social_worker', 'health_worker', 'analyst', 'auditor',
];

function actorFor(persona: Persona): Actor {
  const national = persona === 'national_admin';
  return {
    userId: 'user-self', username: persona, sessionId: 's1',
    orgId: national ? null : 'org-A', orgType: national ? null : 'x', sector: national ? null : 'education',
    regionKato: national ? null : REGION, roles: [national ? 'admin' : persona],
  };
}

const FIXTURES: Record<string, ScopedResource> = {
  'own org': { id: 'org-A', orgId: 'org-A', kato: REGION },
  'org in region': { id: 'org-B', orgId: 'org-B', kato: REGION },
  'org in other region': { id: 'org-C', orgId: 'org-C', kato: OTHER_REGION },
  'self': { id: 'user-self', orgId: 'org-A', kato: REGION },
  'colleague': { id: 'user-2', orgId: 'org-A', kato: REGION },
  'user in region': { id: 'user-3', orgId: 'org-B', kato: REGION },
  'user in other region': { id: 'user-4', orgId: 'org-C', kato: OTHER_REGION },
  'own assessment': { id: 'a-1', orgId: 'org-A' },
  'assessment of another PMPC': { id: 'a-2', orgId: 'org-B' },
  'own side of a referral': { id: 'r-1', orgId: 'org-A' },
  'other side of a referral': { id: 'r-2', orgId: 'org-B' },
  'own placement': { id: 'p-1', orgId: 'org-A' },
  'placement at another school': { id: 'p-2', orgId: 'org-B' },
  'involved case': { id: 'child-1', visible: true },
  'figures of the region': { kato: REGION },
  'figures of another region': { kato: OTHER_REGION },
  'uninvolved case': { id: 'child-2', visible: false },
};

const ADMINS: Persona[] = ['national_admin', 'admin'];
const CASE: Persona[] = ['pmpc_specialist', 'pmpc_head', 'school_coordinator', 'correction_specialist', 'rehab_specialist', 'social_worker', 'health_worker'];
const ALL = PERSONAS;

// [action, subject, fixture (none = type level), allowed personas, personas that get 404]; everyone else 403.
const TABLE: [Action, Subject, string | null, Persona[], Persona[]][] = [
  ['read', 'Organization', null, ALL, []],
  ['read', 'Organization', 'org in other region', ALL, []],
  ['create', 'Organization', null, ADMINS, []],
  ['update', 'Organization', 'own org', ADMINS, []],
  ['update', 'Organization', 'org in region', ADMINS, []],
  ['update', 'Organization', 'org in other region', ['national_admin'], ['admin']],

  ['read', 'User', 'self', ALL, []],
  ['read', 'User', 'colleague', [...ADMINS, ...CASE], ['analyst', 'auditor']],
  ['read', 'User', 'user in region', ADMINS, [...CASE, 'analyst', 'auditor']],
  ['read', 'User', 'user in other region', ['national_admin'], ['admin', ...CASE, 'analyst', 'auditor']],
  ['create', 'User', null, ADMINS, []],
  ['create', 'User', 'colleague', ADMINS, []],
  ['create', 'User', 'user in other region', ['national_admin'], ['admin']],
  ['update', 'User', 'user in region', ADMINS, []],
  ['update', 'User', 'self', ADMINS, []],
  ['update', 'User', 'user in other region', ['national_admin'], ['admin']],
  ['deactivate', 'User', 'colleague', ADMINS, []],
  ['deactivate', 'User', 'user in other region', ['national_admin'], ['admin']],
  ['reset_password', 'User', 'user in region', ADMINS, []],
  ['reset_password', 'User', 'user in other region', ['national_admin'], ['admin']],

  ['create', 'Child', null, ['pmpc_specialist', 'pmpc_head', 'school_coordinator', 'social_worker', 'health_worker'], []],
  ['read', 'Child', null, CASE, []],
  ['read', 'Child', 'involved case', CASE, []],
  ['read', 'Child', 'uninvolved case', [], CASE],
  ['update', 'Child', 'involved case', CASE, []],
  ['update', 'Child', 'uninvolved case', [], CASE],
  ['lookup_by_iin', 'Child', null, ['pmpc_specialist', 'pmpc_head'], []],
  ['break_glass', 'Child', null, ['pmpc_specialist', 'pmpc_head', 'health_worker'], []],
  ['merge', 'Child', 'involved case', ['pmpc_head'], []],
  ['merge', 'Child', 'uninvolved case', [], ['pmpc_head']],
  ['record_diagnosis', 'Child', 'involved case', ['pmpc_specialist', 'pmpc_head', 'health_worker'], []],
  ['record_disability', 'Child', 'involved case', ['social_worker', 'health_worker'], []],
  ['record_disability', 'Child', 'uninvolved case', [], ['social_worker', 'health_worker']],

  ['create', 'Assessment', 'involved case', ['pmpc_specialist', 'pmpc_head'], []],
  ['create', 'Assessment', 'uninvolved case', [], ['pmpc_specialist', 'pmpc_head']],
  ['update', 'Assessment', 'own assessment', ['pmpc_specialist', 'pmpc_head'], []],
  ['update', 'Assessment', 'assessment of another PMPC', [], ['pmpc_specialist', 'pmpc_head']],
  ['confirm', 'Assessment', 'own assessment', ['pmpc_specialist', 'pmpc_head'], []],
  ['sign', 'Assessment', 'own assessment', ['pmpc_head'], []],
  ['sign', 'Assessment', 'assessment of another PMPC', [], ['pmpc_head']],

  ['create', 'Referral', 'involved case', CASE, []],
  ['create', 'Referral', 'uninvolved case', [], CASE],
  ['read', 'Referral', 'own side of a referral', CASE, []],
  ['read', 'Referral', 'other side of a referral', [], CASE],
  ['send', 'Referral', 'own side of a referral', CASE, []],
  ['respond', 'Referral', 'own side of a referral', CASE, []],
  ['respond', 'Referral', 'other side of a referral', [], CASE],
  ['deliver', 'ServiceEpisode', 'own side of a referral', CASE, []],
  ['create', 'Placement', null, ['pmpc_specialist', 'pmpc_head', 'school_coordinator'], []],
  ['create', 'Placement', 'involved case', ['pmpc_specialist', 'pmpc_head', 'school_coordinator'], []],
  ['create', 'Placement', 'uninvolved case', [], ['pmpc_specialist', 'pmpc_head', 'school_coordinator']],
  ['update', 'Placement', 'own placement', ['school_coordinator'], []],
  ['update', 'Placement', 'placement at another school', [], ['school_coordinator']],
  ['read', 'Worklist', null, [...CASE, 'auditor'], []],

  ['update', 'Holiday', null, ['national_admin'], []],

  ['read', 'AuditLog', null, ['auditor'], []],
  ['review', 'AuditLog', null, ['auditor'], []],
  ['verify', 'AuditLog', null, ['auditor'], []],
  ['read', 'Report', null, ['analyst', 'admin', 'national_admin'], []],
  ['read', 'Report', 'figures of the region', ['analyst', 'admin', 'national_admin'], []],
  ['read', 'Report', 'figures of another region', ['national_admin'], ['analyst', 'admin']],
];

const CASES = TABLE.flatMap(([action, subject, fixture, allowed, hidden]) =>
  PERSONAS.map((persona) => {
    const outcome = allowed.includes(persona) ? 'allow' : hidden.includes(persona) ? '404' : '403';
    return [persona, action, subject, fixture ?? 'any', outcome] as const;
  }),
);

describe('policy: role × action × resource ownership', () => {
  const access = new AccessService();

  it.each(CASES)('%s %s %s (%s) → %s', (persona, action, subject, fixture, outcome) => {
    const actor = actorFor(persona);
    const resource = fixture === 'any' ? undefined : FIXTURES[fixture];
    const attempt = () => access.authorize(actor, action, subject, resource);
    if (outcome === 'allow') expect(attempt).not.toThrow();
    else expect(attempt).toThrow(outcome === '404' ? NotFoundError : ForbiddenError);
  });

  it('derives list filters from the same rows', () => {
    expect(access.scopeFilter(actorFor('national_admin'), 'read', 'User')).toEqual({ all: true });
    expect(access.scopeFilter(actorFor('admin'), 'read', 'User')).toEqual({ all: false, regionKato: REGION, userId: 'user-self' });
    expect(access.scopeFilter(actorFor('school_coordinator'), 'read', 'User')).toEqual({ all: false, orgId: 'org-A', userId: 'user-self' });
    expect(access.scopeFilter(actorFor('auditor'), 'read', 'User')).toEqual({ all: false, userId: 'user-self' });
    expect(access.scopeFilter(actorFor('health_worker'), 'read', 'Child')).toEqual({ all: false, involvedOrgId: 'org-A' });
    expect(access.scopeFilter(actorFor('analyst'), 'read', 'Child')).toEqual({ all: false });
    expect(access.scopeFilter(actorFor('analyst'), 'read', 'Organization')).toEqual({ all: true });
  });

  it('lists type-level permissions for the UI', () => {
    expect(access.permissions(actorFor('auditor'))).toEqual(['read:AuditLog', 'read:Organization', 'read:User', 'read:Worklist', 'review:AuditLog', 'verify:AuditLog']);
  });
});
