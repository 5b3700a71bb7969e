import { AppError, InvalidInputError, loadExcel } from '@qoldau/core';
import { parse } from 'csv-parse';
import type ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { createHash } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import { IMPORT_COLUMNS, ImportKind } from './import-columns';
import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS, IMPORT_ROWS_CHUNK, ImportTooLargeError } from './import-limits';

/** One data row of a file: its row number as the user sees it (the header is row 1) and its values by key. */
export interface FileRow {
  rowNumber: number;
  values: Record<string, string>;
}

const unreadable = (message: string) => new InvalidInputError('IMPORT_UNREADABLE', message);

/** UTF-8 (with or without BOM) when the bytes are valid UTF-8, else Windows-1251 (Excel's "CSV" in Kazakhstan). */
export function decodeText(bytes: Buffer): string {
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const body = bytes.subarray(start);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return iconv.decode(body, 'win1251');
  }
}

/** The header line's more frequent separator: `;` (Russian-locale Excel) or `,`. */
export function detectDelimiter(text: string): ',' | ';' {
  const header = text.split(/\r?\n/, 1)[0] ?? '';
  return (header.match(/;/g)?.length ?? 0) > (header.match(/,/g)?.length ?? 0) ? ';' : ',';
}

export function isXlsx(bytes: Buffer): boolean {
  return bytes.length > 4 && bytes.readUInt32LE(0) === 0x04034b50; // a ZIP archive
}

/**
 * A file as it is read: its rows (none when they went to a sink), how many, and the SHA-256 of its bytes
 * (the import's idempotency key).
 */
export interface ReadFile {
  rows: FileRow[];
  rowCount: number;
  sha256: string;
}

/** Where the rows go as they are read, a chunk at a time; reading waits for it (backpressure). */
export type RowSink = (rows: FileRow[]) => Promise<void>;

/** Reads a CSV or XLSX file held in memory into rows keyed by the kind's English column keys. */
export async function readImportFile(kind: ImportKind, bytes: Buffer): Promise<FileRow[]> {
  return (await readImportStream(kind, Readable.from([bytes]))).rows;
}

/**
 * Reads a CSV or XLSX file as it streams in (csv-parse's stream parser, exceljs' WorkbookReader): the
 * bytes are hashed and counted on the way. With a `sink` the rows go to it IMPORT_ROWS_CHUNK at a time
 * and the reading waits while it works, so memory stays flat whatever the file's size; without one they
 * are returned. Past IMPORT_MAX_BYTES or IMPORT_MAX_ROWS it stops at once with 413 IMPORT_TOO_LARGE,
 * pulling nothing more from `source`.
 */
export async function readImportStream(
  kind: ImportKind, source: Readable, limits = { bytes: IMPORT_MAX_BYTES, rows: IMPORT_MAX_ROWS }, sink?: RowSink,
): Promise<ReadFile> {
  const hash = createHash('sha256');
  let size = 0;
  const counted = new PassThrough();
  let rows: FileRow[] = [];
  let rowCount = 0;
  let keys: (string | null)[] | null = null;
  /** Hands a full chunk of rows to the sink (all that is left with `all`); the readers call it between their reads. */
  const settle = async (all = false): Promise<void> => {
    if (!sink || rows.length === 0 || (!all && rows.length < IMPORT_ROWS_CHUNK)) return;
    const chunk = rows;
    rows = [];
    await sink(chunk);
  };
  // Past a cap nothing more is pulled from the source: the caller decides what happens to the rest.
  const stop = (error: Error) => {
    source.unpipe(counted);
    source.removeAllListeners('data');
    source.pause();
    counted.destroy(error);
    return error;
  };
  source.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > limits.bytes) {
      stop(new ImportTooLargeError(`A file may have at most ${limits.bytes / 1024 / 1024} MB`));
      return;
    }
    hash.update(chunk);
  });
  source.on('error', (error) => counted.destroy(error));
  source.pipe(counted);

  /** One record of the table (the header first); false once the row cap is passed. */
  const take = (cells: string[], rowNumber: number): void => {
    if (keys === null) {
      keys = header(kind, cells);
      return;
    }
    if (cells.every((cell) => cell.trim() === '')) return;
    if (rowCount >= limits.rows) throw stop(new ImportTooLargeError(`At most ${limits.rows} rows per file`));
    rowCount += 1;
    const values: Record<string, string> = {};
    keys.forEach((key, i) => {
      const cell = (cells[i] ?? '').trim();
      if (key && cell !== '') values[key] = cell;
    });
    rows.push({ rowNumber, values });
  };

  // The first chunk tells XLSX (a ZIP archive) from CSV; the reader then gets it back in front of the rest.
  const chunks = counted[Symbol.asyncIterator]() as Chunks;
  const head = await chunks.next();
  const first = head.done ? Buffer.alloc(0) : head.value;
  if (first.length >= 4 && first.readUInt32LE(0) === 0x04034b50) await readXlsxStream(chunks, first, take, settle);
  else await readCsvStream(chunks, first, take, settle);
  if (keys === null) throw unreadable('The file is empty');
  await settle(true);
  return { rows, rowCount, sha256: hash.digest('hex') };
}

