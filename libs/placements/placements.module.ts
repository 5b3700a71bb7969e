import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AssessmentsModule } from '@qoldau/assessments';
import { ChildrenModule } from '@qoldau/children';
import { IdempotencyModule, Jobs } from '@qoldau/core';
import { ReferralsModule } from '@qoldau/referrals';
import { PlacementCaseHooks } from './case-hooks';
import { OrganizationTypeForm } from './entities/organization-type-form.entity';
import { Placement } from './entities/placement.entity';
import { EnrolmentsService } from './enrolments.service';
import { PlacementChecks } from './placement-checks';
import { SupportPlan } from './entities/support-plan.entity';
import { PlacementActivationService } from './placement-activation.service';
import { SupportPlanReview, SupportPlanVersion, TransitionItem } from './entities/support-plan-history.entity';
import { PlacementLookup } from './placement-lookup';
import { PlacementTransfer } from './placement-transfer';
import { PlacementsController } from './placements.controller';
import { PlacementsRepository } from './placements.repository';
import { PlacementCorrectionsService } from './placement-corrections.service';
import { PlacementsService } from './placements.service';
import { PlacementsWithoutPlan } from './placements-without-plan';
import { RosterRepository } from './roster.repository';
import { RosterService } from './roster.service';
import { SupportPlanReviewsService } from './support-plan-reviews.service';
import { SupportPlansService } from './support-plans.service';
import { SupportPlanHistoryRepository } from './support-plans.repository';
import { TRANSITIONS_CRON, TRANSITIONS_JOB, TransitionsJobService } from './transitions/transitions-job.service';
import { TransitionsDue } from './transitions/transitions-due';
import { TransitionsRepository } from './transitions/transitions.repository';
import { TransitionsService } from './transitions/transitions.service';

/**
 * Placements in schools and kindergartens and their support plans: the state machine, the one-active
 * rule, the checks and warnings against the current conclusion, the roster, enrolment without a
 * referral, transfers between schools (with the school_placement referrals they answer, through
 * libs/referrals' PlacementReferrals port), the case view's `placements` section, the merge step,
 * support plan versions and reviews, life-stage transitions with the daily `placements.transitions`
 * job, and the worklist queries PlacementsWithoutPlan and TransitionsDue.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([Placement, SupportPlan, SupportPlanVersion, SupportPlanReview, TransitionItem, OrganizationTypeForm]),
    ChildrenModule, AssessmentsModule, IdempotencyModule, ReferralsModule,
  ],
  controllers: [PlacementsController],
  providers: [
    PlacementsRepository, PlacementLookup, PlacementChecks, PlacementsService, PlacementActivationService, PlacementTransfer, SupportPlansService,
    PlacementCaseHooks, PlacementsWithoutPlan, RosterRepository, RosterService, EnrolmentsService,
    SupportPlanHistoryRepository, SupportPlanReviewsService, TransitionsRepository, TransitionsService, TransitionsJobService, TransitionsDue,
    PlacementCorrectionsService,
  ],
  // The placements import (libs/imports) applies rows through these use cases.
  exports: [PlacementsWithoutPlan, TransitionsDue, TransitionsJobService, PlacementsService, PlacementActivationService, PlacementCorrectionsService],
})
export class PlacementsModule implements OnModuleInit {
  constructor(
    private readonly jobs: Jobs,
    private readonly transitions: TransitionsJobService,
  ) {}

  onModuleInit(): void {
    this.jobs.register(TRANSITIONS_JOB, async () => {
      await this.transitions.run();
    }, { cron: TRANSITIONS_CRON });
  }
}
