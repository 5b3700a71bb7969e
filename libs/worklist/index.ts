export { WorklistModule } from './worklist.module';
export { CONSENT_HORIZON_DAYS } from './worklist.repository';
export type { WorklistView, WorklistBuckets } from './dto/worklist.dto';
