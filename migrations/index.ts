import { Foundation1795580000000 } from './1795580000000-Foundation';
import { Organizations1795580100000 } from './1795580100000-Organizations';
import { Sessions1795580200000 } from './1795580200000-Sessions';
import { Audit1795580300000 } from './1795580300000-Audit';
import { Children1795580400000 } from './1795580400000-Children';
import { Assessments1795580500000 } from './1795580500000-Assessments';
import { Referrals1795580600000 } from './1795580600000-Referrals';
import { Notifications1795580700000 } from './1795580700000-Notifications';
import { Oversight1795580800000 } from './1795580800000-Oversight';
import { AuditOperation1795580900000 } from './1795580900000-AuditOperation';
import { Placements1795581000000 } from './1795581000000-Placements';
import { RetirePgBossV10Queue1795581100000 } from './1795581100000-RetirePgBossV10Queue';
import { NationalMinistry1795581200000 } from './1795581200000-NationalMinistry';
import { PlacementProvision1795581300000 } from './1795581300000-PlacementProvision';
import { PlacementTransfers1795581400000 } from './1795581400000-PlacementTransfers';
import { SupportPlanHistory1795581500000 } from './1795581500000-SupportPlanHistory';
import { ReportIndexes1795581600000 } from './1795581600000-ReportIndexes';
import { Imports1795581700000 } from './1795581700000-Imports';
import { ImportKinds1795581800000 } from './1795581800000-ImportKinds';
import { LookupLimitIndex1795582000000 } from './1795582000000-LookupLimitIndex';
import { WorklistIndexes1795582200000 } from './1795582200000-WorklistIndexes';
import { InvolvementVisibilityIndexes1795582210000 } from './1795582210000-InvolvementVisibilityIndexes';
import { Icd10Codes1795582400000 } from './1795582400000-Icd10Codes';
import { RosterIndex1795583200000 } from './1795583200000-RosterIndex';
import { SummarySnapshots1795583210000 } from './1795583210000-SummarySnapshots';
import { OrgSearchKeys1795583100000 } from './1795583100000-OrgSearchKeys';
import { ImportAssessments1795583000000 } from './1795583000000-ImportAssessments';
import { OrgConsentExpiries1795585000000 } from './1795585000000-OrgConsentExpiries';
import { WorklistOrderIndexes1795585100000 } from './1795585100000-WorklistOrderIndexes';
import { OrgSearchTerms1795584100000 } from './1795584100000-OrgSearchTerms';
import { WorklistSenderIndex1795585200000 } from './1795585200000-WorklistSenderIndex';
import { PlacementsAwaitingPlan1795585300000 } from './1795585300000-PlacementsAwaitingPlan';
import { LookupCountIndex1795585400000 } from './1795585400000-LookupCountIndex';

/**
 * Every migration, in order. A landed migration is never edited: a change is a new file appended here.
 */
export const migrations: (new () => unknown)[] = [Foundation1795580000000, Organizations1795580100000, Sessions1795580200000, Audit1795580300000, Children1795580400000, Assessments1795580500000, Referrals1795580600000, Notifications1795580700000, Oversight1795580800000, AuditOperation1795580900000, Placements1795581000000, RetirePgBossV10Queue1795581100000, NationalMinistry1795581200000, PlacementProvision1795581300000, PlacementTransfers1795581400000, SupportPlanHistory1795581500000, ReportIndexes1795581600000, Imports1795581700000, ImportKinds1795581800000, LookupLimitIndex1795582000000, WorklistIndexes1795582200000, InvolvementVisibilityIndexes1795582210000, Icd10Codes1795582400000, RosterIndex1795583200000, SummarySnapshots1795583210000, OrgSearchKeys1795583100000, ImportAssessments1795583000000, OrgConsentExpiries1795585000000, WorklistOrderIndexes1795585100000, OrgSearchTerms1795584100000, WorklistSenderIndex1795585200000, PlacementsAwaitingPlan1795585300000, LookupCountIndex1795585400000];
