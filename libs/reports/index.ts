export { ReportsModule } from './reports.module';
export type { SummaryView, RegionFigures, Cell } from './dto/summary.dto';
