import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { cellText, decodeText, detectDelimiter, normalizeDate, readImportFile } from './import-file';

describe('import files', () => {
  it('decodes UTF-8 with a BOM and Windows-1251', () => {
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('тегі', 'utf8')]))).toBe('тегі');
    expect(decodeText(iconv.encode('Фамилия;Имя', 'win1251'))).toBe('Фамилия;Имя');
  });

  it('takes the delimiter from the header line', () => {
    expect(detectDelimiter('iin;last_name,x;y\n1,2,3')).toBe(';');
    expect(detectDelimiter('iin,last_name\n1;2')).toBe(',');
  });

  it('reads dates in either form, and Excel date cells as the day shown', () => {
    expect(normalizeDate('05.03.2019')).toBe('2019-03-05');
    expect(normalizeDate('2019-03-05')).toBe('2019-03-05');
    expect(cellText(new Date(Date.UTC(2019, 2, 5)))).toBe('2019-03-05');
  });

  it('maps kk and ru headers to the English keys and numbers rows as the user sees them', async () => {
    const rows = await readImportFile('children', iconv.encode('ИИН;Фамилия;Имя\n123;Ахметова;Алия\n;;\n456;Б;В\n', 'win1251'));
    expect(rows).toEqual([
      { rowNumber: 2, values: { iin: '123', last_name: 'Ахметова', first_name: 'Алия' } },
      { rowNumber: 4, values: { iin: '456', last_name: 'Б', first_name: 'В' } },
    ]);
  });

  it('reads XLSX', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('x');
    sheet.addRow(['iin', 'birth_date']);
    sheet.addRow(['190514650017', new Date(Date.UTC(2019, 4, 14))]);
    const rows = await readImportFile('children', Buffer.from(await book.xlsx.writeBuffer()));
    expect(rows).toEqual([{ rowNumber: 2, values: { iin: '190514650017', birth_date: '2019-05-14' } }]);
  });

  it('refuses unknown columns', async () => {
    await expect(readImportFile('children', Buffer.from('iin,shoe_size\n1,2'))).rejects.toMatchObject({ code: 'IMPORT_UNREADABLE' });
  });
});
