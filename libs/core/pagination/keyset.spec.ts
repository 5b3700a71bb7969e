import { InvalidInputError } from '../errors/app-error';
import { decodeCursor, encodeCursor, toPage } from './keyset';

describe('keyset pagination', () => {
  it('round-trips a cursor', () => {
    expect(decodeCursor(encodeCursor(['2026-01-01', 'abc', 3]), 3)).toEqual(['2026-01-01', 'abc', 3]);
  });

  it.each([['not-base64-json'], [encodeCursor(['a'])], [Buffer.from('{"a":1}').toString('base64url')]])(
    'rejects a foreign cursor %s',
    (cursor) => {
      expect(() => decodeCursor(cursor, 2)).toThrow(InvalidInputError);
    },
  );

  it('uses the extra row only to tell that more exist', () => {
    const rows = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    const page = toPage(rows, 2, (r) => [r.id]);
    expect(page.items).toEqual([{ id: 'a' }, { id: 'b' }]);
    expect(decodeCursor(page.nextCursor as string, 1)).toEqual(['b']);
    expect(toPage(rows, 3, (r) => [r.id]).nextCursor).toBeNull();
  });
});
