import { ROLES } from '@qoldau/auth';
import { ACTIONS, BREAK_GLASS_ALLOWS, POLICY, ROLE_ORGANIZATION_TYPES, Scope, SUBJECTS } from './policy';
import { AUDIENCE_OF_ROLE, AUDIENCES, SECTION_VISIBILITY, SECTIONS, sectorsGatedByConsent, Visibility } from './redaction';

const SCOPE_LABEL: Record<Scope, string> = {
  any: 'all',
  national: 'national',
  region: 'region',
  own_org: 'own org',
  self: 'self',
  involved: 'involved',
};
const VISIBILITY_LABEL: Record<Visibility, string> = { all: '✔', consent: '✔ with consent', own_org: "own org's", none: '—' };

/**
 * docs/access.md, generated from the policy, role-fit and redaction tables. A unit test fails when the
 * committed file differs; `npm run docs:access` rewrites it.
 */
export function renderAccessDoc(): string {
  const lines: string[] = [
    '# Access matrix',
    '',
    '<!-- Generated from libs/access (policy.ts, redaction.ts) by `npm run docs:access`. Do not edit by hand. -->',
    '',
    'Who may do what is decided in one place, `libs/access`. This page is generated from its tables.',
    '',
    '## Permissions',
    '',
    'Scopes: **all** every instance · **national** every instance, for an actor without a region only ·',
    '**region** the region of the actor\'s organisation (nationwide for an',
    'actor without one, the national admin) · **own org** the actor\'s organisation · **self** the actor\'s own record · **involved**',
    'child cases with which the actor\'s organisation has an active involvement. Outside its scope an',
    'instance looks missing (404); without the permission at all the answer is 403.',
    '',
  ];
  const header = ['subject', 'action', ...ROLES];
  lines.push(`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`);
  for (const subject of SUBJECTS) {
    for (const action of ACTIONS) {
      const cells = ROLES.map((role) => {
        const scopes = POLICY.filter((r) => r.role === role && r.action === action && r.subject === subject).map((r) => SCOPE_LABEL[r.scope]);
        return scopes.length ? scopes.join(', ') : '';
      });
      if (cells.every((c) => c === '')) continue;
      lines.push(`| ${subject} | ${action} | ${cells.join(' | ')} |`);
    }
  }
  lines.push('', '## Roles and organisation types', '', 'A role must fit the type of the user\'s organisation (422 `ROLE_NOT_ALLOWED_FOR_ORGANIZATION`).', '');
  lines.push('| role | audience | organisation types |', '|---|---|---|');
  for (const role of ROLES) {
    const types = ROLE_ORGANIZATION_TYPES[role].map((t) => (t === null ? '(none: national)' : `\`${t}\``)).join(', ');
    lines.push(`| ${role} | ${AUDIENCE_OF_ROLE[role]} | ${types} |`);
  }
  lines.push('', '## Case sections by audience', '', 'Sections an audience may not see are omitted from responses (not sent as null).', '');
  lines.push(`| section | ${AUDIENCES.join(' | ')} |`, `|---|${AUDIENCES.map(() => '---').join('|')}|`);
  for (const section of SECTIONS) {
    lines.push(`| ${section} | ${AUDIENCES.map((a) => VISIBILITY_LABEL[SECTION_VISIBILITY[section][a]]).join(' | ')} |`);
  }
  lines.push(
    '',
    '"✔ with consent": only while the child has an active `data_sharing` consent for that sector; withdrawal or expiry hides the',
    'section on the next request. The table applies to every response that carries case data, and a route whose resource *is*',
    `a hidden section (a placement, for health without consent) answers 404. Sectors a consent opens something for: ${sectorsGatedByConsent().join(', ')};`,
    'a `data_sharing` consent for any other would open nothing and is refused (422 `CONSENT_GATES_NOTHING`).',
    'Without an active `services` consent no service starts and no session is logged (422 `CONSENT_WITHDRAWN`).',
    '',
    '## Break-glass',
    '',
    'Personal, read-only and bounded: it lets the one user who gave the reason do only this on that case, until it expires.',
    'Colleagues see nothing; no referral, consent, placement, close or identity change is made on its strength; it gives the',
    'organisation no involvement, so nothing outlives the window. A health worker may record the diagnosis the emergency',
    'establishes, since that is often why the glass was broken.',
    '',
    '| role | action | subject |',
    '|---|---|---|',
    ...BREAK_GLASS_ALLOWS.map((rule) => `| ${rule.role} | ${rule.action} | ${rule.subject} |`),
    '',
  );
  return lines.join('\n');
}
