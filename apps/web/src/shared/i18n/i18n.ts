import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';

/**
 * Translations by language and feature namespace: locales/<language>/<namespace>.json. A feature adds
 * its namespace file in all three languages (test/unit/web-translations.spec.ts fails otherwise).
 * `common` and `auth` come with the first page; every other namespace loads with the screen that asks
 * for it (useTranslation('cases') suspends until it has), so the sign-in page stays small.
 */
const EAGER_NAMESPACES = ['common', 'auth'];
const eager = import.meta.glob<{ default: Record<string, unknown> }>('./locales/*/{common,auth}.json', { eager: true });
const lazy = import.meta.glob<{ default: Record<string, unknown> }>('./locales/*/*.json');
const resources: Record<string, Record<string, Record<string, unknown>>> = {};
for (const [path, module] of Object.entries(eager)) {
  const [, language, namespace] = /\.\/locales\/([a-z]+)\/([a-z-]+)\.json$/.exec(path)!;
  (resources[language] ??= {})[namespace] = module.default;
}
const lazyBackend = {
  type: 'backend' as const,
  init() {},
  read(language: string, namespace: string, callback: (error: unknown, data: Record<string, unknown> | null) => void) {
    const load = lazy[`./locales/${language}/${namespace}.json`];
    if (!load) return callback(new Error(`no translations for ${language}/${namespace}`), null);
    load().then((module) => callback(null, module.default), (error: unknown) => callback(error, null));
  },
};

export const LANGUAGES = ['kk', 'ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'qoldau.language';

/** Kazakh first; a choice made once is remembered on this device (and sent to the server as Accept-Language). */
export function initialLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  return (LANGUAGES as readonly string[]).includes(stored ?? '') ? (stored as Language) : 'kk';
}

export function rememberLanguage(language: Language): void {
  localStorage.setItem(STORAGE_KEY, language);
  document.documentElement.lang = language;
}

void i18next.use(lazyBackend).use(initReactI18next).init({
  resources,
  partialBundledLanguages: true,
  lng: initialLanguage(),
  fallbackLng: false,
  ns: EAGER_NAMESPACES,
  defaultNS: 'common',
  interpolation: { escapeValue: false },
  returnNull: false,
});

export { i18next };

/** Dates as people here write them (DD.MM.YYYY), times in Asia/Almaty. */
export function formatDateTime(iso: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Almaty', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false,
  }).formatToParts(new Date(iso));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('day')}.${part('month')}.${part('year')} ${part('hour')}:${part('minute')}`;
}
