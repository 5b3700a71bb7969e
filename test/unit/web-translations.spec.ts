import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// Every visible string of the web app is translated: each namespace exists in kk, ru and en with the
// same keys, and counted strings carry the plural forms each language needs (Kazakh one/other;
// Russian one/few/many/other; English one/other).
const LOCALES = join(__dirname, '../../apps/web/src/shared/i18n/locales');
const LANGUAGES = ['kk', 'ru', 'en'] as const;
const PLURALS: Record<(typeof LANGUAGES)[number], string[]> = { kk: ['one', 'other'], ru: ['one', 'few', 'many', 'other'], en: ['one', 'other'] };
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, inner]) => keys(inner, prefix ? `${prefix}.${key}` : key));
}
const load = (language: string, namespace: string) => JSON.parse(readFileSync(join(LOCALES, language, `${namespace}.json`), 'utf8'));
const namespaces = readdirSync(join(LOCALES, 'kk')).map((file) => file.replace(/\.json$/, ''));

describe('web app translations', () => {
  it('has the same namespaces in every language', () => {
    for (const language of LANGUAGES) expect(readdirSync(join(LOCALES, language)).sort()).toEqual(namespaces.map((n) => `${n}.json`).sort());
  });

  it.each(namespaces.map((namespace) => [namespace]))('%s: the same keys in kk, ru and en, with each language\'s plural forms, none empty', (namespace) => {
    const base = (language: (typeof LANGUAGES)[number]) => {
      const all = keys(load(language, namespace));
      const plain = all.filter((key) => !PLURAL_SUFFIX.test(key));
      const plural = [...new Set(all.filter((key) => PLURAL_SUFFIX.test(key)).map((key) => key.replace(PLURAL_SUFFIX, '')))];
      for (const stem of plural) expect([language, stem, all.filter((k) => k.startsWith(`${stem}_`)).map((k) => k.slice(stem.length + 1)).sort()]).toEqual([language, stem, [...PLURALS[language]].sort()]);
      for (const key of all) expect([language, key, String(key.split('.').reduce((o: Record<string, unknown>, k) => o[k] as Record<string, unknown>, load(language, namespace))).trim().length > 0]).toEqual([language, key, true]);
      return [...plain, ...plural].sort();
    };
    const kk = base('kk');
    expect(base('ru')).toEqual(kk);
    expect(base('en')).toEqual(kk);
  });

  it('never leaves a visible string in the screens untranslated', () => {
    // JSX text between tags that contains letters is a hard-coded string; translations go through t().
    // Component tests (*.test.tsx) are not screens: their scaffolding labels nobody reads. The `>` of an
    // arrow function (`=> cond && <Tag`) opens no text.
    const offences: string[] = [];
    const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.tsx') && !e.name.endsWith('.test.tsx') ? [join(dir, e.name)] : []));
    for (const file of walk(join(__dirname, '../../apps/web/src'))) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/(?<!=)>\s*([^<>{}\n]*\p{L}[^<>{}\n]*)\s*<\/?[A-Za-z]/gu)) offences.push(`${file.split('apps/web/src/')[1]}: ${match[1].trim()}`);
    }
    expect(offences).toEqual([]);
  });
});
