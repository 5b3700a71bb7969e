export { ReportsModule, SUMMARY_JOB } from './reports.module';
export { SummarySnapshots } from './summary-snapshots';
export type { SummaryView, RegionFigures, Cell } from './dto/summary.dto';
