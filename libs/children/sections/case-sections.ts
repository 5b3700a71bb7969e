import { Injectable, type Type } from '@nestjs/common';
import { SECTIONS, type Section } from '@qoldau/access';
import type { Actor } from '@qoldau/auth';
import type { CaseScope } from '../case-scope';
import type { ChildRecord } from '../children.repository';

/**
 * What a section's SQL may refer to in the case read, the one statement that reads the child's row and
 * every section the actor sees (ChildrenRepository.readCase). The child's row is read only when
 * `caseVisibleTo` holds for it, so a section does not test case visibility again; anything it shows
 * less of (drafts, other organisations' items) it still says in its own WHERE.
 */
export interface CaseSql {
  /** The child's id column of the case row: correlate the sub-select on it. */
  readonly childId: string;
  /** The viewer (a CaseScope's `viewer`) and the instant (its `now`), as libs/access's fragments take them. */
  readonly viewer: string;
  readonly now: string;
  /** The placeholders of the section's own `values`, in their order. */
  readonly own: readonly string[];
}

/** Whose case read it is: what a section's values and mapping may depend on. */
export interface CaseSectionRequest {
  actor: Actor;
  scope: CaseScope;
}

export interface CaseSectionContext extends CaseSectionRequest {
  /** The child's own row, read by the same statement. */
  child: ChildRecord;
}

/**
 * One section of the case view (DESIGN §5), contributed by the lib that owns its data as SQL: the case
 * view composes the sections the actor may see into one statement with the child's row, and passes the
 * assembled case through the one redactor afterwards (which also trims "own org's" referrals and PMPC
 * protocol notes).
 */
export interface CaseSectionProvider {
  readonly section: Section;
  /**
   * For a section contributed by another lib (a list): the DTO class of one element. The OpenAPI
   * document describes the case view's property with it, so clients are typed for sections ChildView
   * (in this lib) cannot name. This lib's own sections are declared on ChildView itself.
   */
  readonly items?: Type<unknown>;
  /**
   * The section as one scalar sub-select, `(SELECT …)`, yielding json for the child in `sql.childId`
   * (build it with jsonObject / jsonArray from @qoldau/core). Its text may depend on `sql` alone, so the
   * statement has one text per set of sections shown and stays a named prepared statement. Absent for
   * a section read from the child's own row (identity).
   */
  select?(sql: CaseSql): string;
  /** The values the sub-select binds at `sql.own`: always as many. */
  values?(request: CaseSectionRequest): unknown[];
  /** The section as the API sends it, from the sub-select's json (parsed). Absent: the json as it is. */
  map?(json: unknown, context: CaseSectionContext): unknown;
}

/**
 * The registry of case sections. Libraries to the right of children (assessments, placements,
 * referrals) add theirs without touching this lib:
 *
 *   @Injectable() class AssessmentsSection implements CaseSectionProvider { section = 'assessments' as const; select(sql) {…} }
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
