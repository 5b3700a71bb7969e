import { Injectable, OnModuleInit } from '@nestjs/common';
import { consentsJson } from '../consents/consents.repository';
import { currentGuardiansJson } from '../guardians/guardians.repository';
import { currentDisabilityJson, diagnosesJson } from '../health/health.repository';
import { CaseSectionProvider, CaseSections } from './case-sections';

/** The sections this lib owns, registered like any other lib's. */
@Injectable()
export class BuiltInSections implements OnModuleInit {
  constructor(private readonly sections: CaseSections) {}

  onModuleInit(): void {
    const providers: CaseSectionProvider[] = [
      { section: 'identity', map: (_json, { child }) => child.identity },
      { section: 'guardians', select: ({ childId }) => currentGuardiansJson(childId) },
      { section: 'consents', select: ({ childId, now }) => consentsJson(childId, now) },
      { section: 'diagnoses', select: ({ childId }) => diagnosesJson(childId) },
      { section: 'disability', select: ({ childId }) => currentDisabilityJson(childId) },
    ];
    for (const provider of providers) this.sections.register(provider);
  }
}
