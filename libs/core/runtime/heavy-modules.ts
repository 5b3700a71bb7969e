import type ExcelJS from 'exceljs';

/**
 * exceljs, loaded on first use: it adds ~37 MB to the resident memory of every api process, most of
 * which never read or write a workbook (imports, the summary export and import error lists do).
 */
export async function loadExcel(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}