/** The English key of a header cell: the key itself or one of its kk/ru aliases, any case. */
function columnKey(kind: ImportKind, name: string): string | null {
  const wanted = normalizeHeader(name);
  for (const [key, aliases] of Object.entries(IMPORT_COLUMNS[kind])) {
    if (key === wanted || aliases.some((alias) => normalizeHeader(alias) === wanted)) return key;
  }
  return null;
}

/** "Дата рождения" and "дата_рождения" alike. */
const normalizeHeader = (name: string) => name.trim().toLowerCase().replace(/[\s_]+/g, '_');

/** The header row's keys; unknown columns make the file unreadable. */
function header(kind: ImportKind, cells: string[]): (string | null)[] {
  const keys = cells.map((name) => columnKey(kind, name));
  const unknown = cells.filter((_, i) => keys[i] === null && cells[i].trim() !== '');
  if (unknown.length) {
    throw new InvalidInputError('IMPORT_UNREADABLE', `Unknown columns: ${unknown.join(', ')}`, unknown.map((name) => ({ field: name, code: 'UNKNOWN_FIELD', message: 'not a column of this import' })));
  }
  return keys;
}

type Chunks = AsyncIterator<Buffer>;

/** The stream again, `first` in front of what is still to come. */
async function* rest(first: Buffer, chunks: Chunks): AsyncGenerator<Buffer> {
  if (first.length) yield first;
  for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value;
}

/**
 * CSV: the encoding is decided by the first bytes that are not ASCII (what precedes them reads the same
 * in both): valid UTF-8 there means UTF-8, else Windows-1251; a UTF-8 BOM is dropped. The delimiter is
 * the header line's more frequent `;` or `,`, so the text is held only until the first line ends.
 */
