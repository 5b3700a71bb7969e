import { loadExcel } from '@qoldau/core';
import { IMPORT_COLUMNS, ImportKind } from './import-columns';
import type { RowError } from './import-rows';

/** The failed rows in the import's own columns, plus `error` (codes and messages) and the original row number. */
export async function errorsWorkbook(kind: ImportKind, rows: { rowNumber: number; values: Record<string, string>; errors: RowError[] }[]): Promise<Buffer> {
  const book = new (await loadExcel()).Workbook();
  const sheet = book.addWorksheet(kind);
  const keys = Object.keys(IMPORT_COLUMNS[kind]);
  sheet.addRow([...keys, 'error', 'row']);
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) {
    const error = row.errors.map((e) => `${e.code}${e.field ? ` (${e.field})` : ''}: ${e.message}`).join('; ');
    sheet.addRow([...keys.map((key) => row.values[key] ?? ''), error, row.rowNumber]);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
