import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { Readable } from 'node:stream';
import { cellText, decodeText, detectDelimiter, normalizeDate, readImportFile, readImportStream } from './import-file';
import { IMPORT_ROWS_CHUNK } from './import-limits';

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

  it('refuses a CSV it cannot parse', async () => {
    await expect(readImportFile('children', Buffer.from('iin,last_name\n"1,2\n'))).rejects.toMatchObject({ code: 'IMPORT_UNREADABLE' });
  });

  it('refuses unknown columns', async () => {
    await expect(readImportFile('children', Buffer.from('iin,shoe_size\n1,2'))).rejects.toMatchObject({ code: 'IMPORT_UNREADABLE' });
  });

  describe('streaming', () => {
    /** A source of `count` chunks made by `chunk(i)`, telling how many were pulled. */
    const source = (count: number, chunk: (i: number) => Buffer) => {
      const pulled = { n: 0 };
      const stream = Readable.from((function* () {
        for (let i = 0; i < count; i++) {
          pulled.n += 1;
          yield chunk(i);
        }
      })());
      return { stream, pulled };
    };

    it('decodes Windows-1251 whose Cyrillic starts after a long ASCII prefix and is cut across chunks', async () => {
      const text = `iin;last_name;first_name\n${'1;A;B\n'.repeat(2000)}2;Ахметова;Әлия\n`.replace('Әлия', 'Алия');
      const bytes = iconv.encode(text, 'win1251');
      const chunks = Array.from({ length: Math.ceil(bytes.length / 1000) }, (_, i) => bytes.subarray(i * 1000, (i + 1) * 1000));
      const { rows, sha256 } = await readImportStream('children', Readable.from(chunks));
      expect(rows).toHaveLength(2001);
      expect(rows[2000]).toEqual({ rowNumber: 2002, values: { iin: '2', last_name: 'Ахметова', first_name: 'Алия' } });
      expect(sha256).toMatch(/^[0-9a-f]{64}$/);
    });

    it('reads UTF-8 with a BOM and a multi-byte letter cut between chunks', async () => {
      const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('тегі,аты\nӘбенов,Ұлан\n', 'utf8')]);
      const chunks = [bytes.subarray(0, 6), bytes.subarray(6, 25), bytes.subarray(25)];
      const { rows } = await readImportStream('children', Readable.from(chunks));
      expect(rows).toEqual([{ rowNumber: 2, values: { last_name: 'Әбенов', first_name: 'Ұлан' } }]);
    });

    it('stops at the row cap with 413 without pulling the rest of the file', async () => {
      const { stream, pulled } = source(1000, (i) => Buffer.from(i === 0 ? 'iin,last_name\n' : '1,A\n'.repeat(1000)));
      await expect(readImportStream('children', stream, { bytes: 100_000_000, rows: 1500 })).rejects.toMatchObject({ code: 'IMPORT_TOO_LARGE' });
      // What stream buffers hold ahead of the parser, at most; not the thousand chunks of the file.
      expect(pulled.n).toBeLessThan(100);
    });

    it('hands the rows to a sink a chunk at a time, and keeps none of them', async () => {
      // Rows of a realistic length (~200 bytes): a read hands over what the stream buffered, 16 KB at most.
      const stream = Readable.from((async function* () {
        for (let i = 0; i < 50; i++) {
          await new Promise((resolve) => setImmediate(resolve));
          yield Buffer.from(i === 0 ? 'iin,last_name\n' : `190514650011,${'A'.repeat(180)}\n`.repeat(100));
        }
      })());
      const chunks: number[] = [];
      let pending = 0;
      const read = await readImportStream('children', stream, { bytes: 100_000_000, rows: 100_000 }, async (rows) => {
        // The reader waits for the sink: no second chunk arrives while one is being stored.
        expect(pending).toBe(0);
        pending += 1;
        await new Promise((resolve) => setTimeout(resolve, 5));
        chunks.push(rows.length);
        pending -= 1;
      });
      expect(read.rows).toEqual([]);
      expect(read.rowCount).toBe(4900);
      expect(chunks.reduce((a, b) => a + b, 0)).toBe(4900);
      expect(Math.max(...chunks)).toBeLessThan(IMPORT_ROWS_CHUNK + 200);
      expect(chunks.length).toBeGreaterThanOrEqual(4);
    });

    it('passes a failing sink\'s error on as it is (not as an unreadable file)', async () => {
      const book = new ExcelJS.Workbook();
      const sheet = book.addWorksheet('x');
      sheet.addRow(['ИИН']);
      for (let i = 0; i < 1500; i++) sheet.addRow([`19051465${String(i).padStart(4, '0')}`]);
      const bytes = Buffer.from(await book.xlsx.writeBuffer());
      const failure = new Error('connection lost');
      await expect(readImportStream('children', Readable.from([bytes]), undefined, async () => { throw failure; })).rejects.toBe(failure);
    });

    it('stops at the byte cap with 413', async () => {
      const { stream, pulled } = source(1000, () => Buffer.alloc(1024, 'a'));
      await expect(readImportStream('children', stream, { bytes: 10 * 1024, rows: 10 })).rejects.toMatchObject({ code: 'IMPORT_TOO_LARGE' });
      expect(pulled.n).toBeLessThan(1000);
    });

    it('reads XLSX row by row, and caps its rows too', async () => {
      const book = new ExcelJS.Workbook();
      const sheet = book.addWorksheet('x');
      sheet.addRow(['ИИН', 'Дата рождения']);
      for (let i = 0; i < 30; i++) sheet.addRow([`19051465${String(i).padStart(4, '0')}`, new Date(Date.UTC(2019, 4, 14))]);
      const bytes = Buffer.from(await book.xlsx.writeBuffer());
      const { rows } = await readImportStream('children', Readable.from([bytes]));
      expect(rows).toHaveLength(30);
      expect(rows[29]).toEqual({ rowNumber: 31, values: { iin: '190514650029', birth_date: '2019-05-14' } });
      await expect(readImportStream('children', Readable.from([bytes]), { bytes: 10_000_000, rows: 10 })).rejects.toMatchObject({ code: 'IMPORT_TOO_LARGE' });
    });
  });
});
