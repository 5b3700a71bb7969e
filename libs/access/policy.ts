import type { Role } from '@qoldau/auth';

/**
 * The permission table (DESIGN §5) as data: one row per (role, action, subject, scope). It is the only
 * place that says who may do what; `authorize` evaluates it (through CASL), list queries derive their
 * WHERE clauses from the same rows, docs/access.md is generated from it, and the web UI receives it
 * through GET /me.
 *
 * Scopes say WHICH instances a row covers:
 *   any           every instance
 *   national      every instance, but only for an actor without a region (the national admin): for
 *                 what is one for the whole country, such as the working-day calendar
 *   region        instances in the actor's region (the region of its organisation); nationwide for an
 *                 actor without one (the national admin)
 *   own_org       instances belonging to the actor's organisation
 *   self          the actor's own user record
 *   involved      child cases with which the actor's organisation has an active involvement
 */
export const ACTIONS = [
  'read', 'create', 'update', 'deactivate', 'reset_password', 'lookup_by_iin', 'break_glass', 'verify', 'review',
  'confirm', 'sign', 'send', 'withdraw', 'respond', 'deliver', 'merge', 'record_diagnosis', 'record_disability', 'enrol',
] as const;
export type Action = (typeof ACTIONS)[number];

export const SUBJECTS = [
  'Organization', 'User', 'Child', 'Assessment', 'Referral', 'ServiceEpisode', 'Worklist', 'Holiday', 'AuditLog', 'Report', 'Placement', 'Import',
] as const;
export type Subject = (typeof SUBJECTS)[number];

export const SCOPES = ['any', 'national', 'region', 'own_org', 'self', 'involved'] as const;
export type Scope = (typeof SCOPES)[number];

export interface PolicyRule {
  role: Role;
  action: Action;
  subject: Subject;
  scope: Scope;
}

const CASE_ROLES: Role[] = [
  'pmpc_specialist', 'pmpc_head', 'school_coordinator', 'correction_specialist', 'rehab_specialist', 'social_worker', 'health_worker',
];
const EVERY_ROLE: Role[] = ['admin', ...CASE_ROLES, 'analyst', 'auditor'];

const rows = (roles: Role[], actions: Action[], subject: Subject, scope: Scope): PolicyRule[] =>
  roles.flatMap((role) => actions.map((action) => ({ role, action, subject, scope })));

