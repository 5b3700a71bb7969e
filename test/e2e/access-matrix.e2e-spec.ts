import { createHash } from 'node:crypto';
import type { Response } from 'supertest';
import { AUDIENCE_OF_ROLE, POLICY, SECTION_VISIBILITY, SECTIONS, type Action, type Section, type Subject } from '@qoldau/access';
import { ROLES, type Role } from '@qoldau/auth';
import { pdfText, signedConclusion } from '../support/assessments';
import { CaseWorker, involve, makeIin, newCaseWorker, newChild, RegisteredChild, shareWith, withdrawConsent } from '../support/children';
import { asAdmin, newOrganization, PAVLODAR, Session, ZHAMBYL } from '../support/factories';
import { activatePlacement, proposePlacement, supportPlan } from '../support/placements';
import { act, REFERRAL_EVENTS_WITH_BODY, sentReferral } from '../support/referrals';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The BOLA matrix (DESIGN §5, §7): every case route of the OpenAPI document × every role in every
 * position towards one fully furnished case × every data-sharing consent state. Expectations are
 * computed from the permission table (POLICY) and the section table (SECTION_VISIBILITY) of
 * libs/access, never written out per cell, so that any access leak — a status, a section key, or a
 * piece of case content where the table forbids it — fails a cell named route × role × position ×
 * consent state.
 *
 *   reads    every actor: the status; for a 200 the section keys (the case view's exactly); in every
 *            answer, PDFs' text included, no content of a section the table hides from the actor, and
 *            for anyone not involved no id of the case or its parts. The state after the consents are
 *            withdrawn must answer as the state before they were given.
 *   writes   actors not involved, analysts, auditors and admins: refused (403 or 404) with nothing
 *            written — row counts, versions and the child's version unchanged.
 *
 * The rows are generated from ROUTES below when jest collects the file, before any app runs; the
 * first test compares ROUTES with the app's own OpenAPI document, and fails on a case operation
 * the table does not know how to exercise (or on one the document no longer has).
 */

const NOW = '2026-11-25T06:00:00Z'; // Wednesday, 11:00 in Almaty
const API = '/api/v1';

// ── What the case holds: distinctive values, each belonging to one section ─────────────────────

const CHILD = { lastName: 'Матрицова', firstName: 'Жансая', birthDate: '2019-05-14', sex: 'female' as const };
const ICD10 = 'F80.1';
const CERTIFICATE = 'МСЭ-7734521';
const CLASS_LABEL = '3 «Ғ» сынып';
const PROTOCOL_NOTE = 'Хаттама 4471: матрицалық тексеру';
const BREAK_GLASS_REASON = 'Child brought to the emergency room unconscious; need the guardians now.';

// ── Roles and positions ─────────────────────────────────────────────────────────────────────────

/** Roles that work on cases: those the policy lets read a child (in some scope). */
const CASE_ROLES = ROLES.filter((role) => POLICY.some((rule) => rule.role === role && rule.action === 'read' && rule.subject === 'Child'));
/** Everyone else (admin, analyst, auditor): never case content. */
const OVERSIGHT_ROLES = ROLES.filter((role) => !CASE_ROLES.includes(role));

/** The organisation type each role's users are created in (the national admin has none, and is there besides). */
const ORG_TYPE: Record<Role, string> = {
  admin: 'education_department',
  pmpc_specialist: 'pmpc',
  pmpc_head: 'pmpc',
  school_coordinator: 'school',
  correction_specialist: 'correction_room',
  rehab_specialist: 'rehab_centre',
  social_worker: 'social_protection_office',
  health_worker: 'polyclinic',
  analyst: 'education_department',
  auditor: 'education_department',
};

type Position = 'involved' | 'uninvolved' | 'other_region' | 'oversight';

interface ActorSpec {
  key: string;
  role: Role;
  position: Position;
  /** The bootstrap admin, of no organisation and no region. */
  national?: boolean;
}

const ACTOR_SPECS: ActorSpec[] = [
  ...(['involved', 'uninvolved', 'other_region'] as const).flatMap((position) => CASE_ROLES.map((role) => ({ key: `${role}@${position}`, role, position }))),
  ...OVERSIGHT_ROLES.map((role) => ({ key: `${role}@${ORG_TYPE[role]}`, role, position: 'oversight' as const })),
  { key: 'admin@national', role: 'admin', position: 'oversight', national: true },
];
/** Writes are tried only by those who must be refused. */
const WRITE_ACTOR_SPECS = ACTOR_SPECS.filter((spec) => spec.position !== 'involved');

interface MatrixActor extends ActorSpec {
  orgId: string | null;
  auth(): Promise<{ Authorization: string }>;
}

const mayDo = (role: Role, action: Action, subject: Subject) => POLICY.some((rule) => rule.role === role && rule.action === action && rule.subject === subject);

// ── Consent states ──────────────────────────────────────────────────────────────────────────────

const SHARED_SECTORS = ['education', 'health', 'social'] as const;
type ConsentState = 'no data_sharing' | 'data_sharing education+health+social' | 'data_sharing withdrawn';
const STATES: { name: ConsentState; sectors: readonly string[] }[] = [
  { name: 'no data_sharing', sectors: [] },
  { name: 'data_sharing education+health+social', sectors: SHARED_SECTORS },
  { name: 'data_sharing withdrawn', sectors: [] },
];
/**
 * Writes are tried only by those who must be refused, in the state where the consents open the most:
 * what refuses them is the involvement, which no consent state changes (and trying each write in
 * every state would triple the file's run time).
 */
const WRITE_STATE: ConsentState = 'data_sharing education+health+social';

/** What the section table gives `role` on this case, with the consent ("c") cells decided by `sectors`. */
function visibility(role: Role, section: Section, sectors: readonly string[]): 'all' | 'own_org' | 'none' {
  const audience = AUDIENCE_OF_ROLE[role];
  const cell = SECTION_VISIBILITY[section][audience];
  if (cell === 'consent') return sectors.includes(audience) ? 'all' : 'none';
  return cell;
}

/**
 * Sections that are not keys of the case view but live inside each item of another section, with the
 * organisation that owns an item (for an "own org's" cell): protocol notes inside assessments, their PMPC's.
 */
const NESTED_IN: Partial<Record<Section, { parent: Section; ownerOf: (item: Record<string, unknown>) => unknown }>> = {
  protocolNotes: { parent: 'assessments', ownerOf: (item) => (item.pmpc as { id?: string } | undefined)?.id },
};
const TOP_LEVEL_SECTIONS = SECTIONS.filter((section) => !NESTED_IN[section]);
/** The case view's envelope: what it carries besides sections. */
const CASE_ENVELOPE = ['id', 'version', 'status', 'closedReason', 'closedAt'];

// ── The case under test ─────────────────────────────────────────────────────────────────────────

interface Fixture {
  child: RegisteredChild;
  iin: string;
  guardianId: string;
  servicesConsentId: string;
  assessmentId: string;
  placementId: string;
  planId: string;
  goalId: string;
  referralId: string;
  episodeId: string;
  roomOrgId: string;
  pmpcOrgId: string;
  schoolOrgId: string;
  /** Another school, the destination of a transfer. */
  nextSchoolOrgId: string;
  notificationId: string;
  duplicateId: string;
  today: string;
}

/** The case's content, by the section that holds it: none may reach an actor the table hides that section from. */
const markersOf = (f: Fixture): [Section, string][] => [
  ['identity', f.iin],
  ['identity', CHILD.lastName],
  ['identity', CHILD.firstName],
  ['diagnoses', ICD10],
  ['disability', CERTIFICATE],
  ['placements', CLASS_LABEL],
  ['protocolNotes', PROTOCOL_NOTE],
];

/** For "own org's" cells: the organisations whose items of that section this case holds. */
const sectionOwners = (f: Fixture): Partial<Record<Section, string[]>> => ({ referrals: [f.pmpcOrgId, f.roomOrgId], protocolNotes: [f.pmpcOrgId] });

/** Ids of the case and its parts: an actor who is not involved finds none of them in any answer. */
const tracesOf = (f: Fixture) => [f.child.id, f.assessmentId, f.placementId, f.planId, f.referralId, f.episodeId, f.servicesConsentId, f.guardianId];

// ── The route table ─────────────────────────────────────────────────────────────────────────────

type Url = (f: Fixture, a: MatrixActor) => string;

interface ReadRoute {
  read:
    | 'case' // the case view: its section keys are checked against the table
    | 'resource' // one thing of this case: 404 unless involved, and the section it IS visible (and, for `owners`, one of them)
    | 'list' // the actor's own list or search: 200 when permitted, never with a trace of a case it is not involved in
    | 'lookup'; // PMPC look-up by exact IIN: identity, involved or not (DESIGN §5), and nothing more
  url: Url;
  /** The section the resource is (404 when the actor may not see it). */
  section?: Section;
  /** Only these organisations may read it, whatever the table says (a referral's two parties, an episode's provider). */
  owners?: (f: Fixture) => string[];
  /** The permission a list needs (403 without it). */
  requires?: [Action, Subject];
  /** For lists: whether an involved actor must find the child in it (undefined: not asserted). */
  includes?: (f: Fixture, a: MatrixActor) => boolean | undefined;
}

interface WriteRoute {
  write: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: Url;
  body?: (f: Fixture, a: MatrixActor) => Record<string, unknown>;
  /** If-Match and the like, read afresh (a valid precondition, so that only access can refuse). */
  headers?: (t: TestApp, f: Fixture) => Promise<Record<string, string>>;
  /** A reason why this actor is not refused by design (the cell is then not exercised). */
  designedFor?: (a: ActorSpec) => string | undefined;
  /** The refusal expected, when it is not the gate's 403 or 404. */
  refusedWith?: (a: ActorSpec) => number[];
}

interface NotExercised {
  skip: string;
}

type Route = ReadRoute | WriteRoute | NotExercised;

const versionOf = (table: string) => async (t: TestApp, id: string) => {
  const [row] = await t.db.query(`SELECT version FROM ${table} WHERE id = $1`, [id]);
  return { 'If-Match': `"${row.version}"` };
};
const referralEvent = (event: string, body: Record<string, unknown> = REFERRAL_EVENTS_WITH_BODY[event] ?? {}): WriteRoute => ({
  write: 'POST', url: (f) => `${API}/referrals/${f.referralId}/${event}`, body: () => body,
});
const ownerOfReferral = (f: Fixture) => [f.pmpcOrgId, f.roomOrgId];
/** An episode is its provider's, and so is the provider's waiting list. */
const theRoom = (f: Fixture) => [f.roomOrgId];

/**
 * Every case operation of the OpenAPI document, keyed `METHOD path`, and how to exercise it: the
 * path parameters from the fixture, a minimal valid body, and what it is.
 */
const ROUTES: Record<string, Route> = {
  // children: search, look-up, the case and its parts
  'GET /api/v1/children': { read: 'list', url: () => `${API}/children?q=${encodeURIComponent(CHILD.lastName)}&limit=100`, requires: ['read', 'Child'], includes: () => true },
  'GET /api/v1/children/duplicates': {
    read: 'list',
    url: () => `${API}/children/duplicates?${new URLSearchParams({ lastName: CHILD.lastName, firstName: CHILD.firstName, birthDate: CHILD.birthDate })}`,
    requires: ['read', 'Child'],
    includes: () => true,
  },
  'GET /api/v1/children/lookup': { read: 'lookup', url: (f) => `${API}/children/lookup?iin=${f.iin}`, requires: ['lookup_by_iin', 'Child'] },
  // Registering this child again (its IIN, other names): an outsider learns only that the IIN is taken — 409
  // DUPLICATE_CHILD without the record's id (DESIGN §2) — and nothing is written.
  'POST /api/v1/children': {
    write: 'POST', url: () => `${API}/children`,
    body: (f) => ({ iin: f.iin, lastName: 'Басқаева', firstName: 'Ерке', birthDate: CHILD.birthDate, sex: CHILD.sex, kato: ZHAMBYL, confirmNew: true }),
    refusedWith: (a) => (mayDo(a.role, 'create', 'Child') ? [409] : [403]),
  },
  'GET /api/v1/children/{id}': { read: 'case', url: (f) => `${API}/children/${f.child.id}` },
  'PATCH /api/v1/children/{id}': {
    write: 'PATCH', url: (f) => `${API}/children/${f.child.id}`, body: () => ({ lastName: 'Өзгертілген' }), headers: (t, f) => versionOf('children')(t, f.child.id),
  },
  'POST /api/v1/children/{id}/close': { write: 'POST', url: (f) => `${API}/children/${f.child.id}/close`, body: () => ({ reason: 'Отбасы шетелге көшті' }) },
  'POST /api/v1/children/{id}/reopen': { write: 'POST', url: (f) => `${API}/children/${f.child.id}/reopen`, body: () => ({ reason: 'Қайта ашу' }) },
  'POST /api/v1/children/{id}/merge': { write: 'POST', url: (f) => `${API}/children/${f.child.id}/merge`, body: (f) => ({ duplicateId: f.duplicateId }) },
  'GET /api/v1/children/{id}/guardians': { read: 'resource', url: (f) => `${API}/children/${f.child.id}/guardians`, section: 'guardians' },
  'POST /api/v1/children/{id}/guardians': {
    write: 'POST', url: (f) => `${API}/children/${f.child.id}/guardians`, body: () => ({ fullName: 'Оспанов Ерлан', relation: 'father', phone: '+77017654321' }),
  },
  'PATCH /api/v1/children/{id}/guardians/{guardianId}': {
    write: 'PATCH', url: (f) => `${API}/children/${f.child.id}/guardians/${f.guardianId}`, body: () => ({ phone: '+77017654321' }),
    headers: (t, f) => versionOf('guardians')(t, f.guardianId),
  },
  'DELETE /api/v1/children/{id}/guardians/{guardianId}': { write: 'DELETE', url: (f) => `${API}/children/${f.child.id}/guardians/${f.guardianId}` },
  'GET /api/v1/children/{id}/consents': { read: 'resource', url: (f) => `${API}/children/${f.child.id}/consents`, section: 'consents' },
  'POST /api/v1/children/{id}/consents': {
    write: 'POST', url: (f) => `${API}/children/${f.child.id}/consents`, body: (f) => ({ kind: 'data_sharing', sector: 'social', guardianId: f.guardianId }),
  },
  'POST /api/v1/consents/{id}/withdraw': { write: 'POST', url: (f) => `${API}/consents/${f.servicesConsentId}/withdraw` },
  'GET /api/v1/children/{id}/diagnoses': { read: 'resource', url: (f) => `${API}/children/${f.child.id}/diagnoses`, section: 'diagnoses' },
  'POST /api/v1/children/{id}/diagnoses': { write: 'POST', url: (f) => `${API}/children/${f.child.id}/diagnoses`, body: () => ({ icd10: 'F84.0', date: '2024-03-01' }) },
  'GET /api/v1/children/{id}/disability': { read: 'resource', url: (f) => `${API}/children/${f.child.id}/disability`, section: 'disability' },
  'PUT /api/v1/children/{id}/disability': { write: 'PUT', url: (f) => `${API}/children/${f.child.id}/disability`, body: () => ({ status: 'under_review' }) },
  'GET /api/v1/children/{id}/timeline': { read: 'resource', url: (f) => `${API}/children/${f.child.id}/timeline?limit=100` },
  'GET /api/v1/children/{id}/access-log': { read: 'resource', url: (f) => `${API}/children/${f.child.id}/access-log?limit=100` },

  // assessments
  'POST /api/v1/children/{id}/assessments': { write: 'POST', url: (f) => `${API}/children/${f.child.id}/assessments`, body: () => ({ senCategories: ['speech'] }) },
  'GET /api/v1/assessments/{id}': { read: 'resource', url: (f) => `${API}/assessments/${f.assessmentId}`, section: 'assessments' },
  'PATCH /api/v1/assessments/{id}': {
    write: 'PATCH', url: (f) => `${API}/assessments/${f.assessmentId}`, body: () => ({ protocolNotes: 'Өзгертілген хаттама' }),
    headers: (t, f) => versionOf('assessments')(t, f.assessmentId),
  },
  'POST /api/v1/assessments/{id}/confirmations': { write: 'POST', url: (f) => `${API}/assessments/${f.assessmentId}/confirmations`, body: () => ({ findings: 'Бөтен тұжырым' }) },
  'POST /api/v1/assessments/{id}/sign': { write: 'POST', url: (f) => `${API}/assessments/${f.assessmentId}/sign` },
  'GET /api/v1/assessments/{id}/conclusion.pdf': { read: 'resource', url: (f) => `${API}/assessments/${f.assessmentId}/conclusion.pdf`, section: 'assessments' },

  // placements
  'POST /api/v1/children/{id}/placements': {
    write: 'POST', url: (f) => `${API}/children/${f.child.id}/placements`, body: (f) => ({ orgId: f.schoolOrgId, form: 'inclusive_class', classLabel: '1 «А»' }),
  },
  // The roster: the school's own pupils; a PMPC's, those whose current conclusion it signed (this case's PMPC and school).
  'GET /api/v1/placements': {
    read: 'list', url: () => `${API}/placements?limit=100`, requires: ['read', 'Placement'], includes: (f, a) => [f.schoolOrgId, f.pmpcOrgId].includes(a.orgId as string),
  },
  // Enrolment finds a child by exact IIN and birth date: for a school coordinator anywhere that is what it is for.
  'POST /api/v1/placements/enrolments': {
    write: 'POST', url: () => `${API}/placements/enrolments`,
    body: (f) => ({ iin: f.iin, birthDate: CHILD.birthDate, guardianId: f.guardianId, applicationDate: f.today, form: 'inclusive_class' }),
    designedFor: (a) => (mayDo(a.role, 'enrol', 'Child') ? 'a school enrols a child the family brings, named by exact IIN and birth date (placements-roster.e2e-spec.ts)' : undefined),
  },
  'GET /api/v1/placements/{id}': { read: 'resource', url: (f) => `${API}/placements/${f.placementId}`, section: 'placements' },
  'POST /api/v1/placements/{id}/activate': { write: 'POST', url: (f) => `${API}/placements/${f.placementId}/activate` },
  'POST /api/v1/placements/{id}/transfer': {
    write: 'POST', url: (f) => `${API}/placements/${f.placementId}/transfer`,
    body: (f) => ({ toOrgId: f.nextSchoolOrgId, startedOn: f.today, form: 'inclusive_class', classLabel: '4 «Б»' }),
  },
  'POST /api/v1/placements/{id}/end': { write: 'POST', url: (f) => `${API}/placements/${f.placementId}/end`, body: () => ({ reason: 'Басқа мектепке ауысты' }) },
  'PUT /api/v1/placements/{id}/support-plan': {
    write: 'PUT', url: (f) => `${API}/placements/${f.placementId}/support-plan`, body: (f) => supportPlan(f.schoolOrgId, '2027-02-15'),
    headers: async (t, f) => {
      const [row] = await t.db.query(`SELECT version FROM support_plans WHERE placement_id = $1`, [f.placementId]);
      return { 'If-Match': `"${row.version}"` };
    },
  },
  'GET /api/v1/support-plans/{id}': { read: 'resource', url: (f) => `${API}/support-plans/${f.planId}`, section: 'placements' },
  'POST /api/v1/support-plans/{id}/reviews': {
    write: 'POST', url: (f) => `${API}/support-plans/${f.planId}/reviews`,
    body: (f) => ({ reviewedOn: f.today, goals: [{ goalId: f.goalId, progress: 'progressing' }], nextReviewDate: '2027-03-01' }),
  },
  'GET /api/v1/children/{id}/transitions': { read: 'resource', url: (f) => `${API}/children/${f.child.id}/transitions`, section: 'placements' },

  // referrals and services
  'POST /api/v1/referrals': {
    write: 'POST', url: () => `${API}/referrals`,
    body: (f) => ({ childId: f.child.id, toOrgId: f.roomOrgId, serviceType: 'speech_therapy', reason: 'Дыбыстарды айтудың бұзылуы', priority: 'normal' }),
  },
  'GET /api/v1/referrals': {
    read: 'list', url: () => `${API}/referrals?limit=100`, requires: ['read', 'Referral'], includes: (f, a) => ownerOfReferral(f).includes(a.orgId as string),
  },
  'GET /api/v1/referrals/service-types': { skip: 'reference data: the service types, no case' },
  'GET /api/v1/referrals/providers': { skip: 'the directory of organisations providing a service (places and queue lengths), no case: referral-providers.e2e-spec' },
  'GET /api/v1/referrals/{id}': { read: 'resource', url: (f) => `${API}/referrals/${f.referralId}`, section: 'referrals', owners: ownerOfReferral },
  'GET /api/v1/referrals/{id}/events': { read: 'resource', url: (f) => `${API}/referrals/${f.referralId}/events`, section: 'referrals', owners: ownerOfReferral },
  'POST /api/v1/referrals/{id}/send': referralEvent('send'),
  'POST /api/v1/referrals/{id}/accept': referralEvent('accept'),
  'POST /api/v1/referrals/{id}/decline': referralEvent('decline'),
  'POST /api/v1/referrals/{id}/waitlist': referralEvent('waitlist'),
  'POST /api/v1/referrals/{id}/withdraw': referralEvent('withdraw'),
  'POST /api/v1/referrals/{id}/pause': referralEvent('pause'),
  'POST /api/v1/referrals/{id}/resume': referralEvent('resume'),
  'POST /api/v1/referrals/{id}/start': referralEvent('start', { funding: 'state_order' }),
  'POST /api/v1/referrals/{id}/complete': referralEvent('complete'),
  'GET /api/v1/service-episodes/{id}': { read: 'resource', url: (f) => `${API}/service-episodes/${f.episodeId}`, section: 'referrals', owners: theRoom },
  'GET /api/v1/service-episodes/{id}/sessions': {
    read: 'resource', url: (f) => `${API}/service-episodes/${f.episodeId}/sessions`, section: 'referrals', owners: theRoom,
  },
  'POST /api/v1/service-episodes/{id}/sessions': {
    write: 'POST', url: (f) => `${API}/service-episodes/${f.episodeId}/sessions`, body: (f) => ({ date: f.today, durationMinutes: 40, attended: true }),
  },
  'GET /api/v1/organizations/{id}/waitlist': {
    read: 'resource', url: (f) => `${API}/organizations/${f.roomOrgId}/waitlist`, section: 'referrals', owners: theRoom,
  },

  // worklist and notifications: the actor's own lists, which carry case data
  'GET /api/v1/worklist': { read: 'list', url: () => `${API}/worklist?limit=20`, requires: ['read', 'Worklist'], includes: () => true },
  'GET /api/v1/notifications': { read: 'list', url: () => `${API}/notifications?limit=100` },
  'GET /api/v1/notifications/unread-count': { read: 'list', url: () => `${API}/notifications/unread-count` },
  'POST /api/v1/notifications/{id}/read': { write: 'POST', url: (f) => `${API}/notifications/${f.notificationId}/read` },
  'POST /api/v1/notifications/read-all': { skip: "marks the caller's own notifications read: touches no case" },

  // break-glass
  'POST /api/v1/break-glass': {
    write: 'POST', url: () => `${API}/break-glass`, body: (f) => ({ iin: f.iin, reason: BREAK_GLASS_REASON, hours: 1 }),
    designedFor: (a) => (mayDo(a.role, 'break_glass', 'Child') ? 'opening any case with a reason is what break-glass is for (access-defects.e2e-spec.ts)' : undefined),
  },
  'GET /api/v1/break-glass': { read: 'list', url: () => `${API}/break-glass?limit=100`, requires: ['review', 'AuditLog'] },
  'POST /api/v1/break-glass/{id}/review': { skip: "an auditor's verdict on a break-glass use: none exists on this case, and it changes no case" },
};

/** Which operations of the document are case operations the matrix must know. */
const CASE_PATH = /^\/api\/v1\/(children|placements|support-plans|assessments|referrals|service-episodes|consents|worklist|notifications|break-glass)(\/|$)|\/waitlist$/;

const isRead = (route: Route): route is ReadRoute => 'read' in route;
const isWrite = (route: Route): route is WriteRoute => 'write' in route;

// ── The generated rows ──────────────────────────────────────────────────────────────────────────

interface Cell {
  name: string;
  op: string;
  actor: string;
}

const READ_OPS = Object.keys(ROUTES).filter((op) => isRead(ROUTES[op]));
const WRITE_OPS = Object.keys(ROUTES).filter((op) => isWrite(ROUTES[op]));

const readCells = (state: ConsentState): Cell[] =>
  READ_OPS.flatMap((op) => ACTOR_SPECS.map((spec) => ({ name: `${op} × ${spec.key} × ${state}`, op, actor: spec.key })));
const writeCells = (state: ConsentState): Cell[] =>
  WRITE_OPS.flatMap((op) =>
    WRITE_ACTOR_SPECS.filter((spec) => !(ROUTES[op] as WriteRoute).designedFor?.(spec)).map((spec) => ({ name: `${op} × ${spec.key} × ${state}`, op, actor: spec.key })),
  );

// ── Expectations, from the tables ───────────────────────────────────────────────────────────────

interface Expected {
  statuses: number[];
  /** Sections whose keys may appear in the answer (an "own org's" section, possibly with none of its items). */
  keys: Set<Section>;
  /** Sections whose content may appear in the answer. */
  content: Set<Section>;
}

function sees(route: ReadRoute, actor: MatrixActor, f: Fixture, sectors: readonly string[]): boolean {
  if (route.owners && !route.owners(f).includes(actor.orgId as string)) return false;
  if (!route.section) return true;
  const cell = visibility(actor.role, route.section, sectors);
  return cell === 'all' || (cell === 'own_org' && (route.owners?.(f) ?? []).includes(actor.orgId as string));
}

function expectedRead(route: ReadRoute, actor: MatrixActor, f: Fixture, sectors: readonly string[]): Expected {
  const refused = (...statuses: number[]): Expected => ({ statuses, keys: new Set(), content: new Set() });
  const permitted = !route.requires || mayDo(actor.role, ...route.requires);
  if (route.read === 'lookup') return permitted ? { statuses: [200], keys: new Set(['identity']), content: new Set(['identity']) } : refused(403);
  if (route.read === 'list') {
    if (!permitted) return refused(403);
    if (actor.position !== 'involved') return refused(200);
  } else if (actor.position === 'oversight') {
    return refused(403, 404);
  } else if (actor.position !== 'involved') {
    return refused(404);
  }
  if (route.read === 'resource' && !sees(route, actor, f, sectors)) return refused(404);
  const owners = sectionOwners(f);
  return {
    statuses: [200],
    keys: new Set(SECTIONS.filter((section) => visibility(actor.role, section, sectors) !== 'none')),
    content: new Set(
      SECTIONS.filter((section) => {
        const cell = visibility(actor.role, section, sectors);
        return cell === 'all' || (cell === 'own_org' && (owners[section] ?? []).includes(actor.orgId as string));
      }),
    ),
  };
}

// ── Checking an answer ──────────────────────────────────────────────────────────────────────────

interface Answer {
  status: number;
  contentType: string;
  raw: Buffer;
  json: unknown;
}

function answerOf(res: Response): Answer {
  const raw = Buffer.isBuffer(res.body) ? res.body : Buffer.from(res.text ?? '');
  const contentType = String(res.headers['content-type'] ?? '');
  let json: unknown;
  if (/json/.test(contentType) && raw.length) json = JSON.parse(raw.toString('utf8'));
  return { status: res.status, contentType, raw, json };
}

const pdfTexts = new Map<string, Promise<string>>();
/** The text an answer carries: JSON as sent, a PDF's text layer (as a reader would copy it). */
async function textOf(answer: Answer): Promise<string> {
  if (!/application\/pdf/.test(answer.contentType)) return answer.raw.toString('utf8');
  // Extracting is slow (a Node process each): PDFs that differ only in their timestamps and ids are read once.
  const hash = createHash('sha256').update(answer.raw.toString('latin1').replace(/\/(CreationDate|ModDate) \([^)]*\)|\/ID \[[^\]]*\]/g, '')).digest('hex');
  if (!pdfTexts.has(hash)) pdfTexts.set(hash, pdfText(answer.raw));
  return pdfTexts.get(hash)!;
}

