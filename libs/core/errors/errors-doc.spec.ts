import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderErrorsDoc } from './errors-doc';

const DOC = join(__dirname, '../../../docs/errors.md');

describe('docs/errors.md', () => {
  it('is exactly what the error-code catalogue generates', () => {
    const generated = renderErrorsDoc();
    if (process.env.UPDATE_ERRORS_DOC === '1') writeFileSync(DOC, generated);
    expect(readFileSync(DOC, 'utf8')).toBe(generated);
  });
});
