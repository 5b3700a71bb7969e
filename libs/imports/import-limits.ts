import { AppError } from '@qoldau/core';

/** The largest file an import accepts (checked while it streams in) and the most rows it may hold. */
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 10_000;

/** 413: the file or its rows exceed the caps; split it. */
export class ImportTooLargeError extends AppError {
  readonly status = 413;
  constructor(message: string) {
    super('IMPORT_TOO_LARGE', message);
  }
}
