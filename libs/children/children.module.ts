import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '@qoldau/notifications';
import { CasePartsController, ConsentsController } from './case-parts.controller';
import { CaseViewService } from './case-view.service';
import { ChildrenController } from './children.controller';
import { ChildrenRepository } from './children.repository';
import { ConsentsRepository } from './consents/consents.repository';
import { CaseEvents } from './case-events';
import { ConsentHooks } from './consents/consent-hooks';
import { ConsentsService } from './consents/consents.service';
import { Child } from './entities/child.entity';
import { Consent } from './entities/consent.entity';
import { Diagnosis } from './entities/diagnosis.entity';
import { Disability } from './entities/disability.entity';
import { Guardian } from './entities/guardian.entity';
import { Involvement } from './entities/involvement.entity';
import { TimelineEntry } from './entities/timeline-entry.entity';
import { GuardiansRepository } from './guardians/guardians.repository';
import { GuardiansService } from './guardians/guardians.service';
import { HealthRepository } from './health/health.repository';
import { HealthService } from './health/health.service';
import { InvolvementsService } from './involvements/involvements.service';
import { ChildMergeSteps } from './merge/merge-steps';
import { MergeRepository } from './merge/merge.repository';
import { MergeService } from './merge/merge.service';
import { IdentityService } from './registration/identity.service';
import { RegistrationService } from './registration/registration.service';
import { ChildrenSearchRepository } from './search/children-search.repository';
import { ChildrenSearchService } from './search/children-search.service';
import { BuiltInSections } from './sections/built-in-sections';
import { CaseSections } from './sections/case-sections';
import { CaseTimeline } from './timeline/case-timeline';
import { TimelineRepository } from './timeline/timeline.repository';
import { TimelineService } from './timeline/timeline.service';

/**
 * The child case record: registration and identity, guardians, consents, diagnoses, disability,
 * search, duplicates and merge, the case view and the timeline — and the extension points the libs
 * to its right use (README.md): CaseSections, CaseTimeline, ChildMergeSteps, InvolvementsService,
 * ConsentsService.isActive. Access to a case is decided by libs/access (CaseGate).
 */
@Module({
  imports: [NotificationsModule, TypeOrmModule.forFeature([Child, Guardian, Consent, Diagnosis, Disability, Involvement, TimelineEntry])],
  controllers: [ChildrenController, CasePartsController, ConsentsController],
  providers: [
    ChildrenRepository,
    CaseSections,
    BuiltInSections,
    CaseViewService,
    RegistrationService,
    IdentityService,
    GuardiansRepository,
    GuardiansService,
    ConsentsRepository,
    ConsentsService,
    ConsentHooks,
    HealthRepository,
    HealthService,
    InvolvementsService,
    CaseTimeline,
    CaseEvents,
    TimelineRepository,
    TimelineService,
    ChildrenSearchRepository,
    ChildrenSearchService,
    ChildMergeSteps,
    MergeRepository,
    MergeService,
  ],
  exports: [RegistrationService, IdentityService, CaseEvents, ConsentHooks, CaseSections, CaseTimeline, ChildMergeSteps, InvolvementsService, ConsentsService, GuardiansService, CaseViewService, HealthService],
})
export class ChildrenModule {}
