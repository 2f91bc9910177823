/**
 * The one message catalogue: every sentence StudyBot shows a user, by key, in
 * each language it speaks (`locales/`), read through i18next. Renderers never
 * hold text of their own: they receive a `Translate` for the reader's language
 * and look their words up, so they stay pure and a language is a file, not a
 * code change.
 */
import { createInstance, type i18n } from 'i18next';
import { DateTime } from 'luxon';
import { enUS } from './locales/en-US.js';
import { zhCN } from './locales/zh-CN.js';
import { zhTW } from './locales/zh-TW.js';

/** The languages StudyBot speaks, as Discord names them; the first is the fallback. */
export const LOCALES = ['en-US', 'zh-CN', 'zh-TW'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en-US';

/** Every key of the English catalogue, plural forms named by their base key (`stats.days` for `stats.days_one` / `_other`). */
export type MessageKey = keyof typeof enUS extends infer K ? (K extends `${infer Base}_${'zero' | 'one' | 'other'}` ? Base : K) : never;
export type { Catalogue } from './locales/en-US.js';
/** Placeholder values; `count` also picks a plural form. */
export type MessageVars = Record<string, string | number>;
/** What renderers receive: the words of one language. */
export type Translate = (key: MessageKey, vars?: MessageVars) => string;

export const catalogues: Readonly<Record<Locale, Readonly<Record<string, string>>>> = {
  'en-US': enUS,
  'zh-CN': zhCN,
  'zh-TW': zhTW,
};

function createI18n(): i18n {
  const instance = createInstance({
    resources: Object.fromEntries(LOCALES.map((l) => [l, { translation: catalogues[l] }])),
    lng: DEFAULT_LOCALE,
    fallbackLng: DEFAULT_LOCALE,
    supportedLngs: [...LOCALES],
    // Keys are flat and dotted; messages may contain ':' (times, `/daily set channel:#…`).
    keySeparator: false,
    nsSeparator: false,
    // Discord is not HTML: escaping would show `&amp;` and `&#x2F;` to readers.
    interpolation: { escapeValue: false },
    initAsync: false,
    showSupportNotice: false,
  });
  instance.init();
  // `{{date, localDate}}`: a server-local YYYY-MM-DD day, written as the reader's language writes dates.
  instance.services.formatter?.add('localDate', (value: unknown, lng: string | undefined) => {
    const day = DateTime.fromISO(String(value), { zone: 'utc' });
    return day.isValid ? day.setLocale(lng ?? DEFAULT_LOCALE).toLocaleString(DateTime.DATE_HUGE) : String(value);
  });
  return instance;
}

const i18next = createI18n();
const translators = new Map<Locale, Translate>(
  LOCALES.map((locale) => {
    const fixed = i18next.getFixedT(locale);
    return [locale, (key: MessageKey, vars: MessageVars = {}) => fixed(key, vars)];
  }),
);

/** The `t` of one language. */
export function translatorFor(locale: Locale): Translate {
  return translators.get(locale)!;
}

/** English: the default of every renderer, and the CLI's language. */
export const translate: Translate = translatorFor(DEFAULT_LOCALE);

/**
 * The first of `candidates` (Discord locale codes, most specific first) that
 * StudyBot speaks, else English. Any English variant (`en-GB`) reads en-US;
 * a language StudyBot does not speak passes to the next candidate.
 */
export function resolveLocale(...candidates: ReadonlyArray<string | null | undefined>): Locale {
  for (const candidate of candidates) {
    const locale = asLocale(candidate);
    if (locale) return locale;
  }
  return DEFAULT_LOCALE;
}

/** `candidate` as a language StudyBot speaks, or null. */
export function asLocale(candidate: string | null | undefined): Locale | null {
  if (!candidate) return null;
  if ((LOCALES as readonly string[]).includes(candidate)) return candidate as Locale;
  return candidate.startsWith('en') ? 'en-US' : null;
}

/** Whether `key` names a message (e.g. a key built from a command name at run time). */
export function isMessageKey(key: string): key is MessageKey {
  return key in enUS || `${key}_other` in enUS;
}
