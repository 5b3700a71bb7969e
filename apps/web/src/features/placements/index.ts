/** The placement screens (issue 19), loaded as one lazy chunk: the roster, enrolment, a placement, its plan and reviews. */
export { RosterPage } from './RosterPage';
export { EnrolPage } from './EnrolPage';
export { ProposePage } from './ProposePage';
export { PlacementPage } from './PlacementPage';
export { PlanEditorPage } from './PlanEditorPage';
export { SupportPlanPage } from './SupportPlanPage';
