import { searchKey } from './search-key';

/** Twelve digits, maybe grouped by spaces or hyphens as people type them: the shape of an IIN. */
const IIN_SHAPED = /(?<!\d)\d(?:[ -]?\d){11}(?!\d)/g;
const WORD = /[\p{L}\p{M}'’-]+/gu;
/** A name token shorter than this is matched whole; a longer one, less its last letter, as the stem of an inflected word. */
const STEM_FROM = 4;

/**
 * Free text written about a child (a break-glass reason), as shown to someone who must judge it but
 * has no business knowing who the child is: IIN-shaped numbers and the child's own name tokens —
 * whatever the script or the Kazakh or Russian case ending (Ахметовой, Ахметоваға, Akhmetova) —
 * become "***". The stored text is never changed.
 */
export function maskChildIdentity(text: string, names: readonly (string | null | undefined)[]): string {
  const tokens = names
    .flatMap((name) => (name ?? '').match(WORD) ?? [])
    .map((token) => searchKey(token))
    .filter((key) => key.length >= 2);
  const masked = text.replace(IIN_SHAPED, '***');
  if (tokens.length === 0) return masked;
  return masked.replace(WORD, (word) => {
    const key = searchKey(word);
    // A name's last letter is where declension starts: Алия → Алии, Алияға; Ахметова → Ахметовой.
    const hit = tokens.some((token) => key === token || (token.length >= STEM_FROM && key.startsWith(token.slice(0, -1))));
    return hit ? '***' : word;
  });
}
