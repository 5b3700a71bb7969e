import { Module } from '@nestjs/common';
import { AssessmentsModule } from '@qoldau/assessments';
import { OversightModule } from '@qoldau/oversight';
import { PlacementsModule } from '@qoldau/placements';
import { ReferralsModule } from '@qoldau/referrals';
import { WorklistController } from './worklist.controller';
import { WorklistRepository } from './worklist.repository';
import { WorklistService } from './worklist.service';
import { WorklistSources } from './worklist-sources';

/**
 * GET /worklist, every user's home screen: what the organisation has to do now, gathered from the
 * domain libs through their ports (referral buckets, conclusion reviews, placements without a plan,
 * break-glass to review) and expiring consents. It sits above the domain libs so that they need not
 * import each other.
 */
@Module({
  imports: [AssessmentsModule, PlacementsModule, OversightModule, ReferralsModule],
  controllers: [WorklistController],
  providers: [WorklistRepository, WorklistSources, WorklistService],
})
export class WorklistModule {}
