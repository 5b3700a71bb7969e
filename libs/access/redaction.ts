import type { Actor, Role } from '@qoldau/auth';

/**
 * Which sections of a child's case each audience sees (DESIGN §5). Sections an actor may not see are
 * omitted from the response, never sent as null or empty. One table, one function: every case read,
 * timeline and export goes through `redactCase`.
 */
export const SECTIONS = [
  'identity', 'guardians', 'consents', 'assessments', 'protocolNotes', 'diagnoses', 'disability', 'placements', 'referrals',
] as const;
export type Section = (typeof SECTIONS)[number];

export const AUDIENCES = ['pmpc', 'education', 'health', 'social', 'analyst', 'auditor', 'admin'] as const;
export type Audience = (typeof AUDIENCES)[number];

/**
 * all      the whole section
 * consent  only while the child has an active data_sharing consent for the audience's sector
 * own_org  only items of the actor's organisation: referrals and services to or from it; protocol
 *          notes of assessments its PMPC made
 * none     omitted
 */
export type Visibility = 'all' | 'consent' | 'own_org' | 'none';

export const AUDIENCE_OF_ROLE: Readonly<Record<Role, Audience>> = {
  pmpc_specialist: 'pmpc',
  pmpc_head: 'pmpc',
  school_coordinator: 'education',
  correction_specialist: 'education',
  rehab_specialist: 'education',
  health_worker: 'health',
  social_worker: 'social',
  analyst: 'analyst',
  auditor: 'auditor',
  admin: 'admin',
};

const CASE_SECTORS = ['education', 'health', 'social'] as const;
type CaseSector = (typeof CASE_SECTORS)[number];

const row = (pmpc: Visibility, education: Visibility, health: Visibility, social: Visibility): Record<Audience, Visibility> => ({
  pmpc, education, health, social, analyst: 'none', auditor: 'none', admin: 'none',
});

export const SECTION_VISIBILITY: Readonly<Record<Section, Record<Audience, Visibility>>> = {
  identity: row('all', 'all', 'all', 'all'),
  guardians: row('all', 'all', 'all', 'all'),
  consents: row('all', 'all', 'all', 'all'),
  /** The conclusion and recommendations of assessments. */
  assessments: row('all', 'all', 'all', 'all'),
  /** The PMPC commission's protocol notes and members' findings inside each assessment: its own PMPC's. */
  protocolNotes: row('own_org', 'none', 'none', 'none'),
  diagnoses: row('all', 'consent', 'all', 'consent'),
  disability: row('all', 'consent', 'all', 'all'),
  /** Placements and their support plans. */
  placements: row('all', 'all', 'consent', 'consent'),
  referrals: row('all', 'own_org', 'own_org', 'own_org'),
};

/**
 * The sectors whose data_sharing consent opens at least one section: a consent for any other sector
 * would be a false promise to the guardian, so it is refused (422) rather than stored.
 */
export function sectorsGatedByConsent(): string[] {
  return CASE_SECTORS.filter((sector) => SECTIONS.some((section) => SECTION_VISIBILITY[section][sector] === 'consent'));
}

/**
 * A conclusion's recommendations are addressed to sectors: each case sector reads the one addressed to
 * it (DESIGN §5 "the sector's recommendations"); the PMPC that writes them reads all. Others omitted.
 */
export const RECOMMENDATIONS_OF_AUDIENCE: Readonly<Record<Audience, readonly string[]>> = {
  pmpc: CASE_SECTORS, education: ['education'], health: ['health'], social: ['social'], analyst: [], auditor: [], admin: [],
};

export interface RedactionContext {
  /** Sectors for which the child has an active (granted, unexpired, not withdrawn) data_sharing consent. */
  dataSharingSectors: ReadonlySet<string>;
}

interface ReferralLike {
  fromOrgId?: string | null;
  toOrgId?: string | null;
}

/** The case as assembled from its sections; each lib contributes its own section. */
export interface CaseSections {
  identity?: unknown;
  guardians?: unknown;
  consents?: unknown;
  assessments?: { protocolNotes?: unknown; pmpc?: { id: string }; recommendations?: object | null }[];
  diagnoses?: unknown;
  disability?: unknown;
  placements?: unknown;
  referrals?: ReferralLike[];
}

function visibilityFor(actor: Actor, section: Section, context: RedactionContext): Visibility {
  // An actor with several roles sees the union; 'all' beats 'own_org' beats 'consent'-when-granted.
  let best: Visibility = 'none';
  const rank: Record<Visibility, number> = { none: 0, consent: 1, own_org: 2, all: 3 };
  for (const role of actor.roles) {
    const audience = AUDIENCE_OF_ROLE[role];
    let visibility = SECTION_VISIBILITY[section][audience];
    if (visibility === 'consent') {
      const sector = audience as CaseSector;
      visibility = CASE_SECTORS.includes(sector) && context.dataSharingSectors.has(sector) ? 'all' : 'none';
    }
    if (rank[visibility] > rank[best]) best = visibility;
  }
  return best;
}

/** Whether a whole section (or timeline entries of it) is visible to the actor. */
export function canSeeSection(actor: Actor, section: Section, context: RedactionContext): boolean {
  return visibilityFor(actor, section, context) !== 'none';
}

/** Returns a copy of the case with only what the actor may see. */
export function redactCase<T extends CaseSections>(view: T, actor: Actor, context: RedactionContext): Partial<T> {
  const out: Partial<T> = {};
  for (const key of Object.keys(view) as (keyof T & string)[]) {
    if (!(SECTIONS as readonly string[]).includes(key)) {
      out[key] = view[key]; // not a section (id, version, status): always kept
      continue;
    }
    const visibility = visibilityFor(actor, key as Section, context);
    if (visibility === 'none') continue;
    if (key === 'referrals' && visibility === 'own_org') {
      out[key] = (view.referrals ?? []).filter((r) => r.fromOrgId === actor.orgId || r.toOrgId === actor.orgId) as T[typeof key];
    } else if (key === 'assessments') {
      const notes = visibilityFor(actor, 'protocolNotes', context);
      const sectors = new Set(actor.roles.flatMap((role) => RECOMMENDATIONS_OF_AUDIENCE[AUDIENCE_OF_ROLE[role]]));
      out[key] = (view.assessments ?? []).map((assessment) => {
        const { protocolNotes, ...rest } = assessment;
        const shown = { ...rest } as typeof assessment;
        if (notes === 'all' || (notes === 'own_org' && assessment.pmpc?.id === actor.orgId)) shown.protocolNotes = protocolNotes;
        if (assessment.recommendations) {
          shown.recommendations = Object.fromEntries(Object.entries(assessment.recommendations).filter(([sector]) => sectors.has(sector)));
        }
        return shown;
      }) as T[typeof key];
    } else {
      out[key] = view[key];
    }
  }
  return out;
}
