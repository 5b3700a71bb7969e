import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

// Authorization exists once (DESIGN §2, §5): only libs/access may look at roles. The eslint rule says the
// same; this test keeps it true even where lint is skipped.
const ROOT = join(__dirname, '../..');
const FORBIDDEN = [/roles\s*\.\s*includes\s*\(/, /\brole\s*[!=]==?/, /[!=]==?\s*role\b/];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('role checks live only in libs/access', () => {
  const files = [...sources(join(ROOT, 'libs')), ...sources(join(ROOT, 'apps'))].filter(
    (file) => !relative(ROOT, file).startsWith('libs/access/'),
  );

  it('scans the application sources', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(FORBIDDEN.map((p) => [p]))('no file outside libs/access matches %s', (pattern) => {
    const offenders = files.filter((file) => pattern.test(readFileSync(file, 'utf8'))).map((f) => relative(ROOT, f));
    expect(offenders).toEqual([]);
  });
});
