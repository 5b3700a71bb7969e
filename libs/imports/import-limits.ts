import { AppError } from '@qoldau/core';

/**
 * The largest file an import accepts (checked while it streams in) and the most rows it may hold: a
 * region's 100,000 children in one file (issue 18). A children row with a guardian is ~200 bytes as
 * CSV, so 32 MB leaves room for long names, more columns and XLSX's overhead. Memory does not grow
 * with either: the rows are stored as they stream in, IMPORT_ROWS_CHUNK at a time (import-file.ts).
 */
export const IMPORT_MAX_BYTES = 32 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 100_000;
/** Rows parsed before they are handed on (stored, or applied by a dry run) and dropped. */
export const IMPORT_ROWS_CHUNK = 1_000;

/** 413: the file or its rows exceed the caps; split it. */
export class ImportTooLargeError extends AppError {
  readonly status = 413;
  constructor(message: string) {
    super('IMPORT_TOO_LARGE', message);
  }
}
