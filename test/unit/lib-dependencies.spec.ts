import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

// The libs in dependency order (docs/architecture.md): a lib may import only libs to its left, so
// there are no cycles and no forwardRef.
const ORDER = ['core', 'reference', 'auth', 'access', 'audit', 'organizations', 'notifications', 'children', 'assessments', 'placements', 'oversight', 'referrals'];
const LIBS = join(__dirname, '../../libs');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : name.endsWith('.ts') ? [path] : [];
  });
}

describe('lib dependencies point one way', () => {
  it('knows every lib', () => {
    expect(readdirSync(LIBS).sort()).toEqual([...ORDER].sort());
  });

  it.each(ORDER.map((lib) => [lib]))('%s imports only libs to its left, and only through their index', (lib) => {
    const allowed = ORDER.slice(0, ORDER.indexOf(lib));
    const offences: string[] = [];
    for (const file of sources(join(LIBS, lib))) {
      const text = readFileSync(file, 'utf8');
      for (const [, target] of text.matchAll(/from '@qoldau\/([a-z-]+)'/g)) {
        if (target !== lib && !allowed.includes(target)) offences.push(`${file.slice(LIBS.length + 1)} → ${target}`);
      }
      for (const [, path] of text.matchAll(/from '(\.[^']+)'/g)) {
        const into = relative(LIBS, resolve(dirname(file), path)).split('/')[0];
        if (!into.startsWith('..') && into !== lib) offences.push(`${file.slice(LIBS.length + 1)} reaches into libs/${into} by path`);
      }
      if (/forwardRef\(/.test(text)) offences.push(`${file.slice(LIBS.length + 1)} uses forwardRef`);
    }
    expect(offences).toEqual([]);
  });
});
