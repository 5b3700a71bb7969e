import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AssessmentsModule } from '@qoldau/assessments';
import { ChildrenModule } from '@qoldau/children';
import { ReferralsModule } from '@qoldau/referrals';
import { PlacementCaseHooks } from './case-hooks';
import { Placement } from './entities/placement.entity';
import { SupportPlan } from './entities/support-plan.entity';
import { PlacementActivationService } from './placement-activation.service';
import { PlacementLookup } from './placement-lookup';
import { PlacementTransfer } from './placement-transfer';
import { PlacementsController } from './placements.controller';
import { PlacementsRepository } from './placements.repository';
import { PlacementsService } from './placements.service';
import { PlacementsWithoutPlan } from './placements-without-plan';
import { SupportPlansService } from './support-plans.service';

/**
 * Placements in schools and kindergartens and their support plans: the state machine, the one-active
 * rule, transfers between schools (with the school_placement referrals they answer, through
 * libs/referrals' PlacementReferrals port), the form-differs warning, the case view's `placements` section, the merge step, and the
 * worklist query PlacementsWithoutPlan.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Placement, SupportPlan]), ChildrenModule, AssessmentsModule, ReferralsModule],
  controllers: [PlacementsController],
  providers: [PlacementsRepository, PlacementLookup, PlacementsService, PlacementActivationService, PlacementTransfer, SupportPlansService, PlacementCaseHooks, PlacementsWithoutPlan],
  exports: [PlacementsWithoutPlan],
})
export class PlacementsModule {}
