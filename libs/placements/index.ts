export { PlacementsModule } from './placements.module';
export { PlacementsWithoutPlan } from './placements-without-plan';
export type { PlacementWithoutPlan } from './placements-without-plan';
export { Placement } from './entities/placement.entity';
export { SupportPlan } from './entities/support-plan.entity';
export { PLACEMENT_STATUSES, PLACING_ORGANIZATION_TYPES } from './placement.vocabulary';
export type { PlacementStatus } from './placement.vocabulary';
export { PLACEMENT_TRANSITIONS, PLACEMENT_EVENTS } from './placement-transitions';
export type { PlacementView } from './dto/placement.dto';
