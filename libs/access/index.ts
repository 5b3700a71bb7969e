export { AccessModule } from './access.module';
export { AccessService } from './access.service';
export type { ScopedResource, ScopeFilter } from './access.service';
export { ACTIONS, SUBJECTS, SCOPES, POLICY, ROLE_ORGANIZATION_TYPES, roleFitsOrganization } from './policy';
export type { Action, Subject, Scope, PolicyRule } from './policy';
export { SECTIONS, AUDIENCES, AUDIENCE_OF_ROLE, SECTION_VISIBILITY, redactCase, canSeeSection } from './redaction';
export type { Section, Audience, Visibility, RedactionContext, CaseSections } from './redaction';
export { renderAccessDoc } from './access-doc';
export { visibleToOrg } from './visibility';
