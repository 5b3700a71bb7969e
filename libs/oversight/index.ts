export { OversightModule } from './oversight.module';
export { BreakGlassService, DEFAULT_BREAK_GLASS_HOURS, REVIEW_OVERDUE_DAYS } from './break-glass.service';
export type { BreakGlassView } from './dto';
