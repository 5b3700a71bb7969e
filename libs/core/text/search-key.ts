/**
 * The name search key (DESIGN §2 "Search"). One child's name reaches us in Kazakh Cyrillic from a PMPC,
 * in Russian Cyrillic from a polyclinic and in Latin from a passport or an import; a person searching
 * types whichever is at hand. All of them are reduced to one coarse Latin spelling, stored in
 * `children.search_key` and matched with pg_trgm, and the query goes through the same function.
 *
 * The key is deliberately lossy: it only has to bring spellings of one name together, since IIN and
 * birth date tell two different children apart afterwards. Every fold below is one that real spellings
 * of Kazakh and Russian names need; none is there just to make an example pass.
 *
 * Steps, in order:
 *  1. NFC, lower case.
 *  2. Kazakh letters → their Russian neighbours (KAZAKH_TO_RUSSIAN): Russian-language records
 *     routinely write Нурсултан for Нұрсұлтан.
 *  3. Cyrillic → Latin by CYRILLIC_TO_LATIN (one letter, one string).
 *  4. Letters of the Kazakh Latin alphabet and other diacritics → plain Latin (LATIN_LETTERS, then
 *     combining marks dropped); apostrophes dropped so O'Neil stays one word.
 *  5. Latin spelling variants folded: runs of one letter collapsed (Анна/Ana, Yessenov/Есенов,
 *     Arseniy → arsenii → arseni), digraphs (DIGRAPHS), single letters and ye/ie (LATIN_FOLDS),
 *     repeated until nothing changes.
 *  6. Anything that is not a letter → one space; trimmed.
 */

/** Step 2. Kazakh-specific Cyrillic letters to the Russian letter a Russian spelling uses instead. */
export const KAZAKH_TO_RUSSIAN: Readonly<Record<string, string>> = Object.freeze({
  ә: 'а',
  ғ: 'г',
  қ: 'к',
  ң: 'н',
  ө: 'о',
  ұ: 'у',
  ү: 'у',
  һ: 'х',
  і: 'и',
});

/**
 * Step 3. The transliteration table: ICAO Doc 9303 (what passports of Kazakhstan and Russia print),
 * except that the signs ъ/ь are dropped (ICAO gives ъ as "ie"; both are silent in names and often
 * omitted in Latin). The digraphs it produces (kh, zh, ts, ch, shch, ia, iu) are folded further in
 * step 5, together with the same digraphs typed directly in Latin.
 */
export const CYRILLIC_TO_LATIN: Readonly<Record<string, string>> = Object.freeze({
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e', // ICAO: passports write Фёдор as Fedor
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'iu',
  я: 'ia',
});

/**
 * Step 4. Latin letters whose plain form would be the wrong sound: Ş (Kazakh Latin for Ш) and Ç
 * (Turkish-style Ч) would otherwise lose only their cedilla, and dotless ı does not decompose at all.
 * Ä Ğ Ñ Ö Ū Ü İ need no entry: NFD splits off the mark and the plain letter is right.
 */
export const LATIN_LETTERS: Readonly<Record<string, string>> = Object.freeze({
  ş: 'sh', // Kazakh Latin Ş = Ш
  ç: 'ch',
  ı: 'i', // Kazakh Latin I ı = Ы (dotless); İ i = І
});

/**
 * Step 5a. Digraphs, replaced in one left-to-right pass, longest first, so that a replacement is never
 * read again (Cyrillic щ → shch → sh, not sh + sh).
 */
