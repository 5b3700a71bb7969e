export { ImportsModule } from './imports.module';
export { ImportsService, IMPORT_JOB } from './imports.service';
export { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS } from './import-limits';
