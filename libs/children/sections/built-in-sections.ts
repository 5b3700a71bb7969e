import { Injectable, OnModuleInit } from '@nestjs/common';
import { ConsentsRepository, toConsentView } from '../consents/consents.repository';
import { GuardiansRepository, toGuardianView } from '../guardians/guardians.repository';
import { HealthRepository } from '../health/health.repository';
import { CaseSectionContext, CaseSectionProvider, CaseSections } from './case-sections';

/** The sections this lib owns, registered like any other lib's. */
@Injectable()
export class BuiltInSections implements OnModuleInit {
  constructor(
    private readonly sections: CaseSections,
    private readonly guardians: GuardiansRepository,
    private readonly consents: ConsentsRepository,
    private readonly health: HealthRepository,
  ) {}

  onModuleInit(): void {
    const providers: CaseSectionProvider[] = [
      { section: 'identity', load: async (_id, { child }: CaseSectionContext) => child.identity },
      { section: 'guardians', load: async (id, { scope }) => (await this.guardians.list(id, scope, { activeOnly: true })).map(toGuardianView) },
      { section: 'consents', load: async (id, { scope }) => (await this.consents.list(id, scope)).map(toConsentView) },
      { section: 'diagnoses', load: (id, { scope }) => this.health.diagnoses(id, scope) },
      { section: 'disability', load: (id, { scope }) => this.health.currentDisability(id, scope) },
    ];
    for (const provider of providers) this.sections.register(provider);
  }
}