export const POLICY: readonly PolicyRule[] = [
  // The directory of organisations is not secret: every signed-in user needs it to refer and place.
  ...rows(EVERY_ROLE, ['read'], 'Organization', 'any'),
  ...rows(['admin'], ['create', 'update'], 'Organization', 'region'),

  ...rows(EVERY_ROLE, ['read'], 'User', 'self'),
  ...rows(CASE_ROLES, ['read'], 'User', 'own_org'),
  ...rows(['admin'], ['read', 'create', 'update', 'deactivate', 'reset_password'], 'User', 'region'),

  // Case registration: PMPC roles, school coordinators, social workers and health workers.
  ...rows(['pmpc_specialist', 'pmpc_head', 'school_coordinator', 'social_worker', 'health_worker'], ['create'], 'Child', 'any'),
  ...rows(CASE_ROLES, ['read', 'update'], 'Child', 'involved'),
  ...rows(['pmpc_specialist', 'pmpc_head'], ['lookup_by_iin'], 'Child', 'any'),
  ...rows(['pmpc_specialist', 'pmpc_head', 'health_worker'], ['break_glass'], 'Child', 'any'),
  // Merging two records of one child rewrites both cases: the PMPC head decides.
  ...rows(['pmpc_head'], ['merge'], 'Child', 'involved'),
  // Health data is written by who establishes it: diagnoses by health and PMPC, disability by social
  // protection and health.
  ...rows(['pmpc_specialist', 'pmpc_head', 'health_worker'], ['record_diagnosis'], 'Child', 'involved'),
  ...rows(['social_worker', 'health_worker'], ['record_disability'], 'Child', 'involved'),

  // Auditors read the trail of actors in their region (nationwide when their organisation is national).
  // PMPC assessments: opened on a visible case; drafted, confirmed and signed within the PMPC itself.
  ...rows(['pmpc_specialist', 'pmpc_head'], ['create'], 'Assessment', 'involved'),
  ...rows(['pmpc_specialist', 'pmpc_head'], ['update', 'confirm'], 'Assessment', 'own_org'),
  ...rows(['pmpc_head'], ['sign'], 'Assessment', 'own_org'),

  // Referrals: any organisation involved with the case refers; each side acts only for its own
  // organisation (the sender sends and withdraws, the receiver responds and delivers). Which
  // transition belongs to which side is the referral state machine's business (libs/referrals).
  ...rows(CASE_ROLES, ['create'], 'Referral', 'involved'),
  ...rows(CASE_ROLES, ['read', 'send', 'withdraw', 'respond', 'deliver'], 'Referral', 'own_org'),
  ...rows(CASE_ROLES, ['read', 'deliver'], 'ServiceEpisode', 'own_org'),

  // Placements: proposed on a visible case by the school or kindergarten itself or by the PMPC that
  // recommends it; activated, ended and given a support plan only by the placing organisation.
  ...rows(['pmpc_specialist', 'pmpc_head', 'school_coordinator'], ['create'], 'Placement', 'involved'),
  ...rows(['school_coordinator'], ['update'], 'Placement', 'own_org'),
  // The roster (GET /placements): a school or kindergarten lists its own placements; a PMPC those of the
  // cases it is involved with whose current conclusion it signed (whether they honour it).
  ...rows(['school_coordinator'], ['read'], 'Placement', 'own_org'),
  ...rows(['pmpc_specialist', 'pmpc_head'], ['read'], 'Placement', 'involved'),
  // Enrolment without a referral: a family brings its child to the school with a written application.
  // The school finds the child by exact IIN and birth date (a wrong birth date is 404, like an unknown
  // IIN), proposes the placement at its own organisation, and thereby becomes involved.
  ...rows(['school_coordinator'], ['enrol'], 'Child', 'any'),

  ...rows([...CASE_ROLES, 'auditor'], ['read'], 'Worklist', 'own_org'),

  // The working-day calendar (moved days, Kurban Ait) is national: SLAs everywhere count on it.
  ...rows(['admin'], ['update'], 'Holiday', 'national'),

  ...rows(['auditor'], ['read', 'verify', 'review'], 'AuditLog', 'region'),
  // The figures (issue 17): analysts and admins of an education department see their own region; those
  // of the ministry and the national admin (no region) every region. Aggregates only, never a child.
  ...rows(['analyst', 'admin'], ['read'], 'Report', 'region'),

  // Imports (issue 18): admins load their region's organisations, the registering roles their
  // organisation's children, school coordinators their school's placements, the roles that refer the
  // services they referred children to. Each kind also needs the permissions its rows are applied with
  // (IMPORT_REQUIRES in libs/imports: create/update Placement, create Referral, …) and each row passes
  // the use case's own check; an import is seen by the organisation that uploaded it.
  ...rows(['admin'], ['create', 'read'], 'Import', 'region'),
  ...rows(['pmpc_specialist', 'pmpc_head', 'school_coordinator', 'social_worker', 'health_worker'], ['create', 'read'], 'Import', 'own_org'),
];

/**
 * Which organisation types may hold which role (a misfit is 422 ROLE_NOT_ALLOWED_FOR_ORGANIZATION).
 * `null` stands for "no organisation": only the national admin. The `ministry` is national (no region):
 * its admins, analysts and auditors act nationwide.
 */
export const ROLE_ORGANIZATION_TYPES: Readonly<Record<Role, readonly (string | null)[]>> = {
  admin: ['education_department', 'ministry', null],
  pmpc_specialist: ['pmpc'],
  pmpc_head: ['pmpc'],
  school_coordinator: ['school', 'kindergarten', 'special_school', 'special_kindergarten'],
  correction_specialist: ['correction_room'],
  rehab_specialist: ['rehab_centre', 'autism_centre'],
  social_worker: ['social_protection_office'],
  health_worker: ['polyclinic', 'rehab_centre'],
  analyst: ['education_department', 'ministry'],
  auditor: ['education_department', 'ministry'],
};

export function roleFitsOrganization(role: Role, organizationType: string | null): boolean {
  return ROLE_ORGANIZATION_TYPES[role].includes(organizationType);
}

/**
 * What a personal break-glass lets its holder do on that one case until it expires, as data: read it,
 * and — for a health worker in an emergency — record the diagnosis that emergency establishes. No
 * referral, consent, placement, close or identity change is made on its strength, colleagues get
 * nothing, and nothing it allows outlives the window (docs/access.md).
 */
export const BREAK_GLASS_ALLOWS: readonly { role: Role; action: Action; subject: Subject }[] = [
  ...(['pmpc_specialist', 'pmpc_head', 'health_worker'] as Role[]).map((role) => ({ role, action: 'read' as Action, subject: 'Child' as Subject })),
  { role: 'health_worker', action: 'record_diagnosis', subject: 'Child' },
];

export function breakGlassAllows(roles: readonly Role[], action: Action, subject: Subject): boolean {
  return BREAK_GLASS_ALLOWS.some((rule) => roles.includes(rule.role) && rule.action === action && rule.subject === subject);
}

/** The roles some rule lets do `action` on `subject` (who is told of something only they may act on). */
export function rolesThatMay(action: Action, subject: Subject): Role[] {
  return [...new Set(POLICY.filter((rule) => rule.action === action && rule.subject === subject).map((rule) => rule.role))];
}
