import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AssessmentsModule } from '@qoldau/assessments';
import { ChildrenModule } from '@qoldau/children';
import { IdempotencyModule } from '@qoldau/core';
import { PlacementCaseHooks } from './case-hooks';
import { OrganizationTypeForm } from './entities/organization-type-form.entity';
import { Placement } from './entities/placement.entity';
import { EnrolmentsService } from './enrolments.service';
import { PlacementChecks } from './placement-checks';
import { SupportPlan } from './entities/support-plan.entity';
import { PlacementLookup } from './placement-lookup';
import { PlacementsController } from './placements.controller';
import { PlacementsRepository } from './placements.repository';
import { PlacementsService } from './placements.service';
import { PlacementsWithoutPlan } from './placements-without-plan';
import { RosterRepository } from './roster.repository';
import { RosterService } from './roster.service';
import { SupportPlansService } from './support-plans.service';

/**
 * Placements in schools and kindergartens and their support plans: the state machine, the one-active
 * rule, the checks and warnings against the current conclusion, the roster, enrolment without a
 * referral, the case view's `placements` section, the merge step, and the worklist query
 * PlacementsWithoutPlan.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Placement, SupportPlan, OrganizationTypeForm]), ChildrenModule, AssessmentsModule, IdempotencyModule],
  controllers: [PlacementsController],
  providers: [
    PlacementsRepository, PlacementLookup, PlacementChecks, PlacementsService, SupportPlansService, PlacementCaseHooks, PlacementsWithoutPlan,
    RosterRepository, RosterService, EnrolmentsService,
  ],
  exports: [PlacementsWithoutPlan],
})
export class PlacementsModule {}