export const DIGRAPHS: Readonly<Record<string, string>> = Object.freeze({
  shch: 'sh', // Щ is written as Ш in Kazakh usage (Щербаков = Sherbakov)
  dzh: 'j', // Джамиля = Dzhamilya = Djamilya = Jamilya
  dj: 'j',
  zh: 'j', // Жансая = Zhansaya = Jansaya (Kazakh Latin J = Ж)
  kh: 'h', // Әлихан = Alikhan = Alihan
  gh: 'g', // Ғалым = Ghalym = Galym
  ph: 'f', // София = Sophia = Sofia
  // Kazakh has no Ч: Russian Ч names are Ш names in Kazakh (Чокан/Шоқан, Чингиз/Шыңғыс), and French
  // spellings write Ш as "ch" (Chynar = Шынар). Two spellings of one name missing each other costs
  // more than the few distinct names this merges.
  ch: 'sh',
  tz: 'c', // Ц: Цой = Tsoi = Tzoi = Coi
  ts: 'c',
  ou: 'u', // French spelling of У: Nursoultan = Nursultan
});

/** Step 5b, after the digraphs, in order: pattern, replacement, and the spellings it brings together. */
export const LATIN_FOLDS: ReadonlyArray<readonly [RegExp, string, string]> = Object.freeze([
  [/q/g, 'k', 'Quanysh (Kazakh Latin Q = Қ) = Kuanysh'],
  [/w/g, 'v', 'Wiktor = Viktor'],
  [/x/g, 'ks', 'Alexandr = Aleksandr'],
  [/y/g, 'i', 'Aygerim = Aigerim (й), Kuanysh = Kuanish (ы), Zhansaya = Zhansaia (я), Yusup = Iusup (ю)'],
  // Ye- at the start of a word or after a vowel is how passports write an iotated Е (Yerlan, Yessenov,
  // Alekseyev); after a consonant "ie" is a real и + е (Daniel) and is kept.
  [/(?<![bcdfghjklmnprstvz])ie/g, 'e', 'Yerlan = Ierlan = Erlan, Alekseyev = Alekseev'],
] as const);

const DIGRAPH = new RegExp(
  Object.keys(DIGRAPHS)
    .sort((a, b) => b.length - a.length)
    .join('|'),
  'g',
);
const APOSTROPHES = /['’ʼʻ`´]/g;
const COMBINING_MARKS = /\p{M}/gu;
const REPEATED_LETTER = /(\p{L})\1+/gu;
const NON_LETTERS = /\P{L}+/gu;

function mapLetters(text: string, table: Readonly<Record<string, string>>): string {
  let out = '';
  for (const ch of text) out += table[ch] ?? ch;
  return out;
}

function foldOnce(text: string): string {
  let out = text.replace(REPEATED_LETTER, '$1').replace(DIGRAPH, (digraph) => DIGRAPHS[digraph]);
  for (const [pattern, replacement] of LATIN_FOLDS) out = out.replace(pattern, replacement);
  return out.replace(REPEATED_LETTER, '$1');
}

/**
 * Folding can expose a new variant (Mukkhamed: kkh → kh only after collapsing the kk), so it repeats
 * until nothing changes. That makes a key its own key: a query typed as a stored key finds it. Every
 * pass after the first only shortens the text or turns c+h into s+h, so this ends within a few passes;
 * the bound is a guard, not a limit that is reached.
 */
function foldLatin(text: string): string {
  let out = text;
  for (let pass = 0; pass < 8; pass++) {
    const next = foldOnce(out);
    if (next === out) break;
    out = next;
  }
  return out;
}

/** The key for one string; searchKey joins the parts of a name first. */
function keyOf(text: string): string {
  let key = text.normalize('NFC').toLowerCase();
  key = mapLetters(key, KAZAKH_TO_RUSSIAN);
  key = mapLetters(key, CYRILLIC_TO_LATIN);
  key = mapLetters(key, LATIN_LETTERS);
  key = key.normalize('NFD').replace(COMBINING_MARKS, '').replace(APOSTROPHES, '');
  key = foldLatin(key);
  return key.replace(NON_LETTERS, ' ').trim();
}

/**
 * The search key of a name given as parts (last, first, patronymic — any order the caller keeps
 * consistently). Missing parts are skipped, so a child without a patronymic gets the same key as the
 * query "last first".
 */
export function searchKey(...parts: (string | null | undefined)[]): string {
  return keyOf(parts.filter((part): part is string => typeof part === 'string').join(' '));
}
