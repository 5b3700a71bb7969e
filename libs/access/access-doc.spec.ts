import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderAccessDoc } from './access-doc';

const DOC = join(__dirname, '../../docs/access.md');

describe('docs/access.md', () => {
  it('is exactly what the policy tables generate', () => {
    const generated = renderAccessDoc();
    if (process.env.UPDATE_ACCESS_DOC === '1') writeFileSync(DOC, generated);
    expect(readFileSync(DOC, 'utf8')).toBe(generated);
  });
});
