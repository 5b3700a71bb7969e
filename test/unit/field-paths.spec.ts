import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// A problem's `errors[].field` names a field the way the validation pipe does for nested input —
// `guardians.0.iin` — in every lib, so that a client maps it to its form the same way everywhere
// (libs/assessments once wrote `specialists[0].userId`, and the web app had to read both).
describe('field paths in problems', () => {
  it('are dotted, never bracketed, wherever the code writes one', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts') ? [join(dir, e.name)] : []));
    const offences = files(join(__dirname, '../../libs')).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/field: `[^`]*\[\$\{[^`]*`/g)].map((m) => `${file.split('/libs/')[1]}: ${m[0]}`),
    );
    expect(offences).toEqual([]);
  });
});
