import { Injectable } from '@nestjs/common';
import { canSeeSection, type RedactionContext, type Section } from '@qoldau/access';
import type { Actor } from '@qoldau/auth';
import { ForbiddenError } from '@qoldau/core';
import type { CaseScope } from '../case-scope';
import { ConsentsRepository } from '../consents/consents.repository';

/**
 * Section-level access for the sub-resources of a case, after the case itself was authorized: the
 * redaction context (active data-sharing consents per the Clock) and the one redactor's decisions.
 */
@Injectable()
export class SectionAccess {
  constructor(private readonly consents: ConsentsRepository) {}

  async context(childId: string, scope: CaseScope): Promise<RedactionContext> {
    return { dataSharingSectors: new Set(await this.consents.dataSharingSectors(childId, scope)) };
  }

  /** 403: the actor sees the case but not this section of it (its existence is no secret to them). */
  async assertReadable(actor: Actor, section: Section, childId: string, scope: CaseScope): Promise<RedactionContext> {
    const context = await this.context(childId, scope);
    if (!canSeeSection(actor, section, context)) {
      throw new ForbiddenError('SECTION_NOT_VISIBLE', `Your role does not see the ${section} section of this case`);
    }
    return context;
  }
}
