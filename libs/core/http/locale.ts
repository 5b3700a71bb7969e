export const LOCALES = ['kk', 'ru', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/**
 * Picks the label language from an Accept-Language header: the highest-q tag whose primary subtag we
 * support, Kazakh when none matches (Kazakh first is the product's promise).
 */
export function pickLocale(header: string | undefined): Locale {
  if (!header) return 'kk';
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const weight = q ? Number(q.slice(2)) : 1;
      return { primary: tag.trim().toLowerCase().split('-')[0], weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((entry) => entry.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  return (ranked.find((entry) => (LOCALES as readonly string[]).includes(entry.primary))?.primary as Locale) ?? 'kk';
}
