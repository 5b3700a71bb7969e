import { InvalidInputError } from '@qoldau/core';
import { parse } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import { loadExcel } from '@qoldau/core';
import iconv from 'iconv-lite';
import { IMPORT_COLUMNS, ImportKind } from './import-columns';

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

/** Reads a CSV or XLSX file into rows keyed by the kind's English column keys. */
export async function readImportFile(kind: ImportKind, bytes: Buffer): Promise<FileRow[]> {
  const table = isXlsx(bytes) ? await readXlsx(bytes) : readCsv(bytes);
  const [header, ...body] = table;
  if (!header) throw unreadable('The file is empty');
  const keys = header.map((name) => columnKey(kind, name));
  const unknown = header.filter((_, i) => keys[i] === null && header[i].trim() !== '');
  if (unknown.length) {
    throw new InvalidInputError('IMPORT_UNREADABLE', `Unknown columns: ${unknown.join(', ')}`, unknown.map((name) => ({ field: name, code: 'UNKNOWN_FIELD', message: 'not a column of this import' })));
  }
  const rows: FileRow[] = [];
  body.forEach((cells, index) => {
    if (cells.every((cell) => cell.trim() === '')) return;
    const values: Record<string, string> = {};
    keys.forEach((key, i) => {
      const cell = (cells[i] ?? '').trim();
      if (key && cell !== '') values[key] = cell;
    });
    rows.push({ rowNumber: index + 2, values });
  });
  return rows;
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

function readCsv(bytes: Buffer): string[][] {
  const text = decodeText(bytes);
  try {
    return parse(text, { delimiter: detectDelimiter(text), relax_column_count: true, skip_empty_lines: true }) as string[][];
  } catch (error) {
    throw unreadable(`The CSV file cannot be read: ${(error as Error).message}`);
  }
}

async function readXlsx(bytes: Buffer): Promise<string[][]> {
  const book = new (await loadExcel()).Workbook();
  try {
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw unreadable('The XLSX file cannot be read');
  }
  const sheet = book.worksheets[0];
  if (!sheet) throw unreadable('The XLSX file has no sheet');
  const table: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) cells.push(cellText(row.getCell(c).value));
    table[rowNumber - 1] = cells;
  });
  return Array.from(table, (cells) => cells ?? []);
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