async function readCsvStream(stream: Chunks, first: Buffer, take: (cells: string[], rowNumber: number) => void, settle: () => Promise<void>): Promise<void> {
  let decoder: ((bytes: Buffer) => string) | null = null;
  let pendingBytes = Buffer.alloc(0);
  let text = '';
  let parser: ReturnType<typeof parse> | null = null;
  let records = 0;
  let failure: Error | null = null;
  /** Parses `chunk` and hands its records on before the next chunk is read (so a cap stops the reading at once). */
  const feed = async (chunk: string, end = false): Promise<void> => {
    if (!parser) {
      text += chunk;
      // Only the new text is searched: a file that is one endless line must not be rescanned per chunk.
      if (!chunk.includes('\n') && !end) return;
      parser = parse({ delimiter: detectDelimiter(text), relax_column_count: true, skip_empty_lines: true, bom: true });
      parser.on('error', (error) => {
        failure ??= unreadable(`The CSV file cannot be read: ${error.message}`);
        written();
      });
      // Records are taken as they come (a full buffer would hold the parser back from finishing the chunk).
      parser.on('readable', drain);
      chunk = text;
      text = '';
    }
    const current = parser;
    if (failure || !chunk) return;
    await new Promise<void>((resolve) => {
      written = resolve;
      current.write(chunk, () => resolve());
    });
    drain();
    if (!failure) await settle();
  };
  /** Resolves the write in progress: a failure (the cap) stops reading records, so its callback may never come. */
  let written: () => void = () => undefined;
  const drain = () => {
    let record: string[] | null;
    while (!failure && parser && (record = parser.read() as string[] | null) !== null) {
      records += 1;
      try {
        take(record, records);
      } catch (error) {
        failure = error as Error;
        written();
      }
    }
  };
  for await (const bytes of rest(first, stream)) {
    if (failure) break;
    if (!decoder) {
      pendingBytes = Buffer.concat([pendingBytes, bytes]);
      const firstNonAscii = pendingBytes.findIndex((b) => b > 0x7f);
      if (firstNonAscii < 0) {
        await feed(pendingBytes.toString('latin1'));
        pendingBytes = Buffer.alloc(0);
        continue;
      }
      if (pendingBytes.length - firstNonAscii < 64) continue;
      decoder = decoderFor(pendingBytes.subarray(firstNonAscii, firstNonAscii + 4096));
      await feed(decoder(pendingBytes));
      pendingBytes = Buffer.alloc(0);
      continue;
    }
    await feed(decoder(bytes));
  }
  if (!failure && !decoder && pendingBytes.length) {
    decoder = decoderFor(pendingBytes.subarray(pendingBytes.findIndex((b) => b > 0x7f)));
    await feed(decoder(pendingBytes));
  }
  if (!failure && decoder) await feed(decoder(Buffer.alloc(0)));
  if (!failure) await feed('', true);
  const done = parser as ReturnType<typeof parse> | null;
  if (done && !failure) {
    const ended = new Promise<void>((resolve) => { done.on('end', resolve); done.on('error', () => resolve()); });
    done.end();
    drain();
    await ended;
  }
  if (failure) throw failure;
}

/** A streaming decoder: UTF-8 when `sample` (bytes from the first non-ASCII one on) is valid UTF-8, else Windows-1251. */
function decoderFor(sample: Buffer): (bytes: Buffer) => string {
  let utf8 = true;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
  } catch {
    utf8 = false;
  }
  const decoder = iconv.getDecoder(utf8 ? 'utf8' : 'win1251');
  return (bytes: Buffer) => (bytes.length ? decoder.write(bytes) : (decoder.end() ?? ''));
}

class SinkFailure extends Error {
  constructor(override readonly cause: unknown) {
    super('the row sink failed');
  }
}

/** XLSX: the first sheet, row by row (exceljs' streaming reader); date cells as the day Excel shows. */
async function readXlsxStream(stream: Chunks, first: Buffer, take: (cells: string[], rowNumber: number) => void, settle: () => Promise<void>): Promise<void> {
  const input = Readable.from(rest(first, stream));
  const reader = new (await loadExcel()).stream.xlsx.WorkbookReader(input, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
  let width = 0;
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const values = (row as ExcelJS.Row).values as ExcelJS.CellValue[];
        if ((row as ExcelJS.Row).number === 1) width = values.length - 1;
        const cells: string[] = [];
        for (let c = 1; c <= Math.max(width, values.length - 1); c++) cells.push(cellText(values[c]));
        take(cells, (row as ExcelJS.Row).number);
        try {
          await settle();
        } catch (error) {
          // The sink's own failure (the database), not the file's: passed on as it is.
          throw new SinkFailure(error);
        }
      }
      break;
    }
  } catch (error) {
    if (error instanceof SinkFailure) throw error.cause;
    if (error instanceof AppError) throw error;
    throw unreadable('The XLSX file cannot be read');
  } finally {
    input.destroy();
  }
}

/** A cell as text; a date cell is the calendar day Excel shows (exceljs gives it as UTC midnight). */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('text' in value) return String(value.text);
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    return '';
  }
  return String(value);
}

/** `YYYY-MM-DD` or `DD.MM.YYYY` as `YYYY-MM-DD`; anything else unchanged, for the validators to refuse. */
export function normalizeDate(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const dotted = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(value);
  return dotted ? `${dotted[3]}-${dotted[2].padStart(2, '0')}-${dotted[1].padStart(2, '0')}` : value;
}
