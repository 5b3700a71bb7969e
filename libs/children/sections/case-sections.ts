import { Injectable, type Type } from '@nestjs/common';
import { SECTIONS, type Section } from '@qoldau/access';
import type { Actor } from '@qoldau/auth';
import type { CaseScope } from '../case-scope';
import type { ChildRecord } from '../children.repository';

export interface CaseSectionContext {
  actor: Actor;
  /** Compose `caseVisibleTo(<child id column>, …)` with scope.viewer and scope.now in the section's SQL. */
  scope: CaseScope;
  /** The child's own row, already loaded. */
  child: ChildRecord;
}

/**
 * One section of the case view (DESIGN §5), contributed by the lib that owns its data. The case view
 * calls `load` only when the actor may see the section at all, and passes the assembled case through
 * the one redactor afterwards (which also trims "own org's" referrals and PMPC protocol notes).
 */
export interface CaseSectionProvider {
  readonly section: Section;
  /**
   * For a section contributed by another lib (a list): the DTO class of one element. The OpenAPI
   * document describes the case view's property with it, so clients are typed for sections ChildView
   * (in this lib) cannot name. This lib's own sections are declared on ChildView itself.
   */
  readonly items?: Type<unknown>;
  load(childId: string, context: CaseSectionContext): Promise<unknown>;
}

/**
 * The registry of case sections. Libraries to the right of children (assessments, placements,
 * referrals) add theirs without touching this lib:
 *
 *   @Injectable() class AssessmentsSection implements CaseSectionProvider { section = 'assessments' as const; load(…) {…} }
 *   // in AssessmentsModule:
 *   constructor(sections: CaseSections, mine: AssessmentsSection) { sections.register(mine); }
 *
 * Sections appear in the view in the order of SECTIONS (libs/access/redaction.ts), whatever the order
 * of registration.
 */
@Injectable()
export class CaseSections {
  private readonly providers = new Map<Section, CaseSectionProvider>();

  register(provider: CaseSectionProvider): void {
    if (this.providers.has(provider.section)) throw new Error(`Case section ${provider.section} is registered twice`);
    this.providers.set(provider.section, provider);
  }

  list(): CaseSectionProvider[] {
    return SECTIONS.flatMap((section) => {
      const provider = this.providers.get(section);
      return provider ? [provider] : [];
    });
  }
}