/**
 * Problems with the section structure of a JSON answer: section keys the table hides, anywhere in it,
 * and entries of a section (timeline entries name theirs) the table hides or, for an "own org's"
 * section, of other organisations.
 */
function sectionProblems(value: unknown, visible: Set<Section>, ownOnly: Set<Section>, orgId: string | null, path = '$'): string[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => sectionProblems(item, visible, ownOnly, orgId, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  const problems: string[] = [];
  const entry = value as { section?: unknown; organization?: { id?: string } | null; counterpartOrgId?: string | null };
  if (typeof entry.section === 'string' && (SECTIONS as readonly string[]).includes(entry.section)) {
    const section = entry.section as Section;
    if (!visible.has(section)) problems.push(`an entry of section ${section} at ${path}`);
    else if (ownOnly.has(section) && entry.organization?.id !== orgId && entry.counterpartOrgId !== orgId) problems.push(`another organisation's ${section} entry at ${path}`);
  }
  for (const [key, inner] of Object.entries(value)) {
    if ((SECTIONS as readonly string[]).includes(key) && !visible.has(key as Section)) problems.push(`section key ${path}.${key}`);
    problems.push(...sectionProblems(inner, visible, ownOnly, orgId, `${path}.${key}`));
  }
  return problems;
}

/** The case view: exactly the envelope and the visible top-level sections; nested and own-org sections as the table says. */
function caseViewProblems(body: Record<string, unknown>, actor: MatrixActor, sectors: readonly string[]): string[] {
  const problems: string[] = [];
  const expectedSections = TOP_LEVEL_SECTIONS.filter((section) => visibility(actor.role, section, sectors) !== 'none').sort();
  const gotSections = Object.keys(body).filter((key) => (SECTIONS as readonly string[]).includes(key)).sort();
  if (JSON.stringify(gotSections) !== JSON.stringify(expectedSections)) problems.push(`sections ${JSON.stringify(gotSections)}, table says ${JSON.stringify(expectedSections)}`);
  const strange = Object.keys(body).filter((key) => !(SECTIONS as readonly string[]).includes(key) && !CASE_ENVELOPE.includes(key));
  if (strange.length) problems.push(`keys outside the envelope and the sections: ${strange.join(', ')}`);
  for (const [nested, { parent, ownerOf }] of Object.entries(NESTED_IN) as [Section, NonNullable<(typeof NESTED_IN)[Section]>][]) {
    const items = Array.isArray(body[parent]) ? (body[parent] as Record<string, unknown>[]) : [];
    const cell = visibility(actor.role, nested, sectors);
    for (const item of items) {
      const shown = cell === 'all' || (cell === 'own_org' && ownerOf(item) === actor.orgId);
      if ((nested in item) !== shown) problems.push(`${parent}[].${nested} ${shown ? 'missing' : 'present'}`);
    }
  }
  if (visibility(actor.role, 'referrals', sectors) === 'own_org') {
    for (const r of (body.referrals as { fromOrgId?: string; toOrgId?: string }[] | undefined) ?? []) {
      if (r.fromOrgId !== actor.orgId && r.toOrgId !== actor.orgId) problems.push(`a referral of other organisations (${r.fromOrgId} → ${r.toOrgId})`);
    }
  }
  return problems;
}

// ── The test ────────────────────────────────────────────────────────────────────────────────────

describe('access matrix: every case route × role × position × consent state', () => {
  let t: TestApp;
  let f: Fixture;
  let documentOps: Set<string>;
  const actors = new Map<string, MatrixActor>();
  let pmpc: CaseWorker;
  /** GET cells of the first state, to compare the withdrawn state with. */
  const observed = new Map<string, string>();

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    const doc = (await t.http.get('/api/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    documentOps = new Set(Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`)));

    const admin: Session = await asAdmin(t);
    const worker = (role: Role, kato: string, orgId?: string) => newCaseWorker(t, admin, ORG_TYPE[role], [role], kato, orgId);
    const register = (spec: ActorSpec, w: CaseWorker) => actors.set(spec.key, { ...spec, orgId: w.orgId, auth: () => w.auth() });

    // The involved organisations, one per case role (both PMPC roles in one PMPC), and the room with places.
    pmpc = await worker('pmpc_specialist', ZHAMBYL);
    const head = await worker('pmpc_head', ZHAMBYL, pmpc.orgId);
    const school = await worker('school_coordinator', ZHAMBYL);
    const roomOrg = await newOrganization(t, admin, { type: 'correction_room', kato: ZHAMBYL, capacity: 10, stateOrderPlaces: 10 });
    const nextSchoolOrg = await newOrganization(t, admin, { type: 'school', kato: ZHAMBYL });
    const room = await worker('correction_specialist', ZHAMBYL, roomOrg.id);
    const rehab = await worker('rehab_specialist', ZHAMBYL);
    const social = await worker('social_worker', ZHAMBYL);
    const health = await worker('health_worker', ZHAMBYL);
    const involved: Record<string, CaseWorker> = {
      pmpc_specialist: pmpc, pmpc_head: head, school_coordinator: school, correction_specialist: room, rehab_specialist: rehab, social_worker: social, health_worker: health,
    };
    // The others, each in an organisation of its own, created and signed in side by side (password hashing is slow).
    await Promise.all(
      ACTOR_SPECS.map(async (spec) => {
        if (spec.position === 'involved') {
          if (!involved[spec.role]) throw new Error(`no involved organisation for the case role ${spec.role}: add one to the fixture`);
          register(spec, involved[spec.role]);
        } else if (spec.national) {
          actors.set(spec.key, { ...spec, orgId: null, auth: async () => ({ Authorization: `Bearer ${admin.token}` }) });
        } else {
          register(spec, await worker(spec.role, spec.position === 'other_region' ? PAVLODAR : ZHAMBYL));
        }
      }),
    );
    await Promise.all([...actors.values()].map((actor) => actor.auth()));

    // The child, registered by the PMPC, with a guardian whose name shares nothing with the child's.
    const iin = makeIin(CHILD.birthDate, CHILD.sex);
    const child = await newChild(t, pmpc, {
      iin, ...CHILD, guardians: [{ iin: makeIin('1988-04-02', 'female'), fullName: 'Оспанова Гүлнар', relation: 'mother', phone: '+77011234567' }],
    });
    const guardianId = child.guardians[0].id;
    const consent = async (body: Record<string, unknown>) => {
      const res = await t.http.post(`${API}/children/${child.id}/consents`).set(await pmpc.auth()).send({ guardianId, ...body });
      if (res.status !== 201) throw new Error(`consent → ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.id as string;
    };
    // The assessment consent expires within the worklist's horizon, so every involved worklist names the child.
    await consent({ kind: 'assessment', expiresAt: '2026-12-10' });
    const servicesConsentId = await consent({ kind: 'services' });

    for (const w of [rehab, social, health]) await involve(t, child.id, w.orgId);
    await t.http.post(`${API}/children/${child.id}/diagnoses`).set(await health.auth()).send({ icd10: ICD10, date: '2024-03-01' }).expect(201);
    await t.http
      .put(`${API}/children/${child.id}/disability`)
      .set(await social.auth())
      .send({ status: 'established', establishedOn: '2024-02-01', reviewOn: '2027-02-01', certificateNo: CERTIFICATE })
      .expect(200);

    const conclusion = await signedConclusion(t, { child, specialist: pmpc, head, consent: false, draft: { protocolNotes: PROTOCOL_NOTE } });

    // The PMPC proposes the school its conclusion recommends; the school takes the child in.
    const placement = await activatePlacement(t, school, (await proposePlacement(t, pmpc, child.id, { orgId: school.orgId, classLabel: CLASS_LABEL })).id);
    const plan = (await t.http.put(`${API}/placements/${placement.id}/support-plan`).set(await school.auth()).send(supportPlan(school.orgId)).expect(200)).body;

    const referral = await sentReferral(t, pmpc, child.id, room.orgId);
    await act(t, room, referral.id, 'accept').expect(200);
    const started = (await act(t, room, referral.id, 'start', { funding: 'state_order' }).expect(200)).body;
    expect(started.status).toBe('in_progress');
    const today = t.clock.today();
    await t.http.post(`${API}/service-episodes/${started.episode.id}/sessions`).set(await room.auth()).send({ date: today, durationMinutes: 40, attended: true }).expect(201);

    const duplicate = await newChild(t, pmpc, { lastName: 'Екіншіұлы', firstName: 'Дәурен', sex: 'male', birthDate: '2018-02-03', iin: makeIin('2018-02-03', 'male') });
    const [note] = await t.db.query(`SELECT id FROM notifications WHERE user_id = $1 AND child_id = $2 ORDER BY created_at LIMIT 1`, [room.userId, child.id]);
    if (!note) throw new Error('the room was not notified of the referral');

    f = {
      child, iin, guardianId, servicesConsentId, assessmentId: conclusion.id, placementId: placement.id, planId: plan.id, goalId: plan.goals[0].id, referralId: referral.id, episodeId: started.episode.id,
      roomOrgId: room.orgId, pmpcOrgId: pmpc.orgId, schoolOrgId: school.orgId, nextSchoolOrgId: nextSchoolOrg.id, notificationId: note.id, duplicateId: duplicate.id, today,
    };
  });
  afterAll(() => t?.close());

  it('knows every case operation of the OpenAPI document, and the document has every operation it knows', () => {
    const caseOps = [...documentOps].filter((op) => CASE_PATH.test(op.split(' ')[1])).sort();
    const unknown = caseOps.filter((op) => !(op in ROUTES));
    const stale = Object.keys(ROUTES).filter((op) => !documentOps.has(op));
    expect({ unknown, stale }).toEqual({ unknown: [], stale: [] });
  });

  let lastSnapshot: Record<string, unknown> | undefined;
  /** Counts and versions of everything a write on the case could change (audit events and sign-ins excepted). */
  const snapshot = async (): Promise<Record<string, unknown>> => {
    const counted = [
      'children', 'guardians', 'consents', 'diagnoses', 'disabilities', 'involvements', 'assessments', 'assessment_specialists', 'placements', 'support_plans',
      'support_plan_versions', 'support_plan_reviews', 'referrals', 'referral_events', 'referral_sla_pauses', 'service_episodes', 'service_sessions', 'timeline_entries', 'notifications', 'outbox',
      'break_glass_uses', 'idempotency_keys',
    ];
    const versioned = ['children', 'guardians', 'assessments', 'placements', 'support_plans', 'referrals', 'service_episodes', 'break_glass_uses'];
    const [row] = await t.db.query(
      `SELECT ${[
        ...counted.map((table) => `(SELECT count(*)::int FROM ${table}) AS "${table}"`),
        ...versioned.map((table) => `(SELECT coalesce(sum(version), 0)::int FROM ${table}) AS "${table}.versions"`),
        `(SELECT version FROM children WHERE id = $1) AS "child.version"`,
        `(SELECT status FROM children WHERE id = $1) AS "child.status"`,
        `(SELECT count(*)::int FROM consents WHERE withdrawn_at IS NOT NULL) AS "consents.withdrawn"`,
        `(SELECT count(*)::int FROM guardians WHERE ended_at IS NOT NULL) AS "guardians.ended"`,
        `(SELECT count(*)::int FROM involvements WHERE until IS NOT NULL) AS "involvements.ended"`,
        `(SELECT count(*)::int FROM notifications WHERE read_at IS NOT NULL) AS "notifications.read"`,
        `(SELECT count(*)::int FROM assessment_specialists WHERE confirmed_at IS NOT NULL) AS "assessment_specialists.confirmed"`,
      ].join(', ')}`,
      [f.child.id],
    );
    return row as Record<string, unknown>;
  };

  const send = async (method: string, url: string, actor: MatrixActor, headers: Record<string, string> = {}, body?: Record<string, unknown>) => {
    const verb = method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
    // Every answer as bytes (JSON, problem+json and PDFs alike), so that all of it is searched.
    let request = t.http[verb](url).set(await actor.auth()).set(headers).buffer(true).parse((response, done) => {
      const chunks: Buffer[] = [];
      response.on('data', (c: Buffer) => chunks.push(c));
      response.on('end', () => done(null, Buffer.concat(chunks)));
    });
    if (body !== undefined) request = request.send(body);
    return answerOf(await request);
  };

  describe.each(STATES)('$name', ({ name: state, sectors }) => {
    beforeAll(async () => {
      lastSnapshot = undefined;
      if (state === 'data_sharing education+health+social') {
        for (const sector of SHARED_SECTORS) await shareWith(t, pmpc, f.child, sector);
      } else if (state === 'data_sharing withdrawn') {
        const rows = await t.db.query(`SELECT id FROM consents WHERE child_id = $1 AND kind = 'data_sharing' AND withdrawn_at IS NULL`, [f.child.id]);
        expect(rows).toHaveLength(SHARED_SECTORS.length);
        for (const { id } of rows) await withdrawConsent(t, pmpc, id);
      }
    });

    it.each(readCells(state))('$name', async ({ op, actor: key }) => {
      expect(documentOps).toContain(op);
      const route = ROUTES[op] as ReadRoute;
      const actor = actors.get(key)!;
      const expected = expectedRead(route, actor, f, sectors);
      const answer = await send('GET', route.url(f, actor), actor);
      const problems: string[] = [];

      if (!expected.statuses.includes(answer.status)) problems.push(`status ${answer.status}, expected ${expected.statuses.join(' or ')}`);
      if (answer.status >= 500) problems.push('a server error');

      const text = await textOf(answer);
      for (const [section, marker] of markersOf(f)) {
        if (!expected.content.has(section) && text.includes(marker)) problems.push(`carries ${section} content (${marker})`);
      }
      // Whoever is not involved gets no id of the case or its parts, in any answer (but the PMPC look-up's, by design).
      if (actor.position !== 'involved' && route.read !== 'lookup') {
        for (const trace of tracesOf(f)) if (text.includes(trace)) problems.push(`carries a trace of the case (${trace})`);
      }
      if (answer.status === 200 && answer.json !== undefined) {
        const ownOnly = new Set(SECTIONS.filter((section) => visibility(actor.role, section, sectors) === 'own_org'));
        problems.push(...sectionProblems(answer.json, expected.keys, ownOnly, actor.orgId));
        if (route.read === 'case') problems.push(...caseViewProblems(answer.json as Record<string, unknown>, actor, sectors));
        if (route.read === 'resource' && route.section === 'assessments') {
          const shown = expected.content.has('protocolNotes');
          if ('protocolNotes' in (answer.json as object) !== shown) problems.push(`protocolNotes ${shown ? 'missing' : 'present'}`);
        }
        if (route.read === 'lookup') {
          const items = (answer.json as { items: { id: string; involved: boolean }[] }).items;
          if (items.length !== 1 || items[0].id !== f.child.id || items[0].involved !== (actor.position === 'involved')) problems.push(`look-up gave ${JSON.stringify(items)}`);
        }
        const must = route.read === 'list' && actor.position === 'involved' ? route.includes?.(f, actor) : undefined;
        if (must !== undefined && text.includes(f.child.id) !== must) problems.push(must ? 'the child is missing from the list' : 'the child is in the list');
      }

      const found = markersOf(f).filter(([, marker]) => text.includes(marker)).map(([section]) => section);
      const shape = `${answer.status} ${Array.isArray(answer.json) ? '[…]' : JSON.stringify(answer.json && Object.keys(answer.json).sort())} carrying ${[...new Set(found)].join(',') || 'nothing'}`;
      if (state === 'no data_sharing') observed.set(`${op} × ${key}`, shape);
      if (state === 'data_sharing withdrawn') {
        const before = observed.get(`${op} × ${key}`);
        const now = shape;
        if (before !== undefined && before !== now) problems.push(`differs from the state without consents: ${now} instead of ${before}`);
      }

      expect({ problems, answer: problems.length ? text.slice(0, 600) : '' }).toEqual({ problems: [], answer: '' });
    });

    if (state === WRITE_STATE) it.each(writeCells(state))('$name', async ({ op, actor: key }) => {
      expect(documentOps).toContain(op);
      const route = ROUTES[op] as WriteRoute;
      const actor = actors.get(key)!;
      // Write cells run one after another and nothing else writes meanwhile: the last one's "after" is this one's "before".
      const before = lastSnapshot ?? (await snapshot());
      const answer = await send(route.write, route.url(f, actor), actor, (await route.headers?.(t, f)) ?? {}, route.body?.(f, actor));
      const after = (lastSnapshot = await snapshot());
      const text = await textOf(answer);
      const problems: string[] = [];
      const refusals = route.refusedWith?.(actor) ?? [403, 404];
      if (!refusals.includes(answer.status)) problems.push(`status ${answer.status}, expected ${refusals.join(' or ')}`);
      for (const [section, marker] of markersOf(f)) if (text.includes(marker)) problems.push(`carries ${section} content (${marker})`);
      for (const trace of tracesOf(f)) if (text.includes(trace)) problems.push(`carries a trace of the case (${trace})`);
      const changed = Object.keys(before).filter((k) => before[k] !== after[k]);
      if (changed.length) problems.push(`changed ${changed.map((k) => `${k}: ${before[k]} → ${after[k]}`).join(', ')}`);
      expect({ problems, answer: problems.length ? text.slice(0, 600) : '' }).toEqual({ problems: [], answer: '' });
    });
  });
  /**
   * The national picture is not a case route, but it reads every case: each actor of the matrix in turn
   * (every role, national and regional), in the state where the consents open the most. Only who may
   * read reports gets it, and no answer carries anything of the case — no id, name, IIN or content.
   */
  describe('GET /api/v1/reports/summary', () => {
    it.each(ACTOR_SPECS.map((spec) => ({ name: spec.key, key: spec.key })))('$name', async ({ key }) => {
      const actor = actors.get(key)!;
      const answer = await send('GET', `${API}/reports/summary`, actor);
      const text = await textOf(answer);
      const problems: string[] = [];
      const expected = mayDo(actor.role, 'read', 'Report') ? 200 : 403;
      if (answer.status !== expected) problems.push(`status ${answer.status}, expected ${expected}`);
      for (const [section, marker] of markersOf(f)) if (text.includes(marker)) problems.push(`carries ${section} content (${marker})`);
      for (const trace of [...tracesOf(f), f.iin, CHILD.lastName, CHILD.firstName]) if (text.includes(trace)) problems.push(`carries a trace of the case (${trace})`);
      expect({ problems, answer: problems.length ? text.slice(0, 600) : '' }).toEqual({ problems: [], answer: '' });
    });
  });
});
