import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * The libs in layers (docs/architecture.md). A lib may import the libs of lower layers, and a lib of
 * its own layer only where that lib offers a declared port (PORTS) — so the domain libs
 * (assessments, placements, referrals, oversight) stay apart, and what needs several of them (the
 * worklist) sits above them. Only through a lib's index; no cycles, no forwardRef.
 */
const LAYERS: string[][] = [
  ['core'],
  ['reference'],
  ['auth'],
  ['access'],
  ['audit'],
  ['organizations'],
  ['notifications'],
  ['children'],
  ['assessments', 'placements', 'referrals', 'oversight'],
  ['worklist', 'reports', 'imports'],
];
/** Declared ports between peers: importer → provider → the names it may import. */
const PORTS: Record<string, Record<string, string[]>> = {
  placements: {
    assessments: ['AssessmentsModule', 'Assessment', 'CurrentConclusions', 'CurrentConclusion'],
    // Issue 15: a placement answers a school_placement referral and completes it when it starts.
    referrals: ['ReferralsModule', 'Referral', 'PlacementReferrals'],
  },
  referrals: { assessments: ['AssessmentsModule', 'CurrentConclusions'] },
};
const LIBS = join(__dirname, '../../libs');
const layerOf = (lib: string) => LAYERS.findIndex((layer) => layer.includes(lib));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : name.endsWith('.ts') ? [path] : [];
  });
}

describe('lib dependencies point one way', () => {
  it('knows every lib', () => {
    expect(readdirSync(LIBS).sort()).toEqual(LAYERS.flat().sort());
  });

  it.each(LAYERS.flat().map((lib) => [lib]))('%s imports only lower layers and declared ports, only through their index', (lib) => {
    const offences: string[] = [];
    for (const file of sources(join(LIBS, lib))) {
      const text = readFileSync(file, 'utf8');
      const where = file.slice(LIBS.length + 1);
      for (const [, names, target] of text.matchAll(/import (?:type )?\{([^}]*)\} from '@qoldau\/([a-z-]+)'/g)) {
        if (target === lib || layerOf(target) < layerOf(lib)) continue;
        const allowed = layerOf(target) === layerOf(lib) ? (PORTS[lib]?.[target] ?? []) : [];
        for (const name of names.split(',').map((n) => n.trim().replace(/^type /, '').split(' as ')[0]).filter(Boolean)) {
          if (!allowed.includes(name)) offences.push(`${where} → ${target}.${name}`);
        }
      }
      for (const [, target] of text.matchAll(/from '@qoldau\/([a-z-]+)'/g)) {
        if (layerOf(target) === -1) offences.push(`${where} → unknown lib ${target}`);
      }
      for (const [, path] of text.matchAll(/from '(\.[^']+)'/g)) {
        const into = relative(LIBS, resolve(dirname(file), path)).split('/')[0];
        if (!into.startsWith('..') && into !== lib) offences.push(`${where} reaches into libs/${into} by path`);
      }
      if (/forwardRef\(/.test(text)) offences.push(`${where} uses forwardRef`);
    }
    expect(offences).toEqual([]);
  });

  it('finds an import of a peer outside its port', () => {
    // The rule above, on a made-up line, so that the test cannot pass by matching nothing.
    const line = "import { ReferralsService } from '@qoldau/referrals';";
    const [, names, target] = /import (?:type )?\{([^}]*)\} from '@qoldau\/([a-z-]+)'/.exec(line)!;
    expect(layerOf(target)).toBe(layerOf('placements'));
    expect(PORTS.placements[target] ?? []).not.toContain(names.trim());
  });
});
